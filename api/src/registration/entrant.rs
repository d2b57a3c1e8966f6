//! A candidate as an institution enters them (manual entry, ID-card reader, Excel row): the fields, their
//! rules, and finding or creating the account.
use crate::auth::password::INITIAL_LAST_SIX;
use crate::auth::registration::{NewCandidate, insert_candidate};
use crate::domain::{enums, idcard, validate};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use entity::{candidate_profile, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;

/// What an institution may enter for a candidate; values are enum values (or, from Excel, their labels).
#[derive(Debug, Clone, Default, Deserialize, salvo::oapi::ToSchema)]
pub struct EntrantInput {
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    #[serde(default)]
    pub mobile: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub education: Option<String>,
    pub school_or_employer: Option<String>,
    pub work_years: Option<i32>,
}

/// The entrant after every field rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Entrant {
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub mobile: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub education: Option<String>,
    pub school_or_employer: Option<String>,
    pub work_years: Option<i32>,
}

/// An enum value given as its value or its label (Excel cells carry labels).
pub fn enum_value(pairs: enums::Pairs, v: &str) -> Option<&'static str> {
    pairs
        .iter()
        .find(|(val, label)| *val == v || *label == v)
        .map(|(val, _)| *val)
}

fn pick(pairs: enums::Pairs, v: Option<String>, label: &str) -> AppResult<Option<String>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => enum_value(pairs, &s)
            .map(|v| Some(v.to_string()))
            .ok_or_else(|| AppError::bad("invalid_enum", format!("{label}的取值「{s}」无效"))),
    }
}

fn ethnicity(v: Option<String>) -> AppResult<Option<String>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            let with_zu = if s.ends_with('族') || s == "其他" || s == "外国血统" {
                s.clone()
            } else {
                format!("{s}族")
            };
            enums::ETHNICITIES
                .iter()
                .find(|e| **e == s || **e == with_zu)
                .map(|e| Some(e.to_string()))
                .ok_or_else(|| AppError::bad("invalid_enum", format!("民族的取值「{s}」无效")))
        }
    }
}

fn text(v: Option<String>, max: usize, label: &str) -> AppResult<Option<String>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max => Err(AppError::bad(
            "field_too_long",
            format!("{label}不能超过 {max} 字"),
        )),
        other => Ok(other),
    }
}

pub fn validate(i: EntrantInput, today: NaiveDate) -> AppResult<Entrant> {
    validate_all(i, today).map_err(|mut errs| errs.remove(0))
}

