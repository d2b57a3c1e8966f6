use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

#[tokio::test]
async fn a_candidate_applies_through_the_wizard_and_follows_the_application() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010021", "报名测试学校").await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let item = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &["学历证书"])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let (cand, _) = app.ready_candidate().await;
    let item_id = item["id"].as_i64().expect("id");
    assert_error(
        app.apply(&cand, item_id, json!([])).await,
        StatusCode::BAD_REQUEST,
        "documents_missing",
    )
    .await;
    let r = app
        .upload(
            "/api/registrations/documents",
            &cand,
            "diploma.png",
            "image/png",
            fixtures::png(800, 600),
        )
        .await;
    let (st, doc) = json_of(r).await;
    assert_eq!(st, StatusCode::CREATED, "{doc}");
    let docs = json!([{ "name": "学历证书", "file_id": doc["id"] }]);
    let (st, reg) = json_of(app.apply(&cand, item_id, docs.clone()).await).await;
    assert_eq!(st, StatusCode::CREATED, "{reg}");
    assert_eq!(
        (reg["status"].as_str(), reg["payment_status"].as_str()),
        (Some("pending"), Some("unpaid"))
    );
    assert_eq!(reg["can_edit"], true);
    assert_eq!(reg["documents"][0]["name"], "学历证书");
    let (_, mine) = json_of(app.get("/api/registrations/mine", Some(&cand)).await).await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    assert_eq!(mine[0]["item"]["occupation_name"], "电工");
    let (_, detail) = json_of(
        app.get(
            &format!("/api/registrations/{}", reg["id"].as_str().expect("id")),
            Some(&cand),
        )
        .await,
    )
    .await;
    assert_eq!(detail["history"][0]["action"], "apply");
    assert_error(
        app.apply(&cand, item_id, docs).await,
        StatusCode::CONFLICT,
        "already_registered",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn applying_outside_the_window_or_with_an_incomplete_profile_is_refused() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010022", "窗口测试学校").await;
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
    let e = assert_error(
        app.apply(&cand, f_item["id"].as_i64().expect("id"), json!([]))
            .await,
        StatusCode::CONFLICT,
        "registration_not_open",
    )
    .await;
    assert!(e["message"].as_str().unwrap_or("").contains("尚未开始"));
    let e = assert_error(
        app.apply(&cand, p_item["id"].as_i64().expect("id"), json!([]))
            .await,
        StatusCode::CONFLICT,
        "registration_not_open",
    )
    .await;
    assert!(e["message"].as_str().unwrap_or("").contains("已截止"));

    let (_, open_item) = app.open_plan(&staff).await;
    let (bare, _) = app.register_candidate("Secret2026").await;
    assert_error(
        app.apply(&bare, open_item, json!([])).await,
        StatusCode::BAD_REQUEST,
        "photo_required",
    )
    .await;
    let r = app
        .upload(
            "/api/profile/photo",
            &bare,
            "me.jpg",
            "image/jpeg",
            fixtures::jpeg(500, 700),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let e = assert_error(
        app.apply(&bare, open_item, json!([])).await,
        StatusCode::BAD_REQUEST,
        "profile_incomplete",
    )
    .await;
    assert!(e["message"].as_str().unwrap_or("").contains("民族"), "{e}");
    let unconfirmed = app
        .post(
            "/api/registrations",
            Some(&bare),
            &json!({ "item_id": open_item }),
        )
        .await;
    assert_error(unconfirmed, StatusCode::BAD_REQUEST, "notice_not_confirmed").await;
    assert_error(
        app.apply(&cand, 999_999, json!([])).await,
        StatusCode::NOT_FOUND,
        "item_not_found",
    )
    .await;
    let (_, mine) = json_of(app.get("/api/registrations/mine", Some(&cand)).await).await;
    assert_eq!(mine, json!([]), "no refusal created anything");
    app.stop().await;
}

#[tokio::test]
async fn a_third_occupation_in_one_plan_is_refused_but_another_level_of_the_same_is_not() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010023", "职业数测试学校")
        .await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let dg4 = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &[])
        .await;
    let dg3 = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level3", &[])
        .await;
    let cashier = app
        .add_item(&staff, &plan, "4-01-02-04", "", "level4", &[])
        .await;
    let sales = app
        .add_item(&staff, &plan, "4-01-02-01", "", "level4", &[])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let (cand, _) = app.ready_candidate().await;
    let id = |v: &Value| v["id"].as_i64().expect("id");
    app.applied(&cand, id(&dg4)).await;
    app.applied(&cand, id(&dg3)).await;
    app.applied(&cand, id(&cashier)).await;
    let e = assert_error(
        app.apply(&cand, id(&sales), json!([])).await,
        StatusCode::CONFLICT,
        "occupation_limit",
    )
    .await;
    assert!(e["message"].as_str().unwrap_or("").contains('2'), "{e}");
    app.stop().await;
}

#[tokio::test]
async fn concurrent_double_submits_of_the_wizard_create_one_registration() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010024", "并发测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let (a, b, c, d) = tokio::join!(
        app.apply(&cand, item, json!([])),
        app.apply(&cand, item, json!([])),
        app.apply(&cand, item, json!([])),
        app.apply(&cand, item, json!([]))
    );
    let results: Vec<StatusCode> = [a, b, c, d].iter().map(|r| r.status()).collect();
    assert_eq!(
        results
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{results:?}"
    );
    let (_, mine) = json_of(app.get("/api/registrations/mine", Some(&cand)).await).await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    app.stop().await;
}

#[tokio::test]
async fn a_candidate_withdraws_and_may_apply_again() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010026", "撤回测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let (st, r) = json_of(
        app.post(
            &format!(
                "/api/registrations/{}/withdraw",
                reg["id"].as_str().expect("id")
            ),
            Some(&cand),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, r["status"].as_str()),
        (StatusCode::OK, Some("withdrawn"))
    );
    let again = app.applied(&cand, item).await;
    assert_eq!(again["id"], reg["id"], "the same record is revived");
    let (_, d) = json_of(
        app.get(
            &format!("/api/registrations/{}", reg["id"].as_str().expect("id")),
            Some(&cand),
        )
        .await,
    )
    .await;
    let actions: Vec<&str> = d["history"]
        .as_array()
        .expect("h")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert_eq!(actions, vec!["apply", "withdraw", "reapply"]);
    app.stop().await;
}
