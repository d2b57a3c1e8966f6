use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

fn full_profile() -> serde_json::Value {
    json!({ "mobile": "13912345678", "ethnicity": "汉族", "hukou_type": "non_agricultural",
            "hukou_address": "广东省广州市天河区", "candidate_source": "employee", "enrollment_date": "2008-09-01",
            "work_years": 12, "school_or_employer": "广州某某公司", "education": "associate",
            "prev_cert_level": "level4", "prev_cert_number": "S000044010007", "prev_cert_date": "2020-06-30" })
}

#[tokio::test]
async fn a_candidate_fills_the_profile_and_it_reports_completeness() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert_eq!(p["completeness"]["complete"], false);
    let (st, p) = json_of(app.put("/api/profile", Some(&token), &full_profile()).await).await;
    assert_eq!(st, StatusCode::OK, "{p}");
    assert_eq!(p["hukou_address"], "广东省广州市天河区");
    assert_eq!(p["work_years"], 12);
    let missing: Vec<&str> = p["completeness"]["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .filter_map(|m| m["field"].as_str())
        .collect();
    assert_eq!(missing, vec!["photo"], "only the photo is missing now");
    let photo = app
        .upload(
            "/api/profile/photo",
            &token,
            "me.jpg",
            "image/jpeg",
            fixtures::jpeg(600, 840),
        )
        .await;
    assert_eq!(photo.status(), StatusCode::OK);
    let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert_eq!(p["completeness"]["complete"], true, "{p}");
    app.stop().await;
}

#[tokio::test]
async fn profile_refusals_each_have_their_code_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (token, id) = app.register_candidate("Secret2026").await;
    let (_, before) = json_of(app.get("/api/profile", Some(&token)).await).await;
    let with = |k: &str, v: serde_json::Value| {
        let mut b = full_profile();
        b[k] = v;
        b
    };
    let birth_in_id = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
    let other_gender = if before["gender"] == "male" {
        "female"
    } else {
        "male"
    };
    let cases = [
        (with("mobile", json!("123")), "invalid_mobile"),
        (with("ethnicity", json!("火星族")), "invalid_enum"),
        (with("education", json!("phd_plus")), "invalid_enum"),
        (with("enrollment_date", json!("2008-13-01")), "invalid_date"),
        (with("prev_cert_date", json!("2999-01-01")), "invalid_date"),
        (with("work_years", json!(99)), "invalid_work_years"),
        (
            with("hukou_address", json!("长".repeat(201))),
            "field_too_long",
        ),
        (with("gender", json!(other_gender)), "gender_mismatch"),
        (
            with("birth_date", json!("2000-01-01")),
            "birth_date_mismatch",
        ),
    ];
    for (body, code) in cases {
        assert_error(
            app.put("/api/profile", Some(&token), &body).await,
            StatusCode::BAD_REQUEST,
            code,
        )
        .await;
    }
    let ok_birth = with("birth_date", json!(birth_in_id));
    assert_eq!(
        app.put("/api/profile", Some(&token), &ok_birth)
            .await
            .status(),
        StatusCode::OK
    );
    let wrong_type = app
        .http
        .put(app.url("/api/profile"))
        .bearer_auth(&token)
        .json(&json!({ "work_years": "twelve" }))
        .send()
        .await
        .expect("send");
    assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn the_profile_is_for_candidates_and_never_shows_another_candidates_data() {
    let app = TestApp::spawn().await;
    let (a, id_a) = app.register_candidate("Secret2026").await;
    let (b, _) = app.register_candidate("Secret2026").await;
    let (_, pb) = json_of(app.get("/api/profile", Some(&b)).await).await;
    assert_ne!(pb["id_number"], id_a.as_str());
    let (_, pa) = json_of(app.get("/api/profile", Some(&a)).await).await;
    assert_eq!(pa["id_number"], id_a.as_str());
    let admin = app.admin_token().await;
    assert_error(
        app.get("/api/profile", Some(&admin)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn profile_changes_are_audited_with_before_and_after() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    assert_eq!(
        app.put("/api/profile", Some(&token), &full_profile())
            .await
            .status(),
        StatusCode::OK
    );
    let admin = app.admin_token().await;
    let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["action"] == "profile_update")
        .expect("audited");
    assert_eq!(row["after"]["hukou_address"], "广东省广州市天河区");
    assert!(row["before"]["hukou_address"].is_null());
    assert_eq!(
        row["after"]["mobile"], "139****5678",
        "mobile numbers are masked in the trail"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_profile_is_read_while_a_write_transaction_is_open_and_shows_each_committed_write() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    // Arrange: a candidate, and a write transaction holding the database's write lock.
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    app.get("/api/profile", Some(&token)).await;
    let txn = app.state.db.begin().await.expect("begin");
    txn.execute_unprepared("UPDATE institutions SET name = name WHERE id < 0")
        .await
        .expect("write");

    // Act
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(3),
        app.get("/api/profile", Some(&token)),
    )
    .await;
    txn.rollback().await.expect("rollback");

    // Assert: the read did not queue behind the writer, and every write is read back at once after it.
    assert!(
        read.is_ok_and(|r| r.status() == StatusCode::OK),
        "a read waited for the writer"
    );
    for years in 1..=10 {
        let (st, _) = json_of(
            app.put(
                "/api/profile",
                Some(&token),
                &json!({ "work_years": years }),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK);
        let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
        assert_eq!(p["work_years"], years, "read after write");
    }
    app.stop().await;
}
