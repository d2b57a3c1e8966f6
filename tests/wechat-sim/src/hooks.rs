//! Test-only helpers under `/sim/...`. These are NOT WeChat endpoints: they stand in for what a person
//! does on a phone (create a WeChat account, consent on the authorize page, run `wx.login`).

use salvo::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::util::{random_string, sim_from};
use crate::{CodeKind, Sim};

pub(crate) fn router() -> Router {
    Router::with_path("sim")
        .push(Router::with_path("users").get(list_users).post(create_user))
        .push(Router::with_path("oauth/code").post(oauth_code))
        .push(Router::with_path("mini/code").post(mini_code))
        .push(Router::with_path("code/expire").post(expire_code))
}

/// Parses a JSON body; an empty body counts as `{}`. Renders a 400 on error.
pub(crate) async fn json_body<T: DeserializeOwned + Default>(
    req: &mut Request,
    res: &mut Response,
) -> Option<T> {
    let parsed = match req.payload().await {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(T::default()),
        Ok(bytes) => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match parsed {
        Ok(v) => Some(v),
        Err(err) => {
            res.status_code(StatusCode::BAD_REQUEST);
            res.render(Json(json!({ "error": err })));
            None
        }
    }
}

fn default_nickname() -> String {
    format!("微信用户{}", random_string(4, b"0123456789"))
}

/// The openid to issue a code for: `openid` when given (registered on first sight), else a new user.
fn ensure_user(
    sim: &Sim,
    openid: Option<String>,
    nickname: Option<String>,
    snapshot: bool,
) -> String {
    let nickname = nickname
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(default_nickname);
    let mut st = sim.state();
    match openid.filter(|o| !o.is_empty()) {
        Some(openid) => {
            if st.user(&openid).is_none() {
                st.users.push(crate::User {
                    openid: openid.clone(),
                    nickname,
                    snapshot,
                });
            }
            openid
        }
        None => st.add_user(&nickname, snapshot),
    }
}

#[derive(Debug, Default, Deserialize)]
struct NewUser {
    nickname: Option<String>,
}

/// `POST /sim/users {nickname}` → `{openid}`
#[handler]
async fn create_user(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<NewUser>(req, res).await else {
        return;
    };
    let openid = ensure_user(&sim, None, body.nickname, false);
    res.render(Json(json!({ "openid": openid })));
}

/// `GET /sim/users` → `[{openid, nickname, snapshot}]`
#[handler]
async fn list_users(depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let users: Vec<_> = sim
        .state()
        .users
        .iter()
        .map(|u| json!({ "openid": u.openid, "nickname": u.nickname, "snapshot": u.snapshot }))
        .collect();
    res.render(Json(users));
}

#[derive(Debug, Default, Deserialize)]
struct OAuthCodeReq {
    appid: Option<String>,
    openid: Option<String>,
    nickname: Option<String>,
    scope: Option<String>,
    snapshot: Option<bool>,
}

/// `POST /sim/oauth/code {appid?, openid?, nickname?, scope?, snapshot?}` → `{code, openid}`:
/// what the authorize page does when the user consents.
#[handler]
async fn oauth_code(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<OAuthCodeReq>(req, res).await else {
        return;
    };
    let snapshot = body.snapshot.unwrap_or(false);
    let openid = ensure_user(&sim, body.openid, body.nickname, snapshot);
    let appid = body
        .appid
        .unwrap_or_else(|| sim.config().official.appid.clone());
    let kind = CodeKind::OAuth {
        scope: body.scope.unwrap_or_else(|| "snsapi_base".into()),
        snapshot,
    };
    let code = sim.state().add_code(&appid, &openid, kind);
    res.render(Json(json!({ "code": code, "openid": openid })));
}

#[derive(Debug, Default, Deserialize)]
struct MiniCodeReq {
    appid: Option<String>,
    openid: Option<String>,
}

/// `POST /sim/mini/code {appid?, openid?}` → `{code, openid}`: what `wx.login` does.
#[handler]
async fn mini_code(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<MiniCodeReq>(req, res).await else {
        return;
    };
    let openid = ensure_user(&sim, body.openid, None, false);
    let appid = body
        .appid
        .unwrap_or_else(|| sim.config().mini.appid.clone());
    let code = sim.issue_mini_code(&appid, &openid);
    res.render(Json(json!({ "code": code, "openid": openid })));
}

#[derive(Debug, Default, Deserialize)]
struct ExpireReq {
    code: String,
}

/// `POST /sim/code/expire {code}` → 204: makes a code older than five minutes.
#[handler]
async fn expire_code(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    if let Some(body) = json_body::<ExpireReq>(req, res).await {
        sim.expire_code(&body.code);
        res.status_code(StatusCode::NO_CONTENT);
    }
}
