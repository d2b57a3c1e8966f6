use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

fn reg(id: &str, pw: &str, confirm: &str, mobile: &str) -> serde_json::Value {
    json!({ "name": "李四", "id_type": "resident_id", "id_number": id, "mobile": mobile,
            "password": pw, "password_confirm": confirm })
}

#[tokio::test]
async fn registration_derives_birth_date_and_gender_from_the_id_number() {
    let app = TestApp::spawn().await;
    let resp = app
        .post(
            "/api/auth/register",
            None,
            &reg(
                "11010519491231002x",
                "Secret2026",
                "Secret2026",
                "13900001111",
            ),
        )
        .await;
    let (st, body) = json_of(resp).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["login"], "11010519491231002X");
    assert_eq!(body["user"]["login_masked"], "1101**********002X");
    assert_eq!(body["user"]["must_change_password"], false);
    let token = body["token"].as_str().expect("token");
    let (_, p) = json_of(app.get("/api/profile", Some(token)).await).await;
    assert_eq!(
        (p["birth_date"].as_str(), p["gender"].as_str()),
        (Some("1949-12-31"), Some("female"))
    );
    app.stop().await;
}

#[tokio::test]
async fn registration_refuses_bad_input_each_with_its_code_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let good = fixtures::random_resident_id();
    let mut bad_check = good.clone();
    let last = bad_check.pop().expect("char");
    bad_check.push(if last == '0' { '1' } else { '0' });
    let cases = [
        (
            reg(&bad_check, "Secret2026", "Secret2026", "13900001111"),
            "invalid_id_number",
        ),
        (
            reg(
                "110105194913310021",
                "Secret2026",
                "Secret2026",
                "13900001111",
            ),
            "invalid_id_number",
        ),
        (
            reg("1101051949", "Secret2026", "Secret2026", "13900001111"),
            "invalid_id_number",
        ),
        (
            reg(&good, "Secret2026", "Secret2026", "1390000111"),
            "invalid_mobile",
        ),
        (
            reg(&good, "Secret2026", "Secret2026", "23900001111"),
            "invalid_mobile",
        ),
        (
            reg(&good, "short1", "short1", "13900001111"),
            "weak_password",
        ),
        (
            reg(&good, "lettersonly", "lettersonly", "13900001111"),
            "weak_password",
        ),
        (
            reg(&good, "Secret2026", "Secret2027", "13900001111"),
            "password_mismatch",
        ),
        (
            json!({ "name": "李", "id_type": "resident_id", "id_number": good, "mobile": "13900001111",
                 "password": "Secret2026", "password_confirm": "Secret2026" }),
            "invalid_name",
        ),
        (
            json!({ "name": "李四", "id_type": "martian", "id_number": good, "mobile": "13900001111",
                 "password": "Secret2026", "password_confirm": "Secret2026" }),
            "invalid_id_type",
        ),
    ];
    for (body, code) in cases {
        assert_error(
            app.post("/api/auth/register", None, &body).await,
            StatusCode::BAD_REQUEST,
            code,
        )
        .await;
    }
    let (st, _) = app.login(&good, "Secret2026").await;
    assert_eq!(
        st,
        StatusCode::UNAUTHORIZED,
        "no account was created by refused registrations"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_duplicate_id_number_is_refused_with_its_own_code() {
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let again = app
        .post(
            "/api/auth/register",
            None,
            &reg(
                &id.to_lowercase(),
                "Other2026x",
                "Other2026x",
                "13700001111",
            ),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT, "id_number_taken").await;
    app.stop().await;
}

#[tokio::test]
async fn concurrent_registrations_of_one_id_create_one_account() {
    let app = TestApp::spawn().await;
    let id = fixtures::random_resident_id();
    let body = reg(&id, "Secret2026", "Secret2026", "13900001111");
    let (a, b) = tokio::join!(
        app.post("/api/auth/register", None, &body),
        app.post("/api/auth/register", None, &body)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
    app.stop().await;
}

#[tokio::test]
async fn other_document_types_are_accepted_with_their_formats() {
    let app = TestApp::spawn().await;
    let body = json!({ "name": "John Smith", "id_type": "passport", "id_number": "e1234567", "mobile": "13900001111",
                        "password": "Secret2026", "password_confirm": "Secret2026" });
    let (st, b) = json_of(app.post("/api/auth/register", None, &body).await).await;
    assert_eq!(st, StatusCode::CREATED, "{b}");
    assert_eq!(b["user"]["login"], "E1234567");
    let bad = json!({ "name": "陈大文", "id_type": "hk_macao_permit", "id_number": "X1234", "mobile": "13900001111",
                       "password": "Secret2026", "password_confirm": "Secret2026" });
    assert_error(
        app.post("/api/auth/register", None, &bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_id_number",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn login_works_by_id_number_in_any_case_and_by_username() {
    let app = TestApp::spawn().await;
    let id = "11010519491231002X";
    let resp = app
        .post(
            "/api/auth/register",
            None,
            &reg(id, "Secret2026", "Secret2026", "13900001111"),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let (st, body) = app.login("11010519491231002x", "Secret2026").await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["role"], "candidate");
    let admin = app.admin_token().await;
    let (st, me) = json_of(app.get("/api/auth/me", Some(&admin)).await).await;
    assert_eq!((st, me["role"].as_str()), (StatusCode::OK, Some("admin")));
    app.stop().await;
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes_never_in_clear() {
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let u = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq(&id))
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("user");
    assert!(
        u.password_hash.starts_with("$argon2id$"),
        "{}",
        u.password_hash
    );
    assert!(!u.password_hash.contains("Secret2026"));
    app.stop().await;
}

#[tokio::test]
async fn security_events_are_in_the_audit_trail_with_the_client_address() {
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let _ = app.login(&id, "Wrong2026x").await;
    let _ = app.login(&id, "Secret2026").await;
    let admin = app.admin_token().await;
    let (_, rows) = json_of(app.get("/api/admin/audit?limit=50", Some(&admin)).await).await;
    let actions: Vec<&str> = rows
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .collect();
    for a in ["register", "login_failed", "login"] {
        assert!(actions.contains(&a), "{a} not in {actions:?}");
    }
    let failed = rows
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["action"] == "login_failed")
        .expect("row");
    assert_eq!(failed["ip"], "127.0.0.1");
    assert!(
        !failed.to_string().contains(&id),
        "full ID number must not be in the audit row"
    );
    app.stop().await;
}
