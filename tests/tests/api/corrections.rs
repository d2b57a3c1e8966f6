use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

#[tokio::test]
async fn a_correction_of_the_id_number_is_approved_by_the_centre_and_the_login_follows_it() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010041", "修改测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, old_id) = app.ready_candidate().await;
    app.applied(&cand, item).await;
    let (st, hits) = json_of(
        app.get(
            &format!("/api/staff/candidates?id_type=resident_id&id_number={old_id}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{hits}");
    let user_id = hits[0]["user_id"].as_i64().expect("user id");
    let (_, fields) = json_of(
        app.get(&format!("/api/staff/candidates/{user_id}"), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(fields["fields"][2]["value"], old_id.as_str());
    let new_id = fixtures::random_resident_id();
    let req = json!({ "user_id": user_id, "changes": { "id_number": new_id, "name": "张三" }, "reason": "身份证号码录入错误" });
    let (st, c) = json_of(app.post("/api/corrections", Some(&staff), &req).await).await;
    assert_eq!(st, StatusCode::CREATED, "{c}");
    assert_eq!(c["status"], "pending");
    assert_eq!(
        c["changes"][0]["field"], "id_number",
        "the unchanged name is not kept"
    );
    assert_eq!(c["changes"][0]["old"], old_id.as_str());
    assert_error(
        app.post("/api/corrections", Some(&staff), &req).await,
        StatusCode::CONFLICT,
        "correction_pending",
    )
    .await;
    assert_error(
        app.post(
            &format!("/api/corrections/{}/approve", c["id"].as_str().expect("id")),
            Some(&staff),
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let reviewer = app.login_as_new("centre_reviewer", "reviewer2", None).await;
    let (st, done) = json_of(
        app.post(
            &format!("/api/corrections/{}/approve", c["id"].as_str().expect("id")),
            Some(&reviewer),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, done["status"].as_str()),
        (StatusCode::OK, Some("approved")),
        "{done}"
    );
    assert_error(
        app.post(
            &format!("/api/corrections/{}/reject", c["id"].as_str().expect("id")),
            Some(&reviewer),
            &json!({ "reason": "重复" }),
        )
        .await,
        StatusCode::CONFLICT,
        "correction_decided",
    )
    .await;
    let (st, _) = app.login(&new_id, "Secret2026").await;
    assert_eq!(
        st,
        StatusCode::OK,
        "the new number logs in with the same password"
    );
    let (st, _) = app.login(&old_id, "Secret2026").await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (_, list) = json_of(
        app.get("/api/corrections?status=approved", Some(&staff))
            .await,
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (_, audit) = json_of(
        app.get("/api/admin/audit?limit=100", Some(&app.admin_token().await))
            .await,
    )
    .await;
    let entry = audit
        .as_array()
        .expect("audit")
        .iter()
        .find(|a| a["action"] == "candidate_correct")
        .expect("audited")
        .clone();
    assert_eq!(
        (
            entry["before"]["id_number"].as_str(),
            entry["after"]["id_number"].as_str()
        ),
        (Some(old_id.as_str()), Some(new_id.as_str()))
    );
    app.stop().await;
}

#[tokio::test]
async fn a_rejected_correction_changes_nothing_and_other_institutions_cannot_request_one() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010042", "驳回测试学校").await;
    let (other, _) = app.institution_with_staff("44010043", "无关学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let user_id = reg["candidate"]["user_id"].clone();
    let req = json!({ "user_id": user_id, "changes": { "mobile": "13600136000" }, "reason": "手机号变更" });
    assert_error(
        app.post("/api/corrections", Some(&other), &req).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&format!("/api/staff/candidates/{user_id}"), Some(&other))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get("/api/staff/candidates", Some(&staff)).await,
        StatusCode::BAD_REQUEST,
        "search_criteria_required",
    )
    .await;
    let bad = json!({ "user_id": user_id, "changes": { "mobile": "12" }, "reason": "手机号变更" });
    assert_error(
        app.post("/api/corrections", Some(&staff), &bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_mobile",
    )
    .await;
    let none =
        json!({ "user_id": user_id, "changes": { "mobile": "13912345678" }, "reason": "无变化" });
    assert_error(
        app.post("/api/corrections", Some(&staff), &none).await,
        StatusCode::BAD_REQUEST,
        "no_changes",
    )
    .await;
    let (st, c) = json_of(app.post("/api/corrections", Some(&staff), &req).await).await;
    assert_eq!(st, StatusCode::CREATED, "{c}");
    let (_, theirs) = json_of(app.get("/api/corrections", Some(&other)).await).await;
    assert_eq!(
        theirs,
        json!([]),
        "another institution does not see the request"
    );
    let reviewer = app.login_as_new("centre_reviewer", "reviewer3", None).await;
    assert_error(
        app.post(
            &format!("/api/corrections/{}/reject", c["id"].as_str().expect("id")),
            Some(&reviewer),
            &json!({}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "reason_required",
    )
    .await;
    let (st, r) = json_of(
        app.post(
            &format!("/api/corrections/{}/reject", c["id"].as_str().expect("id")),
            Some(&reviewer),
            &json!({ "reason": "缺少证明材料" }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, r["status"].as_str(), r["review_reason"].as_str()),
        (StatusCode::OK, Some("rejected"), Some("缺少证明材料"))
    );
    let (_, p) = json_of(app.get("/api/profile", Some(&cand)).await).await;
    assert_eq!(p["mobile"], "13912345678", "nothing changed");
    app.stop().await;
}
