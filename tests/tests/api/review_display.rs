//! What staff see after a candidate corrects a returned application.
use serde_json::json;
use skillcert_tests::{TestApp, json_of};

#[tokio::test]
async fn a_resubmitted_application_no_longer_carries_the_old_return_reason() {
    // Arrange: staff return an application with a reason.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010097", "重交测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let rid = reg["id"].as_str().expect("id");
    app.review(&staff, &[&reg["id"]], "return", "照片不清晰，请重新上传")
        .await;
    // Act: the candidate resubmits.
    let (_, r) = json_of(
        app.put(
            &format!("/api/registrations/{rid}"),
            Some(&cand),
            &json!({ "documents": [] }),
        )
        .await,
    )
    .await;
    // Assert: pending, and neither the candidate nor the staff list shows the old reason.
    assert_eq!(
        (r["status"].as_str(), &r["reason"]),
        (Some("pending"), &json!(null))
    );
    let (_, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(page["items"][0]["status"], "pending");
    assert_eq!(page["items"][0]["reason"], json!(null), "{page}");
    app.stop().await;
}
