//! Converts calamine cells to trimmed strings and normalises dates, ID numbers and phone numbers.

use calamine::{DataRef, ExcelDateTime};
use chrono::{NaiveDate, NaiveTime};

use super::column::Kind;

/// Whether the cell holds nothing but whitespace.
pub(super) fn is_blank(cell: &DataRef<'_>) -> bool {
    match cell {
        DataRef::Empty => true,
        DataRef::String(s) => clean(s).is_empty(),
        DataRef::SharedString(s) => clean(s).is_empty(),
        _ => false,
    }
}

/// Whether the cell is stored as a number (the template wants text for IDs).
pub(super) fn is_numeric(cell: &DataRef<'_>) -> bool {
    matches!(cell, DataRef::Float(_) | DataRef::Int(_))
}

/// Converts a cell to the string handed to the caller, normalised for its column's kind.
pub(super) fn to_text(cell: &DataRef<'_>, kind: Kind) -> String {
    let date_only = kind == Kind::Date;
    let text = match cell {
        DataRef::Empty => return String::new(),
        DataRef::String(s) => clean(s).to_string(),
        DataRef::SharedString(s) => clean(s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => return excel_datetime_text(dt, date_only),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => clean(s).to_string(),
        DataRef::Error(e) => e.to_string(),
    };
    match kind {
        Kind::Date => normalise_date(&text).unwrap_or(text),
        Kind::IdNumber => normalise_id(&text),
        Kind::Phone => normalise_phone(&text),
        _ => text,
    }
}

/// Trims whitespace (incl. U+3000 and NBSP) and zero-width characters pasted from web pages.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c))
}

/// Zero-width space / joiners / BOM.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}')
}

/// Number as Excel shows it in General format: no `.0`, no exponent (4.4E+17 → 440000000000000000).
fn float_text(f: f64) -> String {
    if f == 0.0 {
        // Avoids "-0".
        "0".to_string()
    } else {
        // Rust's Display uses the shortest round-trip digits and never an exponent.
        format!("{f}")
    }
}

/// Excel date/time serial as `YYYY-MM-DD` (or with ` HH:MM:SS` when a time part exists).
fn excel_datetime_text(dt: &ExcelDateTime, date_only: bool) -> String {
    if dt.is_duration() {
        return float_text(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _ms) = dt.to_ymd_hms_milli();
    let Some(date) = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d)) else {
        // Excel's phantom 1900-02-29 and other impossible dates.
        return float_text(dt.as_f64());
    };
    if date_only || (h, mi, s) == (0, 0, 0) {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("{} {h:02}:{mi:02}:{s:02}", date.format("%Y-%m-%d"))
    }
}

/// Maps full-width ASCII forms (U+FF01..=U+FF5E) and the ideographic space to half-width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Half-width characters with every whitespace / zero-width character removed.
fn compact(s: &str) -> String {
    s.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !is_zero_width(*c))
        .collect()
}

/// Normalises an ID number: half-width, no spaces, a trailing lower-case `x` upper-cased.
pub(super) fn normalise_id(s: &str) -> String {
    let mut out = compact(s);
    if out.ends_with('x') {
        out.pop();
        out.push('X');
    }
    out
}

/// Normalises a phone number: half-width, no spaces.
pub(super) fn normalise_phone(s: &str) -> String {
    compact(s)
}

