//! The column spec: one description of a column from which the template, the reader's checks, the row-level
//! report and the exports are all derived.

use super::read::Row;

/// What a column holds. It decides how the reader normalises and checks a cell, whether the template gives the
/// column the text format `@` (so that Excel keeps what is typed) and how the writers format it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, trimmed.
    Text,
    /// Text chosen from the column's `list` (a drop-down in the template).
    List,
    /// An ID number: text format; half-width, no spaces, a trailing `x` upper-cased.
    IdNumber,
    /// A phone number: text format; half-width, no spaces.
    Phone,
    /// A date: text format; `YYYY-MM-DD` when it parses, else left as typed for the caller's rules.
    Date,
    /// A whole number (fits an `i32`): checked.
    Integer,
    /// A number: checked.
    Number,
    /// An amount of yuan with at most two decimals: checked; exports write fen as yuan with `0.00`.
    Money,
    /// A moment: exports write it as an Excel date-time.
    Time,
}

impl Kind {
    /// Whether the template stores the column as text (no 4.4E+17 for IDs, no date serials).
    pub fn text_format(self) -> bool {
        matches!(self, Kind::IdNumber | Kind::Phone | Kind::Date)
    }
}

/// One column of a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column<'a> {
    /// The header text, matched by the reader after trimming and dropping a `*` / `（必填）` decoration.
    pub header: &'a str,
    /// What the cells hold.
    pub kind: Kind,
    /// Whether every row must fill it (red header in the template, `「…」未填写` from [`check`]).
    pub required: bool,
    /// Drop-down values of a [`Kind::List`] column (filled in when the template is written).
    pub list: &'a [String],
    /// Minimum width in character units (CJK counts 2); 0 for the writer's default.
    pub width: u8,
    /// Input message shown when a template cell of the column is selected.
    pub hint: Option<&'a str>,
}

impl<'a> Column<'a> {
    /// A column of the given kind: optional, no list, default width, no hint.
    pub const fn new(header: &'a str, kind: Kind) -> Self {
        Column {
            header,
            kind,
            required: false,
            list: &[],
            width: 0,
            hint: None,
        }
    }

    /// A free-text column.
    pub const fn text(header: &'a str) -> Self {
        Self::new(header, Kind::Text)
    }

    /// The same column, required.
    pub const fn required(self) -> Self {
        Column {
            required: true,
            ..self
        }
    }

    /// The same column with a minimum width.
    pub const fn width(self, width: u8) -> Self {
        Column { width, ..self }
    }

    /// The same column with an input message in the template.
    pub const fn hint(self, hint: &'a str) -> Self {
        Column {
            hint: Some(hint),
            ..self
        }
    }

    /// The same column offering `list` as its drop-down values.
    pub fn with_list<'b>(self, list: &'b [String]) -> Column<'b>
    where
        'a: 'b,
    {
        Column { list, ..self }
    }
}

/// The header texts of `columns`, in order.
pub fn headers(columns: &[Column<'_>]) -> Vec<String> {
    columns.iter().map(|c| c.header.to_string()).collect()
}

/// What is wrong with a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A required cell is empty.
    Missing,
    /// An [`Kind::Integer`] cell is not a whole number.
    NotInteger,
    /// A [`Kind::Number`] cell is not a number.
    NotNumber,
    /// A [`Kind::Money`] cell is not an amount of yuan.
    NotMoney,
}

/// One cell the column spec refuses, with the message shown in the row-level report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Index of the column in the spec (and in [`Row::cells`]).
    pub column: usize,
    /// What is wrong.
    pub fault: Fault,
    /// Chinese text for the user, e.g. `「姓名」未填写` or `工龄「五」应为整数`.
    pub message: String,
}

/// The cells of `row` that `columns` refuse: first the empty required cells, then the malformed ones, each in
/// column order. Lists and dates are left to the caller's rules, which know the allowed values and give their own
/// messages.
pub fn check(columns: &[Column<'_>], row: &Row) -> Vec<Problem> {
    let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or_default();
    let missing = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required && cell(*i).is_empty())
        .map(|(i, c)| Problem {
            column: i,
            fault: Fault::Missing,
            message: format!("「{}」未填写", c.header),
        });
    let malformed = columns.iter().enumerate().filter_map(|(i, c)| {
        let value = cell(i);
        let (fault, wanted) = match c.kind {
            _ if value.is_empty() => return None,
            Kind::Integer if value.parse::<i32>().is_err() => (Fault::NotInteger, "整数"),
            Kind::Number if !value.parse::<f64>().is_ok_and(f64::is_finite) => {
                (Fault::NotNumber, "数字")
            }
            Kind::Money if crate::domain::money::parse_yuan(value).is_none() => {
                (Fault::NotMoney, "金额（元，最多两位小数）")
            }
            _ => return None,
        };
        Some(Problem {
            column: i,
            fault,
            message: format!("{}「{value}」应为{wanted}", c.header),
        })
    });
    missing.chain(malformed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column<'static>] = &[
        Column::text("姓名").required(),
        Column::new("工龄", Kind::Integer),
        Column::new("成绩", Kind::Number).required(),
        Column::new("金额", Kind::Money),
        Column::new("出生日期", Kind::Date).width(13),
    ];

    fn row(cells: &[&str]) -> Row {
        Row {
            row: 2,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            numeric: vec![false; cells.len()],
        }
    }

    #[test]
    fn missing_cells_come_first_then_malformed_ones() {
        let problems = check(COLUMNS, &row(&["", "五", "", "1.234", "不详"]));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "「姓名」未填写",
                "「成绩」未填写",
                "工龄「五」应为整数",
                "金额「1.234」应为金额（元，最多两位小数）"
            ]
        );
        assert_eq!(problems[2].fault, Fault::NotInteger);
        assert_eq!(problems[2].column, 1);
    }

    #[test]
    fn well_formed_rows_pass() {
        assert!(
            check(
                COLUMNS,
                &row(&["张三", "5", "59.5", "120.00", "1990-01-01"])
            )
            .is_empty()
        );
        assert!(check(COLUMNS, &row(&["张三", "", "0", "", ""])).is_empty());
        assert_eq!(
            check(COLUMNS, &row(&["张三", "", "NaN"]))[0].fault,
            Fault::NotNumber
        );
    }

    #[test]
    fn text_format_is_for_ids_phones_and_dates() {
        let text: Vec<Kind> = [
            Kind::IdNumber,
            Kind::Phone,
            Kind::Date,
            Kind::Text,
            Kind::List,
        ]
        .into_iter()
        .filter(|k| k.text_format())
        .collect();
        assert_eq!(text, vec![Kind::IdNumber, Kind::Phone, Kind::Date]);
        assert_eq!(headers(COLUMNS)[4], "出生日期");
    }
}
