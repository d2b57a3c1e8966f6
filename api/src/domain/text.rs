//! Free text from users: no control characters (NUL, escape, …) and no bidirectional overrides (U+202E …), which
//! hide or reorder what reviewers and spreadsheets show. Line breaks are allowed only in multi-line fields.
use serde_json::Value;

/// JSON fields that are multi-line text areas in the H5 (plan texts, reasons, notes, addresses).
const MULTILINE: &[&str] = &[
    "announcement",
    "notice",
    "conditions",
    "reason",
    "note",
    "hukou_address",
];

/// Is `name` a field where line breaks (and tabs) belong?
pub fn is_multiline(name: &str) -> bool {
    // Base64 from ID-card reader programs may be wrapped into lines.
    MULTILINE.contains(&name) || name.ends_with("_base64")
}

/// Characters that change how the text around them is displayed without being visible themselves.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` may be stored as a text value; `multiline` admits `\n`, `\r` and `\t`.
pub fn is_clean(s: &str, multiline: bool) -> bool {
    s.chars().all(|c| {
        if matches!(c, '\n' | '\r' | '\t') {
            multiline
        } else {
            !c.is_control() && !is_bidi_control(c) && !matches!(c, '\u{2028}' | '\u{2029}')
        }
    })
}

/// The first field of a JSON document whose text is not clean, named by its key (array elements take the key of
/// their array).
pub fn first_unclean_field(v: &Value) -> Option<String> {
    fn walk(v: &Value, key: &str) -> Option<String> {
        match v {
            Value::String(s) => (!is_clean(s, is_multiline(key))).then(|| key.to_string()),
            Value::Array(items) => items.iter().find_map(|i| walk(i, key)),
            Value::Object(map) => map.iter().find_map(|(k, v)| walk(v, k)),
            _ => None,
        }
    }
    walk(v, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_and_bidi_characters_are_refused() {
        for s in [
            "a\u{0}b",
            "abc\u{202E}gpj.exe",
            "\u{1b}[31m",
            "x\u{7f}",
            "a\u{2066}b",
            "a\u{85}b",
        ] {
            assert!(!is_clean(s, true), "{s:?}");
        }
        assert!(is_clean("张三 Zhang·San（一）", false));
    }

    #[test]
    fn line_breaks_belong_to_multi_line_fields_only() {
        assert!(is_clean("第一行\r\n第二行\t", true));
        assert!(!is_clean("张\n三", false));
        let body = json!({ "announcement": "一\n二", "items": [{ "name": "电工\u{202E}" }] });
        assert_eq!(first_unclean_field(&body).as_deref(), Some("name"));
        assert_eq!(
            first_unclean_field(&json!({ "reason": "一\n二", "ids": ["a"] })),
            None
        );
    }
}
