//! Spreadsheets (.xlsx) for every feature: a column spec from which import templates, the reader's checks, the
//! row-level import reports and the exports are all derived, on calamine (read) and rust_xlsxwriter (write).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cells;
mod column;
mod read;
pub mod style;
mod table;
mod template;

#[cfg(test)]
pub(crate) mod test_support;

pub use column::{Column, Fault, Kind, Problem, check, headers};
pub use read::{ReadError, Row, Spec, read};
/// Error returned by every writer (re-exported from `rust_xlsxwriter`).
pub use rust_xlsxwriter::XlsxError;
pub use table::{Cell, Line, TIME_FORMAT, Table, YUAN_FORMAT};
pub use template::{OPTIONS_SHEET, Template, lists};

use crate::error::{AppError, AppResult};
use salvo::prelude::Response;

/// The media type of .xlsx files.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook that could not be written is the server's fault.
pub fn write_error(e: XlsxError) -> AppError {
    AppError::Internal(anyhow::anyhow!("xlsx: {e}"))
}

/// An upload that could not be read, as the error the client sees (the messages are written for users).
pub fn read_error(e: ReadError) -> AppError {
    let message = e.to_string();
    match e {
        ReadError::NotXlsx => AppError::UnsupportedMedia {
            code: "not_xlsx",
            message: message.into(),
        },
        ReadError::Corrupt(_) => AppError::unprocessable("corrupt_xlsx", message),
        ReadError::TemplateMismatch { .. } => AppError::unprocessable("template_mismatch", message),
        ReadError::Empty => AppError::unprocessable("empty_import", message),
        ReadError::TooManyRows { .. } => AppError::unprocessable("too_many_rows", message),
    }
}

/// Writes `table` off the async executor and sends it as the download `file_name`.
pub async fn send(res: &mut Response, table: Table<'static>, file_name: &str) -> AppResult<()> {
    let bytes = crate::blocking::blocking(move || table.write().map_err(write_error)).await?;
    crate::files::send_download(res, bytes, XLSX, file_name);
    Ok(())
}
