//! Builds the downloadable import template: data sheet, instructions and hidden drop-down lists.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, Format, Formula, Workbook, Worksheet, XlsxError,
    column_number_to_name,
};

use super::reader::DATA_SHEET;
use super::style::{self, TEXT_FORMAT, col_num};
use super::{
    COL_BIRTH_DATE, COL_CANDIDATE_SOURCE, COL_EDUCATION, COL_ETHNICITY, COL_GENDER, COL_HUKOU_TYPE,
    COL_ID_NUMBER, COL_ID_TYPE, COL_JOB_TYPE, COL_LEVEL, COL_OCCUPATION, COL_PHONE, COLUMNS,
    REQUIRED_COLUMNS, TEMPLATE_DATA_ROWS,
};

/// Name of the hidden sheet holding the drop-down values.
pub(super) const OPTIONS_SHEET: &str = "选项";

/// Drop-down values (display labels such as "居民身份证", "汉族", "四级/中级工") for the template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateLists {
    /// 证件类型 labels.
    pub id_types: Vec<String>,
    /// 性别 labels.
    pub genders: Vec<String>,
    /// 民族 labels.
    pub ethnicities: Vec<String>,
    /// 户口性质 labels.
    pub hukou_types: Vec<String>,
    /// 考生来源 labels.
    pub candidate_sources: Vec<String>,
    /// 文化程度 labels.
    pub education_levels: Vec<String>,
    /// 职业 labels offered by the plan.
    pub occupations: Vec<String>,
    /// 工种 labels (all job types of the plan's occupations).
    pub job_types: Vec<String>,
    /// 等级 labels.
    pub levels: Vec<String>,
}

/// Example row values aligned with `COLUMNS` (written in grey italic on row 2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleRow(pub Vec<String>);

/// Each drop-down column (index into `COLUMNS`) with its cleaned values (trimmed, non-empty, unique).
pub(super) fn list_columns(lists: &TemplateLists) -> Vec<(usize, Vec<&str>)> {
    [
        (COL_ID_TYPE, &lists.id_types),
        (COL_GENDER, &lists.genders),
        (COL_ETHNICITY, &lists.ethnicities),
        (COL_HUKOU_TYPE, &lists.hukou_types),
        (COL_CANDIDATE_SOURCE, &lists.candidate_sources),
        (COL_EDUCATION, &lists.education_levels),
        (COL_OCCUPATION, &lists.occupations),
        (COL_JOB_TYPE, &lists.job_types),
        (COL_LEVEL, &lists.levels),
    ]
    .into_iter()
    .map(|(col, values)| {
        let mut cleaned: Vec<&str> = Vec::with_capacity(values.len());
        for v in values.iter().map(|v| v.trim()) {
            if !v.is_empty() && !cleaned.contains(&v) {
                cleaned.push(v);
            }
        }
        (col, cleaned)
    })
    .collect()
}

/// Whether a column is a typed-as-text column (IDs, phones, dates) in the template.
pub(super) fn is_text_column(col: usize) -> bool {
    matches!(col, COL_ID_NUMBER | COL_PHONE | COL_BIRTH_DATE)
}

/// Writes the import template for a plan as .xlsx bytes.
pub fn write_template(
    plan_name: &str,
    lists: &TemplateLists,
    example: &ExampleRow,
) -> Result<Vec<u8>, XlsxError> {
    let columns = list_columns(lists);
    let mut workbook = Workbook::new();
    let title = format!("{} 报名信息导入模板", plan_name.trim());
    workbook.set_properties(&DocProperties::new().set_title(style::clip(&title)));

    let data = workbook.add_worksheet();
    data.set_name(DATA_SHEET)?;
    write_data_sheet(data, &columns, example)?;

    let help = workbook.add_worksheet();
    super::instructions::write(help, plan_name, &columns)?;

    let options = workbook.add_worksheet();
    options.set_name(OPTIONS_SHEET)?;
    write_options_sheet(options, &columns)?;
    options.set_hidden(true);

    workbook.save_to_buffer()
}

