//! Candidate self-registration rules, and the creation of candidate accounts (self-registered, or entered by an
//! institution in the next issue).
use super::types::RegisterReq;
use crate::domain::{enums, idcard, validate};
use crate::error::{AppError, AppResult};
use entity::user;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// A registration that passed every field rule.
pub struct Registration {
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub mobile: String,
}

/// The field rules of self-registration, in the order of the form.
pub fn validate(req: &RegisterReq) -> AppResult<Registration> {
    let name = req.name.trim().to_string();
    if !validate::is_person_name(&name) {
        return Err(AppError::bad("invalid_name", "请填写真实姓名（2至50个字）"));
    }
    if !enums::contains(enums::ID_TYPES, &req.id_type) {
        return Err(AppError::bad("invalid_id_type", "请选择证件类型"));
    }
    let today = chrono::Local::now().date_naive();
    let id_number = idcard::normalise_document(&req.id_type, &req.id_number, today)
        .map_err(|m| AppError::bad("invalid_id_number", m))?;
    let mobile = req.mobile.trim().to_string();
    if !validate::is_mobile(&mobile) {
        return Err(AppError::bad("invalid_mobile", "请填写正确的11位手机号码"));
    }
    if let Some(problem) = validate::password_problem(&req.password, &id_number) {
        return Err(AppError::bad("weak_password", problem));
    }
    if req.password != req.password_confirm {
        return Err(AppError::bad("password_mismatch", "两次输入的密码不一致"));
    }
    Ok(Registration {
        name,
        id_type: req.id_type.clone(),
        id_number,
        mobile,
    })
}

pub fn id_number_taken() -> AppError {
    AppError::conflict("id_number_taken", "该证件号码已注册，请直接登录或找回密码")
}

/// A candidate account to create: by self-registration, or (later) by an institution's entry.
pub struct NewCandidate {
    pub name: String,
    pub id_type: String,
    /// Already validated and normalised.
    pub id_number: String,
    pub mobile: Option<String>,
    pub password_hash: String,
    pub must_change_password: bool,
    /// The institution whose entry creates the account (None for self-registration).
    pub entered_by: Option<i32>,
}

/// Inserts the account and its profile; for ID numbers of the GB 11643 scheme the gender and the birth date
/// are derived from the number. A duplicate ID number is `id_number_taken`, also when two requests race.
pub async fn insert_candidate(
    db: &impl ConnectionTrait,
    c: NewCandidate,
) -> AppResult<user::Model> {
    let today = chrono::Local::now().date_naive();
    let derived = matches!(c.id_type.as_str(), "resident_id" | "hmt_residence")
        .then(|| crate::domain::idcard::parse_resident_id(&c.id_number, today).ok())
        .flatten();
    let now = crate::now();
    let u = user::ActiveModel {
        role: Set("candidate".into()),
        login: Set(c.id_number.clone()),
        name: Set(c.name),
        id_type: Set(Some(c.id_type)),
        id_number: Set(Some(c.id_number)),
        mobile: Set(c.mobile),
        password_hash: Set(c.password_hash),
        must_change_password: Set(c.must_change_password),
        institution_id: Set(None),
        entered_by_institution_id: Set(c.entered_by),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => id_number_taken(),
        other => other,
    })?;
    entity::candidate_profile::ActiveModel {
        user_id: Set(u.id),
        gender: Set(derived.as_ref().map(|d| d.gender.to_string())),
        birth_date: Set(derived.as_ref().map(|d| d.birth_date)),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(u)
}
