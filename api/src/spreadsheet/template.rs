//! Writes an import template from a column spec: the data sheet (headers with the required ones in red, an
//! example row, text formats, widths, drop-downs and input hints) and the hidden sheet of drop-down values.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, Format, Formula, Workbook, Worksheet, XlsxError,
    column_number_to_name,
};

use super::column::{Column, Kind};
use super::style::{self, TEXT_FORMAT, col_num};

/// Name of the hidden sheet holding the drop-down values.
pub const OPTIONS_SHEET: &str = "选项";

/// A template to write.
#[derive(Clone, Copy, Debug)]
pub struct Template<'a> {
    /// The workbook's title (document properties).
    pub title: &'a str,
    /// Name of the data sheet (the reader's preferred sheet).
    pub sheet: &'a str,
    /// The columns, with their drop-down values.
    pub columns: &'a [Column<'a>],
    /// Example values aligned with the columns, written in grey italic on row 2.
    pub example: &'a [String],
    /// Number of data rows (from row 2) covered by the drop-downs and input hints.
    pub rows: u32,
}

impl Template<'_> {
    /// The workbook: the data sheet, then the sheets `more` adds (e.g. instructions), then the hidden options.
    pub fn write(
        &self,
        more: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
    ) -> Result<Vec<u8>, XlsxError> {
        let lists = lists(self.columns);
        let mut workbook = Workbook::new();
        workbook.set_properties(&DocProperties::new().set_title(style::clip(self.title)));

        let data = workbook.add_worksheet();
        data.set_name(self.sheet)?;
        write_data_sheet(data, self, &lists)?;

        more(&mut workbook)?;

        let options = workbook.add_worksheet();
        options.set_name(OPTIONS_SHEET)?;
        write_options_sheet(options, self.columns, &lists)?;
        options.set_hidden(true);

        workbook.save_to_buffer()
    }
}

/// Each [`Kind::List`] column (index into the columns) with its cleaned values (trimmed, non-empty, unique).
pub fn lists<'a>(columns: &[Column<'a>]) -> Vec<(usize, Vec<&'a str>)> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::List)
        .map(|(idx, c)| {
            let mut cleaned: Vec<&str> = Vec::with_capacity(c.list.len());
            for v in c.list.iter().map(|v| v.trim()) {
                if !v.is_empty() && !cleaned.contains(&v) {
                    cleaned.push(v);
                }
            }
            (idx, cleaned)
        })
        .collect()
}

/// Header, example row, text formats, widths and drop-downs of the 报名信息 sheet.
fn write_data_sheet(
    ws: &mut Worksheet,
    t: &Template<'_>,
    lists: &[(usize, Vec<&str>)],
) -> Result<(), XlsxError> {
    let header = style::header();
    let required_header = style::header().set_font_color(Color::RGB(style::DARK_RED));
    let example_fmt = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x808080))
        .set_num_format_index(TEXT_FORMAT);
    let text = style::text();

    ws.set_row_height(0, 24)?;
    for (idx, column) in t.columns.iter().enumerate() {
        let col = col_num(idx)?;
        let name = column.header;
        let fmt = if column.required {
            &required_header
        } else {
            &header
        };
        ws.write_string_with_format(0, col, name, fmt)?;
        let value = t.example.get(idx).map(|v| v.trim()).unwrap_or("");
        if !value.is_empty() {
            ws.write_string_with_format(1, col, style::clip(value), &example_fmt)?;
        }
        if column.kind.text_format() {
            // Column default style: cells typed later stay text (no 4.4E+17, no date serials).
            ws.set_column_format(col, &text)?;
        }
        let list_width = lists
            .iter()
            .find(|(c, _)| *c == idx)
            .and_then(|(_, values)| values.iter().map(|v| style::display_width(v)).max())
            .map_or(0, |w| w + 2);
        let widest = [
            style::display_width(name),
            style::display_width(value),
            list_width,
        ]
        .into_iter()
        .max()
        .unwrap_or(0);
        ws.set_column_width(col, style::column_width(widest, min_width(column), 40))?;
    }
    ws.set_freeze_panes(1, 0)?;

    for (slot, (idx, values)) in lists.iter().enumerate() {
        if values.is_empty() {
            continue;
        }
        let letter = column_number_to_name(col_num(slot)?);
        let last = values.len() + 1;
        let source = format!("='{OPTIONS_SHEET}'!${letter}$2:${letter}${last}");
        let name = t.columns.get(*idx).map(|c| c.header).unwrap_or_default();
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(source))
            .set_error_title("输入有误")?
            .set_error_message(format!("请从下拉列表中选择「{name}」"))?;
        let col = col_num(*idx)?;
        ws.add_data_validation(1, col, t.rows, col, &dv)?;
    }
    for (idx, column) in t.columns.iter().enumerate() {
        let Some(message) = column.hint else {
            continue;
        };
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title(column.header)?
            .set_input_message(message)?;
        let col = col_num(idx)?;
        ws.add_data_validation(1, col, t.rows, col, &dv)?;
    }
    Ok(())
}

/// One column per drop-down on the hidden 选项 sheet: the column name, then its values.
fn write_options_sheet(
    ws: &mut Worksheet,
    columns: &[Column<'_>],
    lists: &[(usize, Vec<&str>)],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = style::text();
    for (slot, (idx, values)) in lists.iter().enumerate() {
        let col = col_num(slot)?;
        let name = columns.get(*idx).map(|c| c.header).unwrap_or_default();
        ws.write_string_with_format(0, col, name, &bold)?;
        for (i, value) in values.iter().enumerate() {
            let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            ws.write_string_with_format(row, col, style::clip(value), &text)?;
        }
        let widest = values.iter().map(|v| style::display_width(v)).max();
        ws.set_column_width(col, style::column_width(widest.unwrap_or(0), 8, 40))?;
    }
    Ok(())
}

/// Minimum width of a column (its own, else 8) so that IDs, phones and dates are fully visible.
fn min_width(column: &Column<'_>) -> usize {
    if column.width == 0 {
        8
    } else {
        usize::from(column.width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cleaned() {
        let genders: Vec<String> = vec![" 男 ".into(), "女".into(), "".into(), "男".into()];
        let columns = [
            Column::text("姓名"),
            Column::new("性别", Kind::List).with_list(&genders),
            Column::new("等级", Kind::List),
        ];
        assert_eq!(lists(&columns), vec![(1, vec!["男", "女"]), (2, vec![])]);
    }
}
