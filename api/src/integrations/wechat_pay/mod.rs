//! WeChat Pay API v3 for JSAPI payments (official account and mini program), refunds and the trade bill.
//!
//! `wechat-pay-rust-sdk` does the cryptography it does well: request and `paySign` signatures (`rsa_sign`,
//! `mut_sign_data`), AES-256-GCM decryption of notifications and certificates (`decrypt_bytes`), RSA signature
//! verification (`verify_signature`), and its request models (`JsapiParams`, `RefundsParams`). Every HTTP exchange
//! goes through the thin client in `http.rs`, because the crate's own calls lose the HTTP status (errors come
//! back as `Ok`), never verify response signatures, send no `Wechatpay-Serial`, build a client per call without a
//! timeout, and have no query/close/refund-query/bill operations at all.
mod api;
pub mod bill;
mod http;
mod keys;
pub mod notify;

pub use api::{BillOutcome, JsapiOrder, RefundResult, Transaction};

use crate::config::WechatSettings;
use anyhow::Context;
use keys::KeyRing;
use wechat_pay_rust_sdk::pay::WechatPay;

/// What went wrong talking to WeChat Pay.
#[derive(Debug, thiserror::Error)]
pub enum PayError {
    /// No answer (network, timeout): the outcome is unknown; query before deciding.
    #[error("WeChat Pay unreachable: {0}")]
    Transport(String),
    /// WeChat answered with an error status and body `{code, message}`.
    #[error("WeChat Pay {status} {code}: {message}")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    /// An answer we cannot trust or read (bad signature, unknown serial, malformed body, hash mismatch).
    #[error("WeChat Pay response rejected: {0}")]
    BadResponse(String),
}

impl PayError {
    pub fn code(&self) -> Option<&str> {
        match self {
            PayError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Worth retrying later with the same identifiers (5xx, 429, no answer).
    pub fn retryable(&self) -> bool {
        match self {
            PayError::Transport(_) | PayError::BadResponse(_) => true,
            PayError::Api { status, .. } => *status >= 500 || *status == 429,
        }
    }

    pub fn is_code(&self, codes: &[&str]) -> bool {
        self.code().is_some_and(|c| codes.contains(&c))
    }
}

/// The payment channel: which AppID the order is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Official account H5 inside WeChat (`WeixinJSBridge`).
    Mp,
    /// Mini program (`wx.requestPayment`).
    Mini,
}

impl Channel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mp" | "" => Some(Channel::Mp),
            "mini" => Some(Channel::Mini),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Mp => "mp",
            Channel::Mini => "mini",
        }
    }
}

/// A configured WeChat Pay merchant.
pub struct PayClient {
    pub mch_id: String,
    pub mp_app_id: String,
    pub mini_app_id: String,
    notify_url: String,
    refund_notify_url: String,
    base_url: String,
    /// Sends `Wechatpay-Serial` with this id (public-key mode).
    public_key_id: String,
    /// The crate instance for the official account (signs requests; decrypts with the APIv3 key).
    sdk_mp: WechatPay,
    /// The same merchant under the mini-program AppID (only its `paySign` differs).
    sdk_mini: WechatPay,
    keys: KeyRing,
    http: reqwest::Client,
}

impl std::fmt::Debug for PayClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PayClient")
            .field("mch_id", &self.mch_id)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl PayClient {
    /// `None` when no merchant is configured. Fails (at start-up, not at the first payment) when the merchant
    /// key is not a PKCS#8 PEM RSA key — the crate would panic on it — or the APIv3 key is not 32 bytes.
    pub fn from_settings(
        w: &WechatSettings,
        http: reqwest::Client,
    ) -> anyhow::Result<Option<Self>> {
        let p = &w.pay;
        if p.mch_id.is_empty() {
            return Ok(None);
        }
        let private_key = std::fs::read_to_string(&p.private_key_path).with_context(|| {
            format!("reading wechat.pay.private_key_path {}", p.private_key_path)
        })?;
        {
            use rsa::pkcs8::DecodePrivateKey;
            rsa::RsaPrivateKey::from_pkcs8_pem(&private_key)
                .context("wechat.pay.private_key_path is not a PKCS#8 PEM RSA private key")?;
        }
        let v3 = p.apiv3_key.expose();
        anyhow::ensure!(v3.len() == 32, "wechat.pay.apiv3_key must be 32 bytes");
        anyhow::ensure!(
            !p.merchant_serial.is_empty(),
            "wechat.pay.merchant_serial is required"
        );
        let keys = KeyRing::new(p.cert_mode);
        if !p.public_key_id.is_empty() {
            let pem = std::fs::read_to_string(&p.public_key_path).with_context(|| {
                format!("reading wechat.pay.public_key_path {}", p.public_key_path)
            })?;
            keys.add_pem(&p.public_key_id, &pem)?;
        }
        anyhow::ensure!(
            p.cert_mode || !p.public_key_id.is_empty(),
            "configure wechat.pay.public_key_id/public_key_path or set wechat.pay.cert_mode"
        );
        let base_url = p.base_url.trim_end_matches('/').to_string();
        let sdk = |appid: &str| {
            let mut s = WechatPay::new(
                appid,
                &p.mch_id,
                &private_key,
                &p.merchant_serial,
                v3,
                &p.notify_url,
            );
            s.base_url = base_url.clone();
            s
        };
        Ok(Some(Self {
            mch_id: p.mch_id.clone(),
            mp_app_id: w.mp_app_id.clone(),
            mini_app_id: w.mini_app_id.clone(),
            notify_url: p.notify_url.clone(),
            refund_notify_url: p.refund_notify_url.clone(),
            public_key_id: p.public_key_id.clone(),
            sdk_mp: sdk(&w.mp_app_id),
            sdk_mini: sdk(&w.mini_app_id),
            base_url,
            keys,
            http,
        }))
    }

    pub fn app_id(&self, channel: Channel) -> &str {
        match channel {
            Channel::Mp => &self.mp_app_id,
            Channel::Mini => &self.mini_app_id,
        }
    }

    fn sdk(&self, channel: Channel) -> &WechatPay {
        match channel {
            Channel::Mp => &self.sdk_mp,
            Channel::Mini => &self.sdk_mini,
        }
    }

    /// Our AppIDs (a notification's `appid` must be one of them).
    pub fn owns_app_id(&self, appid: &str) -> bool {
        !appid.is_empty() && (appid == self.mp_app_id || appid == self.mini_app_id)
    }
}
