//! JSAPI orders, queries, close, expiry and injected faults.

mod pay_support;

use chrono::{Duration, Utc};
use pay_support::PayHarness;
use serde_json::{Value, json};
use wechat_sim::{PayOptions, SIM_MCHID, SIM_PUB_KEY_ID};

const JSAPI: &str = "/v3/pay/transactions/jsapi";
const NOTIFY: &str = "http://127.0.0.1:9/notify";

fn close_path(no: &str) -> String {
    format!("/v3/pay/transactions/out-trade-no/{no}/close")
}

#[tokio::test]
async fn an_order_is_notpay_until_paid_then_success() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let prepay_id = h.order("ORDER000001", 12000, NOTIFY).await?;
    assert_eq!(prepay_id.len(), 36, "{prepay_id}");
    assert!(prepay_id.starts_with("wx"));

    let resp = h.query("ORDER000001").await?;
    assert_eq!(resp.status, 200);
    assert!(resp.verifies(SIM_PUB_KEY_ID));
    let q = resp.json();
    assert_eq!(q["trade_state"], "NOTPAY");
    assert_eq!(q["trade_state_desc"], "订单未支付");
    assert_eq!(q["appid"], h.cfg.official.appid.as_str());
    assert_eq!(q["mchid"], SIM_MCHID);
    assert_eq!(q["amount"]["total"], 12000);
    for absent in ["transaction_id", "payer", "success_time"] {
        assert!(q.get(absent).is_none(), "{absent} in {q}");
    }
    assert!(q["amount"].get("payer_total").is_none());

    let (status, paid) = h
        .hook(
            "POST",
            "/sim/pay/orders/ORDER000001/pay",
            Some(json!({ "notify": "none" })),
        )
        .await?;
    assert_eq!(status, 200, "{paid}");
    let tid = paid["transaction_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(tid.len(), 28);
    assert!(tid.starts_with("42000"));

    let q = h.query("ORDER000001").await?.json();
    assert_eq!(q["trade_state"], "SUCCESS");
    assert_eq!(q["trade_state_desc"], "支付成功");
    assert_eq!(q["transaction_id"], tid.as_str());
    assert_eq!(q["trade_type"], "JSAPI");
    assert_eq!(q["bank_type"], "OTHERS");
    assert_eq!(q["attach"], "");
    assert_eq!(q["payer"]["openid"], "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assert_eq!(
        q["amount"],
        json!({ "total": 12000, "payer_total": 12000, "currency": "CNY", "payer_currency": "CNY" })
    );
    let success_time = q["success_time"].as_str().unwrap_or_default();
    assert!(success_time.ends_with("+08:00"), "{success_time}");
    chrono::DateTime::parse_from_rfc3339(success_time)?;

    let by_id = h
        .get(&format!("/v3/pay/transactions/id/{tid}?mchid={SIM_MCHID}"))
        .await?;
    assert_eq!(by_id.json(), q);
    assert_eq!(h.sim.order_state("ORDER000001"), Some(q));
    let (status, _) = h
        .hook("POST", "/sim/pay/orders/ORDER000001/pay", None)
        .await?;
    assert_eq!(status, 409);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn unknown_orders_are_404_order_not_exist() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.query("NOSUCHORDER")
        .await?
        .assert_error(404, "ORDER_NOT_EXIST");
    h.get(&format!(
        "/v3/pay/transactions/id/4200000000202601010000000000?mchid={SIM_MCHID}"
    ))
    .await?
    .assert_error(404, "ORDER_NOT_EXIST");
    h.post(&close_path("NOSUCHORDER"), &json!({ "mchid": SIM_MCHID }))
        .await?
        .assert_error(404, "ORDER_NOT_EXIST");
    assert_eq!(
        h.hook("POST", "/sim/pay/orders/NOSUCHORDER/pay", None)
            .await?
            .0,
        404
    );
    assert_eq!(
        h.hook("GET", "/sim/pay/orders/NOSUCHORDER", None).await?.0,
        404
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn re_entry_with_the_same_parameters_gives_a_fresh_prepay_id() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let first = h.order("REENTRY001", 100, NOTIFY).await?;
    let second = h.order("REENTRY001", 100, NOTIFY).await?;
    assert_ne!(first, second);
    let different = h.order_body("REENTRY001", 200, NOTIFY);
    let resp = h.post(JSAPI, &different).await?;
    resp.assert_error(400, "INVALID_REQUEST");
    assert_eq!(resp.json()["message"], "请求重入时，参数与首次请求时不一致");
    // amount.currency omitted counts as CNY.
    let mut no_currency = h.order_body("REENTRY001", 100, NOTIFY);
    no_currency["amount"] = json!({ "total": 100 });
    assert_eq!(h.post(JSAPI, &no_currency).await?.status, 200);

    h.sim
        .pay_order(
            "REENTRY001",
            PayOptions {
                notify: wechat_sim::NotifyMode::None,
                ..PayOptions::default()
            },
        )
        .await?;
    let resp = h
        .post(JSAPI, &h.order_body("REENTRY001", 100, NOTIFY))
        .await?;
    resp.assert_error(400, "ORDERPAID");
    assert_eq!(resp.json()["message"], "订单已支付");
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn invalid_fields_are_param_errors_with_a_json_pointer() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let base = h.order_body("VALID00001", 100, NOTIFY);
    let cases: [(&str, Value, &str); 11] = [
        ("/description", json!("很".repeat(128)), "/description"),
        ("/description", json!(""), "/description"),
        ("/out_trade_no", json!("ABC12"), "/out_trade_no"),
        ("/out_trade_no", json!("ABC12345!"), "/out_trade_no"),
        ("/amount", json!({ "total": 0 }), "/amount/total"),
        (
            "/amount",
            json!({ "total": 100, "currency": "USD" }),
            "/amount/currency",
        ),
        (
            "/notify_url",
            json!("https://exam.example.cn/notify?x=1"),
            "/notify_url",
        ),
        ("/notify_url", json!("/relative/notify"), "/notify_url"),
        ("/payer", json!({}), "/payer/openid"),
        ("/time_expire", json!("2026-03-01 09:45:00"), "/time_expire"),
        ("/attach", json!("a".repeat(129)), "/attach"),
    ];
    for (pointer, value, field) in cases {
        let mut body = base.clone();
        if let Some(slot) = body.pointer_mut(pointer) {
            *slot = value;
        } else if let Some(obj) = body.as_object_mut() {
            obj.insert(pointer.trim_start_matches('/').to_owned(), value);
        }
        let resp = h.post(JSAPI, &body).await?;
        resp.assert_error(400, "PARAM_ERROR");
        assert_eq!(resp.json()["detail"]["field"], field, "{}", resp.json());
    }
    let mut missing = base.clone();
    if let Some(o) = missing.as_object_mut() {
        o.remove("notify_url");
    }
    let resp = h.post(JSAPI, &missing).await?;
    assert_eq!(resp.json()["detail"]["field"], "/notify_url");

    let mut foreign = base.clone();
    foreign["appid"] = json!("wxd678efh567hg6787");
    h.post(JSAPI, &foreign)
        .await?
        .assert_error(400, "APPID_MCHID_NOT_MATCH");
    let mut mini = base.clone();
    mini["appid"] = json!(h.cfg.mini.appid);
    assert_eq!(h.post(JSAPI, &mini).await?.status, 200);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn close_is_204_re_entrant_and_refused_for_paid_orders() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("CLOSE00001", 100, NOTIFY).await?;
    let body = json!({ "mchid": SIM_MCHID });
    for _ in 0..2 {
        let resp = h.post(&close_path("CLOSE00001"), &body).await?;
        assert_eq!(resp.status, 204);
        assert!(resp.body.is_empty());
        assert!(
            resp.verifies(SIM_PUB_KEY_ID),
            "204 must be signed over an empty body"
        );
    }
    let q = h.query("CLOSE00001").await?.json();
    assert_eq!(q["trade_state"], "CLOSED");
    h.post(JSAPI, &h.order_body("CLOSE00001", 100, NOTIFY))
        .await?
        .assert_error(400, "ORDER_CLOSED");
    assert_eq!(
        h.hook("POST", "/sim/pay/orders/CLOSE00001/pay", None)
            .await?
            .0,
        409
    );

    h.order("CLOSE00002", 100, NOTIFY).await?;
    let extra = json!({ "mchid": SIM_MCHID, "appid": h.cfg.official.appid, "notify_url": NOTIFY });
    let resp = h.post(&close_path("CLOSE00002"), &extra).await?;
    resp.assert_error(400, "PARAM_ERROR");
    assert!(
        resp.json()["message"]
            .as_str()
            .unwrap_or_default()
            .contains("参数中含有非法的额外参数")
    );
    h.hook(
        "POST",
        "/sim/pay/orders/CLOSE00002/pay",
        Some(json!({ "notify": "none" })),
    )
    .await?;
    h.post(&close_path("CLOSE00002"), &body)
        .await?
        .assert_error(400, "ORDERPAID");
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn an_unpaid_order_past_time_expire_reads_closed() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("+08:00");
    // Whole seconds on the wire: 3 s ahead is still in the future when the first query runs on a busy machine.
    let soon = (Utc::now() + Duration::seconds(3)).with_timezone(&beijing);
    let mut body = h.order_body("EXPIRE0001", 100, NOTIFY);
    body["time_expire"] = json!(soon.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    assert_eq!(h.post(JSAPI, &body).await?.status, 200);
    assert_eq!(h.query("EXPIRE0001").await?.json()["trade_state"], "NOTPAY");
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    assert_eq!(h.query("EXPIRE0001").await?.json()["trade_state"], "CLOSED");
    assert_eq!(
        h.hook("POST", "/sim/pay/orders/EXPIRE0001/pay", None)
            .await?
            .0,
        409
    );
    assert!(
        h.sim
            .pay_order("EXPIRE0001", PayOptions::default())
            .await
            .is_err()
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn injected_faults_answer_signed_errors_then_recover() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let (status, _) = h
        .hook(
            "POST",
            "/sim/pay/faults",
            Some(json!({ "api": "jsapi", "code": "SYSTEM_ERROR", "count": 2 })),
        )
        .await?;
    assert_eq!(status, 200);
    let body = h.order_body("FAULT00001", 100, NOTIFY);
    for _ in 0..2 {
        h.post(JSAPI, &body)
            .await?
            .assert_error(500, "SYSTEM_ERROR");
    }
    assert_eq!(h.post(JSAPI, &body).await?.status, 200);

    h.sim.set_fault("query", "SYSTEM_ERROR", 1);
    h.query("FAULT00001")
        .await?
        .assert_error(500, "SYSTEM_ERROR");
    assert_eq!(h.query("FAULT00001").await?.status, 200);
    h.sim.set_fault("close", "FREQUENCY_LIMITED", 1);
    h.post(&close_path("FAULT00001"), &json!({ "mchid": SIM_MCHID }))
        .await?
        .assert_error(429, "FREQUENCY_LIMITED");
    let (status, _) = h
        .hook("POST", "/sim/pay/faults", Some(json!({ "api": "nope" })))
        .await?;
    assert_eq!(status, 400);
    h.handle.shutdown().await;
    Ok(())
}
