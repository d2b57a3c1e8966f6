//! Test helpers for payments: candidates with an approved, fee-bearing registration and a WeChat binding;
//! notifications forged the way WeChat builds them (signed with the simulator's WeChat Pay key, encrypted with
//! the APIv3 key), to be tampered with.
use crate::{TestApp, json_of};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use reqwest::StatusCode;
use rsa::pkcs8::DecodePrivateKey;
use rsa::sha2::{Digest, Sha256};
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

const WECHATPAY_KEY: &str = include_str!("../wechat-sim/keys/wechatpay_key.pem");

/// Signs `TS\nNONCE\nBODY\n` with the simulator's WeChat Pay private key (what WeChat does).
pub fn wechat_sign(ts: &str, nonce: &str, body: &str) -> String {
    let key = RsaPrivateKey::from_pkcs8_pem(WECHATPAY_KEY).expect("key");
    let digest = Sha256::digest(format!("{ts}\n{nonce}\n{body}\n").as_bytes());
    let sig = key
        .sign(Pkcs1v15Sign::new::<Sha256>(), &digest)
        .expect("sign");
    base64::engine::general_purpose::STANDARD.encode(sig)
}

/// A notification as WeChat sends it: (headers, body). `aad` is `transaction` or `refund`.
pub fn notification(
    plaintext: &Value,
    aad: &str,
    apiv3_key: &str,
) -> (Vec<(String, String)>, String) {
    let nonce = "abcdefghijkl";
    let cipher = Aes256Gcm::new_from_slice(apiv3_key.as_bytes()).expect("key");
    let ct = cipher
        .encrypt(
            &Nonce::from(<[u8; 12]>::try_from(nonce.as_bytes()).expect("12-byte nonce")),
            Payload {
                msg: plaintext.to_string().as_bytes(),
                aad: aad.as_bytes(),
            },
        )
        .expect("encrypt");
    let body = json!({
        "id": uuid::Uuid::new_v4().to_string(), "create_time": "2026-11-21T10:00:00+08:00",
        "resource_type": "encrypt-resource",
        "event_type": if aad == "refund" { "REFUND.SUCCESS" } else { "TRANSACTION.SUCCESS" },
        "summary": "支付成功",
        "resource": { "original_type": aad, "algorithm": "AEAD_AES_256_GCM",
                      "ciphertext": base64::engine::general_purpose::STANDARD.encode(ct),
                      "associated_data": aad, "nonce": nonce },
    })
    .to_string();
    let ts = chrono::Utc::now().timestamp().to_string();
    let n = uuid::Uuid::new_v4().simple().to_string();
    let sig = wechat_sign(&ts, &n, &body);
    let headers = vec![
        ("Wechatpay-Timestamp".into(), ts),
        ("Wechatpay-Nonce".into(), n),
        ("Wechatpay-Signature".into(), sig),
        ("Wechatpay-Serial".into(), wechat_sim::SIM_PUB_KEY_ID.into()),
        (
            "Wechatpay-Signature-Type".into(),
            "WECHATPAY2-SHA256-RSA2048".into(),
        ),
    ];
    (headers, body)
}

/// The plaintext of a successful payment of `out_trade_no` for `total` fen.
pub fn paid_transaction(app: &TestApp, out_trade_no: &str, total: i64, openid: &str) -> Value {
    json!({ "mchid": wechat_sim::SIM_MCHID, "appid": app.state.settings.wechat.mp_app_id,
            "out_trade_no": out_trade_no, "transaction_id": "4200000000202611210000000001",
            "trade_type": "JSAPI", "trade_state": "SUCCESS", "trade_state_desc": "支付成功", "bank_type": "OTHERS",
            "attach": "", "success_time": chrono::Utc::now().fixed_offset().to_rfc3339(),
            "payer": { "openid": openid },
            "amount": { "total": total, "payer_total": total, "currency": "CNY", "payer_currency": "CNY" } })
}

/// A candidate with a fee-bearing registration reviewed and approved by `staff`, and a WeChat binding.
pub struct Payer {
    pub token: String,
    pub user_id: i32,
    pub registration_id: String,
    pub openid: String,
}

impl TestApp {
    /// POSTs a notification with the given headers; returns the status.
    pub async fn deliver(
        &self,
        path: &str,
        headers: &[(String, String)],
        body: &str,
    ) -> StatusCode {
        let mut rb = self
            .http
            .post(self.url(path))
            .header("Content-Type", "application/json")
            .body(body.to_string());
        for (k, v) in headers {
            rb = rb.header(k.as_str(), v.as_str());
        }
        rb.send().await.expect("notify").status()
    }

    /// Binds a WeChat openid of the official account to the user (the issue-2 binding flow is tested there).
    pub async fn bind_openid(&self, user_id: i32) -> String {
        let openid = format!("o{}", &uuid::Uuid::new_v4().simple().to_string()[..27]);
        entity::wechat_binding::ActiveModel {
            user_id: Set(user_id),
            app_id: Set(self.state.settings.wechat.mp_app_id.clone()),
            openid: Set(openid.clone()),
            unionid: Set(None),
            created_at: Set(api::now()),
            ..Default::default()
        }
        .insert(&self.state.db)
        .await
        .expect("binding");
        openid
    }

    /// A candidate applied to `item_id`, approved by `staff`, with a WeChat binding.
    pub async fn approved_payer(&self, staff: &str, item_id: i64) -> Payer {
        let (token, _) = self.ready_candidate().await;
        let reg = self.applied(&token, item_id).await;
        let done = self.review(staff, &[&reg["id"]], "approve", "").await;
        assert_eq!(done["done"].as_array().map(Vec::len), Some(1), "{done}");
        let (_, me) = json_of(self.get("/api/auth/me", Some(&token)).await).await;
        let user_id = me["id"]
            .as_i64()
            .or_else(|| me["user"]["id"].as_i64())
            .expect("user id") as i32;
        let openid = self.bind_openid(user_id).await;
        Payer {
            token,
            user_id,
            registration_id: reg["id"].as_str().expect("id").to_string(),
            openid,
        }
    }

    /// `POST /api/registrations/{id}/payment` as the payer, with `body`.
    pub async fn pay_request(&self, p: &Payer, body: &Value) -> reqwest::Response {
        self.post(
            &format!("/api/registrations/{}/payment", p.registration_id),
            Some(&p.token),
            body,
        )
        .await
    }

    /// Starts the payment (expects 200) and returns the body.
    pub async fn start_payment(&self, p: &Payer) -> Value {
        let (st, body) = json_of(
            self.post(
                &format!("/api/registrations/{}/payment", p.registration_id),
                Some(&p.token),
                &json!({}),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{body}");
        body
    }

    /// The registration's payment status as the candidate sees it.
    pub async fn payment_status(&self, p: &Payer) -> Value {
        let (st, body) = json_of(
            self.get(
                &format!("/api/registrations/{}/payment", p.registration_id),
                Some(&p.token),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{body}");
        body
    }

    /// Audit records of `action` on `target_id`.
    pub async fn audit_count(&self, action: &str, target_id: &str) -> usize {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq(action))
            .filter(entity::audit_log::Column::TargetId.eq(target_id))
            .all(&self.state.db)
            .await
            .expect("audit")
            .len()
    }
}
