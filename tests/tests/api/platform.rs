use reqwest::StatusCode;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.get("/healthz", None)
            .await
            .text()
            .await
            .unwrap_or_default(),
        "ok"
    );
    let (st, body) = json_of(app.get("/readyz", None).await).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        (body["database"].as_str(), body["cache"].as_str()),
        (Some("ok"), Some("ok"))
    );
    app.stop().await;
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint_with_error_responses() {
    let app = TestApp::spawn().await;
    let (st, doc) = json_of(app.get("/api/openapi.json", None).await).await;
    assert_eq!(st, StatusCode::OK);
    for path in [
        "/healthz",
        "/readyz",
        "/api/auth/register",
        "/api/auth/login",
        "/api/auth/logout",
        "/api/auth/me",
        "/api/auth/password",
        "/api/auth/wechat/authorize-url",
        "/api/auth/wechat/oauth",
        "/api/auth/wechat/mini",
        "/api/auth/wechat/bind",
        "/api/auth/wechat/binding",
        "/api/profile",
        "/api/profile/photo",
        "/api/profile/id-images/{side}",
        "/api/files/{id}",
        "/api/meta/enums",
        "/api/meta/config",
        "/api/admin/institutions",
        "/api/admin/institutions/{id}",
        "/api/admin/users",
        "/api/admin/users/{id}/status",
        "/api/admin/users/{id}/reset-password",
        "/api/admin/audit",
        "/api/catalogue/occupations",
        "/api/catalogue/occupations/{id}",
        "/api/admin/occupations",
        "/api/admin/occupations/{id}",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let login = &doc["paths"]["/api/auth/login"]["post"];
    assert!(login["requestBody"].is_object());
    assert!(login["responses"]["429"].is_object() && login["responses"]["401"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    let upload = &doc["paths"]["/api/profile/photo"]["post"]["requestBody"]["content"]["multipart/form-data"];
    assert!(
        upload.is_object(),
        "the photo upload documents its multipart body"
    );
    let ui = app.get("/api/docs/", None).await;
    assert_eq!(ui.status(), StatusCode::OK);
    assert!(
        ui.text()
            .await
            .unwrap_or_default()
            .to_lowercase()
            .contains("swagger")
    );
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_spa() {
    let app = TestApp::spawn().await;
    assert_error(
        app.get("/api/nope", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn malformed_json_is_refused_with_a_code() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .post(app.url("/api/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_error(resp, StatusCode::BAD_REQUEST, "invalid_request").await;
    app.stop().await;
}

#[tokio::test]
async fn enumerations_are_served_by_the_api() {
    let app = TestApp::spawn().await;
    let (_, e) = json_of(app.get("/api/meta/enums", None).await).await;
    assert_eq!(e["ethnicities"].as_array().map(Vec::len), Some(58));
    assert_eq!(e["id_types"][0]["value"], "resident_id");
    assert_eq!(e["id_types"][0]["label"], "居民身份证");
    for key in [
        "genders",
        "hukou_types",
        "candidate_sources",
        "education_levels",
        "cert_levels",
        "roles",
    ] {
        assert!(e[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
    let (_, c) = json_of(app.get("/api/meta/config", None).await).await;
    assert_eq!(
        (c["wechat_login"].as_bool(), c["mini_program"].as_bool()),
        (Some(true), Some(true))
    );
    app.stop().await;
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let resp = app.get("/api/meta/config", None).await;
    let id = resp
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(id.len() >= 16, "request id: {id:?}");
    app.stop().await;
}

#[tokio::test]
async fn an_oversized_json_body_is_refused_before_it_is_parsed() {
    let app = TestApp::spawn().await;
    let big = serde_json::json!({ "login": "x".repeat(200 * 1024), "password": "p" });
    let resp = app.post("/api/auth/login", None, &big).await;
    assert_error(resp, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    app.stop().await;
}

#[tokio::test]
async fn a_database_outage_is_a_generic_500_and_readiness_says_so() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    app.state.db.clone().close().await.expect("close");
    // SQLite's readers are a pool of their own (on PostgreSQL the same pool): the outage takes both.
    let _ = app.state.reader.clone().close().await;
    let body = assert_error(
        app.get("/api/profile", Some(&token)).await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
    )
    .await;
    let text = body.to_string().to_lowercase();
    for leak in ["sqlx", "sqlite", "postgres", "pool", "database"] {
        assert!(
            !text.contains(leak),
            "internal detail {leak:?} leaked: {body}"
        );
    }
    let (st, ready) = json_of(app.get("/readyz", None).await).await;
    assert_eq!(
        (st, ready["database"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("down"))
    );
    app.stop().await;
}

#[tokio::test]
async fn the_client_address_comes_from_proxy_headers_only_when_they_are_trusted() {
    for (trusted, expected) in [(true, "203.0.113.7"), (false, "127.0.0.1")] {
        let app = TestApp::spawn_with(|s| s.server.trust_proxy_headers = trusted).await;
        let (_, id) = app.register_candidate("Secret2026").await;
        let resp = app
            .http
            .post(app.url("/api/auth/login"))
            .header("x-real-ip", "203.0.113.7")
            .json(&serde_json::json!({ "login": id, "password": "Wrong2026x" }))
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        let admin = app.admin_token().await;
        let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
        let failed = rows
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["action"] == "login_failed")
            .expect("row");
        assert_eq!(failed["ip"], expected, "trusted = {trusted}");
        app.stop().await;
    }
}
