//! Fuzzer findings: out-of-range page queries on every paginated list, and empty WeChat codes.
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

const BAD_PAGES: &[&str] = &[
    "page=18446744073709551615",
    "page=99999999999999999999999",
    "page=-1",
    "page=0",
    "page=abc",
    "page_size=18446744073709551615",
    "page_size=-20",
    "page_size=0",
    "page_size=101",
    "page_size=1e3",
    "page=4294967296&page_size=100",
];

#[tokio::test]
async fn every_paginated_list_refuses_huge_negative_and_garbage_pages_with_one_code() {
    // Arrange
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010099", "分页测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let finance = app
        .login_as_new("centre_finance", "finance_pages", None)
        .await;
    let lists = [
        (
            format!("/api/staff/plans/{}/registrations", plan["id"]),
            staff.clone(),
        ),
        ("/api/finance/orders".to_string(), finance),
    ];
    for (path, token) in &lists {
        for bad in BAD_PAGES {
            // Act
            let resp = app.get(&format!("{path}?{bad}"), Some(token)).await;
            // Assert
            assert_error(resp, StatusCode::BAD_REQUEST, "invalid_page").await;
        }
        let (st, body) = json_of(
            app.get(
                &format!("{path}?page=4294967295&page_size=100"),
                Some(token),
            )
            .await,
        )
        .await;
        assert_eq!(
            st,
            StatusCode::OK,
            "{path}: the last page exists and is empty"
        );
        assert_eq!(body["items"], json!([]));
        let (st, _) = json_of(
            app.get(&format!("{path}?page=1&page_size=100"), Some(token))
                .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK);
    }
    app.stop().await;
}

#[tokio::test]
async fn mini_program_login_with_an_empty_code_is_a_refusal_not_an_upstream_failure() {
    let app = TestApp::spawn().await;
    for code in ["", "   ", "a b", &"x".repeat(300)] {
        let resp = app
            .post("/api/auth/wechat/mini", None, &json!({ "code": code }))
            .await;
        assert_error(resp, StatusCode::BAD_REQUEST, "wechat_code_invalid").await;
    }
    app.stop().await;
}
