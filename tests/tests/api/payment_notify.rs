//! Notifications: duplicates, 20 concurrent deliveries, SIGNTEST probes, forged/stale/wrong ones, refund
//! notifications, platform-certificate mode, and two API processes applying the same notification.
use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::payments::{notification, paid_transaction};
use skillcert_tests::{TestApp, assert_error, json_of};
use std::time::Duration;
use wechat_sim::{NotifyMode, PayOptions};

use super::payments::{order, setup, wait_status};

#[tokio::test]
async fn duplicates_and_twenty_concurrent_notifications_change_it_once() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    app.sim
        .pay_order(
            &no,
            PayOptions {
                notify: NotifyMode::Concurrent(20),
                ..Default::default()
            },
        )
        .await
        .expect("pay");
    wait_status(&app, &p, "paid").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let deliveries: Vec<_> = app
        .sim
        .notifications()
        .into_iter()
        .filter(|d| d.out_trade_no == no && !d.probe)
        .collect();
    assert!(deliveries.len() >= 20, "{}", deliveries.len());
    assert!(
        deliveries.iter().all(|d| d.status == Some(204)),
        "every delivery is acknowledged: {deliveries:?}"
    );
    assert_eq!(
        app.audit_count("payment_paid", &no).await,
        1,
        "one state change, one audit record"
    );
    // And a forged copy of the same notification sent again by hand is also just acknowledged.
    let (h, body) = notification(
        &paid_transaction(
            &app,
            &no,
            a["amount_fen"].as_i64().expect("amount"),
            &p.openid,
        ),
        "transaction",
        wechat_sim::SIM_APIV3_KEY,
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.audit_count("payment_paid", &no).await, 1);
}

