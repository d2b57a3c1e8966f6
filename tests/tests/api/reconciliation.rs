//! The daily reconciliation against the simulator's trade bill: every kind of difference, repeatability, bills
//! not ready or absent, the .xlsx download, and the daily job.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, json_of};
use wechat_sim::{BillState, PayOptions};

use super::finance::{paid, wait_paid};

fn kinds(v: &Value) -> Vec<(String, String)> {
    let mut k: Vec<(String, String)> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap_or_default().to_string(),
                i["out_trade_no"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    k.sort();
    k
}

#[tokio::test]
async fn reconciliation_finds_every_kind_of_difference_and_is_repeatable() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019201", "对账测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let finance = app.login_as_new("centre_finance", "finance_rc", None).await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("cst"))
        .date_naive();
    // matched; repaired (notification lost); local_only (not in the bill); amount_mismatch; refunded.
    let m = app.approved_payer(&staff, item).await;
    let matched = paid(&app, &m, PayOptions::default()).await;
    let r = app.approved_payer(&staff, item).await;
    let repaired = paid(
        &app,
        &r,
        PayOptions {
            notify: wechat_sim::NotifyMode::None,
            ..Default::default()
        },
    )
    .await;
    let l = app.approved_payer(&staff, item).await;
    let local_only = paid(
        &app,
        &l,
        PayOptions {
            exclude_from_bill: true,
            ..Default::default()
        },
    )
    .await;
    let x = app.approved_payer(&staff, item).await;
    let mismatch = paid(
        &app,
        &x,
        PayOptions {
            bill_amount_override: Some(1),
            ..Default::default()
        },
    )
    .await;
    let f = app.approved_payer(&staff, item).await;
    let refunded = paid(&app, &f, PayOptions::default()).await;
    for p in [&m, &l, &x, &f] {
        wait_paid(&app, p).await;
    }
    let (st, v) = json_of(
        app.post(
            &format!("/api/finance/registrations/{}/refund", f.registration_id),
            Some(&finance),
            &json!({ "reason": "考生申请退费" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    // wechat_only: paid at WeChat, never created here.
    let (st, inj) = json_of(app.http.post(format!("{}/sim/pay/orders", app.sim_url)).json(&json!({ "out_trade_no": "SKFOREIGN0000000000001", "amount": 5000, "openid": "oForeign" })).send().await.expect("inject")).await;
    assert!(st.is_success(), "{inj}");
    let date = today.format("%Y-%m-%d").to_string();
    let (st, v1) = json_of(
        app.post(
            "/api/finance/reconciliations",
            Some(&finance),
            &json!({ "date": date }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, v1["status"].as_str()),
        (StatusCode::OK, Some("done")),
        "{v1}"
    );
    let k = kinds(&v1);
    for (kind, no) in [
        ("matched", &matched),
        ("repaired", &repaired),
        ("local_only", &local_only),
        ("amount_mismatch", &mismatch),
    ] {
        assert!(
            k.contains(&(kind.to_string(), no.clone())),
            "{kind} {no}: {k:?}"
        );
    }
    assert!(
        k.contains(&("wechat_only".into(), "SKFOREIGN0000000000001".into())),
        "{k:?}"
    );
    assert!(
        k.iter()
            .any(|(kind, no)| kind == "refund_matched" && *no == refunded),
        "{k:?}"
    );
    assert_eq!(
        app.payment_status(&r).await["payment_status"],
        "paid",
        "repaired by the query"
    );
    // Again: the same result.
    let (_, v2) = json_of(
        app.post(
            "/api/finance/reconciliations",
            Some(&finance),
            &json!({ "date": date }),
        )
        .await,
    )
    .await;
    assert_eq!(kinds(&v1), kinds(&v2));
    assert_eq!(v1["summary"], v2["summary"]);
    let (st, got) = json_of(
        app.get(
            &format!("/api/finance/reconciliations/{date}"),
            Some(&finance),
        )
        .await,
    )
    .await;
    assert_eq!((st, kinds(&got)), (StatusCode::OK, kinds(&v1)));
    let x = app
        .get(
            &format!("/api/finance/reconciliations/{date}/export.xlsx"),
            Some(&finance),
        )
        .await;
    assert_eq!(x.status(), StatusCode::OK);
    let bytes = x.bytes().await.expect("bytes");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
        .expect("sheet")
        .expect("range");
    let text: Vec<String> = sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        text.iter().any(|t| t == &mismatch) && text.iter().any(|t| t == "金额不符"),
        "{text:?}"
    );
    // Bills not ready or absent, a future date, and who may run it.
    app.sim
        .set_bill_state(today - chrono::Duration::days(1), BillState::Creating);
    let y = (today - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let (_, c) = json_of(
        app.post(
            "/api/finance/reconciliations",
            Some(&finance),
            &json!({ "date": y }),
        )
        .await,
    )
    .await;
    assert_eq!(c["status"], "creating", "{c}");
    app.sim
        .set_bill_state(today - chrono::Duration::days(1), BillState::NoStatement);
    let (_, n) = json_of(
        app.post(
            "/api/finance/reconciliations",
            Some(&finance),
            &json!({ "date": y }),
        )
        .await,
    )
    .await;
    assert_eq!(n["status"], "no_statement", "{n}");
    let tomorrow = (today + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    assert_error(
        app.post(
            "/api/finance/reconciliations",
            Some(&finance),
            &json!({ "date": tomorrow }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_date",
    )
    .await;
    assert_error(
        app.post(
            "/api/finance/reconciliations",
            Some(&staff),
            &json!({ "date": date }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (_, list) = json_of(
        app.get("/api/finance/reconciliations", Some(&finance))
            .await,
    )
    .await;
    assert!(list.as_array().expect("list").len() >= 2);
}

#[tokio::test]
async fn the_daily_job_reconciles_yesterday_once() {
    let app = TestApp::spawn_with(|s| s.jobs.reconcile_hour = 0).await;
    let round = api::payment::jobs::run_once(&app.state).await;
    assert_eq!(round.reconciled, Some(true));
    let again = api::payment::jobs::run_once(&app.state).await;
    assert_eq!(
        again.reconciled,
        Some(false),
        "a finished day is not run again"
    );
    let finance = app
        .login_as_new("centre_finance", "finance_job", None)
        .await;
    let (_, list) = json_of(
        app.get("/api/finance/reconciliations", Some(&finance))
            .await,
    )
    .await;
    let yesterday = (chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("cst"))
        .date_naive()
        - chrono::Duration::days(1))
    .format("%Y-%m-%d")
    .to_string();
    assert_eq!(list[0]["date"].as_str(), Some(yesterday.as_str()), "{list}");
    assert_eq!(list[0]["status"], "no_statement");
}
