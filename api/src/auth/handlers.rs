//! Registration, password login, logout, the current account and password change.
use super::identity;
use super::password;
use super::registration;
use super::service;
use super::session;
use super::types::*;
use crate::audit::{self, Event};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::user;
use salvo::oapi::extract::JsonBody;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use std::time::Duration;

/// Register a candidate account (证件号码 becomes the login).
#[endpoint(tags("auth"), status_codes(201, 400, 409), responses((status_code = 201, description = "已创建")))]
pub async fn register(
    body: JsonBody<RegisterReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let ip = depot.client_ip();
    let req = body.into_inner();
    let r = registration::validate(&req)?;
    if user::Entity::find()
        .filter(user::Column::Login.eq(&r.id_number))
        .one(&st.db)
        .await?
        .is_some()
    {
        return Err(registration::id_number_taken());
    }
    let pending = service::take_pending(&st, &req.bind_ticket).await?;
    let new = registration::NewCandidate {
        name: r.name,
        id_type: r.id_type,
        id_number: r.id_number.clone(),
        mobile: Some(r.mobile),
        password_hash: password::hash(req.password).await?,
        must_change_password: false,
        entered_by: None,
    };
    let txn = st.db.begin().await?;
    let u = registration::insert_candidate(&txn, new).await?;
    let after = json!({ "name": u.name, "id_type": u.id_type, "id_number": validate::mask_id(&r.id_number) });
    audit::record(
        &txn,
        Event {
            after: Some(after),
            ..Event::user("register", u.id, ip.clone())
        },
    )
    .await?;
    let resp = service::complete_login(&st, txn, &u, pending, &ip).await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(resp))
}

/// Log in with ID number (or username) and password; locked after repeated failures.
#[endpoint(tags("auth"))]
pub async fn login(body: JsonBody<LoginReq>, depot: &mut Depot) -> AppResult<Json<LoginResp>> {
    let st = depot.state()?;
    let ip = depot.client_ip();
    let req = body.into_inner();
    let u = service::check_password(&st, &req.login, req.password, &ip).await?;
    if identity::needs_check(&u) {
        // Anyone who knows the ID number knows this password: hold the session (and bind no WeChat
        // identity) until the recorded mobile number is confirmed.
        return Ok(Json(identity::held_login(&st, &u, &ip).await?));
    }
    let pending = service::take_pending(&st, &req.bind_ticket).await?;
    let txn = st.db.begin().await?;
    audit::record(&txn, Event::user("login", u.id, ip.clone())).await?;
    Ok(Json(
        service::complete_login(&st, txn, &u, pending, &ip).await?,
    ))
}

/// End this session (on every process).
#[endpoint(tags("auth"), status_codes(204, 401), responses((status_code = 204, description = "已完成，无内容")))]
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
    if s.identity_check {
        return Ok(Json(service::me_held(&st.db, &u).await?));
    }
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
    if !password::verify_account(
        req.old_password.clone(),
        Some(&u.login),
        Some(u.password_hash.clone()),
    )
    .await?
    {
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
