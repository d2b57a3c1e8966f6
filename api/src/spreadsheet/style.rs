//! Shared cell formats, CJK-aware column widths and Excel name/length guards for the writers.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, XlsxError};

/// Excel's built-in "Text" number format `@` (id 49): what is typed stays a string (no 4.4E+17).
pub const TEXT_FORMAT: u8 = 49;

/// Excel's maximum number of characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Light blue header fill.
const HEADER_FILL: u32 = 0xDDEBF7;
/// Light red fill for failed rows.
pub const FAILED_FILL: u32 = 0xFFC7CE;
/// Dark red font used on light red rows and for required headers.
pub const DARK_RED: u32 = 0x9C0006;

/// Big bold centred title (for merged title rows).
pub fn title() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// Bold, filled, bordered, centred header cell stored as text.
pub fn header() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_num_format_index(TEXT_FORMAT)
}

/// Plain text cell (number format `@`).
pub fn text() -> Format {
    Format::new().set_num_format_index(TEXT_FORMAT)
}

/// Bordered, top-aligned, wrapping text cell for report bodies.
pub fn body() -> Format {
    frame().set_num_format_index(TEXT_FORMAT)
}

/// Bordered, top-aligned, wrapping cell without a number format (for amounts and date-times).
pub fn frame() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
}

/// Display width of a string in Excel character units: CJK / full-width characters count as 2.
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

/// Whether a character is rendered double-width (CJK ideographs, kana, hangul, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Column width for the widest content (display units), with padding and sane bounds.
pub fn column_width(widest: usize, min: usize, max: usize) -> f64 {
    // Widths are small integers (< 256), so the conversion is exact.
    f64::from(u16::try_from((widest + 2).clamp(min, max)).unwrap_or(u16::MAX))
}

/// Converts a column index to rust_xlsxwriter's `ColNum`.
pub fn col_num(idx: usize) -> Result<u16, XlsxError> {
    u16::try_from(idx).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Clips a string to Excel's per-cell limit (rust_xlsxwriter rejects longer strings).
pub fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((byte_idx, _)) => &s[..byte_idx],
        None => s,
    }
}

/// Makes any caller-supplied text a valid worksheet name (no `[]:*?/\`, ≤ 31 UTF-16 units).
pub fn sheet_name(raw: &str) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in raw.trim().chars() {
        let c = if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
            '_'
        } else {
            c
        };
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        out.push(c);
    }
    let out = out.trim_matches('\'').trim().to_string();
    if out.is_empty() {
        "Sheet1".to_string()
    } else if out.eq_ignore_ascii_case("history") {
        // "History" is reserved by Excel.
        format!("{out}_")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("姓名"), 4);
        assert_eq!(display_width("四级/中级工"), 11);
        assert_eq!(display_width("１２"), 4);
        assert_eq!(display_width("短\n长一些的行"), 10);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn widths_are_bounded() {
        assert_eq!(column_width(0, 6, 50), 6.0);
        assert_eq!(column_width(10, 6, 50), 12.0);
        assert_eq!(column_width(500, 6, 50), 50.0);
    }

    #[test]
    fn clip_limits_length_on_char_boundary() {
        let long = "中".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(clip(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("短"), "短");
    }

    #[test]
    fn sheet_names_are_sanitised() {
        assert_eq!(sheet_name("报名统计"), "报名统计");
        assert_eq!(sheet_name("2026/05 [一批]"), "2026_05 _一批_");
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name("  "), "Sheet1");
        assert_eq!(sheet_name("History"), "History_");
        let long = sheet_name(&"职".repeat(40));
        assert_eq!(long.chars().count(), 31);
        // Astral characters take two UTF-16 units each.
        assert_eq!(sheet_name(&"𠀀".repeat(20)).chars().count(), 15);
    }
}
