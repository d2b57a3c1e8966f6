use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn the_administrator_creates_an_institution_and_its_staff_who_can_log_in() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (st, inst) = json_of(
        app.post(
            "/api/admin/institutions",
            Some(&admin),
            &json!({ "code": "44010007", "name": "广东省华立高级技工学校" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{inst}");
    let inst_id = inst["id"].as_i64().expect("id") as i32;
    let staff = app.login_as_new("staff", "hl_teacher", Some(inst_id)).await;
    let (_, me) = json_of(app.get("/api/auth/me", Some(&staff)).await).await;
    assert_eq!(
        (me["role"].as_str(), me["institution"]["code"].as_str()),
        (Some("staff"), Some("44010007"))
    );
    let (_, list) = json_of(app.get("/api/admin/institutions", Some(&admin)).await).await;
    assert_eq!(list[0]["staff_count"], 1);
    let (_, users) = json_of(app.get("/api/admin/users?role=staff", Some(&admin)).await).await;
    assert_eq!(users.as_array().map(Vec::len), Some(1));
    assert_eq!(users[0]["institution"]["name"], "广东省华立高级技工学校");
    app.stop().await;
}

#[tokio::test]
async fn admin_input_is_validated_with_codes() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let inst = |code: &str| json!({ "code": code, "name": "某某学校" });
    assert_error(
        app.post("/api/admin/institutions", Some(&admin), &inst("4401"))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_institution_code",
    )
    .await;
    assert_eq!(
        app.post("/api/admin/institutions", Some(&admin), &inst("44010008"))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_error(
        app.post("/api/admin/institutions", Some(&admin), &inst("44010008"))
            .await,
        StatusCode::CONFLICT,
        "institution_code_taken",
    )
    .await;
    let user = |role: &str, username: &str, pw: &str, inst: Option<i32>| json!({ "role": role, "username": username, "name": "测试", "password": pw, "institution_id": inst });
    let cases = [
        (
            user("staff", "teacher1", "Passw0rd!", None),
            StatusCode::BAD_REQUEST,
            "institution_required",
        ),
        (
            user("staff", "teacher1", "Passw0rd!", Some(9999)),
            StatusCode::BAD_REQUEST,
            "institution_required",
        ),
        (
            user("candidate", "teacher1", "Passw0rd!", None),
            StatusCode::BAD_REQUEST,
            "invalid_role",
        ),
        (
            user("centre_finance", "x", "Passw0rd!", None),
            StatusCode::BAD_REQUEST,
            "invalid_username",
        ),
        (
            user("centre_finance", "Bad Name", "Passw0rd!", None),
            StatusCode::BAD_REQUEST,
            "invalid_username",
        ),
        (
            user("centre_finance", "finance2", "weak", None),
            StatusCode::BAD_REQUEST,
            "weak_password",
        ),
    ];
    for (body, status, code) in cases {
        assert_error(
            app.post("/api/admin/users", Some(&admin), &body).await,
            status,
            code,
        )
        .await;
    }
    assert_eq!(
        app.post(
            "/api/admin/users",
            Some(&admin),
            &user("centre_finance", "finance2", "Passw0rd!", None)
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    assert_error(
        app.post(
            "/api/admin/users",
            Some(&admin),
            &user("centre_finance", "FINANCE2", "Passw0rd!", None),
        )
        .await,
        StatusCode::CONFLICT,
        "username_taken",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn only_the_administrator_may_administer() {
    let app = TestApp::spawn().await;
    let (candidate, _) = app.register_candidate("Secret2026").await;
    let reviewer = app.login_as_new("centre_reviewer", "reviewer9", None).await;
    for token in [&candidate, &reviewer] {
        let body = json!({ "code": "44019999", "name": "越权机构" });
        assert_error(
            app.post("/api/admin/institutions", Some(token), &body)
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        let body = json!({ "role": "admin", "username": "sneaky", "name": "越权", "password": "Passw0rd!" });
        assert_error(
            app.post("/api/admin/users", Some(token), &body).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        assert_error(
            app.get("/api/admin/audit", Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert_error(
        app.get("/api/admin/users", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn demo_data_is_created_once_and_its_logins_work() {
    let app = TestApp::spawn().await;
    api::demo::seed(&app.state.db).await.expect("seed");
    api::demo::seed(&app.state.db).await.expect("seed twice");
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        entity::institution::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        entity::user::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        5
    );
    for (_, login, pw) in api::demo::LOGINS {
        let (st, body) = app.login(login, pw).await;
        assert_eq!(st, StatusCode::OK, "{login}: {body}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_administrator_edits_an_institution_with_its_rules_checked_and_audited() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let create = |code: &str| json!({ "code": code, "name": "广州某技工学校" });
    let (_, a) = json_of(
        app.post("/api/admin/institutions", Some(&admin), &create("44010101"))
            .await,
    )
    .await;
    assert_eq!(
        app.post("/api/admin/institutions", Some(&admin), &create("44010102"))
            .await
            .status(),
        StatusCode::CREATED
    );
    let path = format!("/api/admin/institutions/{}", a["id"]);
    let (st, edited) = json_of(
        app.put(
            &path,
            Some(&admin),
            &json!({ "code": "44010109", "name": "广州市某高级技工学校" }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, edited["code"].as_str(), edited["name"].as_str()),
        (
            StatusCode::OK,
            Some("44010109"),
            Some("广州市某高级技工学校")
        )
    );
    let taken = app
        .put(
            &path,
            Some(&admin),
            &json!({ "code": "44010102", "name": "广州市某高级技工学校" }),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT, "institution_code_taken").await;
    assert_error(
        app.put(
            &path,
            Some(&admin),
            &json!({ "code": "440101", "name": "x学校" }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_institution_code",
    )
    .await;
    assert_error(
        app.put(
            &path,
            Some(&admin),
            &json!({ "code": "44010109", "name": "校" }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_institution_name",
    )
    .await;
    assert_error(
        app.put(
            "/api/admin/institutions/999999",
            Some(&admin),
            &create("44010199"),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let reviewer = app.login_as_new("centre_reviewer", "reviewer8", None).await;
    assert_error(
        app.put(&path, Some(&reviewer), &create("44010109")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["action"] == "institution_update")
        .expect("audited");
    assert_eq!(
        (
            row["before"]["code"].as_str(),
            row["after"]["code"].as_str()
        ),
        (Some("44010101"), Some("44010109"))
    );
    app.stop().await;
}