/// Parses common ways of typing a date and returns `YYYY-MM-DD`, or `None` if it is not a date.
pub(super) fn normalise_date(s: &str) -> Option<String> {
    let s: String = s.trim().chars().map(half_width).collect();
    let s = s.trim();
    // An optional time part after a space or `T` is accepted (e.g. "2001-02-03 00:00:00").
    let (date_part, time_part) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    if let Some(t) = time_part
        && NaiveTime::parse_from_str(t, "%H:%M:%S").is_err()
        && NaiveTime::parse_from_str(t, "%H:%M").is_err()
    {
        return None;
    }
    let date_part = date_part.strip_suffix('日').unwrap_or(date_part);
    let parts: Vec<&str> = date_part.split(['-', '/', '.', '年', '月']).collect();
    let (y, m, d) = match parts.as_slice() {
        [ymd] if ymd.len() == 8 => (ymd.get(..4)?, ymd.get(4..6)?, ymd.get(6..)?),
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            (*y, *m, *d)
        }
        _ => return None,
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date_cell(serial: f64) -> DataRef<'static> {
        DataRef::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn strings_are_trimmed_including_cjk_space_and_zero_width() {
        let cell = DataRef::SharedString("\u{3000} 张三\u{200B}\u{00A0}");
        assert_eq!(to_text(&cell, Kind::Text), "张三");
        assert!(is_blank(&DataRef::String(" \u{3000}\t".to_string())));
        assert!(!is_blank(&DataRef::Float(0.0)));
    }

    #[test]
    fn numbers_lose_trailing_zero_fraction() {
        assert_eq!(
            to_text(&DataRef::Float(13800138000.0), Kind::Phone),
            "13800138000"
        );
        assert_eq!(to_text(&DataRef::Float(3.0), Kind::Text), "3");
        assert_eq!(to_text(&DataRef::Float(3.5), Kind::Text), "3.5");
        assert_eq!(to_text(&DataRef::Float(-0.0), Kind::Text), "0");
        assert_eq!(to_text(&DataRef::Int(42), Kind::Text), "42");
        // What Excel keeps of an 18-digit ID typed into a General cell: 15 significant digits.
        let id: f64 = "4.40106199001012E+17".parse().expect("float");
        assert_eq!(
            to_text(&DataRef::Float(id), Kind::IdNumber),
            "440106199001012000"
        );
    }

    #[test]
    fn bools_and_errors() {
        assert_eq!(to_text(&DataRef::Bool(true), Kind::Text), "TRUE");
        assert_eq!(to_text(&DataRef::Bool(false), Kind::Text), "FALSE");
        assert_eq!(
            to_text(&DataRef::Error(CellErrorType::NA), Kind::Text),
            "#N/A"
        );
    }

    #[test]
    fn date_cells_become_iso_dates() {
        // 2001-02-03 is serial 36925; with a time part in a plain column it is kept.
        assert_eq!(to_text(&date_cell(36925.0), Kind::Date), "2001-02-03");
        assert_eq!(to_text(&date_cell(36925.5), Kind::Date), "2001-02-03");
        assert_eq!(to_text(&date_cell(36925.0), Kind::Text), "2001-02-03");
        assert_eq!(
            to_text(&date_cell(36925.5), Kind::Text),
            "2001-02-03 12:00:00"
        );
        let iso = DataRef::DateTimeIso("2001-02-03T00:00:00".to_string());
        assert_eq!(to_text(&iso, Kind::Date), "2001-02-03");
    }

    #[test]
    fn date_strings_are_normalised() {
        for typed in [
            "2001/2/3",
            "2001.2.3",
            "20010203",
            "2001-2-3",
            "2001-02-03",
            "2001年2月3日",
            "2001年02月03日",
            "２００１－０２－０３",
            "2001/02/03 00:00:00",
            " 2001-2-3 ",
        ] {
            assert_eq!(
                normalise_date(typed).as_deref(),
                Some("2001-02-03"),
                "{typed}"
            );
        }
        // A number typed as 20010203 is read as a float and still normalised.
        assert_eq!(
            to_text(&DataRef::Float(20010203.0), Kind::Date),
            "2001-02-03"
        );
    }

    #[test]
    fn unparseable_dates_are_left_as_typed() {
        for typed in [
            "2001-02-30",
            "2001-13-01",
            "01-02-03",
            "2001/2",
            "不详",
            "2001-02-03 abc",
            "200102031",
            "2001-0a-03",
        ] {
            assert_eq!(normalise_date(typed), None, "{typed}");
        }
        let cell = DataRef::String(" 2001-02-30 ".to_string());
        assert_eq!(to_text(&cell, Kind::Date), "2001-02-30");
    }

    #[test]
    fn id_numbers_become_half_width_and_upper_x() {
        let full = DataRef::String("４４０１０６ １９９００１０１ １２３ｘ".to_string());
        assert_eq!(to_text(&full, Kind::IdNumber), "44010619900101123X");
        assert_eq!(normalise_id("44010619900101123x"), "44010619900101123X");
        // Only the trailing x is upper-cased (passport numbers keep their case elsewhere).
        assert_eq!(normalise_id("e1234567x"), "e1234567X");
        assert_eq!(normalise_id("E 1234\u{3000}567"), "E1234567");
    }

    #[test]
    fn phones_become_half_width_without_spaces() {
        let cell = DataRef::String("１３８ ００１３ ８０００".to_string());
        assert_eq!(to_text(&cell, Kind::Phone), "13800138000");
        assert_eq!(normalise_phone("138-0013-8000"), "138-0013-8000");
        assert_eq!(normalise_phone("１３８－００１３"), "138-0013");
    }

    #[test]
    fn numeric_detection() {
        assert!(is_numeric(&DataRef::Float(1.0)));
        assert!(is_numeric(&DataRef::Int(1)));
        assert!(!is_numeric(&DataRef::String("1".to_string())));
        assert!(!is_numeric(&date_cell(1.0)));
    }
}
