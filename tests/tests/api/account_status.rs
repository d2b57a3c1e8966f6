//! Disabling, enabling and resetting accounts (administrator).
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_refuses_login_until_enabled() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let staff = app.login_as_new("centre_finance", "finance7", None).await;
    let (_, me) = json_of(app.get("/api/auth/me", Some(&staff)).await).await;
    let id = me["id"].as_i64().expect("id");
    let (st, u) = json_of(
        app.put(
            &format!("/api/admin/users/{id}/status"),
            Some(&admin),
            &json!({ "disabled": true }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, u["disabled"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{u}"
    );
    assert_error(
        app.get("/api/auth/me", Some(&staff)).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    let resp = app
        .post(
            "/api/auth/login",
            None,
            &json!({ "login": "finance7", "password": "OwnPassw0rd" }),
        )
        .await;
    assert_error(resp, StatusCode::FORBIDDEN, "account_disabled").await;
    let (st, _) = json_of(
        app.put(
            &format!("/api/admin/users/{id}/status"),
            Some(&admin),
            &json!({ "disabled": false }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(app.login("finance7", "OwnPassw0rd").await.0, StatusCode::OK);
    // An administrator cannot lock themselves out.
    let (_, me) = json_of(app.get("/api/auth/me", Some(&admin)).await).await;
    let own = format!("/api/admin/users/{}/status", me["id"]);
    assert_error(
        app.put(&own, Some(&admin), &json!({ "disabled": true }))
            .await,
        StatusCode::BAD_REQUEST,
        "cannot_disable_self",
    )
    .await;
    assert_error(
        app.put(
            "/api/admin/users/999999/status",
            Some(&admin),
            &json!({ "disabled": true }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_reset_password_ends_sessions_and_must_be_changed_at_the_next_login() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (candidate, id_number) = app.register_candidate("Secret2026").await;
    let (_, me) = json_of(app.get("/api/auth/me", Some(&candidate)).await).await;
    let path = format!("/api/admin/users/{}/reset-password", me["id"]);
    assert_error(
        app.post(&path, Some(&admin), &json!({ "password": "short" }))
            .await,
        StatusCode::BAD_REQUEST,
        "weak_password",
    )
    .await;
    assert_error(
        app.post(
            &path,
            Some(&candidate),
            &json!({ "password": "Reset2026x" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (st, u) = json_of(
        app.post(&path, Some(&admin), &json!({ "password": "Reset2026x" }))
            .await,
    )
    .await;
    assert_eq!(
        (st, u["must_change_password"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{u}"
    );
    assert_eq!(
        app.get("/api/auth/me", Some(&candidate)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&id_number, "Secret2026").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (st, body) = app.login(&id_number, "Reset2026x").await;
    assert_eq!(
        (st, body["user"]["must_change_password"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
    assert!(
        rows.as_array()
            .expect("rows")
            .iter()
            .any(|r| r["action"] == "password_reset")
    );
    app.stop().await;
}
