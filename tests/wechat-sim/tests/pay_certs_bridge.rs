//! `/v3/certificates` in both key modes, and the stand-in JSAPI bridge (`/sim/pay/bridge.js` & co).

mod pay_support;

use pay_support::{PayHarness, Receiver, decrypt, now_secs, sign_merchant};
use serde_json::{Value, json};
use wechat_sim::{PayKeyMode, SIM_APIV3_KEY, SIM_CERT_SERIAL, SIM_PUB_KEY_ID, SimConfig};

#[tokio::test]
async fn certificates_are_404_in_public_key_mode() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let resp = h.get("/v3/certificates").await?;
    resp.assert_error(404, "RESOURCE_NOT_EXISTS");
    assert!(
        resp.json()["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("无可用的平台证书")
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn certificate_mode_serves_the_encrypted_certificate() -> anyhow::Result<()> {
    let mut cfg = SimConfig::default();
    cfg.pay.mode = PayKeyMode::Certificate;
    let h = PayHarness::with(cfg).await?;
    let resp = h.get("/v3/certificates").await?;
    assert_eq!(resp.status, 200);
    assert!(resp.verifies(SIM_CERT_SERIAL));
    let cert = &resp.json()["data"][0];
    assert_eq!(cert["serial_no"], SIM_CERT_SERIAL);
    for t in ["effective_time", "expire_time"] {
        chrono::DateTime::parse_from_rfc3339(cert[t].as_str().unwrap_or_default())?;
    }
    let enc = &cert["encrypt_certificate"];
    assert_eq!(enc["algorithm"], "AEAD_AES_256_GCM");
    assert_eq!(enc["associated_data"], "certificate");
    let nonce = enc["nonce"].as_str().unwrap_or_default();
    assert_eq!(nonce.len(), 12);
    let pem = decrypt(
        SIM_APIV3_KEY,
        nonce,
        "certificate",
        enc["ciphertext"].as_str().unwrap_or_default(),
    )?;
    assert_eq!(
        String::from_utf8(pem)?,
        include_str!("../keys/wechatpay_cert.pem")
    );
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn bridge_js_and_its_endpoints_answer_cors() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let resp = h
        .client
        .get(format!("{}/sim/pay/bridge.js", h.handle.base_url))
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert!(
        resp.headers()["content-type"]
            .to_str()?
            .contains("javascript")
    );
    let js = resp.text().await?;
    for needle in [
        "WeixinJSBridge",
        "getBrandWCPayRequest",
        "WeixinJSBridgeReady",
        "document.currentScript",
        "sim-pay-confirm",
        "sim-pay-cancel",
        "微信支付（模拟器）",
        "确认支付",
        "/sim/pay/jsapi-confirm",
    ] {
        assert!(js.contains(needle), "bridge.js lacks {needle}");
    }
    for path in [
        "/sim/pay/jsapi-confirm",
        "/sim/pay/prepay/x",
        "/sim/pay/bridge.js",
    ] {
        let pre = h
            .client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}{path}", h.handle.base_url),
            )
            .header("Origin", "http://127.0.0.1:5173")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .send()
            .await?;
        assert!(pre.status().is_success(), "{path}: {}", pre.status());
        assert_eq!(pre.headers()["access-control-allow-origin"], "*");
        assert!(
            pre.headers()["access-control-allow-methods"]
                .to_str()?
                .contains("POST")
        );
    }
    let prepay_id = h
        .order("BRIDGE0001", 12345, "http://127.0.0.1:9/notify")
        .await?;
    let resp = h
        .client
        .get(format!("{}/sim/pay/prepay/{prepay_id}", h.handle.base_url))
        .send()
        .await?;
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        resp.json::<Value>().await?,
        json!({ "amount": 12345, "description": "2026 春季考试报名费" })
    );
    assert_eq!(
        h.hook("GET", "/sim/pay/prepay/wxnosuchprepay", None)
            .await?
            .0,
        404
    );
    h.handle.shutdown().await;
    Ok(())
}

fn pay_params(app_id: &str, prepay_id: &str) -> Value {
    let ts = now_secs().to_string();
    let nonce = "e61463f8efa94090b1f366cccfbbb444";
    let package = format!("prepay_id={prepay_id}");
    let pay_sign = sign_merchant(format!("{app_id}\n{ts}\n{nonce}\n{package}\n").as_bytes());
    json!({ "appId": app_id, "timeStamp": ts, "nonceStr": nonce, "package": package, "signType": "RSA", "paySign": pay_sign })
}

async fn confirm(h: &PayHarness, params: &Value) -> anyhow::Result<Value> {
    let (status, body) = h
        .hook("POST", "/sim/pay/jsapi-confirm", Some(params.clone()))
        .await?;
    anyhow::ensure!(status == 200, "confirm: {status}");
    Ok(body)
}

#[tokio::test]
async fn confirm_pays_with_a_good_pay_sign_only() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let rx = Receiver::start(SIM_APIV3_KEY, SIM_PUB_KEY_ID).await?;
    let prepay_id = h.order("BRIDGE0002", 100, &rx.url("/notify")).await?;
    let appid = h.cfg.official.appid.clone();

    let mut bad = pay_params(&appid, &prepay_id);
    bad["nonceStr"] = json!("tampered-after-signing");
    let r = confirm(&h, &bad).await?;
    assert_eq!(r["err_msg"], "get_brand_wcpay_request:fail");
    assert!(r["reason"].is_string());
    let mut numeric = pay_params(&appid, &prepay_id);
    numeric["timeStamp"] = json!(now_secs());
    assert_eq!(
        confirm(&h, &numeric).await?["err_msg"],
        "get_brand_wcpay_request:fail"
    );
    let other_app = pay_params(&h.cfg.mini.appid, &prepay_id);
    assert_eq!(
        confirm(&h, &other_app).await?["err_msg"],
        "get_brand_wcpay_request:fail"
    );
    let unknown = pay_params(&appid, "wx20260101000000abcdefabcdefabcdefab");
    assert_eq!(
        confirm(&h, &unknown).await?["err_msg"],
        "get_brand_wcpay_request:fail"
    );
    assert_eq!(h.query("BRIDGE0002").await?.json()["trade_state"], "NOTPAY");
    assert!(rx.received().is_empty());

    let good = pay_params(&appid, &prepay_id);
    assert_eq!(
        confirm(&h, &good).await?,
        json!({ "err_msg": "get_brand_wcpay_request:ok" })
    );
    assert_eq!(
        h.query("BRIDGE0002").await?.json()["trade_state"],
        "SUCCESS"
    );
    let got = rx.wait_for(1).await;
    assert!(got[0].verified);
    assert_eq!(
        got[0].plaintext.as_ref().map(|p| p["trade_state"].clone()),
        Some(json!("SUCCESS"))
    );
    // Paying twice fails.
    assert_eq!(
        confirm(&h, &good).await?["err_msg"],
        "get_brand_wcpay_request:fail"
    );
    h.handle.shutdown().await;
    Ok(())
}
