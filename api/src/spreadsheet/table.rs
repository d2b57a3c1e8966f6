//! Writes titled tables: every export, and the row-level report of an import (a summary line under the title,
//! refused rows in light red). Cells are typed so that Excel can sum and sort them: amounts as numbers of yuan
//! with `0.00`, times as Excel date-times in Beijing time, everything else as text (never a formula).

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::column::Column;
use super::style::{self, col_num};
use crate::domain::money::yuan;
use crate::domain::time::cst;

/// The number format of amounts (yuan, two decimals).
pub const YUAN_FORMAT: &str = "0.00";
/// The number format of date-times (shown in Beijing time).
pub const TIME_FORMAT: &str = "yyyy-mm-dd hh:mm:ss";

/// A body cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text stored with the `@` format (blank when empty).
    Text(String),
    /// A real number (row numbers sort numerically).
    Number(f64),
    /// An amount in fen, written as yuan (blank when absent).
    Money(Option<i64>),
    /// A moment, written as the Beijing wall-clock date-time (blank when absent).
    Time(Option<DateTime<FixedOffset>>),
}

impl Cell {
    /// A time the API formatted (RFC 3339, or `YYYY-MM-DD HH:MM:SS` in Beijing time).
    pub fn time_str(s: Option<&str>) -> Cell {
        Cell::Time(s.and_then(|s| {
            DateTime::parse_from_rfc3339(s).ok().or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .and_then(|n| n.and_local_timezone(cst()).single())
            })
        }))
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

/// A body row and whether it is highlighted as refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    /// Cells aligned with the columns.
    pub cells: Vec<Cell>,
    /// Light red fill when true.
    pub failed: bool,
}

impl From<Vec<Cell>> for Line {
    fn from(cells: Vec<Cell>) -> Self {
        Line {
            cells,
            failed: false,
        }
    }
}

/// A titled table on one sheet: title (row 1), optional summary (row 2), bold frozen header with an autofilter,
/// typed body cells, widths from the content (CJK counts double) and at least each column's `width`.
#[derive(Clone, Debug)]
pub struct Table<'a> {
    /// Sheet name (made valid for Excel).
    pub sheet: &'a str,
    /// Title line above the header.
    pub title: String,
    /// Bold line under the title (e.g. the import report's counts).
    pub summary: Option<String>,
    /// Header and minimum widths.
    pub columns: &'a [Column<'a>],
    /// Body rows.
    pub lines: Vec<Line>,
}

impl<'a> Table<'a> {
    /// A table of typed rows.
    pub fn new(
        sheet: &'a str,
        title: impl Into<String>,
        columns: &'a [Column<'a>],
        rows: Vec<Vec<Cell>>,
    ) -> Self {
        Table {
            sheet,
            title: title.into(),
            summary: None,
            columns,
            lines: rows.into_iter().map(Line::from).collect(),
        }
    }

    /// A table whose cells are all text.
    pub fn text(
        sheet: &'a str,
        title: impl Into<String>,
        columns: &'a [Column<'a>],
        rows: Vec<Vec<String>>,
    ) -> Self {
        let rows = rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect())
            .collect();
        Self::new(sheet, title, columns, rows)
    }

    /// The workbook as .xlsx bytes.
    pub fn write(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let ws = workbook.add_worksheet();
        ws.set_name(style::sheet_name(self.sheet))?;
        fill(ws, self)?;
        workbook.save_to_buffer()
    }
}

/// Converts a moment to the Beijing wall-clock Excel date-time.
fn excel_time(t: &DateTime<FixedOffset>) -> Result<ExcelDateTime, XlsxError> {
    let b = t.with_timezone(&cst());
    ExcelDateTime::from_ymd(
        u16::try_from(b.year()).unwrap_or(1900),
        u8::try_from(b.month()).unwrap_or(1),
        u8::try_from(b.day()).unwrap_or(1),
    )?
    .and_hms(
        u16::try_from(b.hour()).unwrap_or(0),
        u8::try_from(b.minute()).unwrap_or(0),
        f64::from(b.second()),
    )
}

/// Text a spreadsheet would take for a formula if someone edited the cell: it is written as a string cell (never
/// with write_formula) and marked with Excel's quote prefix so that it stays text.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The formats of one kind of body row (plain or refused).
struct Body {
    /// Text and numbers.
    text: Format,
    /// Amounts.
    money: Format,
    /// Date-times.
    time: Format,
}

impl Body {
    /// The formats of a body row, each passed through `look` (e.g. the red of refused rows).
    fn new(look: impl Fn(Format) -> Format) -> Self {
        Body {
            text: look(style::body()),
            money: look(style::frame().set_num_format(YUAN_FORMAT)),
            time: look(style::frame().set_num_format(TIME_FORMAT)),
        }
    }
}

