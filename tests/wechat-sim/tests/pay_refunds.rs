//! Refunds: apply, idempotent re-apply, query, completion and the refund notification.

mod pay_support;

use std::time::Duration;

use pay_support::{PayHarness, Receiver};
use serde_json::{Value, json};
use wechat_sim::{
    NotificationKind, NotifyMode, PayOptions, RefundOutcome, SIM_APIV3_KEY, SIM_PUB_KEY_ID,
    SimConfig,
};

const REFUNDS: &str = "/v3/refund/domestic/refunds";
const NOTIFY: &str = "http://127.0.0.1:9/notify";

async fn paid_order(h: &PayHarness, no: &str, total: i64) -> anyhow::Result<String> {
    h.order(no, total, NOTIFY).await?;
    let options = PayOptions {
        notify: NotifyMode::None,
        ..PayOptions::default()
    };
    h.sim.pay_order(no, options).await
}

fn refund_body(
    no: &str,
    out_refund_no: &str,
    refund: i64,
    total: i64,
    notify_url: Option<&str>,
) -> Value {
    let mut body = json!({
        "out_trade_no": no,
        "out_refund_no": out_refund_no,
        "reason": "考生申请退考",
        "amount": { "refund": refund, "total": total, "currency": "CNY" },
    });
    if let Some(url) = notify_url {
        body["notify_url"] = json!(url);
    }
    body
}