/// Keeps the value of a field rule, or records its refusal.
fn keep<T>(errs: &mut Vec<AppError>, r: AppResult<T>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

/// Every field rule, with every refusal in field order (never empty when `Err`); an Excel row reports them all.
pub fn validate_all(i: EntrantInput, today: NaiveDate) -> Result<Entrant, Vec<AppError>> {
    let mut errs = Vec::new();
    let name = i.name.trim().to_string();
    if !validate::is_person_name(&name) {
        errs.push(AppError::bad("invalid_name", "姓名应为 2–50 个字"));
    }
    let id_type = keep(
        &mut errs,
        enum_value(enums::ID_TYPES, i.id_type.trim())
            .ok_or_else(|| AppError::bad("invalid_id_type", "证件类型无效")),
    );
    let id_number = id_type.and_then(|t| {
        keep(
            &mut errs,
            idcard::normalise_document(t, &i.id_number, today)
                .map_err(|m| AppError::bad("invalid_id_number", m)),
        )
    });
    let mobile = i.mobile.trim().to_string();
    if !validate::is_mobile(&mobile) {
        errs.push(AppError::bad("invalid_mobile", "手机号码应为 11 位数字"));
    }
    let mut gender = keep(&mut errs, pick(enums::GENDERS, i.gender, "性别")).flatten();
    let birth = i
        .birth_date
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let mut birth_date = birth.and_then(|s| {
        let d = NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .ok()
            .filter(|d| *d <= today);
        if d.is_none() {
            errs.push(AppError::bad(
                "invalid_date",
                format!("出生日期「{s}」不是有效日期（YYYY-MM-DD）"),
            ));
        }
        d
    });
    if let (Some("resident_id" | "hmt_residence"), Some(n)) = (id_type, id_number.as_deref())
        && let Ok(d) = idcard::parse_resident_id(n, today)
    {
        if gender.as_deref().is_some_and(|g| g != d.gender) {
            errs.push(AppError::bad("gender_mismatch", "性别与身份证号码不一致"));
        }
        if birth_date.is_some_and(|b| b != d.birth_date) {
            errs.push(AppError::bad(
                "birth_date_mismatch",
                "出生日期与身份证号码不一致",
            ));
        }
        gender = Some(d.gender.to_string());
        birth_date = Some(d.birth_date);
    }
    if i.work_years.is_some_and(|w| !(0..=60).contains(&w)) {
        errs.push(AppError::bad("invalid_work_years", "工龄应为 0–60 年"));
    }
    let ethnicity = keep(&mut errs, ethnicity(i.ethnicity)).flatten();
    let hukou_type = keep(
        &mut errs,
        pick(enums::HUKOU_TYPES, i.hukou_type, "户口性质"),
    )
    .flatten();
    let hukou_address = keep(&mut errs, text(i.hukou_address, 100, "户口地址")).flatten();
    let candidate_source = keep(
        &mut errs,
        pick(enums::CANDIDATE_SOURCES, i.candidate_source, "考生来源"),
    )
    .flatten();
    let education = keep(
        &mut errs,
        pick(enums::EDUCATION_LEVELS, i.education, "文化程度"),
    )
    .flatten();
    let school_or_employer =
        keep(&mut errs, text(i.school_or_employer, 100, "所在学校或单位")).flatten();
    match (id_type, id_number) {
        (Some(id_type), Some(id_number)) if errs.is_empty() => Ok(Entrant {
            name,
            id_type: id_type.to_string(),
            id_number,
            mobile,
            gender,
            birth_date,
            ethnicity,
            hukou_type,
            hukou_address,
            candidate_source,
            education,
            school_or_employer,
            work_years: i.work_years,
        }),
        _ => Err(errs),
    }
}

/// Finds the candidate's account by ID number (the name must match), or creates it (initial password = last six
/// of the ID number, to be changed at the first login). An existing account keeps its data; only empty profile
/// fields are filled. What the entry supplied is recorded for `institution_id` (see `disclosure`).
pub async fn ensure_account(
    db: &impl ConnectionTrait,
    institution_id: i32,
    e: &Entrant,
    photo: Option<Uuid>,
    actor: (i32, &str),
) -> AppResult<(user::Model, bool)> {
    let existing = user::Entity::find()
        .filter(user::Column::Login.eq(e.id_number.clone()))
        .one(db)
        .await?;
    let (u, created) = match existing {
        Some(u) if u.role != "candidate" => {
            return Err(AppError::conflict(
                "id_number_taken",
                "该证件号码已被其他类型的账号使用",
            ));
        }
        // The refusal names nobody: whoever knows an ID number must not learn whose it is.
        Some(u) if u.name != e.name => {
            return Err(AppError::conflict(
                "name_mismatch",
                "该证件号码已注册，录入的姓名与账号姓名不一致，请核对",
            ));
        }
        Some(u) => (u, false),
        None => {
            let entered_by = user::Entity::find_by_id(actor.0)
                .one(db)
                .await?
                .and_then(|a| a.institution_id);
            let u = insert_candidate(
                db,
                NewCandidate {
                    name: e.name.clone(),
                    id_type: e.id_type.clone(),
                    id_number: e.id_number.clone(),
                    mobile: Some(e.mobile.clone()),
                    password_hash: INITIAL_LAST_SIX.to_string(),
                    must_change_password: true,
                    entered_by,
                },
            )
            .await?;
            let ev = crate::audit::Event {
                after: Some(
                    serde_json::json!({ "login": u.login, "name": u.name, "id_type": u.id_type,
                    "mobile": validate::mask_mobile(&e.mobile), "must_change_password": true }),
                ),
                ..crate::audit::Event::by(actor.0, "candidate_account_enter", "user", u.id, actor.1)
            };
            crate::audit::record(db, ev).await?;
            (u, true)
        }
    };
    let (_, p) = crate::candidate::profile::load(db, u.id).await?;
    let mut am: candidate_profile::ActiveModel = p.clone().into();
    let mut changed = false;
    macro_rules! fill {
        ($field:ident, $value:expr) => {
            if p.$field.is_none() && $value.is_some() {
                am.$field = Set($value.clone());
                changed = true;
            }
        };
    }
    fill!(gender, e.gender);
    fill!(birth_date, e.birth_date);
    fill!(ethnicity, e.ethnicity);
    fill!(hukou_type, e.hukou_type);
    fill!(hukou_address, e.hukou_address);
    fill!(candidate_source, e.candidate_source);
    fill!(education, e.education);
    fill!(school_or_employer, e.school_or_employer);
    fill!(work_years, e.work_years);
    fill!(photo_file_id, photo);
    if changed {
        am.updated_at = Set(crate::now());
        let after = am.clone().update(db).await?;
        let ev = crate::audit::Event {
            before: Some(profile_json(&p)),
            after: Some(profile_json(&after)),
            ..crate::audit::Event::by(actor.0, "candidate_profile_fill", "user", u.id, actor.1)
        };
        crate::audit::record(db, ev).await?;
    }
    if u.mobile.is_none() {
        let mut um: user::ActiveModel = u.clone().into();
        um.mobile = Set(Some(e.mobile.clone()));
        um.update(db).await?;
    }
    super::disclosure::record_entry(db, institution_id, u.id, e, photo, created).await?;
    Ok((u, created))
}

fn profile_json(p: &candidate_profile::Model) -> serde_json::Value {
    serde_json::json!({ "gender": p.gender, "birth_date": p.birth_date, "ethnicity": p.ethnicity,
        "hukou_type": p.hukou_type, "hukou_address": p.hukou_address, "candidate_source": p.candidate_source,
        "education": p.education, "school_or_employer": p.school_or_employer, "work_years": p.work_years,
        "photo_file_id": p.photo_file_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EntrantInput {
        EntrantInput {
            name: "张三".into(),
            id_type: "居民身份证".into(),
            id_number: "11010519491231002x".into(),
            mobile: "13800138000".into(),
            ethnicity: Some("汉".into()),
            education: Some("高中".into()),
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
    }

    #[test]
    fn labels_are_accepted_and_the_id_number_gives_gender_and_birth_date() {
        let e = validate(input(), today()).expect("valid");
        assert_eq!(e.id_type, "resident_id");
        assert_eq!(e.id_number, "11010519491231002X");
        assert_eq!(e.gender.as_deref(), Some("female"));
        assert_eq!(e.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31));
        assert_eq!(e.ethnicity.as_deref(), Some("汉族"));
    }

    #[test]
    fn every_bad_field_is_reported_in_field_order() {
        let errs = validate_all(
            EntrantInput {
                name: "张".into(),
                mobile: "123".into(),
                ethnicity: Some("火星".into()),
                education: Some("博士后".into()),
                work_years: Some(99),
                ..input()
            },
            today(),
        )
        .err()
        .unwrap_or_default();
        let codes: Vec<String> = errs.iter().map(|e| e.body().code).collect();
        assert_eq!(
            codes,
            [
                "invalid_name",
                "invalid_mobile",
                "invalid_work_years",
                "invalid_enum",
                "invalid_enum"
            ]
        );
    }

    #[test]
    fn each_bad_field_has_its_code() {
        let code = |i: EntrantInput| {
            validate(i, today())
                .err()
                .map(|e| e.body().code)
                .unwrap_or_default()
        };
        assert_eq!(
            code(EntrantInput {
                id_number: "110105194912310021".into(),
                ..input()
            }),
            "invalid_id_number"
        );
        assert_eq!(
            code(EntrantInput {
                mobile: "1380013800".into(),
                ..input()
            }),
            "invalid_mobile"
        );
        assert_eq!(
            code(EntrantInput {
                ethnicity: Some("火星".into()),
                ..input()
            }),
            "invalid_enum"
        );
        assert_eq!(
            code(EntrantInput {
                gender: Some("男".into()),
                ..input()
            }),
            "gender_mismatch"
        );
        assert_eq!(
            code(EntrantInput {
                birth_date: Some("1950-01-01".into()),
                ..input()
            }),
            "birth_date_mismatch"
        );
        assert_eq!(
            code(EntrantInput {
                id_type: "军官证".into(),
                ..input()
            }),
            "invalid_id_type"
        );
        assert_eq!(
            code(EntrantInput {
                name: "张".into(),
                ..input()
            }),
            "invalid_name"
        );
    }
}