/// Header, example row, text formats, widths and drop-downs of the 报名信息 sheet.
fn write_data_sheet(
    ws: &mut Worksheet,
    lists: &[(usize, Vec<&str>)],
    example: &ExampleRow,
) -> Result<(), XlsxError> {
    let header = style::header();
    let required_header = style::header().set_font_color(Color::RGB(style::DARK_RED));
    let example_fmt = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x808080))
        .set_num_format_index(TEXT_FORMAT);
    let text = style::text();

    ws.set_row_height(0, 24)?;
    for (idx, name) in COLUMNS.iter().enumerate() {
        let col = col_num(idx)?;
        let fmt = if REQUIRED_COLUMNS.contains(name) {
            &required_header
        } else {
            &header
        };
        ws.write_string_with_format(0, col, *name, fmt)?;
        let value = example.0.get(idx).map(|v| v.trim()).unwrap_or("");
        if !value.is_empty() {
            ws.write_string_with_format(1, col, style::clip(value), &example_fmt)?;
        }
        if is_text_column(idx) {
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
        ws.set_column_width(col, style::column_width(widest, min_width(idx), 40))?;
    }
    ws.set_freeze_panes(1, 0)?;

    for (slot, (idx, values)) in lists.iter().enumerate() {
        if values.is_empty() {
            continue;
        }
        let letter = column_number_to_name(col_num(slot)?);
        let last = values.len() + 1;
        let source = format!("='{OPTIONS_SHEET}'!${letter}$2:${letter}${last}");
        let name = COLUMNS.get(*idx).copied().unwrap_or_default();
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(source))
            .set_error_title("输入有误")?
            .set_error_message(format!("请从下拉列表中选择「{name}」"))?;
        let col = col_num(*idx)?;
        ws.add_data_validation(1, col, TEMPLATE_DATA_ROWS, col, &dv)?;
    }
    for (idx, title, message) in [
        (
            COL_ID_NUMBER,
            "证件号码",
            "居民身份证填写 18 位号码，末位 X 大写。本列为文本格式，请勿改为数值。",
        ),
        (COL_PHONE, "手机号码", "填写 11 位手机号码。"),
        (
            COL_BIRTH_DATE,
            "出生日期",
            "格式：YYYY-MM-DD，例如 1990-01-01。",
        ),
    ] {
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title(title)?
            .set_input_message(message)?;
        let col = col_num(idx)?;
        ws.add_data_validation(1, col, TEMPLATE_DATA_ROWS, col, &dv)?;
    }
    Ok(())
}

/// One column per drop-down on the hidden 选项 sheet: the column name, then its values.
fn write_options_sheet(ws: &mut Worksheet, lists: &[(usize, Vec<&str>)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = style::text();
    for (slot, (idx, values)) in lists.iter().enumerate() {
        let col = col_num(slot)?;
        let name = COLUMNS.get(*idx).copied().unwrap_or_default();
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

/// Minimum width per column so IDs, phones and dates are fully visible.
fn min_width(idx: usize) -> usize {
    match idx {
        COL_ID_NUMBER => 22,
        COL_PHONE => 14,
        COL_BIRTH_DATE => 13,
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{sample_example, sample_lists, unzip};
    use super::*;

    #[test]
    fn lists_are_cleaned() {
        let lists = TemplateLists {
            genders: vec![" 男 ".into(), "女".into(), "".into(), "男".into()],
            ..TemplateLists::default()
        };
        let cols = list_columns(&lists);
        assert_eq!(cols.len(), 9);
        let genders = cols.iter().find(|(c, _)| *c == COL_GENDER).expect("gender");
        assert_eq!(genders.1, vec!["男", "女"]);
    }

    #[test]
    fn template_xml_has_validations_text_columns_and_hidden_sheet() {
        let bytes =
            write_template("2026年第一批", &sample_lists(), &sample_example()).expect("write");
        let files = unzip(&bytes);
        let sheet1 = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert!(sheet1.contains("<dataValidation"), "no data validation");
        // Drop-downs point at the hidden sheet and cover rows 2..=10001.
        assert!(
            sheet1.contains("选项'!$C$2:$C$59"),
            "民族 list range missing"
        );
        assert!(sheet1.contains("sqref=\"G2:G10001\""), "民族 range rows");
        assert!(sheet1.contains("sqref=\"P2:P10001\""), "等级 range rows");
        assert!(sheet1.contains("YYYY-MM-DD"), "date input hint");
        assert!(sheet1.contains("<pane ySplit=\"1\""), "frozen header");
        // Text format (numFmtId 49 = "@") is the default style of the ID/phone/date columns.
        let styles = files.get("xl/styles.xml").expect("styles");
        assert!(
            styles.contains("numFmtId=\"49\""),
            "built-in text number format"
        );
        for col in ["3", "4", "6"] {
            assert!(
                sheet1.contains(&format!("<col min=\"{col}\" max=\"{col}\"")),
                "col {col}"
            );
        }
        let col_defs: Vec<&str> = sheet1.split("<col ").skip(1).collect();
        let styled = col_defs.iter().filter(|c| c.contains("style=")).count();
        assert_eq!(
            styled, 3,
            "exactly 证件号码/手机号码/出生日期 carry a column style"
        );

        let workbook = files.get("xl/workbook.xml").expect("workbook");
        assert!(workbook.contains("name=\"报名信息\""));
        assert!(workbook.contains("name=\"填写说明\""));
        assert!(
            workbook.contains("name=\"选项\" sheetId=\"3\" state=\"hidden\""),
            "{workbook}"
        );
        let options = files.get("xl/worksheets/sheet3.xml").expect("sheet3");
        assert!(
            options.contains("<c r=\"C59\""),
            "58 民族 values end at C59"
        );
        let strings = files.get("xl/sharedStrings.xml").expect("strings");
        assert!(strings.contains("四级/中级工") && strings.contains("2026年第一批"));
    }

    #[test]
    fn empty_lists_get_no_drop_down() {
        let lists = TemplateLists {
            levels: vec!["四级/中级工".into()],
            ..TemplateLists::default()
        };
        let bytes = write_template("计划", &lists, &ExampleRow::default()).expect("write");
        let files = unzip(&bytes);
        let sheet1 = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert_eq!(sheet1.matches("type=\"list\"").count(), 1);
        assert!(
            sheet1.contains("$I$2:$I$2"),
            "等级 is the 9th list column: {sheet1}"
        );
    }
}
