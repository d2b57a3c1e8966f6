//! The registration state machine through the API: actions the table does not know are refused, and an action
//! from a status the table does not allow is refused with its code and changes nothing.
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn unknown_and_illegal_review_actions_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010079", "状态机学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let id = reg["id"].as_str().expect("id").to_string();
    let status = async || {
        let (_, r) = json_of(
            app.get(&format!("/api/registrations/{id}"), Some(&cand))
                .await,
        )
        .await;
        r["status"].as_str().unwrap_or_default().to_string()
    };
    // Actions the server does not know, or that are not review actions, are refused (no longer a rejection).
    for action in ["delete", "REJECT", "submit", "withdraw"] {
        let resp = app
            .post(
                "/api/staff/registrations/review",
                Some(&staff),
                &json!({ "ids": [id], "action": action, "reason": "原因说明" }),
            )
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{action}");
        assert_eq!(status().await, "pending", "{action} changed nothing");
    }
    // Approve, then the table refuses a return (only from 待处理) and the candidate's edit.
    let done = app.review(&staff, &[&reg["id"]], "approve", "").await;
    assert_eq!(done["done"].as_array().map(Vec::len), Some(1), "{done}");
    let again = app
        .review(&staff, &[&reg["id"]], "return", "请补充材料")
        .await;
    assert_eq!(
        again["failed"][0]["code"], "registration_not_reviewable",
        "{again}"
    );
    assert_eq!(status().await, "approved");
    assert_error(
        app.put(
            &format!("/api/registrations/{id}"),
            Some(&cand),
            &json!({ "documents": [] }),
        )
        .await,
        StatusCode::CONFLICT,
        "registration_locked",
    )
    .await;
    // Rejecting an approved registration is in the table (before 报名提交); after it nothing moves it.
    let rejected = app
        .review(&staff, &[&reg["id"]], "reject", "不符合报考条件")
        .await;
    assert_eq!(
        rejected["done"].as_array().map(Vec::len),
        Some(1),
        "{rejected}"
    );
    let approve = app.review(&staff, &[&reg["id"]], "approve", "").await;
    assert_eq!(approve["failed"][0]["code"], "registration_not_reviewable");
    assert_error(
        app.post(
            &format!("/api/registrations/{id}/withdraw"),
            Some(&cand),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "registration_locked",
    )
    .await;
    assert_eq!(status().await, "rejected");
    app.stop().await;
}
