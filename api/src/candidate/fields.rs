//! The field rules of the profile: parsing optional text, enumeration and date fields, what an application
//! needs (completeness), and the before/after of a change for the audit trail.
use super::types::{Completeness, MissingField};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use entity::{candidate_profile, user};
use serde_json::json;

pub(crate) fn completeness(u: &user::Model, p: &candidate_profile::Model) -> Completeness {
    let checks: [(&str, &str, bool); 11] = [
        ("gender", "性别", p.gender.is_some()),
        ("birth_date", "出生日期", p.birth_date.is_some()),
        ("mobile", "手机号码", u.mobile.is_some()),
        ("ethnicity", "民族", p.ethnicity.is_some()),
        ("hukou_type", "户口性质", p.hukou_type.is_some()),
        ("hukou_address", "户口地址", p.hukou_address.is_some()),
        ("candidate_source", "考生来源", p.candidate_source.is_some()),
        ("education", "文化程度", p.education.is_some()),
        (
            "school_or_employer",
            "所在学校或单位",
            p.school_or_employer.is_some(),
        ),
        (
            "work_years",
            "工龄",
            p.work_years.is_some() || p.candidate_source.as_deref() == Some("student"),
        ),
        ("photo", "个人照片", p.photo_file_id.is_some()),
    ];
    let missing: Vec<MissingField> = checks
        .iter()
        .filter(|(_, _, ok)| !ok)
        .map(|(f, l, _)| MissingField {
            field: (*f).into(),
            label: (*l).into(),
        })
        .collect();
    Completeness {
        complete: missing.is_empty(),
        missing,
    }
}

pub(super) fn text(v: Option<String>, max: usize, label: &str) -> AppResult<Option<String>> {
    let v = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    match v {
        Some(s) if s.chars().count() > max => Err(AppError::bad(
            "field_too_long",
            format!("{label}不能超过{max}个字"),
        )),
        other => Ok(other),
    }
}

pub(super) fn choice(
    v: Option<String>,
    ok: impl Fn(&str) -> bool,
    label: &str,
) -> AppResult<Option<String>> {
    match v.filter(|s| !s.is_empty()) {
        Some(s) if !ok(&s) => Err(AppError::bad("invalid_enum", format!("{label}的取值无效"))),
        other => Ok(other),
    }
}

pub(super) fn date(
    v: Option<String>,
    label: &str,
    today: NaiveDate,
) -> AppResult<Option<NaiveDate>> {
    match v.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) if d <= today && chrono::Datelike::year(&d) >= 1900 => Ok(Some(d)),
            _ => Err(AppError::bad(
                "invalid_date",
                format!("{label}不是有效的日期"),
            )),
        },
    }
}

pub(super) fn render_plain(u: &user::Model, p: &candidate_profile::Model) -> serde_json::Value {
    json!({
        "mobile": u.mobile.as_deref().map(validate::mask_mobile), "gender": p.gender, "birth_date": p.birth_date,
        "ethnicity": p.ethnicity, "hukou_type": p.hukou_type, "hukou_address": p.hukou_address,
        "candidate_source": p.candidate_source, "enrollment_date": p.enrollment_date, "work_years": p.work_years,
        "school_or_employer": p.school_or_employer, "education": p.education, "prev_cert_level": p.prev_cert_level,
        "prev_cert_number": p.prev_cert_number, "prev_cert_date": p.prev_cert_date,
    })
}

pub(super) fn changed_only(
    before: serde_json::Value,
    after: serde_json::Value,
) -> (serde_json::Value, serde_json::Value) {
    let (mut b, mut a) = (serde_json::Map::new(), serde_json::Map::new());
    if let (Some(bo), Some(ao)) = (before.as_object(), after.as_object()) {
        for (k, av) in ao {
            let bv = bo.get(k).cloned().unwrap_or_default();
            if &bv != av {
                b.insert(k.clone(), bv);
                a.insert(k.clone(), av.clone());
            }
        }
    }
    (b.into(), a.into())
}
