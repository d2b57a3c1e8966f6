//! Test-only helpers: fixture workbooks, unzipping and reading back sheets, rewriting ZIP entries.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A fixture cell.
#[derive(Clone, Debug)]
pub(crate) enum Fx {
    /// String cell.
    S(String),
    /// Number cell in General format.
    N(f64),
    /// Date cell (y, m, d) with the given number format.
    D(u16, u8, u8, &'static str),
    /// Nothing written.
    Blank,
}

/// Shorthand for a string fixture cell.
pub(crate) fn s(text: &str) -> Fx {
    Fx::S(text.to_string())
}

/// Writes fixture rows (starting at A1) to a single-sheet workbook.
pub(crate) fn build(sheet: &str, rows: &[Vec<Fx>]) -> Vec<u8> {
    build_sheets(&[(sheet, rows)])
}

/// Writes several sheets of fixture rows.
pub(crate) fn build_sheets(sheets: &[(&str, &[Vec<Fx>])]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).expect("row");
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).expect("col");
                match cell {
                    Fx::S(text) => {
                        ws.write_string(r, c, text).expect("string");
                    }
                    Fx::N(n) => {
                        ws.write_number(r, c, *n).expect("number");
                    }
                    Fx::D(y, m, d, fmt) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                        let fmt = Format::new().set_num_format(*fmt);
                        ws.write_datetime_with_format(r, c, &dt, &fmt)
                            .expect("datetime");
                    }
                    Fx::Blank => {}
                }
            }
        }
    }
    workbook.save_to_buffer().expect("save")
}

/// All entries of a ZIP as (lossy) UTF-8 text.
pub(crate) fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    unzip_raw(bytes)
        .into_iter()
        .map(|(name, buf)| (name, String::from_utf8_lossy(&buf).into_owned()))
        .collect()
}

/// Name and grid (from A1, `""` for empty) of the first sheet, as calamine sees it.
pub(crate) fn read_sheet(bytes: &[u8]) -> (String, Vec<Vec<String>>) {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).expect("open");
    let name = workbook.sheet_names().first().cloned().expect("a sheet");
    let range = workbook.worksheet_range(&name).expect("range");
    let (end_row, end_col) = range.end().expect("not empty");
    let grid = (0..=end_row)
        .map(|r| {
            (0..=end_col)
                .map(|c| match range.get_value((r, c)) {
                    Some(Data::String(text)) => text.clone(),
                    Some(Data::Float(f)) => f.to_string(),
                    Some(Data::Empty) | None => String::new(),
                    Some(other) => format!("{other:?}"),
                })
                .collect()
        })
        .collect();
    (name, grid)
}

/// Builds a ZIP archive with the given (name, content) entries.
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(content).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

/// Copies a ZIP, replacing (`Some`) or dropping (`None`) one entry.
pub(crate) fn rewrite(bytes: &[u8], name: &str, content: Option<&[u8]>) -> Vec<u8> {
    let files = unzip_raw(bytes);
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .filter_map(|(n, c)| match (n == name, content) {
            (false, _) => Some((n.as_str(), c.as_slice())),
            (true, Some(new)) => Some((n.as_str(), new)),
            (true, None) => None,
        })
        .collect();
    zip_of(&entries)
}

/// All entries of a ZIP as raw bytes, in archive order.
fn unzip_raw(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut buf = Vec::new();
            file.read_to_end(&mut buf).expect("read");
            (file.name().expect("entry name").to_string(), buf)
        })
        .collect()
}
