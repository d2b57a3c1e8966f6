//! Money: amounts are whole fen (分, `i64`) everywhere; yuan only as text, shown and read here.

/// Fen → yuan text with two decimals (`12000` → `"120.00"`, `-305` → `"-3.05"`).
pub fn yuan(fen: i64) -> String {
    format!(
        "{}{}.{:02}",
        if fen < 0 { "-" } else { "" },
        fen.abs() / 100,
        fen.abs() % 100
    )
}

/// Yuan text (`"120.00"`, `"0.5"`, `"-3.00"`) → fen. At most two decimals that are not zero.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > 2 && frac[2..].bytes().any(|b| b != b'0') {
        return None;
    }
    let mut cents = 0i64;
    for (i, b) in frac.bytes().take(2).enumerate() {
        cents += i64::from(b - b'0') * if i == 0 { 10 } else { 1 };
    }
    let v = int
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_text_both_ways() {
        assert_eq!(yuan(12000), "120.00");
        assert_eq!(yuan(-305), "-3.05");
        assert_eq!(yuan(7), "0.07");
        assert_eq!(parse_yuan("120.00"), Some(12000));
        assert_eq!(parse_yuan("0.1"), Some(10));
        assert_eq!(parse_yuan("0.72000"), Some(72));
        assert_eq!(parse_yuan("7"), Some(700));
        assert_eq!(parse_yuan("1,00"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan("-3.05"), Some(-305));
        assert_eq!(parse_yuan("0.001"), None);
        assert_eq!(parse_yuan(""), None);
        for fen in [-12345, -1, 0, 1, 99, 100, 45000] {
            assert_eq!(parse_yuan(&yuan(fen)), Some(fen));
        }
    }
}
