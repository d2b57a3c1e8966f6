//! Institution remittances, plan payment completeness, the finance overview and order search, and the daily
//! reconciliation against the simulator's trade bill with every kind of difference.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::payments::Payer;
use skillcert_tests::{TestApp, assert_error, json_of};
use std::time::Duration;
use wechat_sim::{BillState, PayOptions};

async fn paid(app: &TestApp, p: &Payer, opts: PayOptions) -> String {
    let a = app.start_payment(p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    app.sim.pay_order(&no, opts).await.expect("pay");
    no
}

async fn wait_paid(app: &TestApp, p: &Payer) {
    for _ in 0..100 {
        if app.payment_status(p).await["payment_status"] == "paid" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not paid");
}

async fn remit(
    app: &TestApp,
    staff: &str,
    plan: i64,
    amount: &str,
    ids: Option<String>,
    vouchers: usize,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new()
        .text("amount", amount.to_string())
        .text("payer", "广东省华立高级技工学校")
        .text("bank_serial", "CMB20261121-0001")
        .text("paid_on", chrono::Utc::now().format("%Y-%m-%d").to_string());
    if let Some(ids) = ids {
        form = form.text("registration_ids", ids);
    }
    for i in 0..vouchers {
        let part = reqwest::multipart::Part::bytes(skillcert_tests::fixtures::jpeg(800, 600))
            .file_name(format!("v{i}.jpg"))
            .mime_str("image/jpeg")
            .expect("mime");
        form = form.part("vouchers", part);
    }
    app.http
        .post(app.url(&format!("/api/plans/{plan}/remittances")))
        .bearer_auth(staff)
        .multipart(form)
        .send()
        .await
        .expect("remit")
}

#[tokio::test]
async fn remittances_cover_what_wechat_did_not_and_make_the_plan_complete() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019101", "汇款测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().expect("id");
    let a = app.approved_payer(&staff, item).await;
    let b = app.approved_payer(&staff, item).await;
    let c = app.approved_payer(&staff, item).await;
    paid(&app, &a, PayOptions::default()).await;
    wait_paid(&app, &a).await;
    let (st, s) = json_of(
        app.get(&format!("/api/plans/{plan_id}/payments"), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{s}");
    assert_eq!(
        (
            s["approved"].as_i64(),
            s["paid_wechat"].as_i64(),
            s["outstanding"].as_i64()
        ),
        (Some(3), Some(1), Some(2)),
        "{s}"
    );
    assert_eq!(s["complete"], false);
    assert!(s["reason"].as_str().expect("reason").contains("暂缓审核"));
    let fee = s["outstanding_items"][0]["fee_fen"].as_i64().expect("fee");
    // Refusals: wrong amount, no voucher, a renamed PDF, a registration that is not outstanding.
    assert_error(
        remit(&app, &staff, plan_id, "1.00", None, 1).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "remittance_amount_mismatch",
    )
    .await;
    let two = format!("{}.{:02}", 2 * fee / 100, 2 * fee % 100);
    assert_error(
        remit(&app, &staff, plan_id, &two, None, 0).await,
        StatusCode::BAD_REQUEST,
        "voucher_required",
    )
    .await;
    assert_error(
        remit(&app, &staff, plan_id, "abc", None, 1).await,
        StatusCode::BAD_REQUEST,
        "invalid_amount",
    )
    .await;
    assert_error(
        remit(
            &app,
            &staff,
            plan_id,
            &two,
            Some(a.registration_id.clone()),
            1,
        )
        .await,
        StatusCode::CONFLICT,
        "registration_not_outstanding",
    )
    .await;
    // Another institution cannot see or remit for this plan.
    let (other, _) = app.institution_with_staff("44019102", "别的学校").await;
    assert_error(
        app.get(&format!("/api/plans/{plan_id}/payments"), Some(&other))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        remit(&app, &other, plan_id, &two, None, 1).await.status(),
        StatusCode::NOT_FOUND
    );
    // A rejected remittance changes nothing; a confirmed one marks the two 线下已确认.
    let (st, r1) = json_of(remit(&app, &staff, plan_id, &two, None, 2).await).await;
    assert_eq!(st, StatusCode::CREATED, "{r1}");
    assert_eq!(
        (
            r1["count"].as_i64(),
            r1["vouchers"].as_array().map(Vec::len)
        ),
        (Some(2), Some(2))
    );
    let finance = app.login_as_new("centre_finance", "finance_f1", None).await;
    assert_error(
        app.post(
            &format!("/api/finance/remittances/{}/confirm", r1["id"]),
            Some(&staff),
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (st, rej) = json_of(
        app.post(
            &format!("/api/finance/remittances/{}/reject", r1["id"]),
            Some(&finance),
            &json!({ "reason": "凭证金额与流水不一致" }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, rej["status"].as_str()),
        (StatusCode::OK, Some("rejected")),
        "{rej}"
    );
    assert_error(
        app.post(
            &format!("/api/finance/remittances/{}/confirm", r1["id"]),
            Some(&finance),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "remittance_not_pending",
    )
    .await;
    assert_eq!(app.payment_status(&b).await["payment_status"], "unpaid");
    let (_, r2) = json_of(remit(&app, &staff, plan_id, &two, None, 1).await).await;
    let (st, conf) = json_of(
        app.post(
            &format!("/api/finance/remittances/{}/confirm", r2["id"]),
            Some(&finance),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, conf["status"].as_str()),
        (StatusCode::OK, Some("confirmed")),
        "{conf}"
    );
    for p in [&b, &c] {
        assert_eq!(
            app.payment_status(p).await["payment_status"],
            "offline_confirmed"
        );
    }
    let (_, s) = json_of(
        app.get(&format!("/api/plans/{plan_id}/payments"), Some(&finance))
            .await,
    )
    .await;
    assert_eq!(
        (
            s["complete"].as_bool(),
            s["reason"].is_null(),
            s["offline_confirmed"].as_i64()
        ),
        (Some(true), true, Some(2)),
        "{s}"
    );
    // Overview and search.
    let (_, ov) = json_of(app.get("/api/finance/overview", Some(&finance)).await).await;
    let row = ov["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .find(|r| r["plan_id"].as_i64() == Some(plan_id))
        .expect("row")
        .clone();
    assert_eq!(
        (
            row["paid_count"].as_i64(),
            row["offline_count"].as_i64(),
            row["unpaid_count"].as_i64()
        ),
        (Some(1), Some(2), Some(0)),
        "{row}"
    );
    let (_, found) = json_of(
        app.get("/api/finance/orders?q=%E5%BC%A0%E4%B8%89", Some(&finance))
            .await,
    )
    .await;
    assert!(found["total"].as_u64().expect("total") >= 1, "{found}");
    let resp = app
        .get("/api/finance/orders/export.xlsx", Some(&finance))
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.bytes().await.expect("bytes").starts_with(b"PK"));
    assert_error(
        app.get("/api/finance/overview", Some(&staff)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_error(
        app.get("/api/finance/orders", Some(&a.token)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

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
