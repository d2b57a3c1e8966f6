//! The review detail shows everything the candidate applied with; approving without the required documents needs
//! the reviewer's recorded confirmation.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, fixtures, json_of};

async fn staff_detail(app: &TestApp, staff: &str, id: &Value) -> Value {
    let (st, body) = json_of(
        app.get(
            &format!("/api/staff/registrations/{}", id.as_str().expect("id")),
            Some(staff),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn the_review_detail_shows_the_photo_every_profile_field_and_the_full_size_documents() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010061", "详情测试学校").await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let item = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &["学历证书"])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let (cand, _) = app.ready_candidate().await;
    let (_, doc) = json_of(
        app.upload(
            "/api/registrations/documents",
            &cand,
            "diploma.png",
            "image/png",
            fixtures::png(1600, 1200),
        )
        .await,
    )
    .await;
    let docs = json!([{ "name": "学历证书", "file_id": doc["id"] }]);
    let (st, reg) = json_of(
        app.apply(&cand, item["id"].as_i64().expect("id"), docs)
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{reg}");

    let d = staff_detail(&app, &staff, &reg["id"]).await;

    let p = &d["profile"];
    assert_eq!(
        (
            p["education"].as_str(),
            p["work_years"].as_i64(),
            p["hukou_type"].as_str(),
            p["hukou_address"].as_str(),
            p["candidate_source"].as_str(),
            p["school_or_employer"].as_str(),
            p["ethnicity"].as_str(),
        ),
        (
            Some("associate"),
            Some(6),
            Some("non_agricultural"),
            Some("广东省广州市天河区"),
            Some("employee"),
            Some("广州某某公司"),
            Some("汉族"),
        ),
        "{p}"
    );
    for key in [
        "prev_cert_level",
        "prev_cert_number",
        "prev_cert_date",
        "birth_date",
        "gender",
    ] {
        assert!(p.get(key).is_some(), "{key} is in the profile: {p}");
    }
    let photo = p["photo"]["url"].as_str().expect("photo url");
    let r = app.get(photo, Some(&staff)).await;
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "the reviewer can open the photo"
    );
    let document = &d["documents"][0]["file"];
    assert_eq!(
        (document["width"].as_i64(), document["height"].as_i64()),
        (Some(1600), Some(1200))
    );
    let r = app
        .get(
            document["url"].as_str().expect("document url"),
            Some(&staff),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(d["missing_documents"], json!([]));
    app.stop().await;
}

#[tokio::test]
async fn approving_without_a_required_document_asks_for_confirmation_and_records_it() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010062", "缺材料测试学校")
        .await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let item = app
        .add_item(
            &staff,
            &plan,
            "6-31-01-03",
            "",
            "level4",
            &["学历证书", "工作证明"],
        )
        .await;
    app.publish(&staff, &plan["id"]).await;
    let entry = json!({ "item_id": item["id"], "name": "王五", "id_type": "resident_id",
        "id_number": fixtures::random_resident_id(), "mobile": "13812345678" });
    let (st, body) = json_of(
        app.post(
            &format!("/api/staff/plans/{}/entries", plan["id"]),
            Some(&staff),
            &entry,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let id = &body["registration"]["id"];
    assert_eq!(
        body["registration"]["missing_documents"],
        json!(["学历证书", "工作证明"])
    );

    let r = app
        .post(
            "/api/staff/registrations/review",
            Some(&staff),
            &json!({ "ids": [id], "action": "approve" }),
        )
        .await;
    let (st, refused) = json_of(r).await;
    assert_eq!(
        (st, refused["code"].as_str()),
        (StatusCode::CONFLICT, Some("documents_missing"))
    );
    let message = refused["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("王五") && message.contains("学历证书、工作证明"),
        "{message}"
    );
    assert_eq!(
        staff_detail(&app, &staff, id).await["status"],
        "pending",
        "nothing changed"
    );

    let (st, res) = json_of(
        app.post(
            "/api/staff/registrations/review",
            Some(&staff),
            &json!({ "ids": [id], "action": "approve", "confirm_missing_documents": true }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, res["done"].clone()),
        (StatusCode::OK, json!([id])),
        "{res}"
    );
    let d = staff_detail(&app, &staff, id).await;
    let last = d["history"]
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(last["action"], "approve");
    assert!(
        last["reason"]
            .as_str()
            .is_some_and(|r| r.contains("确认") && r.contains("学历证书、工作证明")),
        "{last}"
    );
    app.stop().await;
}

#[tokio::test]
async fn returning_a_registration_with_missing_documents_needs_no_confirmation() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010063", "退回测试学校").await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let item = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &["学历证书"])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let entry = json!({ "item_id": item["id"], "name": "赵六", "id_type": "resident_id",
        "id_number": fixtures::random_resident_id(), "mobile": "13812345679" });
    let (_, body) = json_of(
        app.post(
            &format!("/api/staff/plans/{}/entries", plan["id"]),
            Some(&staff),
            &entry,
        )
        .await,
    )
    .await;
    let id = &body["registration"]["id"];
    let res = app.review(&staff, &[id], "return", "请补交学历证书").await;
    assert_eq!(res["done"], json!([id]), "returning needs no confirmation");
    app.stop().await;
}
