//! Reads candidate rows from an uploaded .xlsx file into strings aligned with `COLUMNS`.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxCellReader};

use super::COLUMNS;
use super::cells::{Kind, is_blank, is_numeric, to_text};
use super::{COL_BIRTH_DATE, COL_ID_NUMBER, COL_PHONE};

/// Sheet name preferred when reading (the template's data sheet).
pub(super) const DATA_SHEET: &str = "报名信息";

/// Why an uploaded file could not be turned into rows (Display texts are shown to users).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Not an .xlsx (ZIP) file at all: PDF, old .xls, CSV, image, encrypted workbook, …
    #[error(
        "文件不是 Excel 工作簿（.xlsx）格式。请使用下载的导入模板填写；旧版 .xls、WPS 表格、CSV 或加密的文件请先在 Excel 中“另存为 Excel 工作簿(*.xlsx)”，并取消密码后再上传"
    )]
    NotXlsx,
    /// A ZIP that is not a readable workbook; the string is calamine's detail, for logs only.
    #[error("文件已损坏或不是有效的 Excel 工作簿，请用 Excel 打开后重新保存为 .xlsx 再上传")]
    Corrupt(String),
    /// The header row lacks template columns.
    #[error(
        "表头与导入模板不一致，缺少列：{}。请下载最新的导入模板，不要修改表头文字",
        .missing.join("、")
    )]
    TemplateMismatch {
        /// Missing column names, in template order.
        missing: Vec<String>,
    },
    /// Header found but no data rows below it (or a blank sheet).
    #[error("文件中没有考生数据，请在表头下方每行填写一名考生")]
    Empty,
    /// More data rows than allowed in one upload.
    #[error("单次最多导入 {limit} 名考生，文件中有 {found} 行数据，请拆分成多个文件分批导入")]
    TooManyRows {
        /// Maximum rows accepted.
        limit: usize,
        /// Non-empty data rows found.
        found: usize,
    },
}

/// One non-empty data row as typed, normalised but not validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// Excel row number (1-based, as shown in Excel; the header is usually row 1).
    pub row: u32,
    /// Cell texts aligned with `COLUMNS`, trimmed, `""` when empty.
    pub cells: Vec<String>,
    /// True when 证件号码 was stored as a number (digits beyond the 15th are lost).
    pub id_number_was_numeric: bool,
}

/// Reads the data rows of an uploaded import file (header matched by text, blank rows skipped).
pub fn read_rows(bytes: &[u8], max_rows: usize) -> Result<Vec<RawRow>, ReadError> {
    read_with(bytes, COLUMNS, max_rows, convert)
}

/// Reads any table whose header has `columns` (e.g. the occupation catalogue), cells as plain text.
pub fn read_table(
    bytes: &[u8],
    columns: &[&str],
    max_rows: usize,
) -> Result<Vec<RawRow>, ReadError> {
    read_with(bytes, columns, max_rows, |(row, cells)| RawRow {
        row: row.saturating_add(1),
        cells: cells.iter().map(|c| to_text(c, Kind::Plain)).collect(),
        id_number_was_numeric: false,
    })
}

fn read_with(
    bytes: &[u8],
    columns: &[&str],
    max_rows: usize,
    convert: impl Fn(Pending<'_>) -> RawRow,
) -> Result<Vec<RawRow>, ReadError> {
    sniff(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let sheet = pick_sheet(&workbook).ok_or_else(|| ReadError::Corrupt("没有工作表".into()))?;
    let mut cells = workbook.worksheet_cells_reader(&sheet).map_err(corrupt)?;
    let raw = collect(&mut cells, columns, max_rows)?;
    Ok(raw.into_iter().map(convert).collect())
}

/// Rejects anything that is not a ZIP container before calamine sees it.
fn sniff(bytes: &[u8]) -> Result<(), ReadError> {
    // Local file header, or the end-of-central-directory record of an empty archive.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Ok(())
    } else {
        Err(ReadError::NotXlsx)
    }
}

/// Maps a calamine error to `Corrupt`, keeping its text for the logs.
fn corrupt(e: calamine::XlsxError) -> ReadError {
    ReadError::Corrupt(e.to_string())
}

/// The sheet named 报名信息, else the first visible worksheet, else the first worksheet.
fn pick_sheet<R: std::io::Read + std::io::Seek>(workbook: &Xlsx<R>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.name.trim() == DATA_SHEET)
        .or_else(|| worksheets().find(|s| s.visible == SheetVisible::Visible))
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
}

