//! Request authentication (401 `SIGN_ERROR`) and response signatures of `/v3/*`.

mod pay_support;

use pay_support::{NONCE, PayHarness, authorization, now_secs, sign_merchant};
use serde_json::json;
use wechat_sim::{
    PayKeyMode, SIM_CERT_SERIAL, SIM_MCHID, SIM_MERCHANT_SERIAL, SIM_PUB_KEY_ID, SimConfig,
};

const JSAPI: &str = "/v3/pay/transactions/jsapi";

#[tokio::test]
async fn bad_signatures_are_401_sign_error() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let body = h
        .order_body("AUTH000001", 100, "http://127.0.0.1:9/notify")
        .to_string();
    let body = body.as_bytes();
    let now = now_secs();
    let other = h
        .order_body("AUTH000002", 100, "http://127.0.0.1:9/notify")
        .to_string();
    let cases = [
        ("missing header", None),
        (
            "wrong key material",
            Some(authorization(
                "POST",
                JSAPI,
                other.as_bytes(),
                now,
                SIM_MERCHANT_SERIAL,
            )),
        ),
        (
            "wrong serial",
            Some(authorization(
                "POST",
                JSAPI,
                body,
                now,
                "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            )),
        ),
        (
            "stale timestamp",
            Some(authorization(
                "POST",
                JSAPI,
                body,
                now - 301,
                SIM_MERCHANT_SERIAL,
            )),
        ),
        (
            "future timestamp",
            Some(authorization(
                "POST",
                JSAPI,
                body,
                now + 301,
                SIM_MERCHANT_SERIAL,
            )),
        ),
        (
            "other method",
            Some(authorization("PUT", JSAPI, body, now, SIM_MERCHANT_SERIAL)),
        ),
        (
            "other path",
            Some(authorization(
                "POST",
                "/v3/pay/transactions/app",
                body,
                now,
                SIM_MERCHANT_SERIAL,
            )),
        ),
        ("wrong scheme", Some("Bearer abc".to_owned())),
    ];
    for (name, authz) in cases {
        let resp = h.send("POST", JSAPI, body, authz.as_deref()).await?;
        assert_eq!(resp.status, 401, "{name}: {}", resp.json());
        resp.assert_error(401, "SIGN_ERROR");
    }
    // Signed for one body, sent with another (tampered in transit).
    let authz = authorization("POST", JSAPI, body, now, SIM_MERCHANT_SERIAL);
    let resp = h
        .send("POST", JSAPI, other.as_bytes(), Some(&authz))
        .await?;
    resp.assert_error(401, "SIGN_ERROR");
    // The same request correctly signed passes.
    assert_eq!(h.send("POST", JSAPI, body, Some(&authz)).await?.status, 200);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_query_string_is_part_of_the_signed_target() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("AUTHQUERY01", 100, "http://127.0.0.1:9/notify")
        .await?;
    let target = format!("/v3/pay/transactions/out-trade-no/AUTHQUERY01?mchid={SIM_MCHID}");
    let path_only = authorization(
        "GET",
        "/v3/pay/transactions/out-trade-no/AUTHQUERY01",
        b"",
        now_secs(),
        SIM_MERCHANT_SERIAL,
    );
    h.send("GET", &target, b"", Some(&path_only))
        .await?
        .assert_error(401, "SIGN_ERROR");
    let resp = h.get(&target).await?;
    assert_eq!(resp.status, 200);
    assert!(resp.verifies(SIM_PUB_KEY_ID));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn authorization_parameters_are_accepted_in_any_order() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let body = h
        .order_body("AUTHORDER01", 100, "http://127.0.0.1:9/notify")
        .to_string();
    let ts = now_secs();
    let signature = sign_merchant(format!("POST\n{JSAPI}\n{ts}\n{NONCE}\n{body}\n").as_bytes());
    // The order the official Go SDK uses.
    let authz = format!(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"{SIM_MCHID}\",nonce_str=\"{NONCE}\",timestamp=\"{ts}\",serial_no=\"{SIM_MERCHANT_SERIAL}\",signature=\"{signature}\""
    );
    let resp = h.send("POST", JSAPI, body.as_bytes(), Some(&authz)).await?;
    assert_eq!(resp.status, 200, "{}", resp.json());
    assert!(resp.verifies(SIM_PUB_KEY_ID));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_body_and_query_mchid_must_match_the_header() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let mut body = h.order_body("AUTHMCH001", 100, "http://127.0.0.1:9/notify");
    body["mchid"] = json!("1230000109");
    h.post(JSAPI, &body)
        .await?
        .assert_error(400, "INVALID_REQUEST");
    h.get("/v3/pay/transactions/out-trade-no/AUTHMCH001")
        .await?
        .assert_error(400, "PARAM_ERROR");
    h.get("/v3/pay/transactions/out-trade-no/AUTHMCH001?mchid=1230000109")
        .await?
        .assert_error(400, "INVALID_REQUEST");
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn certificate_mode_signs_with_the_certificate_serial() -> anyhow::Result<()> {
    let mut cfg = SimConfig::default();
    cfg.pay.mode = PayKeyMode::Certificate;
    let h = PayHarness::with(cfg).await?;
    h.order("AUTHCERT01", 100, "http://127.0.0.1:9/notify")
        .await?;
    let resp = h.query("AUTHCERT01").await?;
    assert_eq!(resp.status, 200);
    assert!(resp.verifies(SIM_CERT_SERIAL));
    assert!(!resp.verifies(SIM_PUB_KEY_ID));
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn unknown_v3_paths_and_methods_are_signed_404s() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.get("/v3/pay/transactions/native-nope")
        .await?
        .assert_error(404, "NOT_FOUND");
    h.get(JSAPI).await?.assert_error(404, "NOT_FOUND");
    h.handle.shutdown().await;
    Ok(())
}
