use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::xlsx_fixture::{Cell, candidate_rows, import_xlsx, row, workbook};
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

async fn import(
    app: &TestApp,
    staff: &str,
    plan: &Value,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    app.upload(
        &format!("/api/staff/plans/{}/imports", plan["id"]),
        staff,
        name,
        mime,
        bytes,
    )
    .await
}

fn code_of(rows: &Value, row: u64) -> String {
    rows.as_array()
        .and_then(|r| r.iter().find(|x| x["row"] == row))
        .map(|x| x["code"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_template_downloads_with_the_columns_and_reads_back() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010051", "模板测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let r = app
        .get(
            &format!("/api/staff/plans/{}/import-template", plan["id"]),
            Some(&staff),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .to_string();
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    let bytes = r.bytes().await.expect("bytes").to_vec();
    let rows = api::registration::import::read_rows(&bytes, 10)
        .expect("the template is a readable import file");
    assert_eq!(rows.len(), 1, "the example row");
    assert_eq!(
        rows[0].cells[13], "电工",
        "the example uses the plan's item"
    );
    // Importing the untouched template creates nobody: the example row is recognised.
    let (st, res) = json_of(import(&app, &staff, &plan, "模板.xlsx", bytes).await).await;
    assert_eq!(st, StatusCode::CREATED, "{res}");
    assert_eq!(
        (res["imported"].as_i64(), res["rows"][0]["code"].as_str()),
        (Some(0), Some("example_row")),
        "{res}"
    );
    let (other, _) = app.institution_with_staff("44010052", "他校").await;
    assert_error(
        app.get(
            &format!("/api/staff/plans/{}/import-template", plan["id"]),
            Some(&other),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn every_kind_of_bad_row_is_reported_valid_rows_are_imported_and_a_second_import_changes_nothing()
 {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010053", "导入测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let (ok1, ok2) = (
        fixtures::random_resident_id(),
        fixtures::random_resident_id(),
    );
    let bad_check = format!(
        "{}{}",
        &ok1[..17],
        if ok1.ends_with('0') { '1' } else { '0' }
    );
    let more: Vec<String> = (0..4).map(|_| fixtures::random_resident_id()).collect();
    let mut rows = vec![
        row("王一", &ok1, "13800138001"),       // 2: imported
        row("王二", &ok2, "13800138002"),       // 3: imported
        row("王三", &bad_check, "13800138003"), // 4: check digit
        row("王四", &more[0], "1380013800"),    // 5: mobile
        row("王五", &more[1], "13800138005"),   // 6: ethnicity
        row("王六", &more[2], "13800138006"),   // 7: item not in plan
        row("王一", &ok1, "13800138001"),       // 8: duplicate of row 2
        row("", &more[3], "13800138008"),       // 9: name missing
        row("王九", "", "13800138009"),         // 10: numeric ID cell
    ];
    rows[4][6] = Cell::Text("火星族");
    rows[5][15] = Cell::Text("一级/高级技师");
    // An ID number typed into a number cell: f64 keeps ~16 digits, so the 18 come back rounded. Pick one whose
    // rounded form fails the check digit (about one in eleven would pass by chance).
    let today = chrono::Utc::now().date_naive();
    let n: f64 = std::iter::repeat_with(fixtures::random_resident_id)
        .filter_map(|id| id[..17].parse::<f64>().ok().map(|head| head * 10.0 + 1.0))
        .find(|f| api::domain::idcard::parse_resident_id(&format!("{f}"), today).is_err())
        .expect("a number that is not a valid ID");
    rows[8][2] = Cell::Number(n);
    let file = workbook(&rows);
    let (st, res) = json_of(import(&app, &staff, &plan, "考生名单.xlsx", file.clone()).await).await;
    assert_eq!(st, StatusCode::CREATED, "{res}");
    assert_eq!(
        (
            res["total"].as_i64(),
            res["imported"].as_i64(),
            res["failed"].as_i64()
        ),
        (Some(9), Some(2), Some(7)),
        "{res}"
    );
    let r = &res["rows"];
    assert_eq!(r[0]["status"], "failed", "failed rows come first");
    assert_eq!(code_of(r, 4), "invalid_id_number");
    assert_eq!(code_of(r, 5), "invalid_mobile");
    assert_eq!(code_of(r, 6), "invalid_enum");
    assert_eq!(code_of(r, 7), "item_not_in_plan");
    assert_eq!(code_of(r, 8), "duplicate_in_file");
    assert_eq!(code_of(r, 9), "required_missing");
    assert_eq!(code_of(r, 10), "invalid_id_number");
    let numeric_msg = r
        .as_array()
        .and_then(|a| a.iter().find(|x| x["row"] == 10))
        .map(|x| x["message"].to_string())
        .unwrap_or_default();
    assert!(
        numeric_msg.contains("文本格式"),
        "the message explains Excel's number cell: {numeric_msg}"
    );

    let report = app
        .get(
            &format!(
                "/api/staff/imports/{}/report",
                res["id"].as_str().expect("id")
            ),
            Some(&staff),
        )
        .await;
    assert_eq!(report.status(), StatusCode::OK);
    let report = report.bytes().await.expect("bytes");
    assert_eq!(&report[..2], b"PK", "the report is an .xlsx");

    let (_, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"][0]["source"], "excel");
    let (st, again) = json_of(import(&app, &staff, &plan, "考生名单.xlsx", file).await).await;
    assert_eq!(st, StatusCode::CREATED, "{again}");
    assert_eq!(
        (
            again["imported"].as_i64(),
            again["existing"].as_i64(),
            again["failed"].as_i64()
        ),
        (Some(0), Some(2), Some(7))
    );
    let (_, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(page["total"], 2, "re-importing changed nothing");
    let (st, login) = app.login(&ok1, &ok1[12..]).await;
    assert_eq!(
        (st, login["user"]["identity_check_required"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let (_, list) = json_of(
        app.get(
            &format!("/api/staff/imports?plan_id={}", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    app.stop().await;
}

#[tokio::test]
async fn files_that_are_not_usable_workbooks_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010054", "坏文件测试学校")
        .await;
    let (plan, _) = app.open_plan(&staff).await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".to_vec();
    assert_error(
        import(&app, &staff, &plan, "名单.xlsx", pdf).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "not_xlsx",
    )
    .await;
    let mut broken = b"PK\x03\x04".to_vec();
    broken.extend_from_slice(&[7u8; 300]);
    assert_error(
        import(&app, &staff, &plan, "名单.xlsx", broken).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "corrupt_xlsx",
    )
    .await;
    let full = workbook(&[row("王一", &fixtures::random_resident_id(), "13800138001")]);
    let truncated = full[..full.len() / 2].to_vec();
    assert_error(
        import(&app, &staff, &plan, "名单.xlsx", truncated).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "corrupt_xlsx",
    )
    .await;
    assert_error(
        import(&app, &staff, &plan, "空.xlsx", workbook(&[])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "empty_import",
    )
    .await;
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "姓名").expect("cell");
    let other_layout = wb.save_to_buffer().expect("xlsx");
    let e = assert_error(
        import(&app, &staff, &plan, "别的表.xlsx", other_layout).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "template_mismatch",
    )
    .await;
    assert!(
        e["message"].as_str().unwrap_or("").contains("证件号码"),
        "{e}"
    );
    let (cand, _) = app.register_candidate("Secret2026").await;
    let ok = workbook(&[row("王一", &fixtures::random_resident_id(), "13800138001")]);
    assert_error(
        import(&app, &cand, &plan, "名单.xlsx", ok.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (other, _) = app.institution_with_staff("44010055", "他校").await;
    assert_error(
        import(&app, &other, &plan, "名单.xlsx", ok).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let (_, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(page["total"], 0);
    let (_, list) = json_of(app.get("/api/staff/imports", Some(&staff)).await).await;
    assert_eq!(list, json!([]), "refused files leave no import record");
    app.stop().await;
}

#[tokio::test]
async fn a_ten_thousand_row_file_is_imported() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010056", "万行测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let rows = candidate_rows(10_000, "电工", "", "四级/中级工");
    let file = import_xlsx(&rows).expect("xlsx");
    let (st, res) = json_of(import(&app, &staff, &plan, "万人名单.xlsx", file).await).await;
    assert_eq!(st, StatusCode::CREATED, "{res}");
    assert_eq!(
        (
            res["total"].as_i64(),
            res["imported"].as_i64(),
            res["failed"].as_i64()
        ),
        (Some(10_000), Some(10_000), Some(0)),
        "{}",
        res["rows"][0]
    );
    let (_, page) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations?page_size=1", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(page["total"].as_i64(), res["imported"].as_i64());
    let too_many: Vec<Vec<Cell<'_>>> = (0..10_001)
        .map(|_| row("批量考生", "11010519491231002X", "13800138000"))
        .collect();
    assert_error(
        import(&app, &staff, &plan, "太多.xlsx", workbook(&too_many)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "too_many_rows",
    )
    .await;
    app.stop().await;
}
