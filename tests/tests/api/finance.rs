//! Institution remittances, plan payment completeness, the finance overview and order search, and the daily
//! reconciliation against the simulator's trade bill with every kind of difference.
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::payments::Payer;
use skillcert_tests::{TestApp, assert_error, json_of};
use std::time::Duration;
use wechat_sim::PayOptions;

pub(crate) async fn paid(app: &TestApp, p: &Payer, opts: PayOptions) -> String {
    let a = app.start_payment(p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    app.sim.pay_order(&no, opts).await.expect("pay");
    no
}

pub(crate) async fn wait_paid(app: &TestApp, p: &Payer) {
    for _ in 0..100 {
        if app.payment_status(p).await["payment_status"] == "paid" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not paid");
}

async fn futures_join3<A, B, C>(a: A, b: B, c: C) -> [reqwest::Response; 3]
where
    A: std::future::Future<Output = reqwest::Response>,
    B: std::future::Future<Output = reqwest::Response>,
    C: std::future::Future<Output = reqwest::Response>,
{
    let (a, b, c) = tokio::join!(a, b, c);
    [a, b, c]
}

/// Posts a remittance form: the given fields (unset ones default to valid values) and voucher files.
/// Form fields, voucher files, and the refusal expected.
type RemitCase = (
    Vec<(&'static str, String)>,
    Vec<Vec<u8>>,
    StatusCode,
    &'static str,
);

async fn remit_form(
    app: &TestApp,
    staff: &str,
    plan: i64,
    fields: &[(&str, String)],
    vouchers: Vec<Vec<u8>>,
) -> reqwest::Response {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let defaults = [
        ("payer", "广东省华立高级技工学校".to_string()),
        ("bank_serial", "CMB20261121-0001".to_string()),
        ("paid_on", today),
    ];
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in defaults
        .iter()
        .filter(|(k, _)| !fields.iter().any(|(f, _)| f == k))
    {
        form = form.text(k.to_string(), v.clone());
    }
    for (k, v) in fields {
        form = form.text(k.to_string(), v.clone());
    }
    for (i, bytes) in vouchers.into_iter().enumerate() {
        let part = reqwest::multipart::Part::bytes(bytes)
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

pub(crate) async fn remit(
    app: &TestApp,
    staff: &str,
    plan: i64,
    amount: &str,
    ids: Option<String>,
    vouchers: usize,
) -> reqwest::Response {
    let mut fields = vec![("amount", amount.to_string())];
    if let Some(ids) = ids {
        fields.push(("registration_ids", ids));
    }
    let files = (0..vouchers)
        .map(|_| skillcert_tests::fixtures::jpeg(800, 600))
        .collect();
    remit_form(app, staff, plan, &fields, files).await
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
    // Three submissions at the same moment for the same registrations: one remittance, the others refused.
    let tries = futures_join3(
        remit(&app, &staff, plan_id, &two, None, 1),
        remit(&app, &staff, plan_id, &two, None, 1),
        remit(&app, &staff, plan_id, &two, None, 1),
    )
    .await;
    let codes: Vec<u16> = tries.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|c| *c == 201 || *c == 409), "{codes:?}");
    let (_, list) = json_of(
        app.get(&format!("/api/plans/{plan_id}/remittances"), Some(&staff))
            .await,
    )
    .await;
    let first = list[0]["id"].clone();
    let finance0 = app.login_as_new("centre_finance", "finance_f0", None).await;
    let (st, _) = json_of(
        app.post(
            &format!("/api/finance/remittances/{first}/reject"),
            Some(&finance0),
            &json!({ "reason": "重复登记，驳回" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
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

#[tokio::test]
async fn every_bad_remittance_field_and_reason_is_refused_and_records_nothing() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019103", "字段校验学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().expect("id");
    // Nothing owed yet.
    let voucher = || vec![skillcert_tests::fixtures::jpeg(800, 600)];
    assert_error(
        remit(&app, &staff, plan_id, "120.00", None, 1).await,
        StatusCode::CONFLICT,
        "nothing_outstanding",
    )
    .await;
    let p = app.approved_payer(&staff, item).await;
    let fee = app.payment_status(&p).await["amount_fen"]
        .as_i64()
        .expect("fee");
    let amount = format!("{}.{:02}", fee / 100, fee % 100);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let cases: Vec<RemitCase> = vec![
        (
            vec![("amount", amount.clone()), ("payer", "甲".into())],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_payer",
        ),
        (
            vec![("amount", amount.clone()), ("bank_serial", "流水号".into())],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_bank_serial",
        ),
        (
            vec![("amount", amount.clone()), ("paid_on", tomorrow)],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_paid_on",
        ),
        (
            vec![("amount", amount.clone()), ("paid_on", "2026/11/20".into())],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_paid_on",
        ),
        (
            vec![("amount", amount.clone()), ("note", "长".repeat(201))],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_note",
        ),
        (
            vec![("amount", "-1".into())],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_amount",
        ),
        (
            vec![("amount", "1.001".into())],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_amount",
        ),
        (
            vec![
                ("amount", amount.clone()),
                ("registration_ids", "not-a-uuid".into()),
            ],
            voucher(),
            StatusCode::BAD_REQUEST,
            "invalid_registration_ids",
        ),
        (
            vec![("amount", amount.clone())],
            (0..6)
                .map(|_| skillcert_tests::fixtures::jpeg(300, 300))
                .collect(),
            StatusCode::BAD_REQUEST,
            "too_many_vouchers",
        ),
        (
            vec![("amount", amount.clone())],
            vec![b"%PDF-1.4 not an image".to_vec()],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_image_type",
        ),
        (
            vec![("amount", amount.clone())],
            vec![vec![0xFF; 2 * 1024 * 1024 + 1]],
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
        ),
    ];
    for (fields, files, status, code) in cases {
        assert_error(
            remit_form(&app, &staff, plan_id, &fields, files).await,
            status,
            code,
        )
        .await;
    }
    let (_, list) = json_of(
        app.get(&format!("/api/plans/{plan_id}/remittances"), Some(&staff))
            .await,
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
    // Reasons are required where money is refused or returned.
    let (st, r) = json_of(remit(&app, &staff, plan_id, &amount, None, 1).await).await;
    assert_eq!(st, StatusCode::CREATED, "{r}");
    let finance = app
        .login_as_new("centre_finance", "finance_fields", None)
        .await;
    assert_error(
        app.post(
            &format!("/api/finance/remittances/{}/reject", r["id"]),
            Some(&finance),
            &json!({ "reason": " " }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "reason_required",
    )
    .await;
    assert_error(
        app.post(
            &format!("/api/finance/registrations/{}/refund", p.registration_id),
            Some(&finance),
            &json!({ "reason": "x" }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "reason_required",
    )
    .await;
    let old = (chrono::Utc::now() - chrono::Duration::days(120))
        .format("%Y-%m-%d")
        .to_string();
    for date in [old.as_str(), "2026-13-01", "昨天"] {
        assert_error(
            app.post(
                "/api/finance/reconciliations",
                Some(&finance),
                &json!({ "date": date }),
            )
            .await,
            StatusCode::BAD_REQUEST,
            "invalid_date",
        )
        .await;
    }
}
