//! Writes the per-row import result report and generic titled tables (e.g. registration reports).

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::style::{self, col_num};

/// Status of a row that was imported.
pub const STATUS_IMPORTED: &str = "导入成功";
/// Status of a row whose candidate was already registered.
pub const STATUS_EXISTS: &str = "已存在";
/// Status of a row that was rejected.
pub const STATUS_FAILED: &str = "失败";

/// Sheet name of the import report.
const REPORT_SHEET: &str = "导入结果";
/// Column headers of the import report.
const REPORT_COLUMNS: [&str; 6] = ["行号", "姓名", "证件号码", "报考项目", "结果", "说明"];

/// One line of the import report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRow {
    /// Excel row number in the uploaded file.
    pub row: u32,
    /// Candidate name as typed.
    pub name: String,
    /// ID number in full: the report goes only to the institution that imported the file.
    pub id_number: String,
    /// Registered item, e.g. "电工 四级/中级工".
    pub item: String,
    /// One of [`STATUS_IMPORTED`], [`STATUS_EXISTS`], [`STATUS_FAILED`].
    pub status: String,
    /// Reason or remark shown to the institution.
    pub message: String,
}

/// A cell value in a report body.
enum Value<'a> {
    /// Text stored with the `@` format.
    Text(&'a str),
    /// A real number (row numbers sort numerically).
    Number(f64),
}

/// A body row and whether it is highlighted as failed.
struct Line<'a> {
    /// Values aligned with the header.
    values: Vec<Value<'a>>,
    /// Light red fill when true.
    failed: bool,
}

/// Writes the 「导入结果」 report with a summary line and failed rows highlighted.
pub fn write_import_report(title: &str, rows: &[ReportRow]) -> Result<Vec<u8>, XlsxError> {
    let count = |status: &str| rows.iter().filter(|r| r.status.trim() == status).count();
    let summary = format!(
        "共 {} 行，成功 {}，已存在 {}，失败 {}",
        rows.len(),
        count(STATUS_IMPORTED),
        count(STATUS_EXISTS),
        count(STATUS_FAILED)
    );
    let lines: Vec<Line<'_>> = rows
        .iter()
        .map(|r| Line {
            values: vec![
                Value::Number(f64::from(r.row)),
                Value::Text(&r.name),
                Value::Text(&r.id_number),
                Value::Text(&r.item),
                Value::Text(&r.status),
                Value::Text(&r.message),
            ],
            failed: r.status.trim() == STATUS_FAILED,
        })
        .collect();
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(REPORT_SHEET)?;
    fill(ws, title, Some(&summary), &REPORT_COLUMNS, &lines)?;
    workbook.save_to_buffer()
}

