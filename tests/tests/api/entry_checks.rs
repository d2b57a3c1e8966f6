//! Manual entry around the account: a warning for a mobile number shared within the plan, the reader's chip photo
//! kept as an ID image, and a photo taken at entry as the official photo.
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

async fn enter(app: &TestApp, staff: &str, plan: &Value, body: Value) -> Value {
    let (st, res) = json_of(
        app.post(
            &format!("/api/staff/plans/{}/entries", plan["id"]),
            Some(staff),
            &body,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{res}");
    res
}

fn person(item: i64, name: &str, mobile: &str) -> Value {
    json!({ "item_id": item, "name": name, "id_type": "resident_id",
            "id_number": fixtures::random_resident_id(), "mobile": mobile })
}

async fn profile_of(app: &TestApp, staff: &str, entry: &Value) -> Value {
    let id = entry["registration"]["id"].as_str().expect("id");
    let (_, d) = json_of(
        app.get(&format!("/api/staff/registrations/{id}"), Some(staff))
            .await,
    )
    .await;
    d["profile"].clone()
}

#[tokio::test]
async fn two_candidates_of_a_plan_with_one_mobile_number_get_a_warning() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010081", "同号测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let first = enter(&app, &staff, &plan, person(item, "钱一", "13912340001")).await;
    assert_eq!(first["warnings"], json!([]));

    let second = enter(&app, &staff, &plan, person(item, "钱二", "13912340001")).await;

    let w = &second["warnings"][0];
    assert_eq!(w["code"], "mobile_shared", "{second}");
    assert!(
        w["message"].as_str().is_some_and(|m| m.contains("钱一")),
        "{w}"
    );
    let third = enter(&app, &staff, &plan, person(item, "钱三", "13912340003")).await;
    assert_eq!(
        third["warnings"],
        json!([]),
        "a different number: no warning"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_chip_photo_is_kept_as_an_id_image_and_a_proper_photo_is_asked_for() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010082", "芯片照测试学校")
        .await;
    let (plan, item) = app.open_plan(&staff).await;
    let id = fixtures::random_resident_id();
    let photo = base64::engine::general_purpose::STANDARD.encode(fixtures::jpeg(102, 126));
    let card = json!({ "name": "孙芯片", "id_number": id, "photo_base64": photo });
    let (st, pre) = json_of(app.post("/api/staff/id-card", Some(&staff), &card).await).await;
    assert_eq!(st, StatusCode::OK, "{pre}");

    let entry = enter(&app, &staff, &plan, json!({ "item_id": item, "name": "孙芯片", "id_type": "resident_id",
        "id_number": id, "mobile": "13912340011", "photo_file_id": pre["photo"]["id"], "source": "id_reader" })).await;

    assert_eq!(entry["photo_needed"], true, "{entry}");
    let p = profile_of(&app, &staff, &entry).await;
    assert_eq!(
        p["photo"],
        Value::Null,
        "the chip photo is not the official photo: {p}"
    );
    assert_eq!(p["chip_photo"]["width"], 102, "{p}");
    assert!(
        p["completeness"]["missing"]
            .as_array()
            .is_some_and(|m| m.iter().any(|f| f["field"] == "photo")),
        "{p}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_photo_taken_at_entry_becomes_the_official_photo_and_a_chip_sized_one_is_refused() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010083", "拍照测试学校").await;
    let (other, _) = app.institution_with_staff("44010084", "他校拍照").await;
    let (plan, item) = app.open_plan(&staff).await;
    assert_error(
        app.upload(
            "/api/staff/entry-photo",
            &staff,
            "chip.jpg",
            "image/jpeg",
            fixtures::jpeg(102, 126),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "photo_too_small",
    )
    .await;
    let (st, taken) = json_of(
        app.upload(
            "/api/staff/entry-photo",
            &staff,
            "cam.jpg",
            "image/jpeg",
            fixtures::jpeg(600, 800),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{taken}");
    let mut body = person(item, "周拍照", "13912340021");
    body["camera_photo_file_id"] = taken["photo"]["id"].clone();
    let (other_plan, other_item) = app.open_plan(&other).await;
    let mut theirs = body.clone();
    theirs["item_id"] = json!(other_item);
    assert_error(
        app.post(
            &format!("/api/staff/plans/{}/entries", other_plan["id"]),
            Some(&other),
            &theirs,
        )
        .await,
        StatusCode::BAD_REQUEST,
        "document_invalid",
    )
    .await;

    let entry = enter(&app, &staff, &plan, body).await;

    assert_eq!(entry["photo_needed"], false, "{entry}");
    let p = profile_of(&app, &staff, &entry).await;
    assert_eq!(p["photo"]["id"], taken["photo"]["id"], "{p}");
    app.stop().await;
}
