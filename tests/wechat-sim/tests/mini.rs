//! Mini-program login: `/sns/jscode2session` and the `wx.login` hook.

mod common;

use base64::Engine;
use common::{Harness, assert_errcode};
use serde_json::{Value, json};

async fn code2session(
    h: &Harness,
    appid: &str,
    secret: &str,
    js_code: &str,
) -> anyhow::Result<Value> {
    let params = [
        ("appid", appid),
        ("secret", secret),
        ("js_code", js_code),
        ("grant_type", "authorization_code"),
    ];
    h.get_json("/sns/jscode2session", &params).await
}

#[tokio::test]
async fn jscode2session_returns_openid_and_session_key_once() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let (appid, secret) = (h.cfg.mini.appid.clone(), h.cfg.mini.secret.clone());
    let openid = h.sim.create_user("Mini user");
    let code = h.sim.issue_mini_code(&appid, &openid);
    let session = code2session(&h, &appid, &secret, &code).await?;
    assert!(session.get("errcode").is_none(), "{session}");
    assert_eq!(session["openid"], openid.as_str());
    let key = session["session_key"].as_str().unwrap_or_default();
    let raw = base64::engine::general_purpose::STANDARD.decode(key)?;
    assert_eq!(raw.len(), 16);
    assert_errcode(&code2session(&h, &appid, &secret, &code).await?, 40163);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn jscode2session_rejects_bad_credentials_and_bad_codes() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let (appid, secret) = (h.cfg.mini.appid.clone(), h.cfg.mini.secret.clone());
    let openid = h.sim.create_user("Mini user");
    let code = h.sim.issue_mini_code(&appid, &openid);
    assert_errcode(&code2session(&h, "wxunknown", &secret, &code).await?, 40013);
    assert_errcode(&code2session(&h, &appid, "wrong", &code).await?, 40125);
    assert_errcode(&code2session(&h, &appid, &secret, "").await?, 41008);
    assert_errcode(&code2session(&h, &appid, &secret, "nope").await?, 40029);

    let other_app = h.sim.issue_mini_code("wxanotherminiapp001", &openid);
    assert_errcode(&code2session(&h, &appid, &secret, &other_app).await?, 40029);
    let web_code = h
        .sim
        .issue_oauth_code(&appid, &openid, "snsapi_base", false);
    assert_errcode(&code2session(&h, &appid, &secret, &web_code).await?, 40029);
    let stale = h.sim.issue_mini_code(&appid, &openid);
    h.sim.expire_code(&stale);
    assert_errcode(&code2session(&h, &appid, &secret, &stale).await?, 40029);

    // The failed attempts did not consume the valid code.
    let session = code2session(&h, &appid, &secret, &code).await?;
    assert_eq!(session["openid"], openid.as_str());
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_mini_code_hook_acts_like_wx_login() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let (appid, secret) = (h.cfg.mini.appid.clone(), h.cfg.mini.secret.clone());
    let fresh = h.post_hook("/sim/mini/code", json!({})).await?;
    let openid = fresh["openid"].as_str().unwrap_or_default().to_owned();
    assert!(openid.starts_with('o') && openid.len() == 28);
    let code = fresh["code"].as_str().unwrap_or_default();
    assert_eq!(
        code2session(&h, &appid, &secret, code).await?["openid"],
        openid.as_str()
    );

    let again = h
        .post_hook("/sim/mini/code", json!({ "openid": openid }))
        .await?;
    assert_eq!(again["openid"], openid.as_str());
    let code = again["code"].as_str().unwrap_or_default();
    assert_eq!(
        code2session(&h, &appid, &secret, code).await?["openid"],
        openid.as_str()
    );
    h.handle.shutdown().await;
    Ok(())
}
