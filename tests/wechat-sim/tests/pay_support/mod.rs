//! Shared harness of the WeChat Pay tests: a simulator on an ephemeral port, a client that signs its requests
//! with the merchant key (as a production client does), response-signature checks, and a notification receiver
//! that verifies and decrypts like a merchant would.
#![allow(dead_code, unused_imports)] // each test file uses a different subset

mod receiver;

use std::time::{SystemTime, UNIX_EPOCH};

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};
use sha2::Sha256;
use wechat_sim::{
    SIM_MCHID, SIM_MERCHANT_SERIAL, Sim, SimConfig, SimHandle, merchant_private_key_pem,
    wechatpay_public_key_pem,
};

pub use receiver::{Received, Receiver};

pub const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Base64 RSA-SHA256 with the merchant key (what the client under test does).
pub fn sign_merchant(message: &[u8]) -> String {
    let key = RsaPrivateKey::from_pkcs8_pem(merchant_private_key_pem()).expect("merchant key");
    STANDARD.encode(SigningKey::<Sha256>::new(key).sign(message).to_bytes())
}

pub fn verify_with(pem: &str, message: &[u8], signature: &str) -> bool {
    let Ok(key) = RsaPublicKey::from_public_key_pem(pem) else {
        return false;
    };
    let Ok(bytes) = STANDARD.decode(signature) else {
        return false;
    };
    let Ok(sig) = Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key)
        .verify(message, &sig)
        .is_ok()
}

/// `Authorization` for a request, with explicit timestamp and serial.
pub fn authorization(method: &str, target: &str, body: &[u8], ts: i64, serial: &str) -> String {
    let mut message = format!("{method}\n{target}\n{ts}\n{NONCE}\n").into_bytes();
    message.extend_from_slice(body);
    message.push(b'\n');
    let signature = sign_merchant(&message);
    format!(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"{SIM_MCHID}\",nonce_str=\"{NONCE}\",signature=\"{signature}\",timestamp=\"{ts}\",serial_no=\"{serial}\""
    )
}

pub fn decrypt(key: &str, nonce: &str, aad: &str, ciphertext_b64: &str) -> anyhow::Result<Vec<u8>> {
    let cipher =
        Aes256Gcm::new_from_slice(key.as_bytes()).map_err(|_| anyhow::anyhow!("key size"))?;
    let nonce = Nonce::try_from(nonce.as_bytes()).map_err(|_| anyhow::anyhow!("nonce size"))?;
    let ct = STANDARD.decode(ciphertext_b64)?;
    let payload = Payload {
        msg: &ct,
        aad: aad.as_bytes(),
    };
    cipher
        .decrypt(&nonce, payload)
        .map_err(|_| anyhow::anyhow!("AES-GCM authentication failed"))
}

/// A response as received.
pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The five `Wechatpay-*` headers are present, fresh, and the signature verifies over the raw body.
    pub fn verifies(&self, expected_serial: &str) -> bool {
        let (Some(ts), Some(nonce), Some(sig)) = (
            self.header("Wechatpay-Timestamp"),
            self.header("Wechatpay-Nonce"),
            self.header("Wechatpay-Signature"),
        ) else {
            return false;
        };
        let fresh = ts
            .parse::<i64>()
            .is_ok_and(|t| (now_secs() - t).abs() < 300);
        let mut message = format!("{ts}\n{nonce}\n").into_bytes();
        message.extend_from_slice(&self.body);
        message.push(b'\n');
        fresh
            && self.header("Wechatpay-Serial") == Some(expected_serial)
            && self.header("Wechatpay-Signature-Type") == Some("WECHATPAY2-SHA256-RSA2048")
            && self.header("Request-ID").is_some()
            && verify_with(wechatpay_public_key_pem(), &message, sig)
    }

    /// Asserts a WeChat Pay error: status, code, a message, and a valid signature.
    pub fn assert_error(&self, status: u16, code: &str) {
        let body = self.json();
        assert_eq!(self.status, status, "body: {body}");
        assert_eq!(body["code"], code, "body: {body}");
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "body: {body}"
        );
        assert!(
            self.verifies(wechat_sim::SIM_PUB_KEY_ID),
            "error response not signed"
        );
    }
}

pub struct PayHarness {
    pub sim: Sim,
    pub cfg: SimConfig,
    pub handle: SimHandle,
    pub client: reqwest::Client,
}

impl PayHarness {
    pub async fn start() -> anyhow::Result<Self> {
        Self::with(SimConfig::default()).await
    }

    pub async fn with(cfg: SimConfig) -> anyhow::Result<Self> {
        let sim = Sim::new(cfg.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let handle = sim.clone().spawn(listener).await?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            sim,
            cfg,
            handle,
            client,
        })
    }

    /// Sends `target` (path + query, sent and signed byte for byte) with an explicit `Authorization`.
    pub async fn send(
        &self,
        method: &str,
        target: &str,
        body: &[u8],
        authz: Option<&str>,
    ) -> anyhow::Result<Resp> {
        let url = format!("{}{target}", self.handle.base_url);
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let mut req = self
            .client
            .request(method, &url)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(body.to_vec());
        if let Some(a) = authz {
            req = req.header("Authorization", a);
        }
        let resp = req.send().await?;
        Ok(Resp {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            body: resp.bytes().await?.to_vec(),
        })
    }

    /// A correctly signed call.
    pub async fn call(&self, method: &str, target: &str, body: &[u8]) -> anyhow::Result<Resp> {
        let authz = authorization(method, target, body, now_secs(), SIM_MERCHANT_SERIAL);
        self.send(method, target, body, Some(&authz)).await
    }

    pub async fn get(&self, target: &str) -> anyhow::Result<Resp> {
        self.call("GET", target, b"").await
    }

    pub async fn post(&self, target: &str, body: &Value) -> anyhow::Result<Resp> {
        self.call("POST", target, body.to_string().as_bytes()).await
    }

    /// A `/sim/pay/...` hook → (status, JSON body).
    pub async fn hook(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        let url = format!("{}{path}", self.handle.base_url);
        let mut req = self
            .client
            .request(reqwest::Method::from_bytes(method.as_bytes())?, &url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let body = resp.json().await.unwrap_or(Value::Null);
        Ok((status, body))
    }

    pub fn order_body(&self, out_trade_no: &str, total: i64, notify_url: &str) -> Value {
        json!({
            "appid": self.cfg.official.appid,
            "mchid": SIM_MCHID,
            "description": "2026 春季考试报名费",
            "out_trade_no": out_trade_no,
            "notify_url": notify_url,
            "amount": { "total": total, "currency": "CNY" },
            "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        })
    }

    /// Places a JSAPI order → its prepay_id.
    pub async fn order(
        &self,
        out_trade_no: &str,
        total: i64,
        notify_url: &str,
    ) -> anyhow::Result<String> {
        let resp = self
            .post(
                "/v3/pay/transactions/jsapi",
                &self.order_body(out_trade_no, total, notify_url),
            )
            .await?;
        anyhow::ensure!(resp.status == 200, "order: {} {}", resp.status, resp.json());
        resp.json()["prepay_id"]
            .as_str()
            .map(str::to_owned)
            .context("no prepay_id")
    }

    pub async fn query(&self, out_trade_no: &str) -> anyhow::Result<Resp> {
        self.get(&format!(
            "/v3/pay/transactions/out-trade-no/{out_trade_no}?mchid={SIM_MCHID}"
        ))
        .await
    }
}
