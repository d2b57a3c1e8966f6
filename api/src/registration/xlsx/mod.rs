//! Excel (.xlsx) import template, candidate row reader and result reports for registration.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cells;
mod instructions;
mod reader;
mod report;
mod style;
mod template;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_limits;

pub use reader::{RawRow, ReadError, read_rows, read_table};
pub use report::{
    ReportRow, STATUS_EXISTS, STATUS_FAILED, STATUS_IMPORTED, write_import_report, write_table,
};
/// Error returned by every writer (re-exported from `rust_xlsxwriter`).
pub use rust_xlsxwriter::XlsxError;
pub use template::{ExampleRow, TemplateLists, write_template};

/// Import columns in template order; headers are exactly these strings (required-ness is on the instructions sheet).
pub const COLUMNS: &[&str] = &[
    "姓名",
    "证件类型",
    "证件号码",
    "手机号码",
    "性别",
    "出生日期",
    "民族",
    "户口性质",
    "户口地址",
    "考生来源",
    "文化程度",
    "所在学校或单位",
    "工龄",
    "职业",
    "工种",
    "等级",
];

/// Columns that must always be filled (工种 is additionally required when the occupation has job types).
pub const REQUIRED_COLUMNS: &[&str] = &["姓名", "证件类型", "证件号码", "手机号码", "职业", "等级"];

/// Number of data rows (2..=10001) covered by the template's drop-downs and input hints.
pub const TEMPLATE_DATA_ROWS: u32 = 10_000;

/// Index of 姓名 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_NAME: usize = 0;
/// Index of 证件类型 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_ID_TYPE: usize = 1;
/// Index of 证件号码 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_ID_NUMBER: usize = 2;
/// Index of 手机号码 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_PHONE: usize = 3;
/// Index of 性别 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_GENDER: usize = 4;
/// Index of 出生日期 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_BIRTH_DATE: usize = 5;
/// Index of 民族 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_ETHNICITY: usize = 6;
/// Index of 户口性质 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_HUKOU_TYPE: usize = 7;
/// Index of 户口地址 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_HUKOU_ADDRESS: usize = 8;
/// Index of 考生来源 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_CANDIDATE_SOURCE: usize = 9;
/// Index of 文化程度 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_EDUCATION: usize = 10;
/// Index of 所在学校或单位 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_ORGANIZATION: usize = 11;
/// Index of 工龄 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_WORK_YEARS: usize = 12;
/// Index of 职业 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_OCCUPATION: usize = 13;
/// Index of 工种 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_JOB_TYPE: usize = 14;
/// Index of 等级 in [`COLUMNS`] and [`RawRow::cells`].
pub const COL_LEVEL: usize = 15;

#[cfg(test)]
mod column_tests {
    use super::*;

    #[test]
    fn index_constants_match_column_names() {
        let pairs = [
            (COL_NAME, "姓名"),
            (COL_ID_TYPE, "证件类型"),
            (COL_ID_NUMBER, "证件号码"),
            (COL_PHONE, "手机号码"),
            (COL_GENDER, "性别"),
            (COL_BIRTH_DATE, "出生日期"),
            (COL_ETHNICITY, "民族"),
            (COL_HUKOU_TYPE, "户口性质"),
            (COL_HUKOU_ADDRESS, "户口地址"),
            (COL_CANDIDATE_SOURCE, "考生来源"),
            (COL_EDUCATION, "文化程度"),
            (COL_ORGANIZATION, "所在学校或单位"),
            (COL_WORK_YEARS, "工龄"),
            (COL_OCCUPATION, "职业"),
            (COL_JOB_TYPE, "工种"),
            (COL_LEVEL, "等级"),
        ];
        assert_eq!(pairs.len(), COLUMNS.len());
        for (idx, name) in pairs {
            assert_eq!(COLUMNS[idx], name);
        }
        for required in REQUIRED_COLUMNS {
            assert!(COLUMNS.contains(required), "{required}");
        }
    }
}
