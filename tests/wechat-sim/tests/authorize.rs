//! The simulated consent page: `/connect/oauth2/authorize` and its form target.

mod common;

use common::{Harness, assert_errcode};

const REDIRECT: &str = "https://h5.example.com/login/callback";

async fn authorize_page(h: &Harness, params: &[(&str, &str)]) -> anyhow::Result<(u16, String)> {
    let resp = h
        .client
        .get(h.url("/connect/oauth2/authorize", params)?)
        .send()
        .await?;
    Ok((resp.status().as_u16(), resp.text().await?))
}

/// POSTs the consent form and returns the `Location` of the 302.
async fn confirm(h: &Harness, form: &[(&str, &str)]) -> anyhow::Result<url::Url> {
    let resp = h
        .client
        .post(h.url("/connect/oauth2/authorize/confirm", &[])?)
        .form(form)
        .send()
        .await?;
    anyhow::ensure!(resp.status() == 302, "expected 302, got {}", resp.status());
    let location = resp
        .headers()
        .get("location")
        .ok_or_else(|| anyhow::anyhow!("no Location"))?
        .to_str()?;
    Ok(url::Url::parse(location)?)
}

fn param(url: &url::Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn the_authorize_page_lists_existing_users_and_escapes_html() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let created = h
        .post_hook("/sim/users", serde_json::json!({ "nickname": "Alice" }))
        .await?;
    let alice = created["openid"].as_str().unwrap_or_default().to_owned();
    let evil = h.sim.create_user("<script>alert(1)</script>&\"");
    let appid = h.cfg.official.appid.clone();
    let (status, html) = authorize_page(
        &h,
        &[
            ("appid", &appid),
            ("redirect_uri", REDIRECT),
            ("response_type", "code"),
            ("scope", "snsapi_userinfo"),
            ("state", "\"><b>x"),
        ],
    )
    .await?;
    assert_eq!(status, 200);
    assert!(html.contains("<title>微信授权（模拟器）</title>"));
    assert!(html.contains(&appid) && html.contains("snsapi_userinfo"));
    assert!(html.contains(&format!(
        "<button type=\"submit\" class=\"pick-user\" data-openid=\"{alice}\" name=\"openid\" value=\"{alice}\">Alice 授权登录</button>"
    )));
    assert!(html.contains(&format!("data-openid=\"{evil}\"")));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot; 授权登录"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("value=\"&quot;&gt;&lt;b&gt;x\""));
    assert!(!html.contains("\"><b>x"));
    assert!(html.contains("name=\"nickname\" value=\"微信用户"));
    assert!(html.contains(
        "<input type=\"checkbox\" name=\"snapshot\" value=\"1\"> 快照页虚拟用户 (is_snapshotuser=1)"
    ));
    assert!(
        html.contains("<button type=\"submit\" id=\"create-user\">新建微信用户并授权</button>")
    );
    assert!(html.contains("action=\"/connect/oauth2/authorize/confirm\""));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_authorize_page_shows_wechat_error_pages_for_bad_links() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let appid = h.cfg.official.appid.clone();
    let cases: [(&str, &str, &str, &str); 5] = [
        ("wxunknown", REDIRECT, "code", "snsapi_base"),
        (&appid, REDIRECT, "code", "snsapi_login"),
        (&appid, "", "code", "snsapi_base"),
        (&appid, "/relative/path", "code", "snsapi_base"),
        (&appid, REDIRECT, "token", "snsapi_base"),
    ];
    let expected = ["10003", "10005", "10011", "10003", "10003"];
    for ((appid, redirect_uri, response_type, scope), errcode) in cases.into_iter().zip(expected) {
        let params = [
            ("appid", appid),
            ("redirect_uri", redirect_uri),
            ("response_type", response_type),
            ("scope", scope),
        ];
        let (status, html) = authorize_page(&h, &params).await?;
        assert_eq!(status, 200);
        assert!(
            html.contains(&format!("data-errcode=\"{errcode}\"")),
            "{params:?}: {html}"
        );
        assert!(!html.contains("class=\"pick-user\""));
    }
    let (_, html) =
        authorize_page(&h, &[("appid", "wxunknown"), ("redirect_uri", REDIRECT)]).await?;
    assert!(html.contains("10003 redirect_uri 参数错误"));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn picking_a_user_redirects_with_a_code_and_the_state() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let openid = h.sim.create_user("Alice");
    let appid = h.cfg.official.appid.clone();
    let form = [
        ("appid", appid.as_str()),
        ("redirect_uri", "https://h5.example.com/cb?from=menu#/login"),
        ("scope", "snsapi_base"),
        ("state", "st 8&x"),
        ("openid", openid.as_str()),
    ];
    let location = confirm(&h, &form).await?;
    assert_eq!(location.path(), "/cb");
    assert_eq!(location.fragment(), Some("/login"));
    assert_eq!(param(&location, "from").as_deref(), Some("menu"));
    assert_eq!(param(&location, "state").as_deref(), Some("st 8&x"));
    let code = param(&location, "code").ok_or_else(|| anyhow::anyhow!("no code"))?;
    let secret = h.cfg.official.secret.clone();
    let token = h
        .get_json(
            "/sns/oauth2/access_token",
            &[
                ("appid", &appid),
                ("secret", &secret),
                ("code", &code),
                ("grant_type", "authorization_code"),
            ],
        )
        .await?;
    assert_eq!(token["openid"], openid.as_str());
    assert_eq!(token["scope"], "snsapi_base");
    assert!(token.get("is_snapshotuser").is_none());
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn creating_a_user_on_the_page_registers_it_and_omits_an_empty_state() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let appid = h.cfg.official.appid.clone();
    let form = [
        ("appid", appid.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "snsapi_userinfo"),
        ("state", ""),
        ("nickname", "小明"),
    ];
    let location = confirm(&h, &form).await?;
    assert!(location.as_str().starts_with(&format!("{REDIRECT}?code=")));
    assert_eq!(param(&location, "state"), None);
    let users = h.get_json("/sim/users", &[]).await?;
    assert_eq!(users[0]["nickname"], "小明");
    let openid = users[0]["openid"].as_str().unwrap_or_default();
    assert_eq!(openid.len(), 28);
    assert!(openid.starts_with('o'));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_snapshot_user_created_on_the_page_gets_is_snapshotuser() -> anyhow::Result<()> {
    let h = Harness::start().await?;
    let (appid, secret) = (h.cfg.official.appid.clone(), h.cfg.official.secret.clone());
    let form = [
        ("appid", appid.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "snsapi_base"),
        ("state", "s"),
        ("nickname", "快照用户"),
        ("snapshot", "1"),
    ];
    let location = confirm(&h, &form).await?;
    let code = param(&location, "code").unwrap_or_default();
    let params = [
        ("appid", appid.as_str()),
        ("secret", secret.as_str()),
        ("code", code.as_str()),
        ("grant_type", "authorization_code"),
    ];
    let token = h.get_json("/sns/oauth2/access_token", &params).await?;
    assert_eq!(token["is_snapshotuser"], 1);
    let again = h.get_json("/sns/oauth2/access_token", &params).await?;
    assert_errcode(&again, 40163);
    h.handle.shutdown().await;
    Ok(())
}
