//! What an import tells the staff who ran it: every error of a row, full ID numbers, and a template whose
//! instructions say that the example row is skipped.
use reqwest::StatusCode;
use serde_json::Value;
use skillcert_tests::xlsx_fixture::{Cell, row, workbook};
use skillcert_tests::{TestApp, fixtures, json_of};

fn sheet_text(bytes: &[u8], sheet: &str) -> Vec<String> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = calamine::Reader::worksheet_range(&mut book, sheet).expect("sheet");
    range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect()
}

async fn import(app: &TestApp, staff: &str, plan: &Value, bytes: Vec<u8>) -> Value {
    let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let (st, res) = json_of(
        app.upload(
            &format!("/api/staff/plans/{}/imports", plan["id"]),
            staff,
            "名单.xlsx",
            mime,
            bytes,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{res}");
    res
}

#[tokio::test]
async fn a_row_with_several_errors_reports_every_one_of_them() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010071", "多错测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let id = fixtures::random_resident_id();
    let mut bad = row("王多错", &id, "1380013800");
    bad[6] = Cell::Text("火星族");
    bad[10] = Cell::Text("博士后");
    bad[12] = Cell::Text("五年");
    bad[15] = Cell::Text("一级/高级技师");
    let mut empty = row("", "", "13800138009");
    empty[15] = Cell::Text("");

    let res = import(&app, &staff, &plan, workbook(&[bad, empty])).await;

    let rows = res["rows"].as_array().cloned().unwrap_or_default();
    let message = |n: u64| {
        rows.iter()
            .find(|r| r["row"] == n)
            .and_then(|r| r["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let first = message(2);
    for part in [
        "手机号码",
        "火星族",
        "博士后",
        "工龄「五年」",
        "一级/高级技师",
    ] {
        assert!(first.contains(part), "{part} is reported: {first}");
    }
    let second = message(3);
    for part in ["「姓名」未填写", "「证件号码」未填写", "「等级」未填写"] {
        assert!(second.contains(part), "{part} is reported: {second}");
    }
    assert!(
        !second.contains("姓名应为"),
        "an empty cell is reported once: {second}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_result_and_its_report_show_the_full_id_numbers_to_the_importing_staff() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010072", "全号测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let (good, other) = (
        fixtures::random_resident_id(),
        fixtures::random_resident_id(),
    );
    let rows = [
        row("王全号", &good, "13800138001"),
        row("李全号", &other, "1380013800"),
    ];

    let res = import(&app, &staff, &plan, workbook(&rows)).await;

    let numbers: Vec<&str> = res["rows"]
        .as_array()
        .map(|r| r.iter().filter_map(|x| x["id_number"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        numbers.contains(&good.as_str()) && numbers.contains(&other.as_str()),
        "{res}"
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
    let text = sheet_text(&report.bytes().await.expect("bytes"), "导入结果");
    assert!(
        text.contains(&good) && text.contains(&other),
        "full numbers in the report: {text:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_template_instructions_say_the_example_row_is_skipped_and_it_is() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010073", "示例测试学校").await;
    let (plan, _) = app.open_plan(&staff).await;
    let r = app
        .get(
            &format!("/api/staff/plans/{}/import-template", plan["id"]),
            Some(&staff),
        )
        .await;
    let bytes = r.bytes().await.expect("bytes").to_vec();

    let notes = sheet_text(&bytes, "填写说明").join("\n");

    assert!(notes.contains("示例行，导入时会被自动跳过"), "{notes}");
    assert!(!notes.contains("当作一名考生导入"), "{notes}");
    let res = import(&app, &staff, &plan, bytes).await;
    assert_eq!(res["imported"], 0, "the example row is skipped: {res}");
    app.stop().await;
}
