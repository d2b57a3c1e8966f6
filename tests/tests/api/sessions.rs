use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

/// An account as an institution will create it (next issue): initial password = last six of the ID number.
async fn institution_created_candidate(app: &TestApp) -> (String, String) {
    let id = fixtures::random_resident_id();
    let initial = id[12..].to_string();
    let now = chrono::Utc::now().fixed_offset();
    entity::user::ActiveModel {
        role: Set("candidate".into()),
        login: Set(id.clone()),
        name: Set("王五".into()),
        id_type: Set(Some("resident_id".into())),
        id_number: Set(Some(id.clone())),
        mobile: Set(None),
        password_hash: Set(api::auth::password::hash(initial.clone())
            .await
            .expect("hash")),
        must_change_password: Set(true),
        institution_id: Set(None),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("insert");
    (id, initial)
}

#[tokio::test]
async fn an_account_with_an_initial_password_must_change_it_before_anything_else() {
    let app = TestApp::spawn().await;
    let (id, initial) = institution_created_candidate(&app).await;
    let (st, body) = app.login(&id, &initial).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["must_change_password"], true);
    let token = body["token"].as_str().expect("token").to_string();
    // Everything but me/password/logout/meta is held back.
    assert_error(
        app.get("/api/profile", Some(&token)).await,
        StatusCode::FORBIDDEN,
        "password_change_required",
    )
    .await;
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/meta/enums", Some(&token)).await.status(),
        StatusCode::OK
    );
    // The new password may not be the initial one again.
    let same = json!({ "old_password": initial, "new_password": initial });
    assert_error(
        app.post("/api/auth/password", Some(&token), &same).await,
        StatusCode::BAD_REQUEST,
        "password_unchanged",
    )
    .await;
    let last6_upper = json!({ "old_password": initial, "new_password": format!("{}", &id[12..]) });
    let resp = app
        .post("/api/auth/password", Some(&token), &last6_upper)
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let ok = json!({ "old_password": initial, "new_password": "MyOwn2026pw" });
    let (st, body) = json_of(app.post("/api/auth/password", Some(&token), &ok).await).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["must_change_password"], false);
    let fresh = body["token"].as_str().expect("token");
    assert_eq!(
        app.get("/api/profile", Some(fresh)).await.status(),
        StatusCode::OK
    );
    // The old session ended; the initial password no longer works.
    assert_error(
        app.get("/api/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    assert_eq!(app.login(&id, &initial).await.0, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test]
async fn change_password_refuses_a_wrong_old_password_and_a_weak_new_one() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let wrong = json!({ "old_password": "Nope2026x", "new_password": "Better2027" });
    assert_error(
        app.post("/api/auth/password", Some(&token), &wrong).await,
        StatusCode::UNAUTHORIZED,
        "bad_credentials",
    )
    .await;
    let weak = json!({ "old_password": "Secret2026", "new_password": "abc" });
    assert_error(
        app.post("/api/auth/password", Some(&token), &weak).await,
        StatusCode::BAD_REQUEST,
        "weak_password",
    )
    .await;
    let anon = app.post("/api/auth/password", None, &wrong).await;
    assert_error(anon, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    app.stop().await;
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_across_two_instances() {
    let a = TestApp::spawn().await;
    let b = a.sibling().await;
    let (_, id) = a.register_candidate("Secret2026").await;
    for i in 0..5 {
        let app = if i % 2 == 0 { &a } else { &b };
        let (st, body) = app.login(&id, "Wrong2026x").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "attempt {i}: {body}");
    }
    // Locked on both instances, even with the right password.
    for app in [&a, &b] {
        let resp = app
            .post(
                "/api/auth/login",
                None,
                &json!({ "login": id, "password": "Secret2026" }),
            )
            .await;
        assert!(resp.headers().get("retry-after").is_some());
        let body = assert_error(resp, StatusCode::TOO_MANY_REQUESTS, "login_locked").await;
        assert!(
            body["message"].as_str().unwrap_or("").contains("15分钟"),
            "{body}"
        );
    }
    b.stop().await;
    a.stop().await;
}

#[tokio::test]
async fn the_lock_ends_when_its_window_passes() {
    // A window of a few seconds: password checks queue for a core (one hash per core), so five failures in a
    // busy test run can take more than one second.
    let app = TestApp::spawn_with(|s| s.auth.login_lock_secs = 4).await;
    let (_, id) = app.register_candidate("Secret2026").await;
    for _ in 0..5 {
        let _ = app.login(&id, "Wrong2026x").await;
    }
    assert_eq!(
        app.login(&id, "Secret2026").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    assert_eq!(app.login(&id, "Secret2026").await.0, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn many_failures_from_one_address_lock_that_address_for_every_account() {
    let app = TestApp::spawn_with(|s| s.auth.ip_max_failures = 6).await;
    let (_, id) = app.register_candidate("Secret2026").await;
    for i in 0..6 {
        let (st, _) = app.login(&format!("nobody{i}"), "Wrong2026x").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
    }
    assert_error(
        app.post(
            "/api/auth/login",
            None,
            &json!({ "login": id, "password": "Secret2026" }),
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS,
        "login_locked",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn logout_ends_the_session_on_every_instance() {
    let a = TestApp::spawn().await;
    let b = a.sibling().await;
    let (token, _) = a.register_candidate("Secret2026").await;
    assert_eq!(
        b.get("/api/auth/me", Some(&token)).await.status(),
        StatusCode::OK,
        "sessions are shared"
    );
    let resp = a.post("/api/auth/logout", Some(&token), &json!({})).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_error(
        b.get("/api/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    assert_error(
        a.get("/api/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    b.stop().await;
    a.stop().await;
}

#[tokio::test]
async fn a_password_change_on_one_instance_ends_other_sessions_on_another() {
    let a = TestApp::spawn().await;
    let b = a.sibling().await;
    let (first, id) = a.register_candidate("Secret2026").await;
    let (_, second) = b.login(&id, "Secret2026").await;
    let second = second["token"].as_str().expect("token").to_string();
    let body = json!({ "old_password": "Secret2026", "new_password": "Changed2027" });
    let (st, resp) = json_of(b.post("/api/auth/password", Some(&second), &body).await).await;
    assert_eq!(st, StatusCode::OK);
    let fresh = resp["token"].as_str().expect("token");
    assert_eq!(
        a.get("/api/auth/me", Some(&first)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        a.get("/api/auth/me", Some(&second)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        a.get("/api/auth/me", Some(fresh)).await.status(),
        StatusCode::OK
    );
    b.stop().await;
    a.stop().await;
}

#[tokio::test]
async fn requests_without_or_with_a_forged_token_are_refused() {
    let app = TestApp::spawn().await;
    assert_error(
        app.get("/api/auth/me", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    assert_error(
        app.get("/api/profile", Some("forged-token")).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    app.stop().await;
}
