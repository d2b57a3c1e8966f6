//! The administrator's audit log: Chinese action names, the target's name, filters by actor, action and date.
use chrono::{Duration, FixedOffset, Utc};
use reqwest::StatusCode;
use serde_json::Value;
use skillcert_tests::{TestApp, assert_error, json_of};

fn beijing_day(offset_days: i64) -> String {
    let cst = FixedOffset::east_opt(8 * 3600).expect("offset");
    (Utc::now().with_timezone(&cst) + Duration::days(offset_days))
        .format("%Y-%m-%d")
        .to_string()
}

async fn audit(app: &TestApp, admin: &str, query: &str) -> Vec<Value> {
    let (st, body) = json_of(
        app.get(&format!("/api/admin/audit?limit=200&{query}"), Some(admin))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    body.as_array().expect("rows").clone()
}

fn first<'a>(rows: &'a [Value], action: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["action"] == action)
        .unwrap_or_else(|| panic!("no {action} in {rows:?}"))
}

#[tokio::test]
async fn the_audit_log_names_actions_in_chinese_and_targets_by_name() {
    // Arrange: an institution, its plan, and a candidate's application to it.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("71000005", "审计测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (candidate, _) = app.ready_candidate().await;
    app.applied(&candidate, item).await;
    let admin = app.admin_token().await;

    // Act
    let rows = audit(&app, &admin, "").await;

    // Assert: every row has a Chinese name; targets are named, whatever their kind.
    assert!(
        rows.iter()
            .all(|r| r["action_label"].as_str().is_some_and(|l| !l.contains('_'))),
        "{rows:?}"
    );
    let inst = first(&rows, "institution_create");
    assert_eq!(
        (&inst["action_label"], &inst["target_label"]),
        (&"新建机构".into(), &"机构".into())
    );
    assert_eq!(inst["target_name"], "审计测试学校");
    let p = first(&rows, "plan_publish");
    assert_eq!(
        (&p["action_label"], &p["target_name"]),
        (&"发布计划".into(), &plan["name"])
    );
    let reg = first(&rows, "registration_apply");
    assert_eq!(reg["action_label"], "考生报名");
    assert_eq!(
        reg["target_name"],
        format!("张三 · {}", plan["name"].as_str().expect("name"))
    );
    assert_eq!(reg["actor_name"], "张三");
    app.stop().await;
}

#[tokio::test]
async fn the_audit_log_filters_by_actor_action_and_beijing_date() {
    // Arrange
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("71000006", "审计筛选学校").await;
    app.draft_plan(&staff, -1, 5).await;
    let admin = app.admin_token().await;

    // Act + Assert: by action, by actor (login or part of the name), by date range.
    let rows = audit(&app, &admin, "action=plan_create").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(audit(&app, &admin, "action=plan_delete").await.is_empty());
    let by_staff = audit(&app, &admin, "actor=staff71000006").await;
    assert!(
        !by_staff.is_empty() && by_staff.iter().all(|r| r["actor_name"] == "测试人员"),
        "{by_staff:?}"
    );
    assert!(by_staff.iter().any(|r| r["action"] == "plan_create"));
    assert!(audit(&app, &admin, "actor=无此人").await.is_empty());
    let (today, tomorrow) = (beijing_day(0), beijing_day(1));
    let today_rows = audit(
        &app,
        &admin,
        &format!("action=plan_create&from={today}&to={today}"),
    )
    .await;
    assert_eq!(today_rows.len(), 1);
    assert!(
        audit(&app, &admin, &format!("from={tomorrow}"))
            .await
            .is_empty()
    );
    assert!(
        audit(&app, &admin, &format!("to={}", beijing_day(-1)))
            .await
            .is_empty()
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_audit_filters_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let long_actor = format!("actor={}", "长".repeat(51));
    for (query, code) in [
        ("from=2026-13-01", "invalid_date"),
        ("to=yesterday", "invalid_date"),
        ("from=2026-12-05&to=2026-12-01", "invalid_date_range"),
        ("action=DROP%20TABLE", "invalid_enum"),
        (long_actor.as_str(), "field_too_long"),
    ] {
        let resp = app
            .get(&format!("/api/admin/audit?{query}"), Some(&admin))
            .await;
        assert_error(resp, StatusCode::BAD_REQUEST, code).await;
    }
    app.stop().await;
}

#[tokio::test]
async fn the_filter_lists_every_action_with_its_chinese_name() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (st, body) = json_of(app.get("/api/admin/audit/actions", Some(&admin)).await).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let actions = body.as_array().expect("actions");
    assert!(
        actions
            .iter()
            .any(|a| a["value"] == "plan_confirm" && a["label"] == "计划确认完成")
    );
    app.stop().await;
}
