//! WeChat login, bind and unbind. A bound openid logs straight in; an unbound one is parked behind a one-time
//! bind ticket until a password login or registration; a logged-in caller binds directly.
use super::service::{self, PendingBind};
use super::types::*;
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::integrations::wechat_oauth;
use crate::state::{AppState, DepotExt};
use entity::wechat_binding;
use salvo::http::cookie::{Cookie, SameSite};
use salvo::oapi::extract::JsonBody;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use std::time::Duration;

const STATE_TTL: Duration = Duration::from_secs(10 * 60);

fn require_mp(st: &AppState) -> AppResult<()> {
    if st.settings.wechat.mp_app_id.is_empty() {
        return Err(AppError::not_found("wechat_disabled", "未启用微信登录"));
    }
    Ok(())
}

const STATE_COOKIE: &str = "wx_state";

/// The WeChat authorize URL to send the browser to. Its one-time `state` is also set in an HttpOnly cookie, so
/// that only the browser that started the login can finish it (no login CSRF with someone else's callback link).
#[endpoint(tags("wechat"))]
pub async fn authorize_url(
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<AuthorizeUrlResp>> {
    let st = depot.state()?;
    require_mp(&st)?;
    let state: String = super::session::random_token()?
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    st.cache
        .set(&format!("wxstate:{state}"), "1", STATE_TTL)
        .await?;
    let public_url = st.settings.server.public_url.trim_end_matches('/');
    let cookie = Cookie::build((STATE_COOKIE, state.clone()))
        .path("/api/auth/wechat")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(public_url.starts_with("https://"))
        .max_age(salvo::http::cookie::time::Duration::seconds(
            STATE_TTL.as_secs() as i64,
        ))
        .build();
    res.add_cookie(cookie);
    let redirect = format!("{public_url}/wechat/callback");
    Ok(Json(AuthorizeUrlResp {
        url: wechat_oauth::authorize_url(&st.settings.wechat, &redirect, &state),
    }))
}

/// Finish web OAuth: `state` must be one we issued (single use) to this browser; the code is exchanged for the
/// openid.
#[endpoint(tags("wechat"))]
pub async fn oauth_login(
    body: JsonBody<WechatOauthReq>,
    req: &mut Request,
    depot: &mut Depot,
) -> AppResult<Json<WechatLoginResp>> {
    let st = depot.state()?;
    require_mp(&st)?;
    let same_browser = req.cookie(STATE_COOKIE).map(|c| c.value().to_string());
    let req = body.into_inner();
    if req.state.is_empty()
        || same_browser.as_deref() != Some(req.state.as_str())
        || st
            .cache
            .take(&format!("wxstate:{}", req.state))
            .await?
            .is_none()
    {
        return Err(AppError::bad(
            "wechat_state_invalid",
            "登录请求已失效，请重新点击微信登录",
        ));
    }
    let tok = wechat_oauth::exchange_code(&st.http, &st.settings.wechat, &req.code).await?;
    if tok.is_snapshotuser == Some(1) {
        return Err(AppError::forbidden(
            "wechat_snapshot_user",
            "当前为朋友圈快照页，无法登录。请点击页面下方「使用完整服务」后再试",
        ));
    }
    let p = PendingBind {
        app_id: st.settings.wechat.mp_app_id.clone(),
        openid: tok.openid,
        unionid: tok.unionid,
    };
    resolve(&st, depot, p).await.map(Json)
}

/// Mini-program login: a `wx.login` code → openid through jscode2session.
#[endpoint(tags("wechat"))]
pub async fn mini_login(
    body: JsonBody<WechatMiniReq>,
    depot: &mut Depot,
) -> AppResult<Json<WechatLoginResp>> {
    let st = depot.state()?;
    if st.settings.wechat.mini_app_id.is_empty() {
        return Err(AppError::not_found("wechat_disabled", "未启用小程序登录"));
    }
    let s = wechat_oauth::jscode2session(&st.http, &st.settings.wechat, &body.into_inner().code)
        .await?;
    let p = PendingBind {
        app_id: st.settings.wechat.mini_app_id.clone(),
        openid: s.openid,
        unionid: s.unionid,
    };
    resolve(&st, depot, p).await.map(Json)
}

async fn resolve(st: &AppState, depot: &Depot, p: PendingBind) -> AppResult<WechatLoginResp> {
    let ip = depot.client_ip();
    let current = depot.session().ok();
    let binding = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::AppId.eq(&p.app_id))
        .filter(wechat_binding::Column::Openid.eq(&p.openid))
        .one(&st.db)
        .await?;
    let empty = |status: &str| WechatLoginResp {
        status: status.into(),
        token: None,
        user: None,
        bind_ticket: None,
    };
    match (binding, current) {
        (Some(b), Some(s)) if b.user_id != s.user_id => Err(AppError::conflict(
            "wechat_already_bound_other",
            "该微信已绑定其他账号",
        )),
        (Some(_), Some(s)) | (None, Some(s)) => {
            let txn = st.db.begin().await?;
            service::bind(&txn, s.user_id, &p, &ip).await?;
            txn.commit().await?;
            let u = service::find_user(&st.db, s.user_id).await?;
            Ok(WechatLoginResp {
                user: Some(service::me_of(&st.db, &u).await?),
                ..empty("bound")
            })
        }
        (Some(b), None) => {
            let u = service::find_user(&st.db, b.user_id).await?;
            if u.disabled {
                return Err(AppError::forbidden(
                    "account_disabled",
                    "账号已停用，请联系管理员",
                ));
            }
            audit::record(&st.db, Event::user("login_wechat", u.id, ip)).await?;
            let token = service::issue_session(st, &u).await?;
            Ok(WechatLoginResp {
                token: Some(token),
                user: Some(service::me_of(&st.db, &u).await?),
                ..empty("logged_in")
            })
        }
        (None, None) => {
            let ticket = service::park_bind(st, &p).await?;
            Ok(WechatLoginResp {
                bind_ticket: Some(ticket),
                ..empty("bind_required")
            })
        }
    }
}

/// Bind the WeChat identity of a bind ticket to the logged-in account.
#[endpoint(tags("wechat"))]
pub async fn bind(body: JsonBody<BindReq>, depot: &mut Depot) -> AppResult<Json<Me>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let p = service::take_bind(&st, &body.into_inner().bind_ticket).await?;
    let txn = st.db.begin().await?;
    service::bind(&txn, s.user_id, &p, &depot.client_ip()).await?;
    txn.commit().await?;
    let u = service::find_user(&st.db, s.user_id).await?;
    Ok(Json(service::me_of(&st.db, &u).await?))
}

/// Unbind the account's WeChat identities.
#[endpoint(tags("wechat"), status_codes(204, 401, 404), responses((status_code = 204, description = "已完成，无内容")))]
pub async fn unbind(depot: &mut Depot, res: &mut Response) -> AppResult<()> {
    let st = depot.state()?;
    let s = depot.session()?;
    let txn = st.db.begin().await?;
    let found = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::UserId.eq(s.user_id))
        .all(&txn)
        .await?;
    if found.is_empty() {
        return Err(AppError::not_found("wechat_not_bound", "尚未绑定微信"));
    }
    wechat_binding::Entity::delete_many()
        .filter(wechat_binding::Column::UserId.eq(s.user_id))
        .exec(&txn)
        .await?;
    audit::record(&txn, Event {
        before: Some(serde_json::json!({ "app_ids": found.iter().map(|b| b.app_id.clone()).collect::<Vec<_>>() })),
        ..Event::user("wechat_unbind", s.user_id, depot.client_ip())
    })
    .await?;
    txn.commit().await?;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}