#[tokio::test]
async fn forged_stale_and_wrong_notifications_are_refused_and_change_nothing() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    let amount = a["amount_fen"].as_i64().expect("amount");
    let good = paid_transaction(&app, &no, amount, &p.openid);
    let key = wechat_sim::SIM_APIV3_KEY;
    let set = |h: &mut Vec<(String, String)>, k: &str, v: String| {
        if let Some(e) = h.iter_mut().find(|(n, _)| n == k) {
            e.1 = v;
        }
    };
    // Bad signature, SIGNTEST probe, unknown serial, stale timestamp (re-signed, so only the window is wrong),
    // missing header, tampered ciphertext.
    let (mut h, body) = notification(&good, "transaction", key);
    set(
        &mut h,
        "Wechatpay-Signature",
        skillcert_tests::payments::wechat_sign("1", "x", "y"),
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    let (mut h, body) = notification(&good, "transaction", key);
    set(
        &mut h,
        "Wechatpay-Signature",
        "WECHATPAY/SIGNTEST/dGVzdA==".into(),
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    let (mut h, body) = notification(&good, "transaction", key);
    set(
        &mut h,
        "Wechatpay-Serial",
        "PUB_KEY_ID_0000000000000000000000000000".into(),
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    let (mut h, body) = notification(&good, "transaction", key);
    let old = (chrono::Utc::now().timestamp() - 400).to_string();
    let nonce = h[1].1.clone();
    set(
        &mut h,
        "Wechatpay-Signature",
        skillcert_tests::payments::wechat_sign(&old, &nonce, &body),
    );
    set(&mut h, "Wechatpay-Timestamp", old);
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    let (h, body) = notification(&good, "transaction", key);
    assert_eq!(
        app.deliver("/api/pay/notify", &h[1..], &body).await,
        StatusCode::UNAUTHORIZED
    );
    // Tampered ciphertext, re-signed (as if the signature were fine): decryption fails.
    let (mut h, body) = notification(&good, "transaction", key);
    let mut env: serde_json::Value = serde_json::from_str(&body).expect("json");
    let ct = env["resource"]["ciphertext"]
        .as_str()
        .expect("ct")
        .to_string();
    env["resource"]["ciphertext"] = json!(format!(
        "{}{}",
        if ct.starts_with('A') { "B" } else { "A" },
        &ct[1..]
    ));
    let body = env.to_string();
    let (ts, nonce) = (h[0].1.clone(), h[1].1.clone());
    set(
        &mut h,
        "Wechatpay-Signature",
        skillcert_tests::payments::wechat_sign(&ts, &nonce, &body),
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    // Validly signed and encrypted, but the wrong amount, merchant, AppID or order.
    for (field, value) in [
        ("amount", json!({ "total": amount - 1 })),
        ("mchid", json!("1234567890")),
        ("appid", json!("wxnotours00000001")),
        ("out_trade_no", json!("SKNOSUCHORDER0000001")),
    ] {
        let mut t = good.clone();
        t[field] = value;
        let (h, body) = notification(&t, "transaction", key);
        let resp = app
            .http
            .post(app.url("/api/pay/notify"))
            .headers(
                h.iter()
                    .map(|(k, v)| (k.parse().expect("h"), v.parse().expect("v")))
                    .collect(),
            )
            .body(body)
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{field}");
        let (_, b) = json_of(resp).await;
        assert_eq!(b["code"], "FAIL");
    }
    assert_eq!(app.payment_status(&p).await["payment_status"], "unpaid");
    assert_eq!(order(&app, &no).await.status, "open");
    assert_eq!(app.audit_count("payment_paid", &no).await, 0);
    // The genuine one is then accepted.
    let (h, body) = notification(&good, "transaction", key);
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.payment_status(&p).await["payment_status"], "paid");
}

#[tokio::test]
async fn two_api_processes_apply_the_same_notification_once() {
    let (app, staff, item) = setup().await;
    let other = app.sibling().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    let (h, body) = notification(
        &paid_transaction(
            &app,
            &no,
            a["amount_fen"].as_i64().expect("amount"),
            &p.openid,
        ),
        "transaction",
        wechat_sim::SIM_APIV3_KEY,
    );
    let mut tasks = Vec::new();
    for i in 0..10 {
        let target = if i % 2 == 0 {
            app.url("/api/pay/notify")
        } else {
            other.url("/api/pay/notify")
        };
        let (h, body, http) = (h.clone(), body.clone(), app.http.clone());
        tasks.push(tokio::spawn(async move {
            let mut rb = http.post(target).body(body);
            for (k, v) in &h {
                rb = rb.header(k.as_str(), v.as_str());
            }
            rb.send().await.expect("send").status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("join"), StatusCode::NO_CONTENT);
    }
    assert_eq!(app.audit_count("payment_paid", &no).await, 1);
    assert_eq!(app.payment_status(&p).await["payment_status"], "paid");
    // Both processes run the jobs; each job runs in one of them at a time (a lock in the shared cache).
    let (r1, r2) = tokio::join!(
        api::payment::jobs::run_once(&app.state),
        api::payment::jobs::run_once(&other.state)
    );
    assert!(r1.refunds.is_some() || r2.refunds.is_some());
    other.stop().await;
}

#[tokio::test]
async fn a_signtest_probe_is_refused_and_a_duplicate_is_acknowledged() {
    let (app, staff, item) = setup().await;
    for mode in [NotifyMode::SignTestFirst, NotifyMode::Duplicate] {
        let p = app.approved_payer(&staff, item).await;
        let a = app.start_payment(&p).await;
        let no = a["out_trade_no"].as_str().expect("no").to_string();
        app.sim
            .pay_order(
                &no,
                PayOptions {
                    notify: mode,
                    ..Default::default()
                },
            )
            .await
            .expect("pay");
        wait_status(&app, &p, "paid").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let d: Vec<_> = app
            .sim
            .notifications()
            .into_iter()
            .filter(|d| d.out_trade_no == no)
            .collect();
        if mode == NotifyMode::SignTestFirst {
            let probe = d.iter().find(|d| d.probe).expect("probe sent");
            assert!(probe.status.is_some_and(|s| s >= 400), "{probe:?}");
        } else {
            assert!(d.iter().filter(|d| d.acknowledged).count() >= 2, "{d:?}");
        }
        assert_eq!(app.audit_count("payment_paid", &no).await, 1);
    }
}

#[tokio::test]
async fn platform_certificate_mode_downloads_the_certificates_and_verifies_with_them() {
    let mut cfg = wechat_sim::SimConfig::default();
    cfg.pay.mode = wechat_sim::PayKeyMode::Certificate;
    let app = TestApp::spawn_with_sim(cfg, |s| {
        s.wechat.pay.cert_mode = true;
        s.wechat.pay.public_key_id = String::new();
        s.wechat.pay.public_key_path = String::new();
    })
    .await;
    let (staff, _) = app.institution_with_staff("44019003", "证书模式学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let p = app.approved_payer(&staff, item).await;
    // The order's response is signed with the platform certificate, which the client fetches first.
    let a = app.start_payment(&p).await;
    app.sim
        .pay_order(
            a["out_trade_no"].as_str().expect("no"),
            PayOptions::default(),
        )
        .await
        .expect("pay");
    wait_status(&app, &p, "paid").await;
}

#[tokio::test]
async fn forged_refund_notifications_and_other_channels_are_refused() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    assert_error(
        app.pay_request(&p, &json!({ "channel": "mini" })).await,
        StatusCode::CONFLICT,
        "wechat_not_bound",
    )
    .await;
    assert_error(
        app.pay_request(&p, &json!({ "channel": "alipay" })).await,
        StatusCode::BAD_REQUEST,
        "invalid_channel",
    )
    .await;
    let a = app.start_payment(&p).await;
    assert!(
        a["description"]
            .as_str()
            .expect("d")
            .contains("四级/中级工"),
        "{a}"
    );
    app.sim
        .pay_order(
            a["out_trade_no"].as_str().expect("no"),
            PayOptions::default(),
        )
        .await
        .expect("pay");
    wait_status(&app, &p, "paid").await;
    let plain = json!({ "mchid": wechat_sim::SIM_MCHID, "out_trade_no": a["out_trade_no"], "transaction_id": "4200",
        "out_refund_no": "RFNOSUCHREFUND", "refund_id": "503", "refund_status": "SUCCESS",
        "amount": { "total": a["amount_fen"], "refund": a["amount_fen"] } });
    let (mut h, body) = notification(&plain, "refund", wechat_sim::SIM_APIV3_KEY);
    assert_eq!(
        app.deliver("/api/pay/refund-notify", &h, &body).await,
        StatusCode::BAD_REQUEST,
        "unknown refund"
    );
    h[2].1 = skillcert_tests::payments::wechat_sign("1", "2", "3");
    assert_eq!(
        app.deliver("/api/pay/refund-notify", &h, &body).await,
        StatusCode::UNAUTHORIZED
    );
    let (h, body) = notification(&plain, "refund", "0123456789abcdef0123456789abcdef");
    assert_eq!(
        app.deliver("/api/pay/refund-notify", &h, &body).await,
        StatusCode::UNAUTHORIZED,
        "wrong APIv3 key"
    );
    assert_eq!(app.payment_status(&p).await["payment_status"], "paid");
}
