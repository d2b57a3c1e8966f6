//! Registration, password login, logout, the current account and password change.
use super::limits::Limiter;
use super::password;
use super::service::{self, PendingBind};
use super::session;
use super::types::*;
use crate::audit::{self, Event};
use crate::domain::{enums, idcard, validate};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::user;
use salvo::oapi::extract::JsonBody;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use std::time::Duration;

/// Register a candidate account (证件号码 becomes the login).
#[endpoint(tags("auth"), status_codes(201, 400, 409))]
pub async fn register(
    body: JsonBody<RegisterReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let ip = depot.client_ip();
    let req = body.into_inner();
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
    if !validate::is_mobile(req.mobile.trim()) {
        return Err(AppError::bad("invalid_mobile", "请填写正确的11位手机号码"));
    }
    if let Some(problem) = validate::password_problem(&req.password, &id_number) {
        return Err(AppError::bad("weak_password", problem));
    }
    if req.password != req.password_confirm {
        return Err(AppError::bad("password_mismatch", "两次输入的密码不一致"));
    }
    if user::Entity::find()
        .filter(user::Column::Login.eq(&id_number))
        .one(&st.db)
        .await?
        .is_some()
    {
        return Err(service::id_number_taken());
    }
    let pending = match &req.bind_ticket {
        Some(t) => Some(service::take_bind(&st, t).await?),
        None => None,
    };
    let hash = password::hash(req.password).await?;
    let txn = st.db.begin().await?;
    let new = service::NewCandidate {
        name,
        id_type: req.id_type.clone(),
        id_number: id_number.clone(),
        mobile: Some(req.mobile.trim().to_string()),
        password_hash: hash,
        must_change_password: false,
    };
    let u = service::insert_candidate(&txn, new).await?;
    audit::record(&txn, Event {
        after: Some(json!({ "name": u.name, "id_type": req.id_type, "id_number": validate::mask_id(&id_number) })),
        ..Event::user("register", u.id, ip.clone())
    })
    .await?;
    if let Some(p) = &pending {
        service::bind(&txn, u.id, p, &ip).await?;
    }
    txn.commit().await?;
    let token = service::issue_session(&st, &u).await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(LoginResp {
        token,
        user: service::me_of(&st.db, &u).await?,
        wechat_bound_now: pending.is_some(),
    }))
}

/// Log in with ID number (or username) and password; locked after repeated failures.
#[endpoint(tags("auth"))]
pub async fn login(body: JsonBody<LoginReq>, depot: &mut Depot) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let ip = depot.client_ip();
    let req = body.into_inner();
    let [upper, lower] = service::login_keys(&req.login);
    let limiter = Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    };
    limiter.check(&upper, &ip).await?;
    let found = user::Entity::find()
        .filter(user::Column::Login.is_in([upper.clone(), lower]))
        .one(&st.db)
        .await?;
    let ok = password::verify(
        req.password,
        found.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let Some(u) = found.filter(|_| ok) else {
        let left = limiter.fail(&upper, &ip).await?;
        audit::record(
            &st.db,
            Event {
                action: "login_failed",
                target_type: "login",
                target_id: Some(validate::mask_id(&upper)),
                ip: Some(ip),
                ..Default::default()
            },
        )
        .await?;
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
    let pending: Option<PendingBind> = match &req.bind_ticket {
        Some(t) => Some(service::take_bind(&st, t).await?),
        None => None,
    };
    let txn = st.db.begin().await?;
    audit::record(&txn, Event::user("login", u.id, ip.clone())).await?;
    if let Some(p) = &pending {
        service::bind(&txn, u.id, p, &ip).await?;
    }
    txn.commit().await?;
    let token = service::issue_session(&st, &u).await?;
    Ok(Json(LoginResp {
        token,
        user: service::me_of(&st.db, &u).await?,
        wechat_bound_now: pending.is_some(),
    }))
}

/// End this session (on every process).
#[endpoint(tags("auth"), status_codes(204, 401))]
pub async fn logout(depot: &mut Depot, res: &mut Response) -> AppResult<()> {
    let st = depot.state()?;
    let s = depot.session()?;
    session::end(&st.cache, &s).await?;
    audit::record(&st.db, Event::user("logout", s.user_id, depot.client_ip())).await?;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}

/// The logged-in account.
#[endpoint(tags("auth"))]
pub async fn me(depot: &mut Depot) -> AppResult<Json<Me>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let u = service::find_user(&st.db, s.user_id).await?;
    Ok(Json(service::me_of(&st.db, &u).await?))
}

/// Change the password (old + new); every other session of the account ends and a fresh token is returned.
#[endpoint(tags("auth"))]
pub async fn change_password(
    body: JsonBody<ChangePasswordReq>,
    depot: &mut Depot,
) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let req = body.into_inner();
    let u = service::find_user(&st.db, s.user_id).await?;
    if !password::verify(req.old_password.clone(), Some(u.password_hash.clone())).await? {
        return Err(AppError::unauthorized("bad_credentials", "原密码错误"));
    }
    if req.old_password == req.new_password {
        return Err(AppError::bad(
            "password_unchanged",
            "新密码不能与原密码相同",
        ));
    }
    if let Some(problem) = validate::password_problem(&req.new_password, &u.login) {
        return Err(AppError::bad("weak_password", problem));
    }
    let hash = password::hash(req.new_password).await?;
    let txn = st.db.begin().await?;
    let was_forced = u.must_change_password;
    let mut am: user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(false);
    am.updated_at = Set(crate::now());
    let u = am.update(&txn).await?;
    audit::record(
        &txn,
        Event {
            before: Some(json!({ "must_change_password": was_forced })),
            after: Some(json!({ "must_change_password": false })),
            ..Event::user("password_change", u.id, depot.client_ip())
        },
    )
    .await?;
    txn.commit().await?;
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    session::end_all(&st.cache, ttl, u.id).await?;
    let token = service::issue_session(&st, &u).await?;
    Ok(Json(LoginResp {
        token,
        user: service::me_of(&st.db, &u).await?,
        wechat_bound_now: false,
    }))
}
