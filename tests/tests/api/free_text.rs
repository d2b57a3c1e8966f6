//! Free text: control characters are refused at the door, and exports write user text as text, not formulas.
use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};
use std::io::{Cursor, Read};

/// The complete profile of `ready_candidate` with one field replaced.
fn profile_with(field: &str, value: &str) -> serde_json::Value {
    let mut p = json!({ "mobile": "13912345678", "ethnicity": "汉族", "hukou_type": "non_agricultural",
        "hukou_address": "广东省广州市天河区", "candidate_source": "employee", "work_years": 6,
        "school_or_employer": "广州某某公司", "education": "associate" });
    p[field] = json!(value);
    p
}

#[tokio::test]
async fn free_text_with_control_or_bidi_characters_is_refused_and_nothing_changes() {
    // Arrange
    let app = TestApp::spawn().await;
    let (token, _) = app.ready_candidate().await;
    let (_, before) = json_of(app.get("/api/profile", Some(&token)).await).await;
    let fields =
        |p: &serde_json::Value| (p["school_or_employer"].clone(), p["hukou_address"].clone());
    for (field, value) in [
        ("school_or_employer", "广州\u{202E}司公某某"),
        ("school_or_employer", "广州\u{0}某某公司"),
        ("school_or_employer", "广州\n某某公司"),
        ("hukou_address", "广东省\u{1b}[31m广州市"),
    ] {
        // Act
        let resp = app
            .put("/api/profile", Some(&token), &profile_with(field, value))
            .await;
        // Assert
        let body = assert_error(resp, StatusCode::BAD_REQUEST, "control_characters").await;
        assert!(
            body["message"].as_str().unwrap_or("").contains(field),
            "{body}"
        );
    }
    let (_, after) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert_eq!(
        fields(&before),
        fields(&after),
        "a refused request changes nothing"
    );
    app.stop().await;
}

#[tokio::test]
async fn multi_line_fields_keep_their_line_breaks() {
    let app = TestApp::spawn().await;
    let (token, _) = app.ready_candidate().await;
    let (st, body) = json_of(
        app.put(
            "/api/profile",
            Some(&token),
            &profile_with("hukou_address", "广东省广州市\n天河区"),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    app.stop().await;
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[tokio::test]
async fn the_registration_report_writes_formula_like_text_as_quoted_text() {
    // Arrange: a candidate whose employer looks like a formula.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010098", "导出测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"点此\")";
    let (st, body) = json_of(
        app.put(
            "/api/profile",
            Some(&cand),
            &profile_with("school_or_employer", evil),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    app.applied(&cand, item).await;
    // Act
    let resp = app
        .get(
            &format!("/api/staff/plans/{}/report.xlsx", plan["id"]),
            Some(&staff),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = resp.bytes().await.expect("bytes").to_vec();
    // Assert: a string cell with the exact text, styled with Excel's quote prefix so editing keeps it text.
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).expect("xlsx");
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    let cell = sheet
        .rows()
        .flat_map(|r| r.iter())
        .find(|c| matches!(c, Data::String(s) if s.contains("HYPERLINK")));
    assert_eq!(cell, Some(&Data::String(evil.to_string())));
    let formulas = book.worksheet_formula("报名报表").expect("formulas");
    assert!(formulas.used_cells().next().is_none(), "no formula cells");
    assert!(
        zip_entry(&bytes, "xl/styles.xml").contains("quotePrefix=\"1\""),
        "formula-like text is quote-prefixed"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_file_id_answers_the_same_whether_it_is_absent_malformed_or_someone_elses() {
    // Arrange: candidate A has a photo; B and an anonymous caller probe ids.
    let app = TestApp::spawn().await;
    let (a, _) = app.ready_candidate().await;
    let (b, _) = app.register_candidate("Secret2026").await;
    let (_, profile) = json_of(app.get("/api/profile", Some(&a)).await).await;
    let theirs = format!(
        "/api/files/{}",
        profile["photo"]["id"].as_str().expect("id")
    );
    let absent = format!("/api/files/{}", uuid::Uuid::new_v4());
    for token in [Some(b.as_str()), None] {
        // Act
        let answers =
            [theirs.as_str(), absent.as_str(), "/api/files/not-a-uuid"].map(|p| app.get(p, token));
        let mut seen = Vec::new();
        for a in answers {
            seen.push(json_of(a.await).await);
        }
        // Assert
        assert!(seen.iter().all(|s| *s == seen[0]), "{token:?}: {seen:?}");
    }
    app.stop().await;
}