/// Normalises a header cell: trimmed, without a trailing `*` / `＊` / `（必填）` / `(必填)`.
fn header_key(text: &str) -> &str {
    let mut key = text.trim();
    loop {
        let before = key;
        for suffix in ["*", "＊", "（必填）", "(必填)"] {
            key = key.strip_suffix(suffix).unwrap_or(key).trim_end();
        }
        if key == before {
            return key;
        }
    }
}

/// Column positions (0-based sheet columns) of each template column, or the missing names.
fn map_header(header: &[(u32, DataRef<'_>)], columns: &[&str]) -> Result<Vec<u32>, ReadError> {
    let mut positions: Vec<Option<u32>> = vec![None; columns.len()];
    for (col, cell) in header {
        let text = to_text(cell, Kind::Plain);
        let key = header_key(&text);
        if let Some(idx) = columns.iter().position(|c| *c == key)
            && let Some(slot) = positions.get_mut(idx)
            && slot.is_none()
        {
            *slot = Some(*col);
        }
    }
    let missing: Vec<String> = columns
        .iter()
        .zip(&positions)
        .filter(|(_, p)| p.is_none())
        .map(|(name, _)| (*name).to_string())
        .collect();
    if missing.is_empty() {
        Ok(positions.into_iter().flatten().collect())
    } else {
        Err(ReadError::TemplateMismatch { missing })
    }
}

/// Title lines tolerated above the header row.
const MAX_TITLE_ROWS: usize = 3;

/// A data row before conversion: 0-based row index and cells aligned with `COLUMNS`.
type Pending<'a> = (u32, Vec<DataRef<'a>>);

/// Streams the sheet: finds the header, keeps up to `max_rows` non-blank rows, counts the rest.
///
/// Streaming (instead of `worksheet_range`) avoids calamine allocating a dense
/// rows × columns grid, which a single stray cell at XFD1048576 would make huge.
fn collect<'a, R: std::io::Read + std::io::Seek>(
    cells: &mut XlsxCellReader<'a, R>,
    columns: &[&str],
    max_rows: usize,
) -> Result<Vec<Pending<'a>>, ReadError> {
    let mut header: Vec<(u32, DataRef<'a>)> = Vec::new();
    let mut header_row: Option<u32> = None;
    let mut positions: Option<Vec<u32>> = None;
    let mut current: Option<Pending<'a>> = None;
    let mut kept: Vec<Pending<'a>> = Vec::new();
    let mut found = 0usize;
    let mut skipped = 0usize;

    let mut flush = |row: Option<Pending<'a>>, kept: &mut Vec<Pending<'a>>| {
        if let Some(row) = row
            && row.1.iter().any(|c| !is_blank(c))
        {
            found += 1;
            if found <= max_rows {
                kept.push(row);
            }
        }
    };

    while let Some(cell) = cells.next_cell().map_err(corrupt)? {
        let (row, col) = cell.get_position();
        let value = cell.get_value();
        // Still looking for the header: the first row with any non-blank cell.
        let Some(h) = header_row else {
            if !is_blank(value) {
                header_row = Some(row);
                header.push((col, value.clone()));
            }
            continue;
        };
        if positions.is_none() {
            if row == h {
                header.push((col, value.clone()));
                continue;
            }
            // A title line above the header (as in the exported reports) names none of the columns: skip it.
            let names_a_column = header
                .iter()
                .any(|(_, c)| columns.contains(&header_key(&to_text(c, Kind::Plain))));
            if !names_a_column && skipped < MAX_TITLE_ROWS {
                skipped += 1;
                header.clear();
                header_row = (!is_blank(value)).then_some(row);
                if header_row.is_some() {
                    header.push((col, value.clone()));
                }
                continue;
            }
            positions = Some(map_header(&header, columns)?);
        }
        let Some(idx) = positions
            .as_ref()
            .and_then(|pos| pos.iter().position(|p| *p == col))
        else {
            continue; // extra column
        };
        if current.as_ref().is_none_or(|(r, _)| *r != row) {
            flush(current.take(), &mut kept);
            current = Some((row, vec![DataRef::Empty; columns.len()]));
        }
        if let Some((_, row_cells)) = current.as_mut()
            && let Some(slot) = row_cells.get_mut(idx)
        {
            *slot = value.clone();
        }
    }
    flush(current.take(), &mut kept);

    if header_row.is_none() {
        return Err(ReadError::Empty);
    }
    if positions.is_none() {
        // Header row but nothing after it: still report a wrong template first.
        map_header(&header, columns)?;
    }
    if found > max_rows {
        return Err(ReadError::TooManyRows {
            limit: max_rows,
            found,
        });
    }
    if kept.is_empty() {
        return Err(ReadError::Empty);
    }
    kept.sort_by_key(|(row, _)| *row);
    Ok(kept)
}

