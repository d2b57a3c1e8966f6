//! Reads the rows of an uploaded .xlsx into strings aligned with a column spec, distrusting the upload: the ZIP
//! header is sniffed before calamine sees the file, cells are streamed (no dense grid), rows are capped.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxCellReader};

use super::cells::{is_blank, is_numeric, to_text};
use super::column::{Column, Kind};

/// What to read: the columns (all must be in the header), the sheet to prefer, how many data rows at most.
#[derive(Clone, Copy, Debug)]
pub struct Spec<'a> {
    /// Columns looked up by header text; cells come back in this order.
    pub columns: &'a [Column<'a>],
    /// The sheet read when present (e.g. the template's data sheet), else the first visible worksheet.
    pub preferred_sheet: Option<&'a str>,
    /// Non-blank data rows accepted in one file.
    pub max_rows: usize,
}

impl<'a> Spec<'a> {
    /// Reads `columns` from the first visible worksheet, at most `max_rows` rows.
    pub const fn new(columns: &'a [Column<'a>], max_rows: usize) -> Self {
        Spec {
            columns,
            preferred_sheet: None,
            max_rows,
        }
    }

    /// The same spec, preferring the sheet called `name`.
    pub const fn sheet(self, name: &'a str) -> Self {
        Spec {
            preferred_sheet: Some(name),
            ..self
        }
    }
}

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

/// One non-empty data row as typed, normalised for its columns' kinds but not validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Excel row number (1-based, as shown in Excel; the header is usually row 1).
    pub row: u32,
    /// Cell texts aligned with the spec's columns, trimmed, `""` when empty.
    pub cells: Vec<String>,
    /// Whether each cell was stored as a number (an ID typed into a General cell loses digits beyond the 15th).
    pub numeric: Vec<bool>,
}

impl Row {
    /// The text of cell `idx`, `""` when absent.
    pub fn cell(&self, idx: usize) -> &str {
        self.cells.get(idx).map(String::as_str).unwrap_or_default()
    }
}

/// Reads the data rows of an uploaded file (header matched by text, title lines above it and blank rows skipped).
pub fn read(bytes: &[u8], spec: &Spec<'_>) -> Result<Vec<Row>, ReadError> {
    sniff(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let sheet = pick_sheet(&workbook, spec.preferred_sheet)
        .ok_or_else(|| ReadError::Corrupt("没有工作表".into()))?;
    let mut cells = workbook.worksheet_cells_reader(&sheet).map_err(corrupt)?;
    let raw = collect(&mut cells, spec.columns, spec.max_rows)?;
    Ok(raw
        .into_iter()
        .map(|(row, cells)| Row {
            row: row.saturating_add(1),
            numeric: cells.iter().map(is_numeric).collect(),
            cells: cells
                .iter()
                .zip(spec.columns)
                .map(|(cell, column)| to_text(cell, column.kind))
                .collect(),
        })
        .collect())
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

/// The preferred sheet, else the first visible worksheet, else the first worksheet.
fn pick_sheet<R: std::io::Read + std::io::Seek>(
    workbook: &Xlsx<R>,
    preferred: Option<&str>,
) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| Some(s.name.trim()) == preferred)
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
fn map_header(
    header: &[(u32, DataRef<'_>)],
    columns: &[Column<'_>],
) -> Result<Vec<u32>, ReadError> {
    let mut positions: Vec<Option<u32>> = vec![None; columns.len()];
    for (col, cell) in header {
        let text = to_text(cell, Kind::Text);
        let key = header_key(&text);
        if let Some(idx) = columns.iter().position(|c| c.header == key)
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
        .map(|(column, _)| column.header.to_string())
        .collect();
    if missing.is_empty() {
        Ok(positions.into_iter().flatten().collect())
    } else {
        Err(ReadError::TemplateMismatch { missing })
    }
}

/// Title lines tolerated above the header row.
const MAX_TITLE_ROWS: usize = 3;

/// A data row before conversion: 0-based row index and cells aligned with the spec's columns.
type Pending<'a> = (u32, Vec<DataRef<'a>>);

/// Streams the sheet: finds the header, keeps up to `max_rows` non-blank rows, counts the rest.
///
/// Streaming (instead of `worksheet_range`) avoids calamine allocating a dense
/// rows × columns grid, which a single stray cell at XFD1048576 would make huge.
fn collect<'a, R: std::io::Read + std::io::Seek>(
    cells: &mut XlsxCellReader<'a, R>,
    columns: &[Column<'_>],
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
            let names_a_column = header.iter().any(|(_, c)| names_column(columns, c));
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

/// Whether a header cell names one of the columns.
fn names_column(columns: &[Column<'_>], cell: &DataRef<'_>) -> bool {
    let text = to_text(cell, Kind::Text);
    let key = header_key(&text);
    columns.iter().any(|c| c.header == key)
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

    const COLUMNS: &[Column<'static>] = &[
        Column::text("姓名"),
        Column::new("手机号码", Kind::Phone),
        Column::text("职业"),
        Column::text("等级"),
    ];

    #[test]
    fn map_header_reports_missing_in_template_order() {
        let header: Vec<(u32, DataRef<'static>)> = COLUMNS
            .iter()
            .enumerate()
            .filter(|(_, c)| !matches!(c.header, "手机号码" | "等级"))
            .map(|(i, c)| {
                (
                    u32::try_from(i).expect("small"),
                    DataRef::SharedString(c.header),
                )
            })
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