/// Layout: title (row 1), optional summary (row 2), header, body.
fn fill(ws: &mut Worksheet, table: &Table<'_>) -> Result<(), XlsxError> {
    let columns = table.columns;
    let last_col = col_num(columns.len().max(1) - 1)?;
    let title_fmt = style::title().set_num_format_index(style::TEXT_FORMAT);
    let summary_fmt = Format::new()
        .set_bold()
        .set_num_format_index(style::TEXT_FORMAT);
    let body = Body::new(|f| f);
    let failed = Body::new(|f| {
        f.set_background_color(Color::RGB(style::FAILED_FILL))
            .set_font_color(Color::RGB(style::DARK_RED))
    });

    banner(ws, 0, last_col, &table.title, &title_fmt)?;
    ws.set_row_height(0, 28)?;
    let mut header_row = 1;
    if let Some(summary) = &table.summary {
        banner(ws, 1, last_col, summary, &summary_fmt)?;
        header_row = 2;
    }
    let header = style::header();
    for (i, column) in columns.iter().enumerate() {
        ws.write_string_with_format(header_row, col_num(i)?, style::clip(column.header), &header)?;
    }

    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| style::display_width(c.header))
        .collect();
    let mut row = header_row;
    for line in &table.lines {
        row += 1;
        let fmt = if line.failed { &failed } else { &body };
        for (i, width) in widths.iter_mut().enumerate() {
            let col = col_num(i)?;
            let shown = match line.cells.get(i) {
                Some(Cell::Text(text)) if looks_like_formula(text) => {
                    let quoted = fmt.text.clone().set_quote_prefix();
                    ws.write_string_with_format(row, col, style::clip(text), &quoted)?;
                    style::display_width(text)
                }
                Some(Cell::Text(text)) if !text.is_empty() => {
                    ws.write_string_with_format(row, col, style::clip(text), &fmt.text)?;
                    style::display_width(text)
                }
                Some(Cell::Number(n)) => {
                    ws.write_number_with_format(row, col, *n, &fmt.text)?;
                    n.to_string().len()
                }
                Some(Cell::Money(Some(fen))) => {
                    // Fen are far below 2^53: the conversion is exact.
                    ws.write_number_with_format(row, col, *fen as f64 / 100.0, &fmt.money)?;
                    yuan(*fen).len()
                }
                Some(Cell::Time(Some(t))) => {
                    ws.write_datetime_with_format(row, col, excel_time(t)?, &fmt.time)?;
                    TIME_FORMAT.len()
                }
                _ => {
                    ws.write_blank(row, col, &fmt.text)?;
                    0
                }
            };
            *width = (*width).max(shown);
        }
    }

    for (i, (width, column)) in widths.iter().zip(columns).enumerate() {
        let min = if column.width == 0 {
            6
        } else {
            usize::from(column.width)
        };
        ws.set_column_width(col_num(i)?, style::column_width(*width, min, 50))?;
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
    use super::super::column::Kind;
    use super::super::test_support::{read_sheet, unzip};
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    const COLUMNS: &[Column<'static>] = &[
        Column::text("序号"),
        Column::new("证件号码", Kind::IdNumber),
        Column::text("姓名"),
    ];

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
        let bytes = Table::text("报名表/2026", "报名统计表", COLUMNS, rows)
            .write()
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
    fn a_summary_line_and_refused_rows_in_red() {
        let mut table = Table::new(
            "导入结果",
            "结果",
            COLUMNS,
            vec![vec![Cell::Number(2.0)], vec![Cell::Number(3.0)]],
        );
        table.summary = Some("共 2 行".into());
        table.lines[1].failed = true;
        let bytes = table.write().expect("write");
        let (_, grid) = read_sheet(&bytes);
        assert_eq!(grid[1][0], "共 2 行");
        assert_eq!(grid[3][0], "2");
        let files = unzip(&bytes);
        let sheet = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert!(sheet.contains("<pane ySplit=\"3\""), "frozen below header");
        assert!(
            files["xl/styles.xml"].contains("FFFFC7CE"),
            "light red fill"
        );
    }

    #[test]
    fn degenerate_tables_do_not_fail() {
        assert!(Table::text("", "只有标题", &[], vec![]).write().is_ok());
        let one = [Column::text("姓名")];
        let bytes = Table::text("单列", "标题", &one, vec![vec!["张三".into()]])
            .write()
            .expect("one col");
        let (_, grid) = read_sheet(&bytes);
        assert_eq!(grid[2][0], "张三");
    }

    fn serial(v: f64) -> String {
        let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        (base + chrono::Duration::seconds((v * 86_400.0).round() as i64))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    #[test]
    fn amounts_are_numbers_and_times_are_beijing_date_times() {
        let t = DateTime::parse_from_rfc3339("2026-12-05T02:30:00Z").expect("time");
        let columns = [
            Column::text("单号"),
            Column::new("金额（元）", Kind::Money),
            Column::new("支付时间", Kind::Time),
        ];
        let bytes = Table::new(
            "订单",
            "标题",
            &columns,
            vec![vec![
                Cell::Text("=1+1".into()),
                Cell::Money(Some(12_050)),
                Cell::Time(Some(t)),
            ]],
        )
        .write()
        .expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("订单").expect("sheet");
        assert_eq!(range.get_value((2, 0)), Some(&Data::String("=1+1".into())));
        assert_eq!(range.get_value((2, 1)), Some(&Data::Float(120.5)));
        match range.get_value((2, 2)) {
            Some(Data::DateTime(d)) => {
                assert_eq!(serial(d.as_f64()), "2026-12-05 10:30:00");
            }
            other => panic!("not a date-time: {other:?}"),
        }
    }

    #[test]
    fn api_times_are_read_as_rfc3339_or_beijing_wall_clock() {
        let a = Cell::time_str(Some("2026-12-05T10:30:00+08:00"));
        let b = Cell::time_str(Some("2026-12-05 10:30:00"));
        assert_eq!(a, b);
        assert_eq!(Cell::time_str(Some("不是时间")), Cell::Time(None));
    }
}
