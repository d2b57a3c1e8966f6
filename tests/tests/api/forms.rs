use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};
use std::io::Write as _;

/// The text of a PDF (`pdftotext` from poppler-utils, installed by `make deps`).
fn pdf_text(pdf: &[u8]) -> String {
    let mut child = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (apt-get install poppler-utils)");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(pdf).expect("write the PDF");
    drop(stdin);
    let out = child.wait_with_output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[tokio::test]
async fn an_approved_candidate_exports_the_application_form_as_page_image_and_pdf() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010061", "申请表测试学校")
        .await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, id_number) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    let rid = reg["id"].as_str().expect("id").to_string();
    assert_error(
        app.get(&format!("/api/registrations/{rid}/form"), Some(&cand))
            .await,
        StatusCode::CONFLICT,
        "form_unavailable",
    )
    .await;
    app.review(&staff, &[&reg["id"]], "approve", "").await;
    let (st, form) = json_of(
        app.get(&format!("/api/registrations/{rid}/form"), Some(&cand))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{form}");
    let value = |label: &str| {
        form["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|x| x["label"] == label))
            .map(|x| x["value"].clone())
    };
    assert_eq!(value("证件号码"), Some(json!(id_number)));
    assert_eq!(value("民族"), Some(json!("汉族")));
    assert!(form["photo_url"].is_string());
    let png = app
        .get(&format!("/api/registrations/{rid}/form.png"), Some(&cand))
        .await;
    assert_eq!(png.status(), StatusCode::OK);
    assert_eq!(png.headers()["content-type"], "image/png");
    let img = image::load_from_memory(&png.bytes().await.expect("png")).expect("a PNG");
    assert_eq!(
        (img.width(), img.height()),
        (1240, 1754),
        "an A4 page at 150 dpi"
    );
    let pdf = app
        .get(&format!("/api/registrations/{rid}/form.pdf"), Some(&cand))
        .await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let pdf = pdf.bytes().await.expect("pdf");
    assert!(pdf.starts_with(b"%PDF-") && pdf.windows(5).any(|w| w == b"%%EOF"));
    let text = pdf_text(&pdf);
    for expected in [
        "职业技能等级认定个人申请表",
        "张三",
        id_number.as_str(),
        "电工",
        "6-31-01-03",
        "申报等级",
        "考生签名",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not in the PDF's text:\n{text}"
        );
    }
    let staff_png = app
        .get(&format!("/api/registrations/{rid}/form.png"), Some(&staff))
        .await;
    assert_eq!(
        staff_png.status(),
        StatusCode::OK,
        "the institution's staff may print it"
    );
    app.stop().await;
}

#[tokio::test]
async fn nobody_else_reads_a_candidates_application_form() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010062", "申请表权限学校")
        .await;
    let (other_staff, _) = app.institution_with_staff("44010063", "别的学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let (cand, _) = app.ready_candidate().await;
    let (other, _) = app.ready_candidate().await;
    let reg = app.applied(&cand, item).await;
    app.review(&staff, &[&reg["id"]], "approve", "").await;
    let rid = reg["id"].as_str().expect("id");
    for path in [
        format!("/api/registrations/{rid}/form"),
        format!("/api/registrations/{rid}/form.png"),
        format!("/api/registrations/{rid}/form.pdf"),
    ] {
        assert_error(
            app.get(&path, Some(&other)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        assert_error(
            app.get(&path, Some(&other_staff)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        assert_error(
            app.get(&path, None).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
        )
        .await;
    }
    app.stop().await;
}

#[tokio::test]
async fn the_registration_report_lists_the_plans_candidates_for_its_institution_and_the_centre() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010064", "报表测试学校").await;
    let (other_staff, _) = app.institution_with_staff("44010065", "别的学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (cand, id_number) = app.ready_candidate().await;
    app.applied(&cand, item).await;
    let path = format!("/api/staff/plans/{}/report", plan["id"]);
    let (st, report) = json_of(app.get(&path, Some(&staff)).await).await;
    assert_eq!(st, StatusCode::OK, "{report}");
    assert_eq!(report["columns"][1], "姓名");
    assert_eq!(report["rows"][0][1], "张三");
    assert_eq!(report["rows"][0][3], id_number.as_str());
    assert_eq!(report["rows"][0][15], "待处理");
    let xlsx = app.get(&format!("{path}.xlsx"), Some(&staff)).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert_eq!(&xlsx.bytes().await.expect("bytes")[..2], b"PK");
    assert_error(
        app.get(&path, Some(&other_staff)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&path, Some(&cand)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let reviewer = app.login_as_new("centre_reviewer", "reviewer9", None).await;
    let (st, _) = json_of(app.get(&path, Some(&reviewer)).await).await;
    assert_eq!(st, StatusCode::OK, "the centre reads every plan's report");
    app.stop().await;
}

#[tokio::test]
async fn the_service_refuses_to_start_without_a_chinese_font_and_names_where_it_looked() {
    let mut settings = api::config::Settings::defaults().expect("defaults");
    settings.documents.font_dir = "/nonexistent/skillcert-fonts".into();
    let err = api::startup::build_state(settings)
        .await
        .err()
        .expect("no start without fonts");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("/nonexistent/skillcert-fonts") && msg.contains("字体"),
        "{msg}"
    );
}
