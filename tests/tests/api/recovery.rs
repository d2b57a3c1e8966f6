//! 忘记密码 with the recorded mobile number, resets by the entering institution and by the administrator, the
//! account lock shown and lifted, and the per-address limit that a school behind one NAT stays under.
use crate::identity::{account, entered_candidate};
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

async fn forgot(app: &TestApp, login: &str, mobile: &str, pw: &str) -> reqwest::Response {
    app.post(
        "/api/auth/forgot-password",
        None,
        &json!({ "login": login, "mobile": mobile, "new_password": pw }),
    )
    .await
}

#[tokio::test]
async fn forgot_password_with_the_recorded_mobile_sets_the_new_password_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let (old_session, id) = app.register_candidate("Secret2026").await;
    let resp = forgot(&app, &id.to_lowercase(), "13800138000", "Recovered2026").await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.get("/api/auth/me", Some(&old_session)).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    assert_eq!(
        app.login(&id, "Secret2026").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (st, body) = app.login(&id, "Recovered2026").await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["must_change_password"], false);
    let uid = account(&app, &id).await.id.to_string();
    assert_eq!(app.audit_count("password_recover", &uid).await, 1);
    app.stop().await;
}

#[tokio::test]
async fn forgot_password_answers_alike_for_an_unknown_id_a_wrong_mobile_and_staff_and_then_locks() {
    let app = TestApp::spawn_with(|s| s.auth.identity_max_failures = 2).await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let unknown = fixtures::random_resident_id();
    let _ = app.login_as_new("centre_finance", "nomobile1", None).await;
    let mut messages = Vec::new();
    for (login, mobile) in [
        (id.as_str(), "13900000000"),
        (unknown.as_str(), "13800138000"),
        ("nomobile1", "13800138000"),
    ] {
        let body = assert_error(
            forgot(&app, login, mobile, "Recovered2026").await,
            StatusCode::BAD_REQUEST,
            "identity_check_failed",
        )
        .await;
        messages.push(body["message"].clone());
    }
    assert!(messages.iter().all(|m| *m == messages[0]), "{messages:?}");
    // A weak new password is refused before anything is counted.
    assert_error(
        forgot(&app, &id, "13800138000", "short").await,
        StatusCode::BAD_REQUEST,
        "weak_password",
    )
    .await;
    let _ = forgot(&app, &id, "13900000001", "Recovered2026").await;
    assert_error(
        forgot(&app, &id, "13800138000", "Recovered2026").await,
        StatusCode::TOO_MANY_REQUESTS,
        "identity_check_locked",
    )
    .await;
    assert_eq!(
        app.login(&id, "Secret2026").await.0,
        StatusCode::OK,
        "logins are not locked by it"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_locked_account_is_shown_locked_and_an_unlock_or_a_reset_lifts_the_lock() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let uid = account(&app, &id).await.id;
    let lock = || async {
        for _ in 0..5 {
            let _ = app.login(&id, "Wrong2026x").await;
        }
        assert_eq!(
            app.login(&id, "Secret2026").await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
    };
    lock().await;
    let (_, list) = json_of(
        app.get("/api/admin/users?role=candidate", Some(&admin))
            .await,
    )
    .await;
    let row = list
        .as_array()
        .and_then(|l| l.iter().find(|u| u["id"] == uid))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["locked"], true, "{row}");

    let (st, u) = json_of(
        app.post(
            &format!("/api/admin/users/{uid}/unlock"),
            Some(&admin),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, u["locked"].as_bool()),
        (StatusCode::OK, Some(false)),
        "{u}"
    );
    assert_eq!(app.login(&id, "Secret2026").await.0, StatusCode::OK);
    assert_eq!(app.audit_count("account_unlock", &uid.to_string()).await, 1);

    lock().await;
    let reset = json!({ "password": "Reset2026pw" });
    let (st, u) = json_of(
        app.post(
            &format!("/api/admin/users/{uid}/reset-password"),
            Some(&admin),
            &reset,
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, u["locked"].as_bool()),
        (StatusCode::OK, Some(false)),
        "{u}"
    );
    assert_eq!(app.login(&id, "Reset2026pw").await.0, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn only_the_institution_that_entered_a_candidate_may_reset_the_password() {
    let app = TestApp::spawn().await;
    let (staff, id, uid) = entered_candidate(&app, "44010111").await;
    let (other, _) = app.institution_with_staff("44010112", "别的学校").await;
    let (_, self_registered) = app.register_candidate("Secret2026").await;
    let self_uid = account(&app, &self_registered).await.id;
    let path = |u: i32| format!("/api/staff/candidates/{u}/reset-password");

    assert_error(
        app.post(&path(uid), Some(&other), &json!({})).await,
        StatusCode::FORBIDDEN,
        "not_entered_here",
    )
    .await;
    assert_error(
        app.post(&path(self_uid), Some(&staff), &json!({})).await,
        StatusCode::FORBIDDEN,
        "not_entered_here",
    )
    .await;
    let (candidate, _) = app.register_candidate("Secret2026").await;
    assert_eq!(
        app.post(&path(uid), Some(&candidate), &json!({}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let (st, body) = json_of(app.post(&path(uid), Some(&staff), &json!({})).await).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let temporary = body["temporary_password"].as_str().expect("password");
    assert_eq!(app.login(&id, &id[12..]).await.0, StatusCode::UNAUTHORIZED);
    let (st, login) = app.login(&id, temporary).await;
    assert_eq!(st, StatusCode::OK, "{login}");
    assert_eq!(
        (
            login["user"]["must_change_password"].as_bool(),
            login["user"]["identity_check_required"].as_bool()
        ),
        (Some(true), Some(false)),
        "handed over in person: no mobile check, but a new password first"
    );
    assert_eq!(
        app.audit_count("password_reset_by_institution", &uid.to_string())
            .await,
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn twenty_failures_from_one_school_address_do_not_lock_out_the_other_students() {
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    for i in 0..25 {
        let (st, _) = app.login(&format!("student{i}"), "Wrong2026x").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.login(&id, "Secret2026").await.0, StatusCode::OK);
    app.stop().await;
}
