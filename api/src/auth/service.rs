//! Account rules shared by the auth handlers: building `Me`, issuing sessions, binding WeChat identities.
use super::limits::Limiter;
use super::password;
use super::session::{self, Session};
use super::types::{InstitutionRef, LoginResp, Me};
use crate::audit::{self, Event};
use crate::domain::validate::mask_id;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use entity::{institution, user, wechat_binding};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
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
        identity_check_required: false,
    })
}

/// `Me` for a session held to the identity check: nothing the person logging in did not type themselves.
pub async fn me_held(db: &impl ConnectionTrait, u: &user::Model) -> AppResult<Me> {
    let me = me_of(db, u).await?;
    Ok(Me {
        name: crate::domain::validate::mask_name(&me.name),
        login: me.login_masked.clone(),
        identity_check_required: true,
        ..me
    })
}

pub async fn issue_session(st: &AppState, u: &user::Model) -> AppResult<String> {
    new_session(st, u, false).await
}

/// A session after a login with the derivable initial password, held to the identity check.
pub async fn issue_held_session(st: &AppState, u: &user::Model) -> AppResult<String> {
    new_session(st, u, true).await
}

async fn new_session(st: &AppState, u: &user::Model, identity_check: bool) -> AppResult<String> {
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    session::create(
        &st.cache,
        ttl,
        Session {
            user_id: u.id,
            role: u.role.clone(),
            institution_id: u.institution_id,
            must_change_password: u.must_change_password,
            identity_check,
            issued_at: 0,
            key: String::new(),
            data_version: None,
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

/// Checks a password login with the lockout rules: refuses while locked, counts and audits a failure (saying how
/// many attempts are left), refuses disabled accounts, and clears the account's failure count on success.
pub async fn check_password(
    st: &AppState,
    login: &str,
    password: String,
    ip: &str,
) -> AppResult<user::Model> {
    let [upper, lower] = login_keys(login);
    let limiter = Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    };
    limiter.check(&upper, ip).await?;
    let found = user::Entity::find()
        .filter(user::Column::Login.is_in([upper.clone(), lower]))
        .one(&st.db)
        .await?;
    let ok = password::verify_account(
        password,
        found.as_ref().map(|u| u.login.as_str()),
        found.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let Some(u) = found.filter(|_| ok) else {
        let left = limiter.fail(&upper, ip).await?;
        let failed = Event {
            action: "login_failed",
            target_type: "login",
            target_id: Some(mask_id(&upper)),
            ip: Some(ip.to_string()),
            ..Default::default()
        };
        audit::record(&st.db, failed).await?;
        let message = if left > 0 {
            format!("账号或密码错误，还可尝试{left}次")
        } else {
            format!(
                "账号或密码错误次数过多，已锁定{}分钟",
                st.settings.auth.login_lock_secs / 60
            )
        };
        return Err(AppError::unauthorized("bad_credentials", message));
    };
    if u.disabled {
        return Err(AppError::forbidden(
            "account_disabled",
            "账号已停用，请联系管理员",
        ));
    }
    limiter.succeed(&upper).await?;
    Ok(u)
}

/// The bind ticket of a request, taken (single use) from the cache.
pub async fn take_pending(
    st: &AppState,
    ticket: &Option<String>,
) -> AppResult<Option<PendingBind>> {
    match ticket {
        Some(t) => Ok(Some(take_bind(st, t).await?)),
        None => Ok(None),
    }
}

/// Ends a password login or registration: binds the waiting WeChat identity (if any) in the caller's
/// transaction, commits it, and opens a session.
pub async fn complete_login(
    st: &AppState,
    txn: DatabaseTransaction,
    u: &user::Model,
    pending: Option<PendingBind>,
    ip: &str,
) -> AppResult<LoginResp> {
    if let Some(p) = &pending {
        bind(&txn, u.id, p, ip).await?;
    }
    txn.commit().await?;
    let token = issue_session(st, u).await?;
    Ok(LoginResp {
        token,
        user: me_of(&st.db, u).await?,
        wechat_bound_now: pending.is_some(),
    })
}
