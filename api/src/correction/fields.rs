//! The correctable fields of a candidate, their current values, and the rules a requested change must pass.
use crate::domain::{enums, idcard, validate};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use entity::{candidate_profile, user};
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Field name and its Chinese label, in the order of the form.
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("id_type", "证件类型"),
    ("id_number", "证件号码"),
    ("gender", "性别"),
    ("birth_date", "出生日期"),
    ("mobile", "手机号码"),
    ("ethnicity", "民族"),
    ("hukou_type", "户口性质"),
    ("hukou_address", "户口地址"),
    ("candidate_source", "考生来源"),
    ("enrollment_date", "入学时间"),
    ("work_years", "工龄"),
    ("school_or_employer", "所在学校或单位"),
    ("education", "文化程度"),
    ("prev_cert_level", "上一级资格证书等级"),
    ("prev_cert_number", "上一级证书编号"),
    ("prev_cert_date", "上一级证书发证日期"),
];

pub fn label(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// One field's change as stored in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, salvo::oapi::ToSchema)]
pub struct Change {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

type Values = BTreeMap<&'static str, Option<String>>;

/// The current value of every correctable field, as strings (dates `YYYY-MM-DD`).
pub fn current(u: &user::Model, p: &candidate_profile::Model) -> Values {
    let d = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut v = Values::new();
    v.insert("name", Some(u.name.clone()));
    v.insert("id_type", u.id_type.clone());
    v.insert("id_number", u.id_number.clone());
    v.insert("gender", p.gender.clone());
    v.insert("birth_date", d(p.birth_date));
    v.insert("mobile", u.mobile.clone());
    v.insert("ethnicity", p.ethnicity.clone());
    v.insert("hukou_type", p.hukou_type.clone());
    v.insert("hukou_address", p.hukou_address.clone());
    v.insert("candidate_source", p.candidate_source.clone());
    v.insert("enrollment_date", d(p.enrollment_date));
    v.insert("work_years", p.work_years.map(|w| w.to_string()));
    v.insert("school_or_employer", p.school_or_employer.clone());
    v.insert("education", p.education.clone());
    v.insert("prev_cert_level", p.prev_cert_level.clone());
    v.insert("prev_cert_number", p.prev_cert_number.clone());
    v.insert("prev_cert_date", d(p.prev_cert_date));
    v
}

fn bad_enum(label: &str) -> AppError {
    AppError::bad("invalid_enum", format!("{label}的取值无效"))
}

fn check_value(field: &str, v: &str, today: NaiveDate) -> AppResult<()> {
    let l = label(field);
    let date_ok = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok_and(|d| d <= today);
    let ok = match field {
        "name" => {
            return validate::is_person_name(v)
                .then_some(())
                .ok_or_else(|| AppError::bad("invalid_name", "姓名应为 2–50 个字"));
        }
        "mobile" => {
            return validate::is_mobile(v)
                .then_some(())
                .ok_or_else(|| AppError::bad("invalid_mobile", "手机号码应为 11 位数字"));
        }
        "id_type" => enums::contains(enums::ID_TYPES, v),
        "gender" => enums::contains(enums::GENDERS, v),
        "ethnicity" => enums::ETHNICITIES.contains(&v),
        "hukou_type" => enums::contains(enums::HUKOU_TYPES, v),
        "candidate_source" => enums::contains(enums::CANDIDATE_SOURCES, v),
        "education" => enums::contains(enums::EDUCATION_LEVELS, v),
        "prev_cert_level" => enums::contains(enums::CERT_LEVELS, v),
        "birth_date" | "enrollment_date" | "prev_cert_date" => {
            return date_ok(v)
                .then_some(())
                .ok_or_else(|| AppError::bad("invalid_date", format!("{l}不是有效的日期")));
        }
        "work_years" => {
            return v
                .parse::<i32>()
                .ok()
                .filter(|w| (0..=60).contains(w))
                .map(|_| ())
                .ok_or_else(|| AppError::bad("invalid_work_years", "工龄应为 0–60 的整数"));
        }
        "hukou_address" | "school_or_employer" | "prev_cert_number" => {
            return (v.chars().count() <= 100)
                .then_some(())
                .ok_or_else(|| AppError::bad("field_too_long", format!("{l}不能超过 100 字")));
        }
        "id_number" => true,
        _ => {
            return Err(AppError::bad(
                "invalid_field",
                format!("字段「{field}」不能修改"),
            ));
        }
    };
    if ok { Ok(()) } else { Err(bad_enum(l)) }
}

/// Validates the requested new values against the whole record after the change, and returns the changes
/// (only fields whose value differs). For GB 11643 numbers the gender and birth date follow the number.
pub fn diff(
    cur: &Values,
    requested: HashMap<String, Option<String>>,
    today: NaiveDate,
) -> AppResult<Vec<Change>> {
    let mut after = cur.clone();
    for (field, value) in requested {
        let Some((f, _)) = FIELDS.iter().find(|(f, _)| *f == field) else {
            return Err(AppError::bad(
                "invalid_field",
                format!("字段「{field}」不能修改"),
            ));
        };
        let value = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        if let Some(v) = &value {
            check_value(f, v, today)?;
        } else if matches!(*f, "name" | "id_type" | "id_number" | "mobile") {
            return Err(AppError::bad(
                "field_required",
                format!("{}不能为空", label(f)),
            ));
        }
        after.insert(f, value);
    }
    let id_type = after["id_type"].clone().unwrap_or_default();
    let number = after["id_number"].clone().unwrap_or_default();
    let number = idcard::normalise_document(&id_type, &number, today)
        .map_err(|m| AppError::bad("invalid_id_number", m))?;
    after.insert("id_number", Some(number.clone()));
    if matches!(id_type.as_str(), "resident_id" | "hmt_residence")
        && let Ok(d) = idcard::parse_resident_id(&number, today)
    {
        after.insert("gender", Some(d.gender.to_string()));
        after.insert(
            "birth_date",
            Some(d.birth_date.format("%Y-%m-%d").to_string()),
        );
    }
    let changes: Vec<Change> = FIELDS
        .iter()
        .filter(|(f, _)| cur[f] != after[f])
        .map(|(f, l)| Change {
            field: f.to_string(),
            label: l.to_string(),
            old: cur[f].clone(),
            new: after[f].clone(),
        })
        .collect();
    if changes.is_empty() {
        return Err(AppError::bad("no_changes", "没有需要修改的内容"));
    }
    Ok(changes)
}

/// Writes the changes onto the account and profile models.
pub fn apply(
    u: &mut user::ActiveModel,
    p: &mut candidate_profile::ActiveModel,
    changes: &[Change],
) {
    let date = |v: &Option<String>| {
        v.as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    for c in changes {
        let v = c.new.clone();
        match c.field.as_str() {
            "name" => u.name = Set(v.unwrap_or_default()),
            "id_type" => u.id_type = Set(v),
            "id_number" => {
                // The login follows the number: the candidate logs in with the new number, same password.
                u.login = Set(v.clone().unwrap_or_default());
                u.id_number = Set(v);
            }
            "mobile" => u.mobile = Set(v),
            "gender" => p.gender = Set(v),
            "birth_date" => p.birth_date = Set(date(&v)),
            "ethnicity" => p.ethnicity = Set(v),
            "hukou_type" => p.hukou_type = Set(v),
            "hukou_address" => p.hukou_address = Set(v),
            "candidate_source" => p.candidate_source = Set(v),
            "enrollment_date" => p.enrollment_date = Set(date(&v)),
            "work_years" => p.work_years = Set(v.and_then(|w| w.parse().ok())),
            "school_or_employer" => p.school_or_employer = Set(v),
            "education" => p.education = Set(v),
            "prev_cert_level" => p.prev_cert_level = Set(v),
            "prev_cert_number" => p.prev_cert_number = Set(v),
            "prev_cert_date" => p.prev_cert_date = Set(date(&v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur() -> Values {
        let mut v = Values::new();
        for (f, _) in FIELDS {
            v.insert(f, None);
        }
        v.insert("name", Some("张三".into()));
        v.insert("id_type", Some("resident_id".into()));
        v.insert("id_number", Some("11010519491231002X".into()));
        v.insert("gender", Some("female".into()));
        v.insert("birth_date", Some("1949-12-31".into()));
        v.insert("mobile", Some("13800138000".into()));
        v
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
    }

    fn req(pairs: &[(&str, Option<&str>)]) -> HashMap<String, Option<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    #[test]
    fn only_changed_fields_are_kept() {
        let c = diff(
            &cur(),
            req(&[("name", Some("张三")), ("mobile", Some("13900139000"))]),
            today(),
        )
        .expect("ok");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].field, "mobile");
        assert_eq!(c[0].old.as_deref(), Some("13800138000"));
    }

    #[test]
    fn a_new_id_number_brings_its_birth_date_and_gender() {
        // 440101199001011234 → check digit recomputed below
        let first17 = b"44010119900101123";
        let n = format!(
            "{}{}",
            std::str::from_utf8(first17).expect("ascii"),
            idcard::check_char(first17)
        );
        let c = diff(&cur(), req(&[("id_number", Some(&n))]), today()).expect("ok");
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["id_number", "gender", "birth_date"]);
    }

    #[test]
    fn refusals_have_codes() {
        let code = |r: AppResult<Vec<Change>>| r.err().map(|e| e.body().code).unwrap_or_default();
        assert_eq!(code(diff(&cur(), req(&[]), today())), "no_changes");
        assert_eq!(
            code(diff(
                &cur(),
                req(&[("id_number", Some("110105194912310021"))]),
                today()
            )),
            "invalid_id_number"
        );
        assert_eq!(
            code(diff(&cur(), req(&[("ethnicity", Some("火星族"))]), today())),
            "invalid_enum"
        );
        assert_eq!(
            code(diff(&cur(), req(&[("password_hash", Some("x"))]), today())),
            "invalid_field"
        );
        assert_eq!(
            code(diff(&cur(), req(&[("name", None)]), today())),
            "field_required"
        );
        assert_eq!(
            code(diff(&cur(), req(&[("work_years", Some("abc"))]), today())),
            "invalid_work_years"
        );
    }
}
