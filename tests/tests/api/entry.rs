use base64::Engine;
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

fn entrant(id: &str, item: i64) -> serde_json::Value {
    json!({ "item_id": item, "name": "李四", "id_type": "resident_id", "id_number": id, "mobile": "13812345678",
            "ethnicity": "汉族", "education": "senior_high", "candidate_source": "employee" })
}

#[tokio::test]
async fn manual_entry_creates_an_account_that_must_change_its_last_six_password() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010031", "录入测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let id = fixtures::random_resident_id();
    let path = format!("/api/staff/plans/{}/entries", plan["id"]);
    let (st, body) = json_of(app.post(&path, Some(&staff), &entrant(&id, item)).await).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(body["account_created"], true);
    assert_eq!(
        (
            body["registration"]["source"].as_str(),
            body["registration"]["status"].as_str()
        ),
        (Some("manual"), Some("pending"))
    );
    assert_error(
        app.post(&path, Some(&staff), &entrant(&id, item)).await,
        StatusCode::CONFLICT,
        "already_registered",
    )
    .await;

    let (st, login) = app.login(&id, &id[12..]).await;
    assert_eq!(st, StatusCode::OK, "{login}");
    assert_eq!(login["user"]["identity_check_required"], true);
    let held = login["token"].as_str().expect("token");
    let check = json!({ "mobile": "13812345678" });
    let (st, login) = json_of(
        app.post("/api/auth/identity-check", Some(held), &check)
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{login}");
    assert_eq!(login["user"]["must_change_password"], true);
    let token = login["token"].as_str().expect("token");
    assert_error(
        app.get("/api/registrations/mine", Some(token)).await,
        StatusCode::FORBIDDEN,
        "password_change_required",
    )
    .await;
    let (st, changed) = json_of(
        app.post(
            "/api/auth/password",
            Some(token),
            &json!({ "old_password": &id[12..], "new_password": "NewSecret2026" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{changed}");
    let fresh = changed["token"].as_str().expect("token");
    let (_, mine) = json_of(app.get("/api/registrations/mine", Some(fresh)).await).await;
    assert_eq!(
        mine.as_array().map(Vec::len),
        Some(1),
        "the entered registration is the candidate's"
    );
    let (st, _) = app.login(&id, &id[12..]).await;
    assert_eq!(
        st,
        StatusCode::UNAUTHORIZED,
        "the initial password no longer works"
    );
    app.stop().await;
}

#[tokio::test]
async fn manual_entry_refuses_bad_fields_and_foreign_items() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010032", "录入校验学校").await;
    let (other_staff, _) = app.institution_with_staff("44010033", "其他学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (_, foreign_item) = app.open_plan(&other_staff).await;
    let path = format!("/api/staff/plans/{}/entries", plan["id"]);
    let id = fixtures::random_resident_id();
    let mut bad = entrant(&id, item);
    let wrong_check = if id.ends_with('0') { '1' } else { '0' };
    bad["id_number"] = json!(format!("{}{wrong_check}", &id[..17]));
    assert_error(
        app.post(&path, Some(&staff), &bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_id_number",
    )
    .await;
    let mut bad = entrant(&id, item);
    bad["mobile"] = json!("123");
    assert_error(
        app.post(&path, Some(&staff), &bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_mobile",
    )
    .await;
    let mut bad = entrant(&id, item);
    bad["education"] = json!("幼儿园");
    assert_error(
        app.post(&path, Some(&staff), &bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_enum",
    )
    .await;
    assert_error(
        app.post(&path, Some(&staff), &entrant(&id, foreign_item))
            .await,
        StatusCode::NOT_FOUND,
        "item_not_found",
    )
    .await;
    assert_error(
        app.post(&path, Some(&other_staff), &entrant(&id, item))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let (st, _) = app.login(&id, &id[12..]).await;
    assert_eq!(
        st,
        StatusCode::UNAUTHORIZED,
        "no account was created by the refusals"
    );
    let (cand, cand_id) = app.register_candidate("Secret2026").await;
    let _ = cand;
    let mut other_name = entrant(&cand_id, item);
    other_name["name"] = json!("王五");
    assert_error(
        app.post(&path, Some(&staff), &other_name).await,
        StatusCode::CONFLICT,
        "name_mismatch",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn the_id_card_reader_prefills_an_entry_with_the_chip_photo() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010034", "读卡测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let id = fixtures::random_resident_id();
    let birth = id[6..14].to_string();
    let male = (id.as_bytes()[16] - b'0') % 2 == 1;
    let photo = base64::engine::general_purpose::STANDARD.encode(fixtures::jpeg(102, 126));
    let card = json!({ "name": "赵六", "gender": if male { "男" } else { "女" }, "ethnicity": "汉", "birth_date": birth,
        "address": "广东省广州市越秀区某街1号", "id_number": id, "issuer": "广州市公安局越秀分局",
        "valid_from": "20200101", "valid_to": "长期", "photo_base64": photo });
    let (st, pre) = json_of(app.post("/api/staff/id-card", Some(&staff), &card).await).await;
    assert_eq!(st, StatusCode::OK, "{pre}");
    assert_eq!(
        (pre["ethnicity"].as_str(), pre["expired"].as_bool()),
        (Some("汉族"), Some(false))
    );
    assert_eq!(pre["photo"]["width"], 102);
    let mut wrong = card.clone();
    wrong["gender"] = json!(if male { "女" } else { "男" });
    assert_error(
        app.post("/api/staff/id-card", Some(&staff), &wrong).await,
        StatusCode::BAD_REQUEST,
        "id_card_mismatch",
    )
    .await;
    let mut junk = card.clone();
    junk["photo_base64"] = json!("bm90IGFuIGltYWdl");
    assert_error(
        app.post("/api/staff/id-card", Some(&staff), &junk).await,
        StatusCode::BAD_REQUEST,
        "invalid_image",
    )
    .await;
    let entry = json!({ "item_id": item, "name": pre["name"], "id_type": "resident_id", "id_number": pre["id_number"],
        "mobile": "13812345678", "ethnicity": pre["ethnicity"], "hukou_address": pre["hukou_address"],
        "photo_file_id": pre["photo"]["id"], "source": "id_reader" });
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
    assert_eq!(body["registration"]["source"], "id_reader");
    app.stop().await;
}
