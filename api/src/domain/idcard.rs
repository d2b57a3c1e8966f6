//! Identity document numbers. A 居民身份证 number (GB 11643-1999) has 17 digits and a check character; the birth
//! date is digits 7–14 and the gender is the parity of digit 17. 港澳台居民居住证 numbers follow the same scheme
//! with region codes 810000/820000/830000.
use chrono::{Datelike, NaiveDate};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// Upper-cased number.
    pub number: String,
    pub birth_date: NaiveDate,
    /// `male` or `female`.
    pub gender: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    Length,
    Characters,
    Region,
    BirthDate,
    CheckDigit,
}

impl IdError {
    pub fn message(self) -> &'static str {
        match self {
            Self::Length => "身份证号码应为18位",
            Self::Characters => "身份证号码前17位应为数字，最后一位为数字或X",
            Self::Region => "身份证号码的地区码无效",
            Self::BirthDate => "身份证号码中的出生日期无效",
            Self::CheckDigit => "身份证号码校验位错误，请核对",
        }
    }
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] as char
}

pub fn parse_resident_id(raw: &str, today: NaiveDate) -> Result<ResidentId, IdError> {
    let number = raw.trim().to_ascii_uppercase();
    let b = number.as_bytes();
    if b.len() != 18 {
        return Err(IdError::Length);
    }
    if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(IdError::Characters);
    }
    let province = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    if !PROVINCES.contains(&province) {
        return Err(IdError::Region);
    }
    let birth_date =
        NaiveDate::parse_from_str(&number[6..14], "%Y%m%d").map_err(|_| IdError::BirthDate)?;
    if birth_date.year() < 1900 || birth_date > today {
        return Err(IdError::BirthDate);
    }
    if check_char(&b[..17]) != b[17] as char {
        return Err(IdError::CheckDigit);
    }
    let gender = if (b[16] - b'0') % 2 == 1 {
        "male"
    } else {
        "female"
    };
    Ok(ResidentId {
        number,
        birth_date,
        gender,
    })
}

/// Validates any supported document number; returns the normalised number (trimmed, upper-cased).
pub fn normalise_document(
    id_type: &str,
    raw: &str,
    today: NaiveDate,
) -> Result<String, &'static str> {
    let n = raw.trim().to_ascii_uppercase();
    match id_type {
        "resident_id" | "hmt_residence" => {
            let parsed = parse_resident_id(&n, today).map_err(IdError::message)?;
            let hmt = ["810000", "820000", "830000"].contains(&&n[..6]);
            match (id_type, hmt) {
                ("hmt_residence", false) => {
                    Err("港澳台居民居住证号码应以810000、820000或830000开头")
                }
                _ => Ok(parsed.number),
            }
        }
        "hk_macao_permit" => {
            let ok = n.len() == 9
                && matches!(n.as_bytes()[0], b'H' | b'M')
                && n[1..].bytes().all(|c| c.is_ascii_digit());
            ok.then_some(n)
                .ok_or("港澳居民来往内地通行证号码应为H或M加8位数字")
        }
        "taiwan_permit" => {
            let ok = matches!(n.len(), 8 | 10) && n.bytes().all(|c| c.is_ascii_digit());
            ok.then_some(n)
                .ok_or("台湾居民来往大陆通行证号码应为8位或10位数字")
        }
        "passport" | "foreign_permanent" => {
            let ok = (5..=20).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_alphanumeric());
            ok.then_some(n).ok_or("证件号码应为5至20位字母或数字")
        }
        _ => Err("证件类型无效"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
    }

    #[test]
    fn the_standards_example_is_valid_and_yields_birth_date_and_gender() {
        let id = parse_resident_id("11010519491231002x", today());
        assert_eq!(
            id,
            Ok(ResidentId {
                number: "11010519491231002X".into(),
                birth_date: NaiveDate::from_ymd_opt(1949, 12, 31).unwrap_or_default(),
                gender: "female",
            })
        );
    }

    #[test]
    fn exactly_one_check_character_is_valid_for_a_number() {
        let body = "44010119900101123";
        let valid: Vec<char> = "0123456789X"
            .chars()
            .filter(|c| parse_resident_id(&format!("{body}{c}"), today()).is_ok())
            .collect();
        assert_eq!(valid, vec![check_char(body.as_bytes())]);
    }

    #[test]
    fn bad_numbers_are_refused_with_their_reason() {
        assert_eq!(
            parse_resident_id("1101051949123100", today()),
            Err(IdError::Length)
        );
        assert_eq!(
            parse_resident_id("11010519491231002Y", today()),
            Err(IdError::Characters)
        );
        assert_eq!(
            parse_resident_id("99010519491231002X", today()),
            Err(IdError::Region)
        );
        assert_eq!(
            parse_resident_id("110105194913310021", today()),
            Err(IdError::BirthDate)
        );
        assert_eq!(
            parse_resident_id("110105203012310028", today()),
            Err(IdError::BirthDate)
        );
        assert_eq!(
            parse_resident_id("110105194912310021", today()),
            Err(IdError::CheckDigit)
        );
    }

    #[test]
    fn other_documents_have_format_checks() {
        assert!(normalise_document("hk_macao_permit", "h12345678", today()).is_ok());
        assert!(normalise_document("hk_macao_permit", "X12345678", today()).is_err());
        assert!(normalise_document("passport", "E1234567", today()).is_ok());
        assert!(normalise_document("passport", "E12-4567", today()).is_err());
        assert!(normalise_document("hmt_residence", "11010519491231002X", today()).is_err());
        assert!(normalise_document("nope", "123456", today()).is_err());
    }
}
