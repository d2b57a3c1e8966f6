use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, json_of};

fn occupation(code: &str, name: &str) -> Value {
    json!({ "code": code, "name": name, "job_types": ["方向一", "方向二"],
            "levels": [{ "level": "level4", "subjects": ["theory", "practical"] },
                       { "level": "level2", "subjects": ["theory", "practical", "review"] }] })
}

#[tokio::test]
async fn the_catalogue_starts_with_real_occupations_and_their_subjects() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (st, list) = json_of(
        app.get("/api/catalogue/occupations?q=电工", Some(&token))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{list}");
    let dg = list
        .as_array()
        .expect("list")
        .iter()
        .find(|o| o["code"] == "6-31-01-03")
        .expect("电工 6-31-01-03");
    assert_eq!(dg["name"], "电工");
    let levels = dg["levels"].as_array().expect("levels");
    let technician = levels
        .iter()
        .find(|l| l["level"] == "level2")
        .expect("二级/技师");
    assert_eq!(
        technician["subjects"],
        json!(["theory", "practical", "review"]),
        "技师 adds 综合评审"
    );
    let junior = levels
        .iter()
        .find(|l| l["level"] == "level5")
        .expect("五级");
    assert_eq!(junior["subjects"], json!(["theory", "practical"]));
    let (_, all) = json_of(app.get("/api/catalogue/occupations", Some(&token)).await).await;
    assert!(all.as_array().map(Vec::len).unwrap_or(0) >= 15);
    assert_error(
        app.get("/api/catalogue/occupations", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn the_administrator_adds_and_edits_occupations_with_every_rule_checked() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (st, created) = json_of(
        app.post(
            "/api/admin/occupations",
            Some(&admin),
            &occupation("4-99-01-01", "测试职业"),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("id");
    let bad = |f: &dyn Fn(&mut Value)| {
        let mut b = occupation("4-99-01-02", "另一职业");
        f(&mut b);
        b
    };
    let cases = [
        (
            bad(&|b| b["code"] = json!("4-99-1")),
            StatusCode::BAD_REQUEST,
            "invalid_occupation_code",
        ),
        (
            bad(&|b| b["name"] = json!("")),
            StatusCode::BAD_REQUEST,
            "invalid_occupation_name",
        ),
        (
            bad(&|b| b["job_types"] = json!(["甲", "甲"])),
            StatusCode::BAD_REQUEST,
            "invalid_job_types",
        ),
        (
            bad(&|b| b["levels"] = json!([])),
            StatusCode::BAD_REQUEST,
            "invalid_levels",
        ),
        (
            bad(&|b| b["levels"] = json!([{ "level": "level9", "subjects": ["theory"] }])),
            StatusCode::BAD_REQUEST,
            "invalid_levels",
        ),
        (
            bad(&|b| b["levels"] = json!([{ "level": "level4", "subjects": [] }])),
            StatusCode::BAD_REQUEST,
            "invalid_subjects",
        ),
        (
            bad(&|b| b["levels"] = json!([{ "level": "level4", "subjects": ["dance"] }])),
            StatusCode::BAD_REQUEST,
            "invalid_subjects",
        ),
        (
            bad(&|b| b["code"] = json!("4-99-01-01")),
            StatusCode::CONFLICT,
            "occupation_code_taken",
        ),
    ];
    for (body, status, code) in cases {
        assert_error(
            app.post("/api/admin/occupations", Some(&admin), &body)
                .await,
            status,
            code,
        )
        .await;
    }
    let mut edit = occupation("4-99-01-01", "测试职业（修订）");
    edit["active"] = json!(false);
    let (st, edited) = json_of(
        app.put(&format!("/api/admin/occupations/{id}"), Some(&admin), &edit)
            .await,
    )
    .await;
    assert_eq!(
        (st, edited["name"].as_str()),
        (StatusCode::OK, Some("测试职业（修订）"))
    );
    // Inactive occupations are hidden from everyone but the administrator.
    let staff = app.login_as_new("centre_reviewer", "reviewer5", None).await;
    let (_, seen) = json_of(
        app.get("/api/catalogue/occupations?q=4-99-01", Some(&staff))
            .await,
    )
    .await;
    assert_eq!(seen.as_array().map(Vec::len), Some(0));
    let (_, seen) = json_of(
        app.get("/api/catalogue/occupations?q=4-99-01", Some(&admin))
            .await,
    )
    .await;
    assert_eq!(seen.as_array().map(Vec::len), Some(1));
    let (_, rows) = json_of(app.get("/api/admin/audit", Some(&admin)).await).await;
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["action"] == "occupation_update")
        .expect("audited");
    assert_eq!(
        (
            row["before"]["name"].as_str(),
            row["after"]["active"].as_bool()
        ),
        (Some("测试职业"), Some(false))
    );
    app.stop().await;
}

#[tokio::test]
async fn only_the_administrator_maintains_the_catalogue() {
    let app = TestApp::spawn().await;
    let (candidate, _) = app.register_candidate("Secret2026").await;
    let staff = app.login_as_new("centre_reviewer", "reviewer6", None).await;
    for token in [&candidate, &staff] {
        let resp = app
            .post(
                "/api/admin/occupations",
                Some(token),
                &occupation("4-99-02-01", "越权职业"),
            )
            .await;
        assert_error(resp, StatusCode::FORBIDDEN, "forbidden").await;
    }
    app.stop().await;
}

#[tokio::test]
async fn restarting_never_overwrites_the_administrators_edits_of_the_starting_set() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (_, list) = json_of(
        app.get("/api/catalogue/occupations?q=6-31-01-03", Some(&admin))
            .await,
    )
    .await;
    let id = list[0]["id"].as_i64().expect("id");
    let mut edit = occupation("6-31-01-03", "电工（本中心）");
    edit["job_types"] = json!([]);
    assert_eq!(
        app.put(&format!("/api/admin/occupations/{id}"), Some(&admin), &edit)
            .await
            .status(),
        StatusCode::OK
    );
    use sea_orm::{EntityTrait, PaginatorTrait};
    let before = entity::occupation::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    let added = api::catalogue::rules::ensure_seed(&app.state.db)
        .await
        .expect("seed");
    assert_eq!(added, 0);
    assert_eq!(
        entity::occupation::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        before
    );
    let (_, o) = json_of(
        app.get(&format!("/api/catalogue/occupations/{id}"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(o["name"], "电工（本中心）");
    app.stop().await;
}

fn catalogue_file(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "职业编码",
        "职业名称",
        "工种/职业方向",
        "认定等级",
        "考核科目",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).expect("cell");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn the_administrator_exports_edits_and_imports_the_catalogue() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let export = app
        .get("/api/admin/occupations/export.xlsx", Some(&admin))
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    let bytes = export.bytes().await.expect("bytes").to_vec();
    let columns = [
        "职业编码",
        "职业名称",
        "工种/职业方向",
        "认定等级",
        "考核科目",
    ];
    let columns = columns.map(api::spreadsheet::Column::text);
    let rows = api::spreadsheet::read(&bytes, &api::spreadsheet::Spec::new(&columns, 1000))
        .expect("the export reads back");
    assert!(
        rows.iter()
            .any(|r| r.cells[0] == "6-31-01-03" && r.cells[1] == "电工"),
        "the export lists the catalogue"
    );

    let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let file = catalogue_file(&[
        [
            "4-99-99-01",
            "测试新职业",
            "方向甲、方向乙",
            "四级/中级工、二级",
            "",
        ],
        ["6-31-01-03", "电工", "", "四级/中级工", ""],
        ["bad-code", "坏编码", "", "四级", ""],
        ["4-99-99-02", "等级不对", "", "九级", ""],
        ["4-99-99-01", "重复行", "", "四级", ""],
    ]);
    let (st, res) = json_of(
        app.upload(
            "/api/admin/occupations/import",
            &admin,
            "职业.xlsx",
            mime,
            file,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{res}");
    assert_eq!(
        (
            res["created"].as_u64(),
            res["updated"].as_u64(),
            res["failed"].as_u64()
        ),
        (Some(1), Some(1), Some(3)),
        "{res}"
    );
    let (_, list) = json_of(
        app.get("/api/catalogue/occupations?q=4-99-99-01", Some(&admin))
            .await,
    )
    .await;
    let created = &list[0];
    assert_eq!(created["job_types"], json!(["方向甲", "方向乙"]));
    assert_eq!(
        created["levels"][1]["subjects"],
        json!(["theory", "practical", "review"]),
        "技师 gets 综合评审 by default"
    );
    let (_, dg) = json_of(
        app.get("/api/catalogue/occupations?q=6-31-01-03", Some(&admin))
            .await,
    )
    .await;
    assert_eq!(
        dg[0]["levels"].as_array().map(Vec::len),
        Some(1),
        "the existing code was updated"
    );

    let (staff_token, _) = app.register_candidate("Secret2026").await;
    let again = catalogue_file(&[["4-99-99-03", "无权", "", "四级", ""]]);
    let r = app
        .upload(
            "/api/admin/occupations/import",
            &staff_token,
            "职业.xlsx",
            mime,
            again,
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = app
        .upload(
            "/api/admin/occupations/import",
            &admin,
            "职业.xlsx",
            mime,
            b"%PDF-1.7".to_vec(),
        )
        .await;
    assert_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_xlsx").await;
    app.stop().await;
}
