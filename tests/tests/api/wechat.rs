use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, json_of};

/// What a browser does: ask the API for the authorize URL, open the simulator's page, pick (or create) a WeChat
/// user, and follow the 302 back to the H5 callback. Returns (code, state, openid-if-known).
async fn authorize(app: &TestApp, pick: Option<&str>, snapshot: bool) -> (String, String) {
    let resp = app.get("/api/auth/wechat/authorize-url", None).await;
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    for attr in [
        "wx_state=",
        "HttpOnly",
        "SameSite=Lax",
        "Path=/api/auth/wechat",
    ] {
        assert!(cookie.contains(attr), "state cookie lacks {attr}: {cookie}");
    }
    let (st, body) = json_of(resp).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let url = body["url"].as_str().expect("url").to_string();
    assert!(url.ends_with("#wechat_redirect"), "{url}");
    assert!(
        url.contains("response_type=code&scope=snsapi_base&state="),
        "{url}"
    );
    let page_url = url.trim_end_matches("#wechat_redirect");
    let page = app.http.get(page_url).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("id=\"create-user\""));
    let parsed = url::Url::parse(page_url).expect("parse");
    let q: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
    let mut form = vec![
        ("appid", q["appid"].clone()),
        ("redirect_uri", q["redirect_uri"].clone()),
        ("scope", q["scope"].clone()),
        ("state", q["state"].clone()),
    ];
    match pick {
        Some(openid) => form.push(("openid", openid.to_string())),
        None => {
            form.push(("nickname", "测试微信".into()));
            if snapshot {
                form.push(("snapshot", "1".into()));
            }
        }
    }
    let back = app
        .http
        .post(format!("{}/connect/oauth2/authorize/confirm", app.sim_url))
        .form(&form)
        .send()
        .await
        .expect("confirm");
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(
        location.starts_with("http://h5.test/wechat/callback?"),
        "{location}"
    );
    let loc = url::Url::parse(&location).expect("location url");
    let lq: std::collections::HashMap<_, _> = loc.query_pairs().into_owned().collect();
    (lq["code"].clone(), lq["state"].clone())
}

async fn oauth(app: &TestApp, code: &str, state: &str, token: Option<&str>) -> reqwest::Response {
    app.post(
        "/api/auth/wechat/oauth",
        token,
        &json!({ "code": code, "state": state }),
    )
    .await
}

async fn openid_of_last_user(app: &TestApp, nickname: &str) -> String {
    let users: Vec<Value> = app
        .http
        .get(format!("{}/sim/users", app.sim_url))
        .send()
        .await
        .expect("users")
        .json()
        .await
        .expect("json");
    let user = users
        .iter()
        .rev()
        .find(|u| u["nickname"] == nickname)
        .expect("sim user");
    user["openid"].as_str().expect("openid").to_string()
}

