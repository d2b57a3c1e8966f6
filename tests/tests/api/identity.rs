//! The second factor of institution-entered accounts: a login with the derivable initial password (last six of
//! the ID number) is held until the full mobile number the institution recorded is confirmed.
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

pub const MOBILE: &str = "13812345678";

/// A candidate entered by a new institution; returns (staff token, ID number, account id).
pub async fn entered_candidate(app: &TestApp, code: &str) -> (String, String, i32) {
    let (staff, _) = app.institution_with_staff(code, "核验测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let id = fixtures::random_resident_id();
    let body = json!({ "item_id": item, "name": "李四", "id_type": "resident_id", "id_number": id,
                       "mobile": MOBILE });
    let path = format!("/api/staff/plans/{}/entries", plan["id"]);
    let (st, resp) = json_of(app.post(&path, Some(&staff), &body).await).await;
    assert_eq!(st, StatusCode::CREATED, "{resp}");
    let u = account(app, &id).await;
    (staff, id, u.id)
}

pub async fn account(app: &TestApp, login: &str) -> entity::user::Model {
    entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq(login))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("account")
}

async fn held_login(app: &TestApp, id: &str) -> (String, Value) {
    let (st, body) = app.login(id, &id[12..]).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    (body["token"].as_str().expect("token").to_string(), body)
}

async fn check(app: &TestApp, token: &str, mobile: &str) -> reqwest::Response {
    app.post(
        "/api/auth/identity-check",
        Some(token),
        &json!({ "mobile": mobile }),
    )
    .await
}

#[tokio::test]
async fn an_initial_password_login_shows_nothing_until_the_recorded_mobile_is_confirmed() {
    let app = TestApp::spawn().await;
    let (_, id, uid) = entered_candidate(&app, "44010101").await;

    let (held, body) = held_login(&app, &id).await;

    assert_eq!(body["user"]["identity_check_required"], true, "{body}");
    assert_ne!(body["user"]["name"], "李四", "the name is masked: {body}");
    assert_ne!(
        body["user"]["login"],
        id.as_str(),
        "the ID is masked: {body}"
    );
    for path in ["/api/profile", "/api/registrations/mine"] {
        assert_error(
            app.get(path, Some(&held)).await,
            StatusCode::FORBIDDEN,
            "identity_check_required",
        )
        .await;
    }
    let change = json!({ "old_password": &id[12..], "new_password": "Taken0ver2026" });
    assert_error(
        app.post("/api/auth/password", Some(&held), &change).await,
        StatusCode::FORBIDDEN,
        "identity_check_required",
    )
    .await;
    let (_, me) = json_of(app.get("/api/auth/me", Some(&held)).await).await;
    assert_ne!(me["name"], "李四", "{me}");

    let (st, passed) = json_of(check(&app, &held, MOBILE).await).await;
    assert_eq!(st, StatusCode::OK, "{passed}");
    assert_eq!(
        (
            passed["user"]["identity_check_required"].as_bool(),
            passed["user"]["must_change_password"].as_bool(),
            passed["user"]["name"].as_str()
        ),
        (Some(false), Some(true), Some("李四"))
    );
    // Replaying the check (or anything) with the held token is refused: that session ended.
    assert_error(
        check(&app, &held, MOBILE).await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    )
    .await;
    let token = passed["token"].as_str().expect("token");
    let (st, changed) = json_of(app.post("/api/auth/password", Some(token), &change).await).await;
    assert_eq!(st, StatusCode::OK, "{changed}");
    let fresh = changed["token"].as_str().expect("token");
    assert_eq!(
        app.get("/api/profile", Some(fresh)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.audit_count("identity_check_passed", &uid.to_string())
            .await,
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn a_held_login_binds_no_waiting_wechat_identity_and_a_normal_session_needs_no_check() {
    let app = TestApp::spawn().await;
    let (_, id, _) = entered_candidate(&app, "44010102").await;
    let (held, _) = held_login(&app, &id).await;
    assert_error(
        app.post(
            "/api/auth/wechat/bind",
            Some(&held),
            &json!({ "bind_ticket": "x" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "identity_check_required",
    )
    .await;
    let (normal, _) = app.register_candidate("Secret2026").await;
    assert_error(
        check(&app, &normal, MOBILE).await,
        StatusCode::BAD_REQUEST,
        "identity_check_not_required",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn every_failed_check_answers_alike_and_the_limit_locks_the_check_even_for_the_right_mobile()
{
    let app = TestApp::spawn_with(|s| s.auth.identity_max_failures = 3).await;
    let (_, id, uid) = entered_candidate(&app, "44010103").await;
    // A second entered account with no mobile number recorded.
    let bare = fixtures::random_resident_id();
    let mut am: entity::user::ActiveModel = account(&app, &id).await.into();
    am.id = sea_orm::ActiveValue::NotSet;
    am.login = Set(bare.clone());
    am.id_number = Set(Some(bare.clone()));
    am.mobile = Set(None);
    am.insert(&app.state.db).await.expect("insert");
    let (held, _) = held_login(&app, &id).await;
    let (held_bare, _) = held_login(&app, &bare).await;

    let wrong = assert_error(
        check(&app, &held, "13900000000").await,
        StatusCode::BAD_REQUEST,
        "identity_check_failed",
    )
    .await;
    let none = assert_error(
        check(&app, &held_bare, MOBILE).await,
        StatusCode::BAD_REQUEST,
        "identity_check_failed",
    )
    .await;
    assert_eq!(wrong["message"], none["message"], "no oracle");
    assert!(
        wrong["message"]
            .as_str()
            .unwrap_or("")
            .contains("还可尝试2次"),
        "{wrong}"
    );
    let garbage = assert_error(
        check(&app, &held, "not a phone").await,
        StatusCode::BAD_REQUEST,
        "identity_check_failed",
    )
    .await;
    assert!(
        garbage["message"]
            .as_str()
            .unwrap_or("")
            .contains("还可尝试1次")
    );
    let _ = check(&app, &held, "13900000001").await;

    assert_error(
        check(&app, &held, MOBILE).await,
        StatusCode::TOO_MANY_REQUESTS,
        "identity_check_locked",
    )
    .await;
    let (again, _) = held_login(&app, &id).await;
    assert_error(
        check(&app, &again, MOBILE).await,
        StatusCode::TOO_MANY_REQUESTS,
        "identity_check_locked",
    )
    .await;
    assert_eq!(
        app.audit_count("identity_check_failed", &uid.to_string())
            .await,
        3
    );
    app.stop().await;
}
