//! Incoming notifications (protocol §7): verified on the raw body before anything else, then decrypted.
use super::{PayClient, PayError};
use reqwest::header::HeaderMap;
use serde::Deserialize;
use wechat_pay_rust_sdk::pay::PayNotifyTrait;

#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(default)]
    id: String,
    #[serde(default)]
    event_type: String,
    resource: Resource,
}

#[derive(Debug, Deserialize)]
struct Resource {
    algorithm: String,
    ciphertext: String,
    #[serde(default)]
    associated_data: String,
    nonce: String,
    #[serde(default)]
    original_type: String,
}

/// A verified, decrypted notification.
#[derive(Debug)]
pub struct Notification {
    pub id: String,
    pub event_type: String,
    pub original_type: String,
    pub plaintext: Vec<u8>,
}

impl PayClient {
    /// Verifies the signature headers over the raw body (see `verify`), then decrypts the resource with the
    /// APIv3 key. Any failure means "refuse": WeChat retries, a forger gets nothing.
    pub async fn open_notification(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Notification, PayError> {
        self.verify(headers, body).await?;
        let env: Envelope = serde_json::from_slice(body)
            .map_err(|e| PayError::BadResponse(format!("notification body: {e}")))?;
        if env.resource.algorithm != "AEAD_AES_256_GCM" {
            return Err(PayError::BadResponse(
                "unsupported resource algorithm".into(),
            ));
        }
        let r = &env.resource;
        let plaintext = self
            .sdk_mp
            .decrypt_bytes(&r.ciphertext, &r.nonce, &r.associated_data)
            .map_err(|e| PayError::BadResponse(format!("decrypt: {e}")))?;
        Ok(Notification {
            id: env.id,
            event_type: env.event_type,
            original_type: env.resource.original_type,
            plaintext,
        })
    }
}
