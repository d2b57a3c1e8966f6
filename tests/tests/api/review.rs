use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn staff_return_the_candidate_corrects_and_resubmits_then_staff_approve_and_editing_stops() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010025", "审核测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let id = &reg["id"];
    let rid = id.as_str().expect("id");
    let r = app
        .post(
            "/api/staff/registrations/review",
            Some(&staff),
            &json!({ "ids": [id], "action": "return", "reason": "" }),
        )
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "reason_required").await;
    let res = app
        .review(&staff, &[id], "return", "照片不清晰，请重新上传")
        .await;
    assert_eq!(res["done"], json!([id]));
    let (_, r) = json_of(
        app.get(&format!("/api/registrations/{rid}"), Some(&cand))
            .await,
    )
    .await;
    assert_eq!(
        (r["status"].as_str(), r["reason"].as_str()),
        (Some("returned"), Some("照片不清晰，请重新上传"))
    );
    let (st, r) = json_of(
        app.put(
            &format!("/api/registrations/{rid}"),
            Some(&cand),
            &json!({ "documents": [] }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "pending", "the correction resubmits it");
    // The H5 sends no reason for an approval as null.
    let (st, res) = json_of(
        app.post(
            "/api/staff/registrations/review",
            Some(&staff),
            &json!({ "ids": [id], "action": "approve", "reason": null }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, res["done"].clone()),
        (StatusCode::OK, json!([id])),
        "{res}"
    );
    let (_, r) = json_of(
        app.get(&format!("/api/registrations/{rid}"), Some(&cand))
            .await,
    )
    .await;
    assert_eq!(
        (
            r["status"].as_str(),
            r["can_edit"].as_bool(),
            r["can_export_form"].as_bool()
        ),
        (Some("approved"), Some(false), Some(true))
    );
    let actions: Vec<&str> = r["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert_eq!(actions, vec!["apply", "return", "resubmit", "approve"]);
    assert_error(
        app.put(
            &format!("/api/registrations/{rid}"),
            Some(&cand),
            &json!({ "documents": [] }),
        )
        .await,
        StatusCode::CONFLICT,
        "registration_locked",
    )
    .await;
    assert_error(
        app.put(
            "/api/profile",
            Some(&cand),
            &json!({ "mobile": "13700137000" }),
        )
        .await,
        StatusCode::CONFLICT,
        "profile_locked",
    )
    .await;
    let again = app.review(&staff, &[id], "approve", "").await;
    assert_eq!(again["failed"][0]["code"], "registration_not_reviewable");
    // Until 报名提交 the candidate may still withdraw an approved application (a paid fee would be refunded:
    // see the payment tests); afterwards it is withdrawn for good.
    let (st, w) = json_of(
        app.post(
            &format!("/api/registrations/{rid}/withdraw"),
            Some(&cand),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, w["status"].as_str()),
        (StatusCode::OK, Some("withdrawn")),
        "{w}"
    );
    assert_error(
        app.post(
            &format!("/api/registrations/{rid}/withdraw"),
            Some(&cand),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "registration_locked",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn nobody_else_reads_or_reviews_a_registration() {
    let app = TestApp::spawn().await;
    let (a, _) = app.institution_with_staff("44010027", "甲学校").await;
    let (b, _) = app.institution_with_staff("44010028", "乙学校").await;
    let (plan, item) = app.open_plan(&a).await;
    let (cand, _) = app.ready_candidate().await;
    let (other, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let id = &reg["id"];
    let rid = id.as_str().expect("id");
    assert_error(
        app.get(&format!("/api/registrations/{rid}"), Some(&other))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.post(
            &format!("/api/registrations/{rid}/withdraw"),
            Some(&other),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&format!("/api/staff/registrations/{rid}"), Some(&b))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&b),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app.review(&b, &[id], "approve", "").await;
    assert_eq!(
        (res["done"].clone(), res["failed"][0]["code"].as_str()),
        (json!([]), Some("not_found"))
    );
    let (_, r) = json_of(
        app.get(&format!("/api/registrations/{rid}"), Some(&cand))
            .await,
    )
    .await;
    assert_eq!(r["status"], "pending", "B's review changed nothing");
    assert_error(
        app.post(
            "/api/staff/registrations/review",
            Some(&cand),
            &json!({ "ids": [id], "action": "approve" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (st, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations?q=张三", plan["id"]),
            Some(&a),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, page["total"].as_u64()),
        (StatusCode::OK, Some(1)),
        "{page}"
    );
    app.stop().await;
}

#[tokio::test]
async fn submitting_and_ending_the_registration_business_freezes_the_plan_until_the_centre_reopens_it()
 {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010029", "提交测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let path = format!("/api/staff/plans/{}", plan["id"]);
    assert_error(
        app.post(&format!("{path}/submit"), Some(&staff), &json!({}))
            .await,
        StatusCode::BAD_REQUEST,
        "confirmation_required",
    )
    .await;
    let e = assert_error(
        app.post(
            &format!("{path}/submit"),
            Some(&staff),
            &json!({ "confirm": true }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "registrations_unreviewed",
    )
    .await;
    assert!(e["message"].as_str().unwrap_or("").contains('1'));
    assert_error(
        app.post(
            &format!("{path}/end"),
            Some(&staff),
            &json!({ "confirm": true }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "plan_not_submitted",
    )
    .await;
    app.review(&staff, &[&reg["id"]], "approve", "").await;
    let (st, p) = json_of(
        app.post(
            &format!("{path}/submit"),
            Some(&staff),
            &json!({ "confirm": true }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, p["stage"].as_str()),
        (StatusCode::OK, Some("submitted"))
    );
    let (st, p) = json_of(
        app.post(
            &format!("{path}/end"),
            Some(&staff),
            &json!({ "confirm": true }),
        )
        .await,
    )
    .await;
    assert_eq!((st, p["stage"].as_str()), (StatusCode::OK, Some("ended")));
    let (late, _) = app.ready_candidate().await;
    assert_error(
        app.apply(&late, item, json!([])).await,
        StatusCode::CONFLICT,
        "registration_frozen",
    )
    .await;
    let res = app
        .review(&staff, &[&reg["id"]], "reject", "不符合条件")
        .await;
    assert_eq!(res["failed"][0]["code"], "registration_frozen");
    let reviewer = app.login_as_new("centre_reviewer", "reviewer1", None).await;
    assert_error(
        app.post(
            &format!("/api/centre/plans/{}/reopen", plan["id"]),
            Some(&staff),
            &json!({ "reason": "补录考生" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (st, p) = json_of(
        app.post(
            &format!("/api/centre/plans/{}/reopen", plan["id"]),
            Some(&reviewer),
            &json!({ "reason": "补录考生" }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, p["stage"].as_str()),
        (StatusCode::OK, Some("open")),
        "{p}"
    );
    app.applied(&late, item).await;
    let (_, audit) = json_of(
        app.get("/api/admin/audit?limit=200", Some(&app.admin_token().await))
            .await,
    )
    .await;
    let actions: Vec<&str> = audit
        .as_array()
        .expect("audit")
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    for a in [
        "plan_submit",
        "plan_end",
        "plan_reopen",
        "registration_approve",
        "registration_apply",
    ] {
        assert!(actions.contains(&a), "{a} is audited: {actions:?}");
    }
    app.stop().await;
}
