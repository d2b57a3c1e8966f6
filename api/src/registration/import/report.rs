//! The 「导入结果」 report of a registration import: one line per row of the file, a summary of the counts, the
//! refused rows in red.

use crate::spreadsheet::{Cell, Column, Kind, Line, Table, XlsxError};

/// Status of a row that was imported.
pub const STATUS_IMPORTED: &str = "导入成功";
/// Status of a row whose candidate was already registered.
pub const STATUS_EXISTS: &str = "已存在";
/// Status of a row that was rejected.
pub const STATUS_FAILED: &str = "失败";

/// Sheet name of the import report.
const REPORT_SHEET: &str = "导入结果";
/// Columns of the import report.
const REPORT_COLUMNS: &[Column<'static>] = &[
    Column::new("行号", Kind::Integer),
    Column::text("姓名"),
    Column::new("证件号码", Kind::IdNumber),
    Column::text("报考项目"),
    Column::text("结果"),
    Column::text("说明"),
];

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
    let lines = rows
        .iter()
        .map(|r| Line {
            cells: vec![
                Cell::Number(f64::from(r.row)),
                Cell::Text(r.name.clone()),
                Cell::Text(r.id_number.clone()),
                Cell::Text(r.item.clone()),
                Cell::Text(r.status.clone()),
                Cell::Text(r.message.clone()),
            ],
            failed: r.status.trim() == STATUS_FAILED,
        })
        .collect();
    Table {
        sheet: REPORT_SHEET,
        title: title.to_string(),
        summary: Some(summary),
        columns: REPORT_COLUMNS,
        lines,
    }
    .write()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{read_sheet, unzip};
    use super::*;
    use crate::spreadsheet::headers;

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
        assert_eq!(grid[2], headers(REPORT_COLUMNS));
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
}
