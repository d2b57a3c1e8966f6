//! Server-side web OAuth2: `/sns/oauth2/access_token`, `/sns/oauth2/refresh_token`, `/sns/userinfo`.

mod common;

use common::{Harness, assert_errcode};
use serde_json::{Value, json};

async fn exchange(h: &Harness, code: &str) -> anyhow::Result<Value> {
    let (appid, secret) = (&h.cfg.official.appid, &h.cfg.official.secret);
    let params = [
        ("appid", appid.as_str()),
        ("secret", secret.as_str()),
        ("code", code),
        ("grant_type", "authorization_code"),
    ];
    h.get_json("/sns/oauth2/access_token", &params).await
}

fn official_code(h: &Harness, openid: &str, scope: &str) -> String {
    h.sim
        .issue_oauth_code(&h.cfg.official.appid, openid, scope, false)
}

#[tokio::test]
async fn a_code_gives_the_openid_once_and_then_code_been_used() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let code = official_code(&h, &openid, "snsapi_base");
    let token = exchange(&h, &code).await?;
    assert!(token.get("errcode").is_none());
    assert_eq!(token["openid"], openid.as_str());
    assert_eq!(token["scope"], "snsapi_base");
    assert_eq!(token["expires_in"], 7200);
    assert!(
        token["access_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(
        token["refresh_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(token.get("is_snapshotuser").is_none());
    assert_errcode(&exchange(&h, &code).await?, 40163);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn an_unknown_code_is_invalid() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    assert_errcode(
        &exchange(&h, "061NoSuchCode000000000000000000").await?,
        40029,
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_code_older_than_five_minutes_is_invalid() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let code = official_code(&h, &openid, "snsapi_base");
    h.sim.expire_code(&code);
    assert_errcode(&exchange(&h, &code).await?, 40029);
    // The same through the HTTP hook.
    let code = official_code(&h, &openid, "snsapi_base");
    let resp = h
        .client
        .post(h.url("/sim/code/expire", &[])?)
        .json(&json!({ "code": code }))
        .send()
        .await?;
    assert_eq!(resp.status(), 204);
    assert_errcode(&exchange(&h, &code).await?, 40029);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_code_issued_for_another_appid_is_invalid() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let code = h
        .sim
        .issue_oauth_code("wxsomeotherapp00001", &openid, "snsapi_base", false);
    assert_errcode(&exchange(&h, &code).await?, 40029);
    let mini_code = h.sim.issue_mini_code(&h.cfg.official.appid, &openid);
    assert_errcode(&exchange(&h, &mini_code).await?, 40029);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_token_endpoint_checks_appid_secret_grant_type_and_code() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let code = official_code(&h, &openid, "snsapi_base");
    let (appid, secret) = (h.cfg.official.appid.clone(), h.cfg.official.secret.clone());
    let cases = [
        (
            "wxunknown",
            secret.as_str(),
            code.as_str(),
            "authorization_code",
            40013,
        ),
        (&appid, "wrong-secret", &code, "authorization_code", 40125),
        (&appid, &secret, &code, "client_credential", 40002),
        (&appid, &secret, "", "authorization_code", 41008),
    ];
    for (appid, secret, code, grant_type, errcode) in cases {
        let params = [
            ("appid", appid),
            ("secret", secret),
            ("code", code),
            ("grant_type", grant_type),
        ];
        assert_errcode(
            &h.get_json("/sns/oauth2/access_token", &params).await?,
            errcode,
        );
    }
    // None of the failures consumed the code.
    assert_eq!(exchange(&h, &code).await?["openid"], openid.as_str());
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_snapshot_code_gives_is_snapshotuser_one() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Moments reader");
    let code = h
        .sim
        .issue_oauth_code(&h.cfg.official.appid, &openid, "snsapi_base", true);
    let token = exchange(&h, &code).await?;
    assert_eq!(token["is_snapshotuser"], 1);
    assert_eq!(token["openid"], openid.as_str());
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn userinfo_needs_the_snsapi_userinfo_scope_and_a_valid_token() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("小红");
    let userinfo = |token: Value, openid: String| {
        let h = &h;
        async move {
            let token = token["access_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let params = [
                ("access_token", token.as_str()),
                ("openid", &openid),
                ("lang", "zh_CN"),
            ];
            h.get_json("/sns/userinfo", &params).await
        }
    };
    let base = exchange(&h, &official_code(&h, &openid, "snsapi_base")).await?;
    assert_errcode(&userinfo(base, openid.clone()).await?, 48001);

    let full = exchange(&h, &official_code(&h, &openid, "snsapi_userinfo")).await?;
    let info = userinfo(full.clone(), openid.clone()).await?;
    assert_eq!(
        info,
        json!({
            "openid": openid, "nickname": "小红", "sex": 0, "province": "", "city": "",
            "country": "", "headimgurl": "", "privilege": []
        })
    );
    let other = h.sim.create_user("Bob");
    assert_errcode(&userinfo(full, other).await?, 40003);
    let bogus = json!({ "access_token": "not-a-token" });
    assert_errcode(&userinfo(bogus, openid.clone()).await?, 40014);
    let stale = json!({ "access_token": "A".repeat(86) });
    assert_errcode(&userinfo(stale, openid).await?, 40001);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_refresh_token_yields_a_new_access_token() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let first = exchange(&h, &official_code(&h, &openid, "snsapi_userinfo")).await?;
    let appid = h.cfg.official.appid.clone();
    let refresh_token = first["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let refresh = |rt: String| {
        let (h, appid) = (&h, appid.clone());
        async move {
            let params = [
                ("appid", appid.as_str()),
                ("grant_type", "refresh_token"),
                ("refresh_token", rt.as_str()),
            ];
            h.get_json("/sns/oauth2/refresh_token", &params).await
        }
    };
    let second = refresh(refresh_token.clone()).await?;
    assert_eq!(second["openid"], openid.as_str());
    assert_eq!(second["scope"], "snsapi_userinfo");
    assert_eq!(second["expires_in"], 7200);
    assert_eq!(second["refresh_token"], refresh_token.as_str());
    assert_ne!(second["access_token"], first["access_token"]);
    assert_errcode(&refresh("bogus".into()).await?, 40030);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_oauth_code_hook_creates_a_user_and_issues_a_code() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let issued = h
        .post_hook(
            "/sim/oauth/code",
            json!({ "nickname": "Hooked", "scope": "snsapi_userinfo" }),
        )
        .await?;
    let openid = issued["openid"].as_str().unwrap_or_default().to_owned();
    let token = exchange(&h, issued["code"].as_str().unwrap_or_default()).await?;
    assert_eq!(token["openid"], openid.as_str());
    assert_eq!(token["scope"], "snsapi_userinfo");
    let created = h
        .post_hook("/sim/users", json!({ "nickname": "Second" }))
        .await?;
    let users = h.get_json("/sim/users", &[]).await?;
    assert_eq!(users[0]["openid"], openid.as_str());
    assert_eq!(users[0]["nickname"], "Hooked");
    assert_eq!(users[1]["openid"], created["openid"]);
    h.handle.shutdown().await;
    Ok(())
}
