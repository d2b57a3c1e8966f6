//! Role gates: every staff, centre, finance and admin endpoint refuses every other role (403) and anonymous
//! callers (401) before it touches anything; the allowed roles are read from the OpenAPI document.
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn a_centre_reviewer_cannot_drive_the_staff_only_plan_steps() {
    // Arrange: a complete draft plan of institution A, and a centre reviewer.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("71000001", "甲培训学校").await;
    let reviewer = app
        .login_as_new("centre_reviewer", "rg_reviewer", None)
        .await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    app.add_item(&staff, &plan, "6-31-01-03", "", "level4", &[])
        .await;
    let id = &plan["id"];
    let confirm = json!({ "confirm": true });

    // Act + Assert: the reviewer is refused every step, at every stage, and the plan does not move.
    for step in ["confirm", "publish", "submit", "end"] {
        let path = format!("/api/staff/plans/{id}/{step}");
        assert_error(
            app.post(&path, Some(&reviewer), &confirm).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let (_, p) = json_of(
        app.get(&format!("/api/staff/plans/{id}"), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(
        (p["status"].as_str(), p["stage"].as_str()),
        (Some("draft"), Some("open")),
        "{p}"
    );

    app.publish(&staff, id).await;
    for step in ["submit", "end"] {
        let path = format!("/api/staff/plans/{id}/{step}");
        assert_error(
            app.post(&path, Some(&reviewer), &confirm).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let (_, p) = json_of(
        app.get(&format!("/api/staff/plans/{id}"), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(p["stage"].as_str(), Some("open"), "{p}");
    app.stop().await;
}

const ROLES: [&str; 5] = [
    "candidate",
    "staff",
    "centre_reviewer",
    "centre_finance",
    "admin",
];
const GATED_PREFIXES: [&str; 4] = [
    "/api/staff/",
    "/api/centre/",
    "/api/finance/",
    "/api/admin/",
];

/// Every row of the tables a refused request could have touched.
async fn snapshot(app: &TestApp) -> serde_json::Value {
    use entity::*;
    use sea_orm::EntityTrait;
    let db = &app.state.db;
    macro_rules! rows {
        ($($m:ident),*) => {{
            let mut all = serde_json::Map::new();
            $(
                let rows = $m::Entity::find().into_json().all(db).await.expect("rows");
                all.insert(stringify!($m).to_string(), serde_json::Value::Array(rows));
            )*
            serde_json::Value::Object(all)
        }};
    }
    rows!(
        audit_log,
        candidate_profile,
        correction,
        file,
        import,
        institution,
        institution_entry,
        occupation,
        pay_order,
        pay_refund,
        plan,
        plan_item,
        reconciliation,
        registration,
        registration_event,
        remittance,
        remittance_item,
        user,
        wechat_binding
    )
}

/// A path of the OpenAPI document with its parameters filled with real ids of the fixture.
fn fill(path: &str, ids: &serde_json::Value) -> String {
    let mut out = path.to_string();
    let uuid_owned = [
        "/api/registrations/{id}",
        "/api/staff/registrations/{id}",
        "/api/finance/registrations/{id}",
        "/api/corrections/{id}",
    ];
    let id = if uuid_owned.iter().any(|p| path.starts_with(p)) {
        ids["registration"].to_string()
    } else {
        ids["plan"].to_string()
    };
    for (param, value) in [
        ("{id}", id.trim_matches('"').to_string()),
        ("{item_id}", ids["item"].to_string()),
        ("{user_id}", ids["candidate"].to_string()),
        ("{date}", "2026-12-01".to_string()),
        ("{side}", "front".to_string()),
    ] {
        out = out.replace(param, &value);
    }
    out
}

/// `None` when `who` is refused with `expect`, else what happened.
async fn refused(
    app: &TestApp,
    m: &reqwest::Method,
    url: &str,
    who: &str,
    token: Option<&str>,
    expect: StatusCode,
) -> Option<String> {
    let (st, body) = json_of(app.send(m.clone(), url, token, &json!({})).await).await;
    (st != expect).then(|| format!("{m} {url} as {who}: {st} {body}"))
}

#[tokio::test]
async fn every_gated_endpoint_refuses_other_roles_and_anonymous_callers_and_changes_nothing() {
    // Arrange: one account of every role; a published plan of the staff's institution with an application.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("71000002", "乙培训学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let (candidate, _) = app.ready_candidate().await;
    let reg = app.applied(&candidate, item).await;
    let mut tokens = vec![
        ("candidate", candidate),
        ("staff", staff),
        (
            "centre_reviewer",
            app.login_as_new("centre_reviewer", "rg_rev", None).await,
        ),
        (
            "centre_finance",
            app.login_as_new("centre_finance", "rg_fin", None).await,
        ),
        ("admin", String::new()),
    ];
    tokens[4].1 = app.admin_token().await;
    let ids = json!({ "plan": plan["id"], "item": item, "registration": reg["id"],
                      "candidate": reg["candidate"]["user_id"] });
    let (_, doc) = json_of(app.get("/api/openapi.json", None).await).await;
    let before = snapshot(&app).await;

    // Act: every operation that names its roles, called by every other role and by nobody.
    let mut cells = 0;
    let mut wrong = Vec::new();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let roles: Vec<&str> = op["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["session"].as_array())
                .flatten()
                .filter_map(|r| r.as_str())
                .collect();
            if let Some(r) = roles.iter().find(|r| !ROLES.contains(*r)) {
                wrong.push(format!("{method} {path}: unknown role {r}"));
            }
            let gated = GATED_PREFIXES.iter().any(|p| path.starts_with(p));
            if roles.is_empty() {
                if gated {
                    wrong.push(format!("{method} {path}: declares no roles"));
                }
                continue;
            }
            let m: reqwest::Method = method.to_uppercase().parse().expect("method");
            let url = fill(path, &ids);
            for (role, token) in &tokens {
                if !roles.contains(role) {
                    cells += 1;
                    wrong.extend(
                        refused(
                            &app,
                            &m,
                            &url,
                            role,
                            Some(token.as_str()),
                            StatusCode::FORBIDDEN,
                        )
                        .await,
                    );
                }
            }
            cells += 1;
            wrong
                .extend(refused(&app, &m, &url, "anonymous", None, StatusCode::UNAUTHORIZED).await);
        }
    }

    // Assert: every cell refused, and not a row changed.
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(
        cells > 150,
        "only {cells} cells: is the OpenAPI document missing the roles?"
    );
    assert_eq!(
        before,
        snapshot(&app).await,
        "a refused request changed the database"
    );
    app.stop().await;
}