/// Converts a kept row into its validator-facing strings.
fn convert((row, cells): Pending<'_>) -> RawRow {
    let id_number_was_numeric = cells.get(COL_ID_NUMBER).is_some_and(is_numeric);
    let cells = cells
        .iter()
        .enumerate()
        .map(|(idx, cell)| to_text(cell, kind_of(idx)))
        .collect();
    RawRow {
        row: row.saturating_add(1),
        cells,
        id_number_was_numeric,
    }
}

/// Normalisation applied to a template column.
fn kind_of(idx: usize) -> Kind {
    match idx {
        COL_ID_NUMBER => Kind::IdNumber,
        COL_PHONE => Kind::Phone,
        COL_BIRTH_DATE => Kind::Date,
        _ => Kind::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_suffixes_are_ignored() {
        assert_eq!(header_key(" 姓名* "), "姓名");
        assert_eq!(header_key("姓名＊"), "姓名");
        assert_eq!(header_key("证件号码（必填）"), "证件号码");
        assert_eq!(header_key("证件号码(必填)*"), "证件号码");
        assert_eq!(header_key("工种"), "工种");
    }

    #[test]
    fn sniff_accepts_only_zip() {
        assert!(sniff(b"PK\x03\x04rest").is_ok());
        assert!(sniff(b"PK\x05\x06").is_ok());
        assert_eq!(sniff(b"%PDF-1.7"), Err(ReadError::NotXlsx));
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            Err(ReadError::NotXlsx)
        );
        assert_eq!(sniff("姓名,证件号码\n".as_bytes()), Err(ReadError::NotXlsx));
        assert_eq!(sniff(b""), Err(ReadError::NotXlsx));
    }

    #[test]
    fn map_header_reports_missing_in_template_order() {
        let header: Vec<(u32, DataRef<'static>)> = COLUMNS
            .iter()
            .enumerate()
            .filter(|(_, c)| !matches!(**c, "手机号码" | "等级"))
            .map(|(i, c)| (u32::try_from(i).expect("small"), DataRef::SharedString(c)))
            .collect();
        let err = map_header(&header, COLUMNS).expect_err("missing");
        assert_eq!(
            err,
            ReadError::TemplateMismatch {
                missing: vec!["手机号码".into(), "等级".into()]
            }
        );
        assert!(err.to_string().contains("手机号码、等级"), "{err}");
    }

    #[test]
    fn messages_are_chinese() {
        let e = ReadError::TooManyRows {
            limit: 2000,
            found: 2001,
        };
        assert!(e.to_string().contains("2000") && e.to_string().contains("2001"));
        assert!(ReadError::NotXlsx.to_string().contains(".xlsx"));
        assert!(ReadError::Empty.to_string().contains("没有考生数据"));
        let corrupt = ReadError::Corrupt("Zip error: EOCD".into()).to_string();
        assert!(
            corrupt.contains("损坏") && !corrupt.contains("EOCD"),
            "detail is for logs"
        );
    }
}