/// Writes a titled table: merged title, bold frozen header with autofilter, text cells.
pub fn write_table(
    sheet_name: &str,
    title: &str,
    columns: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, XlsxError> {
    let lines: Vec<Line<'_>> = rows
        .iter()
        .map(|r| Line {
            values: r.iter().map(|v| Value::Text(v)).collect(),
            failed: false,
        })
        .collect();
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(style::sheet_name(sheet_name))?;
    fill(ws, title, None, columns, &lines)?;
    workbook.save_to_buffer()
}

/// Text a spreadsheet would take for a formula if someone edited the cell: it is written as a string cell (never
/// with write_formula) and marked with Excel's quote prefix so that it stays text.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Shared layout: title (row 1), optional summary (row 2), header, body.
fn fill(
    ws: &mut Worksheet,
    title: &str,
    summary: Option<&str>,
    columns: &[&str],
    lines: &[Line<'_>],
) -> Result<(), XlsxError> {
    let last_col = col_num(columns.len().max(1) - 1)?;
    let title_fmt = style::title().set_num_format_index(style::TEXT_FORMAT);
    let summary_fmt = Format::new()
        .set_bold()
        .set_num_format_index(style::TEXT_FORMAT);
    let body = style::body();
    let failed = style::body()
        .set_background_color(Color::RGB(style::FAILED_FILL))
        .set_font_color(Color::RGB(style::DARK_RED));

    banner(ws, 0, last_col, title, &title_fmt)?;
    ws.set_row_height(0, 28)?;
    let mut header_row = 1;
    if let Some(summary) = summary {
        banner(ws, 1, last_col, summary, &summary_fmt)?;
        header_row = 2;
    }
    let header = style::header();
    for (i, name) in columns.iter().enumerate() {
        ws.write_string_with_format(header_row, col_num(i)?, style::clip(name), &header)?;
    }

    let mut widths: Vec<usize> = columns.iter().map(|c| style::display_width(c)).collect();
    let mut row = header_row;
    for line in lines {
        row += 1;
        let fmt = if line.failed { &failed } else { &body };
        for (i, width) in widths.iter_mut().enumerate() {
            let col = col_num(i)?;
            match line.values.get(i) {
                Some(Value::Text(text)) if looks_like_formula(text) => {
                    let quoted = fmt.clone().set_quote_prefix();
                    ws.write_string_with_format(row, col, style::clip(text), &quoted)?;
                    *width = (*width).max(style::display_width(text));
                }
                Some(Value::Text(text)) if !text.is_empty() => {
                    ws.write_string_with_format(row, col, style::clip(text), fmt)?;
                    *width = (*width).max(style::display_width(text));
                }
                Some(Value::Number(n)) => {
                    ws.write_number_with_format(row, col, *n, fmt)?;
                    *width = (*width).max(n.to_string().len());
                }
                _ => {
                    ws.write_blank(row, col, fmt)?;
                }
            }
        }
    }

    for (i, width) in widths.iter().enumerate() {
        ws.set_column_width(col_num(i)?, style::column_width(*width, 6, 50))?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    if !columns.is_empty() {
        ws.autofilter(header_row, 0, row, last_col)?;
    }
    Ok(())
}

/// A full-width line: merged across the table, or a plain cell for one-column tables.
fn banner(
    ws: &mut Worksheet,
    row: u32,
    last_col: u16,
    text: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if last_col == 0 {
        ws.write_string_with_format(row, 0, style::clip(text), fmt)?;
    } else {
        ws.merge_range(row, 0, row, last_col, style::clip(text), fmt)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{read_sheet, unzip};
    use super::*;

    fn report_rows() -> Vec<ReportRow> {
        let make = |row, name: &str, status: &str, message: &str| ReportRow {
            row,
            name: name.into(),
            id_number: "44010619900101123X".into(),
            item: "电工 四级/中级工".into(),
            status: status.into(),
            message: message.into(),
        };
        vec![
            make(2, "张三", STATUS_IMPORTED, ""),
            make(3, "李四", STATUS_EXISTS, "该考生已报名此项目"),
            make(4, "王五", STATUS_FAILED, "证件号码校验位错误"),
            make(5, "赵六", STATUS_FAILED, "手机号码应为 11 位"),
        ]
    }

    #[test]
    fn import_report_layout_and_summary() {
        let bytes = write_import_report("2026年第一批 导入结果", &report_rows()).expect("write");
        let (name, grid) = read_sheet(&bytes);
        assert_eq!(name, "导入结果");
        assert_eq!(grid[0][0], "2026年第一批 导入结果");
        assert_eq!(grid[1][0], "共 4 行，成功 1，已存在 1，失败 2");
        assert_eq!(grid[2], REPORT_COLUMNS.map(String::from).to_vec());
        assert_eq!(
            grid[3],
            vec![
                "2",
                "张三",
                "44010619900101123X",
                "电工 四级/中级工",
                "导入成功",
                ""
            ]
        );
        assert_eq!(grid[5][5], "证件号码校验位错误");
        assert_eq!(grid.len(), 7);

        let files = unzip(&bytes);
        let sheet = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert!(sheet.contains("<pane ySplit=\"3\""), "frozen below header");
        assert!(sheet.contains("<mergeCell ref=\"A1:F1\"/>") && sheet.contains("A2:F2"));
        let styles = files.get("xl/styles.xml").expect("styles");
        assert!(styles.contains("FFFFC7CE"), "light red fill present");
        // Failed rows (5 and 6) share a style different from the successful row 4.
        let style_of = |cell: &str| -> String {
            let start = sheet.find(&format!("<c r=\"{cell}\"")).expect("cell");
            let rest = &sheet[start..];
            let s = rest.find(" s=\"").expect("style") + 4;
            rest[s..].split('"').next().expect("value").to_string()
        };
        // Data starts on row 4: 张三 (4), 李四 (5), 王五 and 赵六 failed (6, 7).
        assert_eq!(style_of("B4"), style_of("B5"));
        assert_eq!(style_of("B6"), style_of("B7"));
        assert_ne!(style_of("B5"), style_of("B6"));
    }

    #[test]
    fn empty_report_still_has_summary() {
        let bytes = write_import_report("结果", &[]).expect("write");
        let (_, grid) = read_sheet(&bytes);
        assert_eq!(grid[1][0], "共 0 行，成功 0，已存在 0，失败 0");
    }

    #[test]
    fn table_has_title_header_autofilter_and_text() {
        let rows = vec![
            vec![
                "1".to_string(),
                "440106199001011234".to_string(),
                "张三".into(),
            ],
            vec!["2".to_string(), "".to_string()],
        ];
        let bytes = write_table(
            "报名表/2026",
            "报名统计表",
            &["序号", "证件号码", "姓名"],
            &rows,
        )
        .expect("write");
        let (name, grid) = read_sheet(&bytes);
        assert_eq!(name, "报名表_2026");
        assert_eq!(grid[0][0], "报名统计表");
        assert_eq!(grid[1], vec!["序号", "证件号码", "姓名"]);
        // Long digit strings stay strings.
        assert_eq!(grid[2][1], "440106199001011234");
        assert_eq!(grid[3], vec!["2", "", ""]);
        let files = unzip(&bytes);
        let sheet = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert!(sheet.contains("<autoFilter ref=\"A2:C4\"/>"), "{sheet}");
        assert!(sheet.contains("<pane ySplit=\"2\""));
        assert!(sheet.contains("<mergeCell ref=\"A1:C1\"/>"));
        assert!(
            !sheet.contains("t=\"n\"") && !sheet.contains("<v>440106"),
            "no numbers"
        );
    }

    #[test]
    fn degenerate_tables_do_not_fail() {
        assert!(write_table("", "只有标题", &[], &[]).is_ok());
        let bytes =
            write_table("单列", "标题", &["姓名"], &[vec!["张三".into()]]).expect("one col");
        let (_, grid) = read_sheet(&bytes);
        assert_eq!(grid[2][0], "张三");
    }
}
