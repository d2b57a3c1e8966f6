use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::plans::{plan_body, timed_subjects};
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn staff_create_configure_confirm_and_publish_a_plan_named_after_the_exam_date() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010007", "广东省华立高级技工学校")
        .await;
    let mut body = plan_body(-1, 5);
    body["name"] = json!("随便起的名字");
    let (st, plan) = json_of(app.post("/api/staff/plans", Some(&staff), &body).await).await;
    assert_eq!(st, StatusCode::CREATED, "{plan}");
    let date = plan["exam_date"].as_str().expect("date").replace('-', "");
    assert_eq!(
        plan["name"],
        format!("{date}-广东省华立高级技工学校"),
        "a typed name is ignored"
    );
    assert_eq!(
        (plan["status"].as_str(), plan["stage"].as_str()),
        (Some("draft"), Some("open"))
    );
    assert_eq!(plan["max_occupations"], 2);

    let occ = app.occupation_id(&staff, "6-31-01-03").await;
    let item = json!({ "occupation_id": occ, "job_type": "", "level": "level4", "fee_fen": 12000, "expected_count": 30,
                       "required_documents": ["学历证书"] });
    let (st, it) = json_of(
        app.post(
            &format!("/api/staff/plans/{}/items", plan["id"]),
            Some(&staff),
            &item,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{it}");
    assert_eq!(
        it["subjects"][0]["answer_mode"], "ata",
        "theory defaults to ATA机考"
    );
    assert_eq!(it["level_label"], "四级/中级工");
    // Not complete yet: the subjects have no times.
    assert_error(
        app.post(
            &format!("/api/staff/plans/{}/confirm", plan["id"]),
            Some(&staff),
            &json!({}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "plan_incomplete",
    )
    .await;
    assert_error(
        app.post(
            &format!("/api/staff/plans/{}/publish", plan["id"]),
            Some(&staff),
            &json!({}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "plan_not_confirmed",
    )
    .await;
    let timed = json!({ "occupation_id": occ, "job_type": "", "level": "level4", "fee_fen": 12000, "expected_count": 30,
                        "required_documents": ["学历证书"], "subjects": timed_subjects(&plan, &["theory", "practical"]) });
    let (st, it) = json_of(
        app.put(
            &format!("/api/staff/plans/{}/items/{}", plan["id"], it["id"]),
            Some(&staff),
            &timed,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{it}");
    let published = app.publish(&staff, &plan["id"]).await;
    assert_eq!(published["status"], "published");
    assert!(published["published_at"].is_string());
    app.stop().await;
}

#[tokio::test]
async fn inconsistent_plans_and_items_are_refused_with_their_codes() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010008", "测试技工学校").await;
    let mut b = plan_body(-1, 5);
    b["reg_end"] = b["reg_start"].clone();
    assert_error(
        app.post("/api/staff/plans", Some(&staff), &b).await,
        StatusCode::BAD_REQUEST,
        "invalid_plan_times",
    )
    .await;
    let mut b = plan_body(-1, 5);
    b["exam_date"] = json!(
        chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string()
    );
    assert_error(
        app.post("/api/staff/plans", Some(&staff), &b).await,
        StatusCode::BAD_REQUEST,
        "exam_before_registration_end",
    )
    .await;
    let mut b = plan_body(-1, 5);
    b["reg_start"] = json!("下周一");
    assert_error(
        app.post("/api/staff/plans", Some(&staff), &b).await,
        StatusCode::BAD_REQUEST,
        "invalid_date",
    )
    .await;

    let plan = app.draft_plan(&staff, -1, 5).await;
    let path = format!("/api/staff/plans/{}/items", plan["id"]);
    let occ = app.occupation_id(&staff, "6-31-01-03").await;
    let item = |job: &str, level: &str, fee: i64| json!({ "occupation_id": occ, "job_type": job, "level": level, "fee_fen": fee });
    assert_error(
        app.post(&path, Some(&staff), &item("", "level4", -1)).await,
        StatusCode::BAD_REQUEST,
        "invalid_fee",
    )
    .await;
    assert_error(
        app.post(&path, Some(&staff), &item("不存在的工种", "level4", 100))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_job_type",
    )
    .await;
    assert_error(
        app.post(&path, Some(&staff), &item("", "level9", 100))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_level",
    )
    .await;
    assert_error(
        app.post(
            &path,
            Some(&staff),
            &json!({ "occupation_id": 999999, "level": "level4", "fee_fen": 0 }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "occupation_not_found",
    )
    .await;
    let (st, _) = json_of(
        app.post(&path, Some(&staff), &item("", "level4", 100))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);
    assert_error(
        app.post(&path, Some(&staff), &item("", "level4", 200))
            .await,
        StatusCode::CONFLICT,
        "duplicate_item",
    )
    .await;
    let mut bad_time = item("", "level3", 100);
    bad_time["subjects"] = json!([{ "subject": "theory", "answer_mode": "ata", "date": plan["exam_date"], "start": "10:00", "end": "09:00" }]);
    assert_error(
        app.post(&path, Some(&staff), &bad_time).await,
        StatusCode::BAD_REQUEST,
        "invalid_subject_time",
    )
    .await;
    let (_, p) = json_of(
        app.get(&format!("/api/staff/plans/{}", plan["id"]), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(
        p["items"].as_array().map(Vec::len),
        Some(1),
        "refusals changed nothing"
    );
    app.stop().await;
}

#[tokio::test]
async fn another_institutions_staff_can_neither_see_nor_change_a_plan() {
    let app = TestApp::spawn().await;
    let (a, _) = app.institution_with_staff("44010011", "甲机构").await;
    let (b, _) = app.institution_with_staff("44010012", "乙机构").await;
    let plan = app.draft_plan(&a, -1, 5).await;
    let path = format!("/api/staff/plans/{}", plan["id"]);
    assert_error(
        app.get(&path, Some(&b)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.put(&path, Some(&b), &plan_body(-1, 6)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.delete(&path, Some(&b)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.post(
            &format!("{path}/items"),
            Some(&b),
            &json!({ "occupation_id": 1, "level": "level4", "fee_fen": 0 }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.post(&format!("{path}/confirm"), Some(&b), &json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let (_, list) = json_of(app.get("/api/staff/plans", Some(&b)).await).await;
    assert_eq!(list, json!([]), "B's list does not show A's plan");
    let (_, list) = json_of(app.get("/api/staff/plans", Some(&a)).await).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (candidate, _) = app.register_candidate("Secret2026").await;
    assert_error(
        app.get(&path, Some(&candidate)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_published_plan_cannot_be_deleted_and_registrations_lock_their_fields() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010013", "锁定测试学校").await;
    let draft = app.draft_plan(&staff, -1, 5).await;
    let r = app
        .delete(&format!("/api/staff/plans/{}", draft["id"]), Some(&staff))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT, "a draft can be deleted");
    let (plan, item) = app.open_plan(&staff).await;
    let path = format!("/api/staff/plans/{}", plan["id"]);
    assert_error(
        app.delete(&path, Some(&staff)).await,
        StatusCode::CONFLICT,
        "plan_published",
    )
    .await;
    let (cand, _) = app.ready_candidate().await;
    app.applied(&cand, item).await;
    let mut moved = plan_body(-1, 5);
    moved["exam_date"] = json!("2099-01-01");
    let err = assert_error(
        app.put(&path, Some(&staff), &moved).await,
        StatusCode::CONFLICT,
        "plan_field_locked",
    )
    .await;
    assert!(
        err["message"]
            .as_str()
            .unwrap_or("")
            .contains("计划考试日期"),
        "{err}"
    );
    // The notice may still be edited.
    let mut same = plan_body(-1, 5);
    for k in [
        "exam_date",
        "reg_start",
        "reg_end",
        "review_deadline",
        "payment_deadline",
        "ticket_start",
        "ticket_end",
    ] {
        same[k] = plan[k].clone();
    }
    same["notice"] = json!("新的报名须知");
    let (st, p) = json_of(app.put(&path, Some(&staff), &same).await).await;
    assert_eq!(st, StatusCode::OK, "{p}");
    assert_eq!(p["notice"], "新的报名须知");
    let item_path = format!("{path}/items/{item}");
    let occ = app.occupation_id(&staff, "6-31-01-03").await;
    let refee = json!({ "occupation_id": occ, "job_type": "", "level": "level4", "fee_fen": 1, "subjects": timed_subjects(&plan, &["theory", "practical"]) });
    let err = assert_error(
        app.put(&item_path, Some(&staff), &refee).await,
        StatusCode::CONFLICT,
        "plan_field_locked",
    )
    .await;
    assert!(
        err["message"].as_str().unwrap_or("").contains("报名费"),
        "{err}"
    );
    assert_error(
        app.delete(&item_path, Some(&staff)).await,
        StatusCode::CONFLICT,
        "item_has_registrations",
    )
    .await;
    app.stop().await;
}