#[tokio::test]
async fn an_unbound_wechat_is_bound_at_password_login_and_then_logs_in_alone() {
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let (code, state) = authorize(&app, None, false).await;
    let (st, body) = json_of(oauth(&app, &code, &state, None).await).await;
    assert_eq!(
        (st, body["status"].as_str()),
        (StatusCode::OK, Some("bind_required")),
        "{body}"
    );
    let ticket = body["bind_ticket"].as_str().expect("ticket").to_string();
    let login = json!({ "login": id, "password": "Secret2026", "bind_ticket": ticket });
    let (st, body) = json_of(app.post("/api/auth/login", None, &login).await).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(
        (
            body["wechat_bound_now"].as_bool(),
            body["user"]["wechat_bound"].as_bool()
        ),
        (Some(true), Some(true))
    );
    // The same WeChat user now logs straight in.
    let openid = openid_of_last_user(&app, "测试微信").await;
    let (code, state) = authorize(&app, Some(&openid), false).await;
    let (st, body) = json_of(oauth(&app, &code, &state, None).await).await;
    assert_eq!(
        (st, body["status"].as_str()),
        (StatusCode::OK, Some("logged_in")),
        "{body}"
    );
    assert_eq!(body["user"]["login"], id.as_str());
    let token = body["token"].as_str().expect("token");
    assert_eq!(
        app.get("/api/profile", Some(token)).await.status(),
        StatusCode::OK
    );
    // A ticket is single use.
    let again = json!({ "login": id, "password": "Secret2026", "bind_ticket": ticket });
    assert_error(
        app.post("/api/auth/login", None, &again).await,
        StatusCode::BAD_REQUEST,
        "bind_ticket_invalid",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn registration_with_a_bind_ticket_binds_the_wechat() {
    let app = TestApp::spawn().await;
    let (code, state) = authorize(&app, None, false).await;
    let (_, body) = json_of(oauth(&app, &code, &state, None).await).await;
    let ticket = body["bind_ticket"].as_str().expect("ticket");
    let id = skillcert_tests::fixtures::random_resident_id();
    let reg = json!({ "name": "赵六", "id_type": "resident_id", "id_number": id, "mobile": "13800138000",
                      "password": "Secret2026", "password_confirm": "Secret2026", "bind_ticket": ticket });
    let (st, body) = json_of(app.post("/api/auth/register", None, &reg).await).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["wechat_bound"], true);
    app.stop().await;
}

#[tokio::test]
async fn codes_and_states_are_single_use() {
    let app = TestApp::spawn().await;
    let (code, state) = authorize(&app, None, false).await;
    assert_eq!(
        oauth(&app, &code, &state, None).await.status(),
        StatusCode::OK
    );
    // Same state again: refused before WeChat is asked.
    assert_error(
        oauth(&app, &code, &state, None).await,
        StatusCode::BAD_REQUEST,
        "wechat_state_invalid",
    )
    .await;
    // Fresh state, reused code: WeChat says 40163.
    let (_, fresh_state) = authorize(&app, None, false).await;
    assert_error(
        oauth(&app, &code, &fresh_state, None).await,
        StatusCode::BAD_REQUEST,
        "wechat_code_used",
    )
    .await;
    // Forged state.
    assert_error(
        oauth(&app, "whatever", "forged", None).await,
        StatusCode::BAD_REQUEST,
        "wechat_state_invalid",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_callback_link_from_another_browser_is_refused() {
    let app = TestApp::spawn().await;
    // The attacker starts a WeChat login and sends the callback link (code + state) to a victim.
    let (code, state) = authorize(&app, None, false).await;
    let victim = reqwest::Client::new();
    let resp = victim
        .post(app.url("/api/auth/wechat/oauth"))
        .json(&json!({ "code": code, "state": state }))
        .send()
        .await
        .expect("send");
    assert_error(resp, StatusCode::BAD_REQUEST, "wechat_state_invalid").await;
    app.stop().await;
}

#[tokio::test]
async fn an_expired_or_unknown_code_is_refused_as_invalid() {
    let app = TestApp::spawn().await;
    let (code, state) = authorize(&app, None, false).await;
    app.sim.expire_code(&code);
    assert_error(
        oauth(&app, &code, &state, None).await,
        StatusCode::BAD_REQUEST,
        "wechat_code_invalid",
    )
    .await;
    let (_, state) = authorize(&app, None, false).await;
    assert_error(
        oauth(&app, "not-a-code", &state, None).await,
        StatusCode::BAD_REQUEST,
        "wechat_code_invalid",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_snapshot_page_virtual_user_is_refused_politely_and_never_bound() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (code, state) = authorize(&app, None, true).await;
    let body = assert_error(
        oauth(&app, &code, &state, Some(&token)).await,
        StatusCode::FORBIDDEN,
        "wechat_snapshot_user",
    )
    .await;
    assert!(
        body["message"]
            .as_str()
            .unwrap_or("")
            .contains("使用完整服务")
    );
    let (_, me) = json_of(app.get("/api/auth/me", Some(&token)).await).await;
    assert_eq!(me["wechat_bound"], false);
    app.stop().await;
}

#[tokio::test]
async fn a_logged_in_user_binds_directly_and_can_unbind() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (code, state) = authorize(&app, None, false).await;
    let (st, body) = json_of(oauth(&app, &code, &state, Some(&token)).await).await;
    assert_eq!(
        (st, body["status"].as_str()),
        (StatusCode::OK, Some("bound")),
        "{body}"
    );
    let resp = app.delete("/api/auth/wechat/binding", Some(&token)).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.delete("/api/auth/wechat/binding", Some(&token)).await,
        StatusCode::NOT_FOUND,
        "wechat_not_bound",
    )
    .await;
    // After unbinding, the same WeChat is unknown again.
    let openid = openid_of_last_user(&app, "测试微信").await;
    let (code, state) = authorize(&app, Some(&openid), false).await;
    let (_, body) = json_of(oauth(&app, &code, &state, None).await).await;
    assert_eq!(body["status"], "bind_required");
    let admin = app.admin_token().await;
    let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
    let actions: Vec<Value> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["action"].clone())
        .collect();
    assert!(actions.contains(&json!("wechat_bind")) && actions.contains(&json!("wechat_unbind")));
    app.stop().await;
}

#[tokio::test]
async fn a_wechat_bound_to_one_account_cannot_be_bound_to_another() {
    let app = TestApp::spawn().await;
    let (first, _) = app.register_candidate("Secret2026").await;
    let (second, _) = app.register_candidate("Secret2026").await;
    let (code, state) = authorize(&app, None, false).await;
    assert_eq!(
        json_of(oauth(&app, &code, &state, Some(&first)).await)
            .await
            .1["status"],
        "bound"
    );
    let openid = openid_of_last_user(&app, "测试微信").await;
    let (code, state) = authorize(&app, Some(&openid), false).await;
    assert_error(
        oauth(&app, &code, &state, Some(&second)).await,
        StatusCode::CONFLICT,
        "wechat_already_bound_other",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn mini_program_login_uses_jscode2session() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let openid = app.sim.create_user("小程序用户");
    let appid = app.state.settings.wechat.mini_app_id.clone();
    let code = app.sim.issue_mini_code(&appid, &openid);
    let (_, body) = json_of(
        app.post("/api/auth/wechat/mini", None, &json!({ "code": code }))
            .await,
    )
    .await;
    assert_eq!(body["status"], "bind_required", "{body}");
    let ticket = body["bind_ticket"].as_str().expect("ticket");
    let (st, _) = json_of(
        app.post(
            "/api/auth/wechat/bind",
            Some(&token),
            &json!({ "bind_ticket": ticket }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let code = app.sim.issue_mini_code(&appid, &openid);
    let (_, body) = json_of(
        app.post("/api/auth/wechat/mini", None, &json!({ "code": code }))
            .await,
    )
    .await;
    assert_eq!(body["status"], "logged_in", "{body}");
    let reused = app
        .post("/api/auth/wechat/mini", None, &json!({ "code": code }))
        .await;
    assert_error(reused, StatusCode::BAD_REQUEST, "wechat_code_used").await;
    app.stop().await;
}

#[tokio::test]
async fn wechat_being_down_is_a_clear_502() {
    let app = TestApp::spawn_with(|s| s.wechat.api_base = "http://127.0.0.1:9".into()).await;
    let (code, state) = authorize(&app, None, false).await;
    assert_error(
        oauth(&app, &code, &state, None).await,
        StatusCode::BAD_GATEWAY,
        "wechat_unavailable",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn wechat_login_is_refused_when_it_is_not_configured() {
    let app = TestApp::spawn_with(|s| {
        s.wechat.mp_app_id = String::new();
        s.wechat.mini_app_id = String::new();
    })
    .await;
    assert_error(
        app.get("/api/auth/wechat/authorize-url", None).await,
        StatusCode::NOT_FOUND,
        "wechat_disabled",
    )
    .await;
    let mini = app
        .post("/api/auth/wechat/mini", None, &json!({ "code": "x" }))
        .await;
    assert_error(mini, StatusCode::NOT_FOUND, "wechat_disabled").await;
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_app_secret_is_a_configuration_error_not_the_users_fault() {
    let app =
        TestApp::spawn_with(|s| s.wechat.mp_app_secret = api::config::Secret::new("wrong-secret"))
            .await;
    let (code, state) = authorize(&app, None, false).await;
    assert_error(
        oauth(&app, &code, &state, None).await,
        StatusCode::BAD_GATEWAY,
        "wechat_config_error",
    )
    .await;
    app.stop().await;
}
