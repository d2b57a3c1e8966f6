//! The wizard's first step asks whether the candidate may apply; the plan list learns which items are 已报名.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, json_of};

async fn eligibility(app: &TestApp, token: &str, item: i64) -> Value {
    let (st, body) = json_of(
        app.get(
            &format!("/api/registrations/eligibility/{item}"),
            Some(token),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn the_wizard_learns_before_any_upload_that_the_item_is_already_applied_for() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010091", "资格测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let before = eligibility(&app, &cand, item).await;
    assert_eq!(before["can_apply"], true, "{before}");
    let reg = app.applied(&cand, item).await;

    let after = eligibility(&app, &cand, item).await;

    assert_eq!(after["can_apply"], false);
    assert_eq!(after["code"], "already_registered");
    assert_eq!(after["registration_id"], reg["id"]);
    assert!(after["message"].as_str().unwrap_or("").contains("已报名"));
    let (_, mine) = json_of(app.get("/api/registrations/mine/items", Some(&cand)).await).await;
    assert_eq!(
        mine,
        json!([{ "item_id": item, "plan_id": reg["plan"]["id"], "registration_id": reg["id"],
            "status": "pending" }])
    );
    app.stop().await;
}

#[tokio::test]
async fn a_withdrawn_application_no_longer_counts_as_applied_for() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010092", "撤回资格学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let path = format!(
        "/api/registrations/{}/withdraw",
        reg["id"].as_str().unwrap_or("")
    );
    assert_eq!(
        app.post(&path, Some(&cand), &json!({})).await.status(),
        StatusCode::OK
    );

    let again = eligibility(&app, &cand, item).await;

    assert_eq!(again["can_apply"], true, "{again}");
    let (_, mine) = json_of(app.get("/api/registrations/mine/items", Some(&cand)).await).await;
    assert_eq!(mine, json!([]));
    app.stop().await;
}

#[tokio::test]
async fn the_wizard_learns_that_the_window_is_not_open_or_the_item_is_unknown() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010093", "窗口资格学校").await;
    let future = app.draft_plan(&staff, 2, 6).await;
    let f_item = app
        .add_item(&staff, &future, "6-31-01-03", "", "level4", &[])
        .await;
    app.publish(&staff, &future["id"]).await;
    let past = app.draft_plan(&staff, -6, -1).await;
    let p_item = app
        .add_item(&staff, &past, "6-31-01-03", "", "level4", &[])
        .await;
    app.publish(&staff, &past["id"]).await;
    let (cand, _) = app.ready_candidate().await;

    let early = eligibility(&app, &cand, f_item["id"].as_i64().unwrap_or(0)).await;
    let late = eligibility(&app, &cand, p_item["id"].as_i64().unwrap_or(0)).await;
    let unknown = eligibility(&app, &cand, 999_999).await;

    assert_eq!(
        (early["can_apply"].as_bool(), early["code"].as_str()),
        (Some(false), Some("registration_not_open"))
    );
    assert!(early["message"].as_str().unwrap_or("").contains("尚未开始"));
    assert_eq!(late["code"], "registration_not_open");
    assert!(late["message"].as_str().unwrap_or("").contains("已截止"));
    assert_eq!(unknown["code"], "item_not_found");
    assert!(early["registration_id"].is_null());
    app.stop().await;
}

#[tokio::test]
async fn the_wizard_learns_of_the_occupation_limit_before_any_upload() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010094", "职业上限学校").await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let a = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &[])
        .await;
    let b = app
        .add_item(&staff, &plan, "4-01-02-04", "", "level4", &[])
        .await;
    let c = app
        .add_item(&staff, &plan, "4-01-02-01", "", "level4", &[])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let (cand, _) = app.ready_candidate().await;
    app.applied(&cand, a["id"].as_i64().unwrap_or(0)).await;
    app.applied(&cand, b["id"].as_i64().unwrap_or(0)).await;

    let third = eligibility(&app, &cand, c["id"].as_i64().unwrap_or(0)).await;

    assert_eq!(
        (third["can_apply"].as_bool(), third["code"].as_str()),
        (Some(false), Some("occupation_limit"))
    );
    app.stop().await;
}

#[tokio::test]
async fn only_candidates_ask_about_their_applications() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010095", "角色资格学校").await;
    let (_, item) = app.open_plan(&staff).await;
    for path in [
        format!("/api/registrations/eligibility/{item}"),
        "/api/registrations/mine/items".into(),
    ] {
        assert_error(
            app.get(&path, Some(&staff)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        assert_eq!(
            app.get(&path, None).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    app.stop().await;
}
