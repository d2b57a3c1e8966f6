//! WeChat web OAuth (official account) and mini-program login: code → openid. WeChat answers errors with HTTP 200
//! and an `errcode`, which is mapped here to stable error codes with Chinese messages.
use crate::config::WechatSettings;
use crate::error::AppError;
use serde::Deserialize;
use std::time::Duration;

#[derive(Debug, Clone, Deserialize)]
pub struct OauthToken {
    pub openid: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub unionid: Option<String>,
    #[serde(default)]
    pub is_snapshotuser: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MiniSession {
    pub openid: String,
    #[serde(default)]
    pub unionid: Option<String>,
}

#[derive(Deserialize)]
struct ErrBody {
    errcode: Option<i64>,
    errmsg: Option<String>,
}

/// The authorize URL the browser is sent to (parameter order as WeChat requires, `#wechat_redirect` last).
pub fn authorize_url(cfg: &WechatSettings, redirect_uri: &str, state: &str) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "{}/connect/oauth2/authorize?appid={}&redirect_uri={}&response_type=code&scope={}&state={}#wechat_redirect",
        cfg.open_base.trim_end_matches('/'),
        enc(&cfg.mp_app_id),
        enc(redirect_uri),
        enc(&cfg.oauth_scope),
        enc(state)
    )
}

/// A code from the client is checked before WeChat is asked: an empty or malformed code is the caller's mistake
/// (400), not an upstream failure. WeChat's codes are short printable ASCII strings.
fn usable_code(code: &str) -> Result<&str, AppError> {
    if (1..=128).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(code)
    } else {
        Err(AppError::bad(
            "wechat_code_invalid",
            "微信授权码无效或已过期，请重新登录",
        ))
    }
}

pub fn map_errcode(errcode: i64, errmsg: &str) -> AppError {
    tracing::warn!(errcode, errmsg, "wechat api error");
    match errcode {
        40029 | 41008 => AppError::bad("wechat_code_invalid", "微信授权码无效或已过期，请重新登录"),
        40163 => AppError::bad("wechat_code_used", "微信授权码已使用，请重新登录"),
        45011 => AppError::TooManyRequests {
            code: "wechat_rate_limited",
            message: "微信登录过于频繁，请稍后再试".into(),
            retry_after: 60,
        },
        40226 => AppError::forbidden("wechat_user_blocked", "该微信账号存在风险，暂不能登录"),
        40013 | 40125 | 40002 | 41002 | 41004 => {
            AppError::upstream("wechat_config_error", "微信登录配置错误，请联系管理员")
        }
        _ => AppError::upstream(
            "wechat_unavailable",
            format!("微信服务暂不可用（{errcode}），请稍后再试"),
        ),
    }
}

async fn call<T: for<'de> Deserialize<'de>>(
    http: &reqwest::Client,
    url: &str,
    query: &[(&str, &str)],
) -> Result<T, AppError> {
    let unavailable = |e: &dyn std::fmt::Display| {
        tracing::warn!(error = %e, "wechat request failed");
        AppError::upstream("wechat_unavailable", "微信服务暂不可用，请稍后再试")
    };
    let resp = http
        .get(url)
        .query(query)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .map_err(|e| unavailable(&e))?;
    if !resp.status().is_success() {
        return Err(unavailable(&resp.status()));
    }
    let bytes = resp.bytes().await.map_err(|e| unavailable(&e))?;
    if let Ok(ErrBody {
        errcode: Some(code),
        errmsg,
    }) = serde_json::from_slice::<ErrBody>(&bytes)
        && code != 0
    {
        return Err(map_errcode(code, errmsg.as_deref().unwrap_or("")));
    }
    serde_json::from_slice(&bytes).map_err(|e| unavailable(&e))
}

/// `/sns/oauth2/access_token`: the code of an authorize redirect → openid.
pub async fn exchange_code(
    http: &reqwest::Client,
    cfg: &WechatSettings,
    code: &str,
) -> Result<OauthToken, AppError> {
    let url = format!(
        "{}/sns/oauth2/access_token",
        cfg.api_base.trim_end_matches('/')
    );
    let query = [
        ("appid", cfg.mp_app_id.as_str()),
        ("secret", cfg.mp_app_secret.expose()),
        ("code", usable_code(code)?),
        ("grant_type", "authorization_code"),
    ];
    call(http, &url, &query).await
}

/// `/sns/jscode2session`: a mini-program `wx.login` code → openid.
pub async fn jscode2session(
    http: &reqwest::Client,
    cfg: &WechatSettings,
    code: &str,
) -> Result<MiniSession, AppError> {
    let url = format!("{}/sns/jscode2session", cfg.api_base.trim_end_matches('/'));
    let query = [
        ("appid", cfg.mini_app_id.as_str()),
        ("secret", cfg.mini_app_secret.expose()),
        ("js_code", usable_code(code)?),
        ("grant_type", "authorization_code"),
    ];
    call(http, &url, &query).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechat_errcodes_map_to_stable_codes_and_statuses() {
        use salvo::http::StatusCode;
        for (errcode, status, code) in [
            (40029, StatusCode::BAD_REQUEST, "wechat_code_invalid"),
            (41008, StatusCode::BAD_REQUEST, "wechat_code_invalid"),
            (40163, StatusCode::BAD_REQUEST, "wechat_code_used"),
            (45011, StatusCode::TOO_MANY_REQUESTS, "wechat_rate_limited"),
            (40226, StatusCode::FORBIDDEN, "wechat_user_blocked"),
            (40125, StatusCode::BAD_GATEWAY, "wechat_config_error"),
            (40013, StatusCode::BAD_GATEWAY, "wechat_config_error"),
            (-1, StatusCode::BAD_GATEWAY, "wechat_unavailable"),
        ] {
            let e = map_errcode(errcode, "test");
            assert_eq!(
                (e.status(), e.body().code.as_str()),
                (status, code),
                "errcode {errcode}"
            );
        }
    }
}
