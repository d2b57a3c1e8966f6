//! Finance's spreadsheets: typed cells so that Excel can sum and sort them — amounts as numbers of yuan with the
//! `0.00` format, times as Excel date-times in Beijing time, everything else as text (never a formula).
use crate::domain::time::cst;
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// The number format of amounts (yuan, two decimals).
pub const YUAN_FORMAT: &str = "0.00";
/// The number format of date-times (shown in Beijing time).
pub const TIME_FORMAT: &str = "yyyy-mm-dd hh:mm:ss";

pub enum Cell {
    Text(String),
    /// An amount in fen, written as yuan.
    Yuan(Option<i64>),
    /// A moment, written as the Beijing wall-clock date-time.
    Time(Option<chrono::DateTime<chrono::FixedOffset>>),
}

impl Cell {
    /// A time the API formatted (RFC 3339, or `YYYY-MM-DD HH:MM:SS` in Beijing time).
    pub fn time_str(s: Option<&str>) -> Cell {
        Cell::Time(s.and_then(|s| {
            chrono::DateTime::parse_from_rfc3339(s).ok().or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .and_then(|n| n.and_local_timezone(cst()).single())
            })
        }))
    }
}

fn excel_time(t: &chrono::DateTime<chrono::FixedOffset>) -> Result<ExcelDateTime, XlsxError> {
    let b = t.with_timezone(&cst());
    ExcelDateTime::from_ymd(
        u16::try_from(b.year()).unwrap_or(1900),
        b.month() as u8,
        b.day() as u8,
    )?
    .and_hms(b.hour() as u16, b.minute() as u8, f64::from(b.second()))
}

/// A titled table: title row, bold frozen header with an autofilter, typed body cells.
pub fn write(
    sheet: &str,
    title: &str,
    columns: &[&str],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let yuan = Format::new().set_num_format(YUAN_FORMAT);
    let time = Format::new().set_num_format(TIME_FORMAT);
    let last = u16::try_from(columns.len().max(1) - 1).unwrap_or(0);
    ws.merge_range(0, 0, 0, last, title, &bold)?;
    for (c, name) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(1, c, *name, &bold)?;
        let width = if name.contains("时间") { 20.0 } else { 16.0 };
        ws.set_column_width(c, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c, s, &text)?;
                }
                Cell::Yuan(Some(fen)) => {
                    ws.write_number_with_format(r, c, *fen as f64 / 100.0, &yuan)?;
                }
                Cell::Time(Some(t)) => {
                    ws.write_datetime_with_format(r, c, excel_time(t)?, &time)?;
                }
                Cell::Yuan(None) | Cell::Time(None) => {}
            }
        }
    }
    ws.set_freeze_panes(2, 0)?;
    let last_row = u32::try_from(rows.len() + 1).unwrap_or(u32::MAX);
    ws.autofilter(1, 0, last_row, last)?;
    wb.save_to_buffer()
}

/// Sends a typed table as an .xlsx download.
pub async fn send(
    res: &mut salvo::prelude::Response,
    sheet: &'static str,
    title: String,
    columns: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
    file_name: &str,
) -> crate::error::AppResult<()> {
    use crate::error::AppError;
    let bytes = crate::blocking::blocking(move || {
        write(sheet, &title, columns, &rows)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))
    })
    .await?;
    crate::files::send_download(
        res,
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

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
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-05T02:30:00Z").expect("time");
        let bytes = write(
            "订单",
            "标题",
            &["单号", "金额（元）", "支付时间"],
            &[vec![
                Cell::Text("=1+1".into()),
                Cell::Yuan(Some(12_050)),
                Cell::Time(Some(t)),
            ]],
        )
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
}
