//! Official-account web OAuth2, server side (api.weixin.qq.com): `/sns/oauth2/access_token`,
//! `/sns/oauth2/refresh_token` and `/sns/userinfo`. Errors are HTTP 200 with an `errcode` body.

use salvo::prelude::*;
use serde_json::{Value, json};

use crate::util::{URL_SAFE, WxError, now_secs, query, random_string, render_wx, sim_from};
use crate::{ACCESS_TOKEN_TTL_SECS, CodeKind, Grant, REFRESH_TOKEN_TTL_SECS, Sim, SimState};

/// Length of simulated access and refresh tokens (all `[A-Za-z0-9-_]`).
const TOKEN_LEN: usize = 86;

fn check_app(sim: &Sim, appid: &str) -> Result<(), WxError> {
    match appid {
        "" => Err((41002, "appid missing")),
        a if a != sim.config().official.appid => Err((40013, "invalid appid")),
        _ => Ok(()),
    }
}

/// Issues an access token for `grant` (re-using its refresh token when it has one) → the success body.
fn grant_tokens(st: &mut SimState, mut grant: Grant) -> Value {
    let now = now_secs();
    if grant.refresh_token.is_empty() {
        grant.refresh_token = random_string(TOKEN_LEN, URL_SAFE);
        grant.expires_at = now + REFRESH_TOKEN_TTL_SECS;
        st.refresh_tokens
            .insert(grant.refresh_token.clone(), grant.clone());
    }
    let token = random_string(TOKEN_LEN, URL_SAFE);
    let mut body = json!({
        "access_token": token,
        "expires_in": ACCESS_TOKEN_TTL_SECS,
        "refresh_token": grant.refresh_token,
        "openid": grant.openid,
        "scope": grant.scope,
    });
    if grant.snapshot {
        body["is_snapshotuser"] = json!(1);
    }
    grant.expires_at = now + ACCESS_TOKEN_TTL_SECS;
    st.access_tokens.insert(token, grant);
    body
}

fn exchange_code(sim: &Sim, req: &Request) -> Result<Value, WxError> {
    let appid = query(req, "appid");
    check_app(sim, &appid)?;
    match query(req, "secret").as_str() {
        "" => return Err((41004, "appsecret missing")),
        s if s != sim.config().official.secret => return Err((40125, "invalid appsecret")),
        _ => {}
    }
    if query(req, "grant_type") != "authorization_code" {
        return Err((40002, "invalid grant_type"));
    }
    let code = query(req, "code");
    if code.is_empty() {
        return Err((41008, "missing code"));
    }
    let mut st = sim.state();
    let redeemed = st.redeem_code(&code, &appid, false)?;
    let CodeKind::OAuth { scope, snapshot } = redeemed.kind else {
        return Err((40029, "invalid code"));
    };
    let grant = Grant {
        appid,
        openid: redeemed.openid,
        scope,
        snapshot,
        expires_at: 0,
        refresh_token: String::new(),
    };
    Ok(grant_tokens(&mut st, grant))
}

/// `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`
#[handler]
pub(crate) async fn access_token(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        render_wx(res, exchange_code(&sim, req));
    }
}

fn refresh(sim: &Sim, req: &Request) -> Result<Value, WxError> {
    let appid = query(req, "appid");
    check_app(sim, &appid)?;
    if query(req, "grant_type") != "refresh_token" {
        return Err((40002, "invalid grant_type"));
    }
    let token = query(req, "refresh_token");
    if token.is_empty() {
        return Err((41003, "refresh_token missing"));
    }
    let mut st = sim.state();
    let grant = st
        .refresh_tokens
        .get(&token)
        .filter(|g| g.appid == appid && g.expires_at > now_secs())
        .cloned()
        .ok_or((40030, "invalid refresh_token"))?;
    Ok(grant_tokens(&mut st, grant))
}

/// `GET /sns/oauth2/refresh_token?appid&grant_type=refresh_token&refresh_token`
#[handler]
pub(crate) async fn refresh_token(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        render_wx(res, refresh(&sim, req));
    }
}

fn user_info(sim: &Sim, req: &Request) -> Result<Value, WxError> {
    let token = query(req, "access_token");
    if token.is_empty() {
        return Err((41001, "access_token missing"));
    }
    if token.len() != TOKEN_LEN || !token.bytes().all(|b| URL_SAFE.contains(&b)) {
        return Err((40014, "invalid access_token"));
    }
    let st = sim.state();
    let grant = st
        .access_tokens
        .get(&token)
        .filter(|g| g.expires_at > now_secs())
        .ok_or((
            40001,
            "invalid credential, access_token is invalid or not latest",
        ))?;
    let openid = query(req, "openid");
    if openid.is_empty() {
        return Err((41009, "missing openid"));
    }
    if openid != grant.openid {
        return Err((40003, "invalid openid"));
    }
    if !grant.scope.split(',').any(|s| s == "snsapi_userinfo") {
        return Err((48001, "api unauthorized"));
    }
    let nickname = st
        .user(&openid)
        .map(|u| u.nickname.clone())
        .unwrap_or_default();
    Ok(json!({
        "openid": openid,
        "nickname": nickname,
        "sex": 0,
        "province": "",
        "city": "",
        "country": "",
        "headimgurl": "",
        "privilege": [],
    }))
}

/// `GET /sns/userinfo?access_token&openid&lang`
#[handler]
pub(crate) async fn userinfo(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        render_wx(res, user_info(&sim, req));
    }
}
