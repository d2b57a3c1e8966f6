//! Official-account web OAuth2, browser side (open.weixin.qq.com): the consent page
//! (`/connect/oauth2/authorize`) and its form target (`/connect/oauth2/authorize/confirm`, simulator-only).
//! The server-side `/sns/...` calls are in [`crate::sns`].

use salvo::http::header::{HeaderValue, LOCATION};
use salvo::prelude::*;
use serde::Deserialize;

use crate::page::{self, AuthorizeParams};
use crate::util::{query, random_string, sim_from};
use crate::{CodeKind, Sim};

const SCOPES: [&str; 2] = ["snsapi_base", "snsapi_userinfo"];

/// Validates an authorize link the way WeChat's page does; `Err((page errcode, message))`.
fn validate_link(
    sim: &Sim,
    appid: &str,
    redirect_uri: &str,
    scope: &str,
) -> Result<(), (u32, String)> {
    if appid.is_empty() {
        return Err((10012, "appid 参数错误".into()));
    }
    if appid != sim.config().official.appid {
        return Err((
            10003,
            format!("redirect_uri 参数错误（未知 appid：{appid}）"),
        ));
    }
    if redirect_uri.is_empty() {
        return Err((10011, "redirect_uri 参数错误（为空）".into()));
    }
    let absolute_http = url::Url::parse(redirect_uri)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !absolute_http {
        return Err((
            10003,
            "redirect_uri 参数错误（须为绝对 http(s) 地址）".into(),
        ));
    }
    if scope.is_empty() {
        return Err((10010, "scope 参数错误".into()));
    }
    if !SCOPES.contains(&scope) {
        return Err((10005, format!("此公众号并没有这些 scope 的权限：{scope}")));
    }
    Ok(())
}

fn render_error_page(res: &mut Response, status: StatusCode, (errcode, message): (u32, String)) {
    res.status_code(status);
    res.render(Text::Html(page::error_page(errcode, &message)));
}

/// `GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state`
#[handler]
pub(crate) async fn authorize(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let (appid, redirect_uri) = (query(req, "appid"), query(req, "redirect_uri"));
    let (scope, state) = (query(req, "scope"), query(req, "state"));
    // Like WeChat, a bad link is an error page served with HTTP 200.
    let checked = validate_link(&sim, &appid, &redirect_uri, &scope).and_then(|()| {
        match query(req, "response_type").as_str() {
            "code" => Ok(()),
            _ => Err((10003, "response_type 参数错误（须为 code）".into())),
        }
    });
    if let Err(err) = checked {
        return render_error_page(res, StatusCode::OK, err);
    }
    let users = sim.state().users.clone();
    let default_nickname = format!("微信用户{}", random_string(4, b"0123456789"));
    let params = AuthorizeParams {
        appid: &appid,
        redirect_uri: &redirect_uri,
        scope: &scope,
        state: &state,
    };
    res.render(Text::Html(page::authorize_page(
        &params,
        &users,
        &default_nickname,
    )));
}

#[derive(Debug, Default, Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    appid: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    openid: String,
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    snapshot: String,
}

/// `redirect_uri` + `code` and `state` (state omitted when empty); the query goes before any `#fragment`.
fn callback_url(redirect_uri: &str, code: &str, state: &str) -> Result<String, url::ParseError> {
    let mut url = url::Url::parse(redirect_uri)?;
    {
        let mut pairs = url.query_pairs_mut();
        pairs.append_pair("code", code);
        if !state.is_empty() {
            pairs.append_pair("state", state);
        }
    }
    Ok(url.into())
}

/// `POST /connect/oauth2/authorize/confirm` (form): the user picked or created an account → 302 back.
#[handler]
pub(crate) async fn confirm(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let form = match req.parse_form::<ConfirmForm>().await {
        Ok(form) => form,
        Err(err) => {
            let err = (10003, format!("表单解析失败：{err}"));
            return render_error_page(res, StatusCode::BAD_REQUEST, err);
        }
    };
    if let Err(err) = validate_link(&sim, &form.appid, &form.redirect_uri, &form.scope) {
        return render_error_page(res, StatusCode::BAD_REQUEST, err);
    }
    let issued = {
        let mut st = sim.state();
        let user = if form.openid.is_empty() {
            let nickname = match form.nickname.trim() {
                "" => format!("微信用户{}", random_string(4, b"0123456789")),
                nick => nick.to_owned(),
            };
            let snapshot = form.snapshot == "1";
            Some((st.add_user(&nickname, snapshot), snapshot))
        } else {
            st.user(&form.openid)
                .map(|u| (u.openid.clone(), u.snapshot))
        };
        user.map(|(openid, snapshot)| {
            let kind = CodeKind::OAuth {
                scope: form.scope.clone(),
                snapshot,
            };
            st.add_code(&form.appid, &openid, kind)
        })
    };
    let Some(code) = issued else {
        let err = (10003, format!("未知微信用户：{}", form.openid));
        return render_error_page(res, StatusCode::BAD_REQUEST, err);
    };
    let location = callback_url(&form.redirect_uri, &code, &form.state)
        .ok()
        .and_then(|l| HeaderValue::from_str(&l).ok());
    let Some(location) = location else {
        let err = (10003, "redirect_uri 参数错误".into());
        return render_error_page(res, StatusCode::BAD_REQUEST, err);
    };
    res.status_code(StatusCode::FOUND);
    res.headers_mut().insert(LOCATION, location);
}
