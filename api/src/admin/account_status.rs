//! Disabling, enabling and resetting the password of an account. Each ends the account's sessions on every
//! process; a reset password must be replaced at the next login. A reset or an unlock lifts the account's lock.
use super::accounts::{UserResp, mark_locked, user_resp};
use crate::audit::{self, Event};
use crate::auth::identity::ACCOUNT_UNLOCK;
use crate::auth::limits::Limiter;
use crate::auth::session::Session;
use crate::auth::{password, session};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::user;
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SetStatusReq {
    pub disabled: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetPasswordReq {
    /// The new initial password (the owner must change it at the next login).
    pub password: String,
}

/// The administrator's session and the account they act on.
async fn admin_and_target(depot: &Depot, id: i32) -> AppResult<(AppState, Session, user::Model)> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let u = user::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "账号不存在"))?;
    Ok((st, s, u))
}

fn limiter(st: &AppState) -> Limiter<'_> {
    Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    }
}

/// The account as the admin pages show it, with its lock state.
async fn resp_of(st: &AppState, u: user::Model) -> AppResult<UserResp> {
    let login = u.login.clone();
    let mut out = [user_resp(&st.db, u).await?];
    mark_locked(st, &mut out, &[login]).await?;
    let [out] = out;
    Ok(out)
}

async fn end_sessions(st: &AppState, user_id: i32) -> AppResult<()> {
    session::end_all(
        &st.cache,
        Duration::from_secs(st.settings.auth.session_ttl_secs),
        user_id,
    )
    .await
}

/// Disable or enable an account (disabling ends its sessions at once).
#[endpoint(tags("admin"))]
pub async fn set_user_status(
    id: PathParam<i32>,
    body: JsonBody<SetStatusReq>,
    depot: &mut Depot,
) -> AppResult<Json<UserResp>> {
    let (st, s, u) = admin_and_target(depot, id.into_inner()).await?;
    let disabled = body.into_inner().disabled;
    if u.id == s.user_id && disabled {
        return Err(AppError::bad("cannot_disable_self", "不能停用自己的账号"));
    }
    let before = u.disabled;
    let txn = st.db.begin().await?;
    let mut am: user::ActiveModel = u.into();
    am.disabled = Set(disabled);
    am.updated_at = Set(crate::now());
    let u = am.update(&txn).await?;
    let action = if disabled {
        "account_disable"
    } else {
        "account_enable"
    };
    audit::record(
        &txn,
        Event {
            before: Some(json!({ "disabled": before })),
            after: Some(json!({ "disabled": disabled })),
            ..Event::by(s.user_id, action, "user", u.id, depot.client_ip())
        },
    )
    .await?;
    txn.commit().await?;
    if disabled {
        end_sessions(&st, u.id).await?;
    }
    Ok(Json(resp_of(&st, u).await?))
}

/// Reset an account's password to a new initial one, to be changed at the next login.
#[endpoint(tags("admin"))]
pub async fn reset_password(
    id: PathParam<i32>,
    body: JsonBody<ResetPasswordReq>,
    depot: &mut Depot,
) -> AppResult<Json<UserResp>> {
    let (st, s, u) = admin_and_target(depot, id.into_inner()).await?;
    let pw = body.into_inner().password;
    if let Some(problem) = validate::password_problem(&pw, &u.login) {
        return Err(AppError::bad("weak_password", problem));
    }
    let hash = password::hash(pw).await?;
    let txn = st.db.begin().await?;
    let mut am: user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(true);
    am.updated_at = Set(crate::now());
    let u = am.update(&txn).await?;
    audit::record(
        &txn,
        Event {
            after: Some(json!({ "must_change_password": true })),
            ..Event::by(s.user_id, "password_reset", "user", u.id, depot.client_ip())
        },
    )
    .await?;
    txn.commit().await?;
    end_sessions(&st, u.id).await?;
    limiter(&st).unlock(&u.login).await?;
    Ok(Json(resp_of(&st, u).await?))
}

/// Lift an account's lock (failed logins or mobile-number checks) before it expires.
#[endpoint(tags("admin"))]
pub async fn unlock(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<UserResp>> {
    let (st, s, u) = admin_and_target(depot, id.into_inner()).await?;
    let was = limiter(&st).locked_for(&u.login).await?.is_some();
    limiter(&st).unlock(&u.login).await?;
    let ev = Event {
        before: Some(json!({ "locked": was })),
        after: Some(json!({ "locked": false })),
        ..Event::by(s.user_id, ACCOUNT_UNLOCK, "user", u.id, depot.client_ip())
    };
    audit::record(&st.db, ev).await?;
    Ok(Json(resp_of(&st, u).await?))
}
