//! The columns of the registration import file: headers in template order, kinds, required cells, widths and
//! input hints, from which its template, reader and checks are derived.

use crate::spreadsheet::{self, Column, Kind, ReadError, Row, Spec};

/// The template's data sheet, preferred when reading.
pub const DATA_SHEET: &str = "报名信息";

/// Import columns in template order (工种 is additionally required when the occupation has job types).
pub const COLUMNS: &[Column<'static>] = &[
    Column::text("姓名").required(),
    Column::new("证件类型", Kind::List).required(),
    Column::new("证件号码", Kind::IdNumber)
        .required()
        .width(22)
        .hint("居民身份证填写 18 位号码，末位 X 大写。本列为文本格式，请勿改为数值。"),
    Column::new("手机号码", Kind::Phone)
        .required()
        .width(14)
        .hint("填写 11 位手机号码。"),
    Column::new("性别", Kind::List),
    Column::new("出生日期", Kind::Date)
        .width(13)
        .hint("格式：YYYY-MM-DD，例如 1990-01-01。"),
    Column::new("民族", Kind::List),
    Column::new("户口性质", Kind::List),
    Column::text("户口地址"),
    Column::new("考生来源", Kind::List),
    Column::new("文化程度", Kind::List),
    Column::text("所在学校或单位"),
    Column::new("工龄", Kind::Integer),
    Column::new("职业", Kind::List).required(),
    Column::new("工种", Kind::List),
    Column::new("等级", Kind::List).required(),
];

/// Reads the data rows of an uploaded import file (sheet 报名信息 preferred, header matched by text).
pub fn read_rows(bytes: &[u8], max_rows: usize) -> Result<Vec<Row>, ReadError> {
    spreadsheet::read(bytes, &Spec::new(COLUMNS, max_rows).sheet(DATA_SHEET))
}

/// Number of data rows (2..=10001) covered by the template's drop-downs and input hints.
pub const TEMPLATE_DATA_ROWS: u32 = 10_000;

/// Index of 姓名 in [`COLUMNS`] and [`Row::cells`].
pub const COL_NAME: usize = 0;
/// Index of 证件类型 in [`COLUMNS`] and [`Row::cells`].
pub const COL_ID_TYPE: usize = 1;
/// Index of 证件号码 in [`COLUMNS`] and [`Row::cells`].
pub const COL_ID_NUMBER: usize = 2;
/// Index of 手机号码 in [`COLUMNS`] and [`Row::cells`].
pub const COL_PHONE: usize = 3;
/// Index of 性别 in [`COLUMNS`] and [`Row::cells`].
pub const COL_GENDER: usize = 4;
/// Index of 出生日期 in [`COLUMNS`] and [`Row::cells`].
pub const COL_BIRTH_DATE: usize = 5;
/// Index of 民族 in [`COLUMNS`] and [`Row::cells`].
pub const COL_ETHNICITY: usize = 6;
/// Index of 户口性质 in [`COLUMNS`] and [`Row::cells`].
pub const COL_HUKOU_TYPE: usize = 7;
/// Index of 户口地址 in [`COLUMNS`] and [`Row::cells`].
pub const COL_HUKOU_ADDRESS: usize = 8;
/// Index of 考生来源 in [`COLUMNS`] and [`Row::cells`].
pub const COL_CANDIDATE_SOURCE: usize = 9;
/// Index of 文化程度 in [`COLUMNS`] and [`Row::cells`].
pub const COL_EDUCATION: usize = 10;
/// Index of 所在学校或单位 in [`COLUMNS`] and [`Row::cells`].
pub const COL_ORGANIZATION: usize = 11;
/// Index of 工龄 in [`COLUMNS`] and [`Row::cells`].
pub const COL_WORK_YEARS: usize = 12;
/// Index of 职业 in [`COLUMNS`] and [`Row::cells`].
pub const COL_OCCUPATION: usize = 13;
/// Index of 工种 in [`COLUMNS`] and [`Row::cells`].
pub const COL_JOB_TYPE: usize = 14;
/// Index of 等级 in [`COLUMNS`] and [`Row::cells`].
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
            assert_eq!(COLUMNS[idx].header, name);
        }
        let required: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.required)
            .map(|c| c.header)
            .collect();
        assert_eq!(
            required,
            ["姓名", "证件类型", "证件号码", "手机号码", "职业", "等级"]
        );
    }
}
