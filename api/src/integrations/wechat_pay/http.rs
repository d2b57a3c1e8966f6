//! Signed requests to WeChat Pay and verified responses (protocol §2).
use super::{PayClient, PayError};
use reqwest::header::HeaderMap;
use wechat_pay_rust_sdk::pay::{PayNotifyTrait, WechatPayTrait};

/// Responses and notifications older or newer than this are refused (replay protection).
pub(super) const MAX_SKEW_SECS: i64 = 300;

pub(super) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

impl PayClient {
    /// `Authorization` for `METHOD\nPATH?QUERY\nTS\nNONCE\nBODY\n`, signed with the merchant key (by the crate).
    pub(super) fn authorization(&self, method: &str, path_and_query: &str, body: &str) -> String {
        let sdk = &self.sdk_mp;
        let ts = sdk.now_timestamp();
        let nonce = sdk.nonce_str();
        let signature = sdk.rsa_sign(format!(
            "{method}\n{path_and_query}\n{ts}\n{nonce}\n{body}\n"
        ));
        format!(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"{}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{ts}\",serial_no=\"{}\"",
            self.mch_id, sdk.serial_no
        )
    }

    /// Sends a signed request to `base_url + path_and_query` and returns the reply once it is trusted: a 2xx
    /// reply must carry a valid signature; an error reply becomes `PayError::Api` (its signature is checked
    /// when present, never required — WeChat's own SDKs do the same).
    pub(super) async fn call(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        body: Option<String>,
    ) -> Result<Reply, PayError> {
        let body = body.unwrap_or_default();
        let auth = self.authorization(method.as_str(), path_and_query, &body);
        let mut req = self
            .http
            .request(method, format!("{}{}", self.base_url, path_and_query))
            .header("Authorization", auth)
            .header("Accept", "application/json")
            .header("User-Agent", "skillcert/1.0 (WeChatPay APIv3 client)");
        if !self.public_key_id.is_empty() {
            req = req.header("Wechatpay-Serial", &self.public_key_id);
        }
        if !body.is_empty() {
            req = req.header("Content-Type", "application/json").body(body);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?
            .to_vec();
        let signed = headers.contains_key("wechatpay-signature");
        let ok = (200..300).contains(&status);
        if (ok || signed)
            && let Err(e) = self.verify(&headers, &bytes).await
        {
            if ok {
                tracing::warn!(path = path_and_query, error = %e, "WeChat Pay response signature rejected");
                return Err(e);
            }
            tracing::warn!(path = path_and_query, error = %e, "unverifiable WeChat Pay error response");
        }
        if (200..300).contains(&status) {
            return Ok(Reply {
                status,
                body: bytes,
            });
        }
        #[derive(serde::Deserialize)]
        struct ErrBody {
            code: Option<String>,
            message: Option<String>,
        }
        let e: Option<ErrBody> = serde_json::from_slice(&bytes).ok();
        let (code, message) = e
            .map(|e| (e.code.unwrap_or_default(), e.message.unwrap_or_default()))
            .unwrap_or_else(|| {
                (
                    "HTTP_ERROR".into(),
                    String::from_utf8_lossy(&bytes).chars().take(200).collect(),
                )
            });
        Err(PayError::Api {
            status,
            code,
            message,
        })
    }

    /// Checks `Wechatpay-Timestamp/Nonce/Signature/Serial` over `TS\nNONCE\nBODY\n`: all present, timestamp
    /// within five minutes, serial a key we hold (in certificate mode an unknown serial triggers one download
    /// of the certificates), RSA-SHA256 valid. A `WECHATPAY/SIGNTEST/` probe fails here like any bad signature.
    pub(crate) async fn verify(&self, h: &HeaderMap, body: &[u8]) -> Result<(), PayError> {
        let bad = |m: &str| PayError::BadResponse(m.to_string());
        let ts =
            header(h, "wechatpay-timestamp").ok_or_else(|| bad("missing Wechatpay-Timestamp"))?;
        let nonce = header(h, "wechatpay-nonce").ok_or_else(|| bad("missing Wechatpay-Nonce"))?;
        let sig =
            header(h, "wechatpay-signature").ok_or_else(|| bad("missing Wechatpay-Signature"))?;
        let serial =
            header(h, "wechatpay-serial").ok_or_else(|| bad("missing Wechatpay-Serial"))?;
        if let Some(t) = header(h, "wechatpay-signature-type")
            && t != "WECHATPAY2-SHA256-RSA2048"
        {
            return Err(bad("unsupported Wechatpay-Signature-Type"));
        }
        let ts_n: i64 = ts
            .parse()
            .map_err(|_| bad("malformed Wechatpay-Timestamp"))?;
        if (chrono::Utc::now().timestamp() - ts_n).abs() > MAX_SKEW_SECS {
            return Err(bad("Wechatpay-Timestamp outside the 5-minute window"));
        }
        let key = match self.keys.get(serial) {
            Some(p) => p,
            None => {
                self.refresh_certificates_if_allowed().await;
                self.keys
                    .get(serial)
                    .ok_or_else(|| bad("unknown Wechatpay-Serial"))?
            }
        };
        super::keys::verify_signature(&key, ts, nonce, sig, body)
            .map_err(|e| PayError::BadResponse(format!("signature: {e}")))
    }

    async fn refresh_certificates_if_allowed(&self) {
        if !self.keys.cert_mode {
            return;
        }
        let _guard = self.keys.refresh_lock.lock().await;
        if !self.keys.may_refresh() {
            return;
        }
        if let Err(e) = self.download_certificates().await {
            tracing::warn!(error = %e, "downloading WeChat Pay platform certificates failed");
        }
    }

    /// `GET /v3/certificates`: each certificate is AES-GCM-encrypted with the APIv3 key (AAD `certificate`).
    /// The response itself is signed by one of these certificates, so it is checked after they are decrypted.
    async fn download_certificates(&self) -> Result<usize, PayError> {
        #[derive(serde::Deserialize)]
        struct Enc {
            nonce: String,
            associated_data: String,
            ciphertext: String,
        }
        #[derive(serde::Deserialize)]
        struct Item {
            serial_no: String,
            encrypt_certificate: Enc,
        }
        #[derive(serde::Deserialize)]
        struct List {
            data: Vec<Item>,
        }
        let path = "/v3/certificates";
        let auth = self.authorization("GET", path, "");
        let resp = self
            .http
            .get(format!("{}{}", self.base_url, path))
            .header("Authorization", auth)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?;
        if status != 200 {
            return Err(PayError::Api {
                status,
                code: "CERTIFICATES".into(),
                message: String::from_utf8_lossy(&bytes).into_owned(),
            });
        }
        let list: List =
            serde_json::from_slice(&bytes).map_err(|e| PayError::BadResponse(e.to_string()))?;
        let mut found = Vec::new();
        for it in &list.data {
            let e = &it.encrypt_certificate;
            let cert = self
                .sdk_mp
                .decrypt_bytes(&e.ciphertext, &e.nonce, &e.associated_data)
                .map_err(|e| PayError::BadResponse(format!("certificate: {e}")))?;
            let pem = wechat_pay_rust_sdk::util::x509_to_pem(&cert)
                .map_err(|e| PayError::BadResponse(format!("certificate: {e}")))?;
            found.push((it.serial_no.clone(), pem));
        }
        // Verify the list's own signature with the certificate it names before trusting any of them.
        let serial = header(&headers, "wechatpay-serial").unwrap_or_default();
        let signer = found.iter().find(|(s, _)| s == serial).ok_or_else(|| {
            PayError::BadResponse("certificate list signed by an unknown serial".into())
        })?;
        let signer_key = super::keys::parse_pem(&signer.1)
            .map_err(|e| PayError::BadResponse(format!("certificate: {e}")))?;
        super::keys::verify_signature(
            &signer_key,
            header(&headers, "wechatpay-timestamp").unwrap_or_default(),
            header(&headers, "wechatpay-nonce").unwrap_or_default(),
            header(&headers, "wechatpay-signature").unwrap_or_default(),
            &bytes,
        )
        .map_err(|e| PayError::BadResponse(format!("certificate list signature: {e}")))?;
        for (s, pem) in &found {
            self.keys
                .add_pem(s, pem)
                .map_err(|e| PayError::BadResponse(e.to_string()))?;
        }
        tracing::info!(
            count = found.len(),
            "WeChat Pay platform certificates loaded"
        );
        Ok(found.len())
    }
}