#[tokio::test]
async fn a_refund_is_accepted_then_succeeds_and_is_notified() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let rx = Receiver::start(SIM_APIV3_KEY, SIM_PUB_KEY_ID).await?;
    let tid = paid_order(&h, "REFUND0001", 12000).await?;
    let body = refund_body(
        "REFUND0001",
        "R0001",
        12000,
        12000,
        Some(&rx.url("/api/pay/refund-notify")),
    );
    let resp = h.post(REFUNDS, &body).await?;
    assert_eq!(resp.status, 200, "{}", resp.json());
    assert!(resp.verifies(SIM_PUB_KEY_ID));
    let r = resp.json();
    assert_eq!(r["status"], "PROCESSING");
    assert_eq!(r["refund_id"].as_str().map(str::len), Some(29));
    assert_eq!(r["out_refund_no"], "R0001");
    assert_eq!(
        (r["transaction_id"].as_str(), r["out_trade_no"].as_str()),
        (Some(tid.as_str()), Some("REFUND0001"))
    );
    assert_eq!(r["channel"], "ORIGINAL");
    assert_eq!(r["user_received_account"], "支付用户零钱");
    assert!(
        r["create_time"]
            .as_str()
            .is_some_and(|t| t.ends_with("+08:00"))
    );
    assert!(r["funds_account"].is_string());
    assert!(r.get("success_time").is_none());
    for (k, v) in [
        ("total", 12000),
        ("refund", 12000),
        ("payer_total", 12000),
        ("payer_refund", 12000),
        ("settlement_total", 12000),
        ("settlement_refund", 12000),
        ("discount_refund", 0),
    ] {
        assert_eq!(r["amount"][k], v, "amount.{k}");
    }
    assert_eq!(r["amount"]["currency"], "CNY");

    let q = h.query("REFUND0001").await?.json();
    assert_eq!(q["trade_state"], "REFUND");
    assert_eq!(q["transaction_id"], tid.as_str());

    // The same out_refund_no again: the same refund, not a second one.
    let again = h.post(REFUNDS, &body).await?.json();
    assert_eq!(again["refund_id"], r["refund_id"]);

    let got = rx.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let n = &got[0];
    assert!(n.verified);
    assert_eq!(n.envelope["event_type"], "REFUND.SUCCESS");
    assert_eq!(n.envelope["summary"], "退款成功");
    assert_eq!(n.envelope["resource"]["original_type"], "refund");
    assert_eq!(n.envelope["resource"]["associated_data"], "refund");
    let p = n.plaintext.clone().expect("decrypts");
    assert_eq!(p["refund_status"], "SUCCESS");
    assert_eq!(p["out_refund_no"], "R0001");
    assert_eq!(p["refund_id"], r["refund_id"]);
    assert_eq!(p["transaction_id"], tid.as_str());
    assert_eq!(
        p["amount"],
        json!({ "total": 12000, "refund": 12000, "payer_total": 12000, "payer_refund": 12000 })
    );
    assert!(
        p["success_time"]
            .as_str()
            .is_some_and(|t| t.ends_with("+08:00"))
    );

    let q = h.get("/v3/refund/domestic/refunds/R0001").await?;
    assert!(q.verifies(SIM_PUB_KEY_ID));
    let q = q.json();
    assert_eq!(q["status"], "SUCCESS");
    assert!(q["success_time"].is_string());
    assert_eq!(q["refund_id"], r["refund_id"]);
    let records = h.sim.notifications();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind, NotificationKind::Refund);
    assert_eq!(records[0].out_refund_no.as_deref(), Some("R0001"));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn refund_rules_are_enforced() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("REFUND0002", 100, NOTIFY).await?;
    h.post(REFUNDS, &refund_body("REFUND0002", "R0002", 100, 100, None))
        .await?
        .assert_error(404, "RESOURCE_NOT_EXISTS");
    h.post(
        REFUNDS,
        &refund_body("NOSUCHORDER", "R0002", 100, 100, None),
    )
    .await?
    .assert_error(404, "RESOURCE_NOT_EXISTS");
    let tid = paid_order(&h, "REFUND0003", 100).await?;
    h.post(REFUNDS, &refund_body("REFUND0003", "R0003", 100, 99, None))
        .await?
        .assert_error(400, "INVALID_REQUEST");
    let mut by_tid = refund_body("REFUND0003", "R0003", 60, 100, None);
    if let Some(o) = by_tid.as_object_mut() {
        o.remove("out_trade_no");
    }
    by_tid["transaction_id"] = json!(tid);
    assert_eq!(h.post(REFUNDS, &by_tid).await?.status, 200);
    h.post(REFUNDS, &refund_body("REFUND0003", "R0003", 50, 100, None))
        .await?
        .assert_error(400, "INVALID_REQUEST");
    h.post(REFUNDS, &refund_body("REFUND0003", "R0004", 50, 100, None))
        .await?
        .assert_error(400, "INVALID_REQUEST");
    assert_eq!(
        h.post(REFUNDS, &refund_body("REFUND0003", "R0004", 40, 100, None))
            .await?
            .status,
        200
    );
    let mut neither = refund_body("REFUND0003", "R0005", 1, 100, None);
    if let Some(o) = neither.as_object_mut() {
        o.remove("out_trade_no");
    }
    h.post(REFUNDS, &neither)
        .await?
        .assert_error(400, "PARAM_ERROR");
    h.get("/v3/refund/domestic/refunds/NOSUCHREFUND")
        .await?
        .assert_error(404, "RESOURCE_NOT_EXISTS");
    h.sim.set_fault("refund", "SYSTEM_ERROR", 1);
    h.post(REFUNDS, &refund_body("REFUND0003", "R0004", 40, 100, None))
        .await?
        .assert_error(500, "SYSTEM_ERROR");
    h.sim.set_fault("refund_query", "SYSTEM_ERROR", 1);
    h.get("/v3/refund/domestic/refunds/R0004")
        .await?
        .assert_error(500, "SYSTEM_ERROR");
    assert_eq!(
        h.get("/v3/refund/domestic/refunds/R0004").await?.status,
        200
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn without_auto_completion_refunds_wait_for_the_hook() -> anyhow::Result<()> {
    let mut cfg = SimConfig::default();
    cfg.pay.refund_auto_complete_ms = None;
    let h = PayHarness::with(cfg).await?;
    let rx = Receiver::start(SIM_APIV3_KEY, SIM_PUB_KEY_ID).await?;
    paid_order(&h, "REFUND0006", 300).await?;
    let url = rx.url("/refund");
    assert_eq!(
        h.post(
            REFUNDS,
            &refund_body("REFUND0006", "R0006", 100, 300, Some(&url))
        )
        .await?
        .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        h.get("/v3/refund/domestic/refunds/R0006").await?.json()["status"],
        "PROCESSING"
    );
    assert!(rx.received().is_empty());

    let (status, r) = h
        .hook(
            "POST",
            "/sim/pay/refunds/R0006/complete",
            Some(json!({ "status": "ABNORMAL" })),
        )
        .await?;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["status"], "ABNORMAL");
    let got = rx.received();
    assert_eq!(got[0].envelope["event_type"], "REFUND.ABNORMAL");
    let p = got[0].plaintext.clone().expect("decrypts");
    assert_eq!(p["refund_status"], "ABNORMAL");
    assert!(p.get("success_time").is_none());

    h.sim
        .complete_refund("R0006", RefundOutcome::Success)
        .await?;
    assert_eq!(rx.received()[1].envelope["event_type"], "REFUND.SUCCESS");
    let (status, _) = h
        .hook(
            "POST",
            "/sim/pay/refunds/R0006/complete",
            Some(json!({ "status": "CLOSED" })),
        )
        .await?;
    assert_eq!(status, 409);
    assert_eq!(
        h.hook("POST", "/sim/pay/refunds/NOPE/complete", None)
            .await?
            .0,
        404
    );

    // A closed refund gives its amount back: 200 more can be refunded afterwards.
    assert_eq!(
        h.post(REFUNDS, &refund_body("REFUND0006", "R0007", 200, 300, None))
            .await?
            .status,
        200
    );
    h.sim
        .complete_refund("R0007", RefundOutcome::Closed)
        .await?;
    assert_eq!(
        h.get("/v3/refund/domestic/refunds/R0007").await?.json()["status"],
        "CLOSED"
    );
    assert_eq!(
        h.post(REFUNDS, &refund_body("REFUND0006", "R0008", 200, 300, None))
            .await?
            .status,
        200
    );
    h.handle.shutdown().await;
    Ok(())
}
