//! Account rules shared by the auth handlers: building `Me`, issuing sessions, binding WeChat identities.
use super::session::{self, Session};
use super::types::{InstitutionRef, Me};
use crate::audit::{self, Event};
use crate::domain::validate::mask_id;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use entity::{institution, user, wechat_binding};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

pub async fn find_user(db: &impl ConnectionTrait, id: i32) -> AppResult<user::Model> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "账号不存在"))
}

pub async fn me_of(db: &impl ConnectionTrait, u: &user::Model) -> AppResult<Me> {
    let institution = match u.institution_id {
        Some(id) => institution::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|i| InstitutionRef {
                id: i.id,
                code: i.code,
                name: i.name,
            }),
        None => None,
    };
    let bound = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::UserId.eq(u.id))
        .count(db)
        .await?;
    let login_masked = if u.role == "candidate" {
        mask_id(&u.login)
    } else {
        u.login.clone()
    };
    Ok(Me {
        id: u.id,
        role: u.role.clone(),
        name: u.name.clone(),
        login: u.login.clone(),
        login_masked,
        institution,
        must_change_password: u.must_change_password,
        wechat_bound: bound > 0,
    })
}

pub async fn issue_session(st: &AppState, u: &user::Model) -> AppResult<String> {
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    session::create(
        &st.cache,
        ttl,
        Session {
            user_id: u.id,
            role: u.role.clone(),
            institution_id: u.institution_id,
            must_change_password: u.must_change_password,
            issued_at: 0,
            key: String::new(),
        },
    )
    .await
}

/// A WeChat identity waiting to be bound (kept in the cache behind a one-time ticket).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingBind {
    pub app_id: String,
    pub openid: String,
    pub unionid: Option<String>,
}

const BIND_TTL: Duration = Duration::from_secs(15 * 60);

pub async fn park_bind(st: &AppState, p: &PendingBind) -> AppResult<String> {
    let ticket = session::random_token()?;
    let json = serde_json::to_string(p).map_err(anyhow::Error::from)?;
    st.cache
        .set(&format!("wxbind:{ticket}"), &json, BIND_TTL)
        .await?;
    Ok(ticket)
}

pub async fn take_bind(st: &AppState, ticket: &str) -> AppResult<PendingBind> {
    let json = st.cache.take(&format!("wxbind:{ticket}")).await?;
    json.and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| AppError::bad("bind_ticket_invalid", "微信绑定已过期，请重新使用微信登录"))
}

/// Binds a WeChat identity to an account; refuses an identity bound elsewhere or a second one for the same app.
pub async fn bind(
    db: &impl ConnectionTrait,
    user_id: i32,
    p: &PendingBind,
    ip: &str,
) -> AppResult<()> {
    let existing = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::AppId.eq(&p.app_id))
        .filter(wechat_binding::Column::Openid.eq(&p.openid))
        .one(db)
        .await?;
    match existing {
        Some(b) if b.user_id == user_id => return Ok(()),
        Some(_) => return Err(already_bound_other()),
        None => {}
    }
    let mine = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::UserId.eq(user_id))
        .filter(wechat_binding::Column::AppId.eq(&p.app_id))
        .count(db)
        .await?;
    if mine > 0 {
        return Err(AppError::conflict(
            "wechat_already_bound_self",
            "该账号已绑定其他微信，请先解绑",
        ));
    }
    let inserted = wechat_binding::ActiveModel {
        user_id: Set(user_id),
        app_id: Set(p.app_id.clone()),
        openid: Set(p.openid.clone()),
        unionid: Set(p.unionid.clone()),
        created_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e)
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Err(already_bound_other());
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        db,
        Event {
            after: Some(serde_json::json!({ "app_id": p.app_id, "openid": mask_id(&p.openid) })),
            ..Event::user("wechat_bind", user_id, ip.to_string())
        },
    )
    .await?;
    Ok(())
}

fn already_bound_other() -> AppError {
    AppError::conflict("wechat_already_bound_other", "该微信已绑定其他账号")
}

/// Normalises what a person types as login: ID numbers upper-case, usernames lower-case.
pub fn login_keys(raw: &str) -> [String; 2] {
    let t = raw.trim();
    [t.to_ascii_uppercase(), t.to_ascii_lowercase()]
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
