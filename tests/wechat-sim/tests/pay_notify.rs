//! Payment notifications: envelope, signature, encryption, retries and the delivery modes.

mod pay_support;

use std::time::Duration;

use pay_support::{PayHarness, Receiver};
use serde_json::json;
use wechat_sim::{
    NotificationKind, NotifyMode, PayKeyMode, PayOptions, SIM_APIV3_KEY, SIM_CERT_SERIAL,
    SIM_PUB_KEY_ID, SimConfig,
};

const JSAPI: &str = "/v3/pay/transactions/jsapi";

async fn setup(no: &str) -> anyhow::Result<(PayHarness, Receiver)> {
    let h = PayHarness::start().await?;
    let rx = Receiver::start(SIM_APIV3_KEY, SIM_PUB_KEY_ID).await?;
    let mut body = h.order_body(no, 12000, &rx.url("/api/pay/notify"));
    body["attach"] = json!("cand=8842");
    let resp = h.post(JSAPI, &body).await?;
    anyhow::ensure!(resp.status == 200, "order: {}", resp.json());
    Ok((h, rx))
}

fn mode(notify: NotifyMode) -> PayOptions {
    PayOptions {
        notify,
        ..PayOptions::default()
    }
}

#[tokio::test]
async fn the_notification_is_signed_encrypted_and_complete() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0001").await?;
    let tid = h.sim.pay_order("NOTIFY0001", PayOptions::default()).await?;
    // pay_order returns once the first attempt is over.
    let got = rx.received();
    assert_eq!(got.len(), 1);
    let n = &got[0];
    assert!(n.verified, "signature must verify: {:?}", n.headers);
    assert_eq!(n.path, "/api/pay/notify");
    assert_eq!(
        n.headers.get("content-type").map(String::as_str),
        Some("application/json")
    );
    assert_eq!(
        n.headers
            .get("wechatpay-signature-type")
            .map(String::as_str),
        Some("WECHATPAY2-SHA256-RSA2048")
    );
    let raw = String::from_utf8(n.body.clone())?;
    assert!(
        !raw.contains('\n') && !raw.contains("\": "),
        "compact single line: {raw}"
    );
    let e = &n.envelope;
    assert_eq!(e["id"].as_str().map(str::len), Some(36));
    assert!(
        e["create_time"]
            .as_str()
            .is_some_and(|t| t.ends_with("+08:00"))
    );
    assert_eq!(e["resource_type"], "encrypt-resource");
    assert_eq!(e["event_type"], "TRANSACTION.SUCCESS");
    assert_eq!(e["summary"], "支付成功");
    let r = &e["resource"];
    assert_eq!(r["original_type"], "transaction");
    assert_eq!(r["algorithm"], "AEAD_AES_256_GCM");
    assert_eq!(r["associated_data"], "transaction");
    assert_eq!(r["nonce"].as_str().map(str::len), Some(12));

    let p = n.plaintext.clone().expect("decrypts with the APIv3 key");
    assert_eq!(Some(&p), h.sim.order_state("NOTIFY0001").as_ref());
    assert_eq!(p["transaction_id"], tid.as_str());
    assert_eq!(p["trade_state"], "SUCCESS");
    assert_eq!(p["trade_state_desc"], "支付成功");
    assert_eq!(p["trade_type"], "JSAPI");
    assert_eq!(p["bank_type"], "OTHERS");
    assert_eq!(p["attach"], "cand=8842");
    assert_eq!(p["payer"]["openid"], "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assert_eq!(
        p["amount"],
        json!({ "total": 12000, "payer_total": 12000, "currency": "CNY", "payer_currency": "CNY" })
    );
    assert!(
        p["success_time"]
            .as_str()
            .is_some_and(|t| t.ends_with("+08:00"))
    );

    let records = h.sim.notifications();
    assert_eq!(records.len(), 1);
    let rec = &records[0];
    assert_eq!(
        (rec.kind, rec.attempt, rec.delivery, rec.probe),
        (NotificationKind::Payment, 1, 0, false)
    );
    assert_eq!((rec.status, rec.acknowledged), (Some(200), true));
    assert_eq!(rec.out_trade_no, "NOTIFY0001");
    assert_eq!(rec.notification_id, e["id"].as_str().unwrap_or_default());
    let (status, listed) = h.hook("GET", "/sim/pay/notifications", None).await?;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["kind"], "payment");
    assert_eq!(listed[0]["status"], 200);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_rejected_notification_is_retried_with_fresh_signatures() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0002").await?;
    rx.script(&[500, 503]);
    h.sim.pay_order("NOTIFY0002", PayOptions::default()).await?;
    let got = rx.wait_for(3).await;
    assert_eq!(
        got.iter().map(|r| r.replied).collect::<Vec<_>>(),
        [500, 503, 200]
    );
    assert!(got.iter().all(|r| r.verified && r.body == got[0].body));
    assert_ne!(
        got[0].headers["wechatpay-nonce"],
        got[1].headers["wechatpay-nonce"]
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let records = h.sim.notifications();
    assert_eq!(
        records.iter().map(|r| r.attempt).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        records.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(500), Some(503), Some(200)]
    );
    assert_eq!(
        rx.received().len(),
        3,
        "no delivery after the acknowledgement"
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn duplicate_mode_delivers_the_same_notification_again() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0003").await?;
    h.sim
        .pay_order("NOTIFY0003", mode(NotifyMode::Duplicate))
        .await?;
    let got = rx.wait_for(2).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body);
    assert_eq!(got[0].envelope["id"], got[1].envelope["id"]);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let deliveries: Vec<u32> = h.sim.notifications().iter().map(|r| r.delivery).collect();
    assert_eq!(deliveries, [0, 1]);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn concurrent_mode_delivers_copies_at_the_same_moment() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0004").await?;
    let (status, _) = h
        .hook(
            "POST",
            "/sim/pay/orders/NOTIFY0004/pay",
            Some(json!({ "notify": "concurrent:5" })),
        )
        .await?;
    assert_eq!(status, 200);
    let got = rx.received();
    assert_eq!(
        got.len(),
        5,
        "all first attempts are over when the hook answers"
    );
    assert!(got.iter().all(|r| r.verified && r.body == got[0].body));
    let mut deliveries: Vec<u32> = h.sim.notifications().iter().map(|r| r.delivery).collect();
    deliveries.sort_unstable();
    assert_eq!(deliveries, [0, 1, 2, 3, 4]);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn signtest_probe_comes_first_and_must_be_rejected() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0005").await?;
    h.sim
        .pay_order("NOTIFY0005", mode(NotifyMode::SignTestFirst))
        .await?;
    let got = rx.received();
    assert_eq!(got.len(), 2);
    assert!(got[0].headers["wechatpay-signature"].starts_with("WECHATPAY/SIGNTEST/"));
    assert!(!got[0].verified);
    assert_eq!(got[0].replied, 401);
    assert!(got[1].verified);
    let records = h.sim.notifications();
    assert_eq!(
        records
            .iter()
            .map(|r| (r.probe, r.status))
            .collect::<Vec<_>>(),
        [(true, Some(401)), (false, Some(200))]
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn none_mode_sends_nothing() -> anyhow::Result<()> {
    let (h, rx) = setup("NOTIFY0006").await?;
    h.sim
        .pay_order("NOTIFY0006", mode(NotifyMode::None))
        .await?;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(rx.received().is_empty());
    assert!(h.sim.notifications().is_empty());
    assert_eq!(
        h.query("NOTIFY0006").await?.json()["trade_state"],
        "SUCCESS"
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn an_unreachable_merchant_gets_fifteen_retries_then_nothing() -> anyhow::Result<()> {
    let mut cfg = SimConfig::default();
    cfg.pay.time_scale = 1_000_000;
    let h = PayHarness::with(cfg).await?;
    // A port nobody listens on: every attempt is refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/notify", closed.local_addr()?);
    drop(closed);
    h.order("NOTIFY0007", 100, &url).await?;
    h.sim.pay_order("NOTIFY0007", PayOptions::default()).await?;
    for _ in 0..100 {
        if h.sim.notifications().len() >= 16 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let records = h.sim.notifications();
    assert_eq!(records.len(), 16, "1 attempt + 15 retries");
    assert!(
        records
            .iter()
            .all(|r| r.status.is_none() && r.error.is_some() && !r.acknowledged)
    );
    assert_eq!(records.last().map(|r| r.attempt), Some(16));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn certificate_mode_notifications_carry_the_certificate_serial() -> anyhow::Result<()> {
    let mut cfg = SimConfig::default();
    cfg.pay.mode = PayKeyMode::Certificate;
    let h = PayHarness::with(cfg).await?;
    let rx = Receiver::start(SIM_APIV3_KEY, SIM_CERT_SERIAL).await?;
    h.order("NOTIFY0008", 100, &rx.url("/notify")).await?;
    h.sim.pay_order("NOTIFY0008", PayOptions::default()).await?;
    let got = rx.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].verified);
    assert_eq!(got[0].headers["wechatpay-serial"], SIM_CERT_SERIAL);
    h.handle.shutdown().await;
    Ok(())
}
