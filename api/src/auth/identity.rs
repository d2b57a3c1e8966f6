//! The second factor of accounts an institution entered, and 忘记密码.
//!
//! Such an account's initial password is the last six characters of its ID number, which anyone who knows the
//! ID number can derive. A login with it therefore opens a *held* session: the middleware lets it call only
//! `me` (masked), `identity-check` and `logout` until the person types the full mobile number the institution
//! recorded. 忘记密码 uses the same factor: ID number + recorded mobile number + new password. Both count
//! failures per login (known or not) with their own limit, and every failure — wrong mobile, no mobile
//! recorded, unknown ID number, disabled account — answers the same message, so neither is an oracle.
use super::limits::Limiter;
use super::service::{self, login_keys};
use super::session;
use super::types::{ForgotPasswordReq, IdentityCheckReq, LoginResp};
use crate::audit::{self, Event};
use crate::domain::validate::{self, mask_id, mask_mobile};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::user;
use salvo::oapi::extract::JsonBody;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use std::time::Duration;

/// Audit actions written here and by the resets (one place, for the audit page's names):
/// a passed / failed identity check after an initial-password login, a password recovered with
/// 忘记密码 / a failed attempt, a reset by the entering institution, and an administrator's unlock.
pub const IDENTITY_CHECK_PASSED: &str = "identity_check_passed";
pub const IDENTITY_CHECK_FAILED: &str = "identity_check_failed";
pub const PASSWORD_RECOVER: &str = "password_recover";
pub const PASSWORD_RECOVER_FAILED: &str = "password_recover_failed";
pub const PASSWORD_RESET_BY_INSTITUTION: &str = "password_reset_by_institution";
pub const ACCOUNT_UNLOCK: &str = "account_unlock";

/// Whether a password login of this account must pass the identity check (its password is still derivable).
pub fn needs_check(u: &user::Model) -> bool {
    u.role == "candidate" && u.password_hash == super::password::INITIAL_LAST_SIX
}

fn limiter(st: &AppState) -> Limiter<'_> {
    Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    }
}

/// The answer of a login with the initial password: a held session and a masked `Me`.
pub async fn held_login(st: &AppState, u: &user::Model, ip: &str) -> AppResult<LoginResp> {
    let ev = Event {
        after: Some(json!({ "identity_check": "required" })),
        ..Event::user("login", u.id, ip)
    };
    audit::record(&st.db, ev).await?;
    Ok(LoginResp {
        token: service::issue_held_session(st, u).await?,
        user: service::me_held(&st.db, u).await?,
        wechat_bound_now: false,
    })
}

fn mobile_matches(recorded: Option<&str>, typed: &str) -> bool {
    let typed = typed.trim();
    recorded.is_some_and(|r| validate::is_mobile(typed) && r == typed)
}

/// Counts a failure and answers it, the same way whatever failed.
async fn refuse(st: &AppState, login: &str, ip: &str, what: &str) -> AppError {
    let limiter = limiter(st);
    match limiter.fail_identity(login, ip).await {
        Ok(0) => match limiter.check_identity(login, ip).await {
            Err(e) => e,
            Ok(()) => AppError::bad("identity_check_failed", what.to_string()),
        },
        Ok(left) => AppError::bad("identity_check_failed", format!("{what}，还可尝试{left}次")),
        Err(e) => e,
    }
}

/// Confirm the full mobile number the institution recorded, after a login with the initial password. The held
/// session ends and a normal one (still bound to change the password) is returned.
#[endpoint(tags("auth"), status_codes(200, 400, 401, 403, 429))]
pub async fn identity_check(
    body: JsonBody<IdentityCheckReq>,
    depot: &mut Depot,
) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let ip = depot.client_ip();
    if !s.identity_check {
        return Err(AppError::bad(
            "identity_check_not_required",
            "该账号无需核验",
        ));
    }
    let u = service::find_user(&st.db, s.user_id).await?;
    limiter(&st).check_identity(&u.login, &ip).await?;
    let typed = body.into_inner().mobile;
    if u.disabled || !needs_check(&u) || !mobile_matches(u.mobile.as_deref(), &typed) {
        let ev = Event {
            after: Some(json!({ "mobile": mask_mobile(typed.trim()) })),
            ..Event::user(IDENTITY_CHECK_FAILED, u.id, ip.clone())
        };
        audit::record(&st.db, ev).await?;
        return Err(refuse(&st, &u.login, &ip, "手机号码与机构登记的不一致").await);
    }
    let ev = Event {
        after: Some(json!({ "mobile": u.mobile.as_deref().map(mask_mobile) })),
        ..Event::user(IDENTITY_CHECK_PASSED, u.id, ip)
    };
    audit::record(&st.db, ev).await?;
    session::end(&st.cache, &s).await?;
    st.cache.del(&format!("fail:idcheck:{}", u.login)).await?;
    Ok(Json(LoginResp {
        token: service::issue_session(&st, &u).await?,
        user: service::me_of(&st.db, &u).await?,
        wechat_bound_now: false,
    }))
}

/// 忘记密码 (candidates): ID number + the mobile number recorded for the account + a new password. Ends every
/// session and lifts the account's lock; staff and centre accounts are reset by the administrator.
#[endpoint(tags("auth"), status_codes(204, 400, 429), responses((status_code = 204, description = "密码已重设")))]
pub async fn forgot_password(
    body: JsonBody<ForgotPasswordReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let ip = depot.client_ip();
    let req = body.into_inner();
    let [upper, lower] = login_keys(&req.login);
    limiter(&st).check_identity(&upper, &ip).await?;
    if let Some(problem) = validate::password_problem(&req.new_password, &upper) {
        return Err(AppError::bad("weak_password", problem));
    }
    let found = user::Entity::find()
        .filter(user::Column::Login.is_in([upper.clone(), lower]))
        .one(&st.db)
        .await?
        .filter(|u| u.role == "candidate" && !u.disabled)
        .filter(|u| mobile_matches(u.mobile.as_deref(), &req.mobile));
    let Some(u) = found else {
        let ev = Event {
            action: PASSWORD_RECOVER_FAILED,
            target_type: "login",
            target_id: Some(mask_id(&upper)),
            ip: Some(ip.clone()),
            ..Default::default()
        };
        audit::record(&st.db, ev).await?;
        return Err(refuse(&st, &upper, &ip, "证件号码或手机号码不正确").await);
    };
    let hash = super::password::hash(req.new_password).await?;
    let txn = st.db.begin().await?;
    let was_forced = u.must_change_password;
    let mut am: user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(false);
    am.updated_at = Set(crate::now());
    let u = am.update(&txn).await?;
    let ev = Event {
        before: Some(json!({ "must_change_password": was_forced })),
        after: Some(json!({ "must_change_password": false })),
        ..Event::user(PASSWORD_RECOVER, u.id, ip)
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    session::end_all(&st.cache, ttl, u.id).await?;
    limiter(&st).unlock(&u.login).await?;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}
