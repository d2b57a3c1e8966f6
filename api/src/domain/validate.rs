//! Field validators shared by registration, profile and admin forms (the H5 mirrors them), and masking.

/// Mainland mobile number: 11 digits starting with 13–19.
pub fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Password policy: 8–64 characters with at least one letter and one digit, and not the login name or its last
/// six characters (the initial password of institution-created accounts).
pub fn password_problem(password: &str, login: &str) -> Option<&'static str> {
    let n = password.chars().count();
    if !(8..=64).contains(&n) {
        return Some("密码长度应为8至64位");
    }
    if !password.chars().any(|c| c.is_ascii_alphabetic())
        || !password.chars().any(|c| c.is_ascii_digit())
    {
        return Some("密码须同时包含字母和数字");
    }
    let p = password.to_ascii_uppercase();
    let l = login.to_ascii_uppercase();
    let last6 = l.get(l.len().saturating_sub(6)..).unwrap_or("");
    if p == l || p == last6 {
        return Some("密码不能与账号或证件号码后六位相同");
    }
    None
}

/// A person's name: 2–50 characters, no digits or control characters (Chinese, letters, spaces, ·).
pub fn is_person_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=50).contains(&n)
        && s.chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '·' || c == '.' || c == '-')
        && s.trim() == s
}

/// `4401**********123X`: the first four and last four characters stay visible.
pub fn mask_id(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

/// `138****1234`.
/// 张三丰 → 张**: enough for the person entering data to recognise a mismatch, not to learn the name.
pub fn mask_name(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

pub fn mask_mobile(s: &str) -> String {
    if s.len() == 11 && s.is_ascii() {
        format!("{}****{}", &s[..3], &s[7..])
    } else {
        mask_id(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_are_checked() {
        assert!(is_mobile("13800138000"));
        assert!(!is_mobile("12800138000"));
        assert!(!is_mobile("1380013800"));
        assert!(!is_mobile("1380013800a"));
    }

    #[test]
    fn the_password_policy_refuses_short_simple_and_guessable_passwords() {
        assert!(password_problem("abc123", "x").is_some());
        assert!(password_problem("abcdefgh", "x").is_some());
        assert!(password_problem("12345678", "x").is_some());
        assert!(password_problem("Secret2026", "x").is_none());
        assert!(password_problem("hl_staff1", "hl_staff1").is_some());
        assert!(password_problem(&"a1".repeat(33), "x").is_some());
    }

    #[test]
    fn names_and_masks() {
        assert!(is_person_name("周某"));
        assert!(is_person_name("阿依古丽·买买提"));
        assert!(!is_person_name("周"));
        assert!(!is_person_name("周某1"));
        assert_eq!(mask_id("44010119900101123X"), "4401**********123X");
        assert_eq!(mask_mobile("13800138000"), "138****8000");
    }
}
