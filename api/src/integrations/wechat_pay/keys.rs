//! The WeChat Pay keys responses and notifications are verified with, by `Wechatpay-Serial`: the WeChat Pay
//! public key (`PUB_KEY_ID_…`, configured) and, in platform-certificate mode, the certificates downloaded from
//! `/v3/certificates` (decrypted with the APIv3 key) and cached in the process. Each key is parsed once, into
//! aws-lc-rs (the RSA implementation rustls already builds): the signatures of every notification and response
//! are checked against the parsed key, in constant-time, well-kept code.
use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Certificates are fetched again for an unknown serial at most this often (a flood of forged serials must not
/// become a flood of requests to WeChat).
const REFRESH_EVERY: Duration = Duration::from_secs(60);

pub(super) struct KeyRing {
    pub cert_mode: bool,
    keys: RwLock<HashMap<String, Arc<ParsedPublicKey>>>,
    last_refresh: std::sync::Mutex<Option<Instant>>,
    /// Serialises certificate downloads.
    pub refresh_lock: tokio::sync::Mutex<()>,
}

impl KeyRing {
    pub fn new(cert_mode: bool) -> Self {
        Self {
            cert_mode,
            keys: RwLock::new(HashMap::new()),
            last_refresh: std::sync::Mutex::new(None),
            refresh_lock: tokio::sync::Mutex::new(()),
        }
    }

    pub fn add_pem(&self, serial: &str, pem: &str) -> anyhow::Result<()> {
        let key = parse_pem(pem).map_err(|e| {
            anyhow::anyhow!("WeChat Pay public key for {serial} is not an RSA SPKI PEM: {e}")
        })?;
        self.keys
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(serial.to_string(), Arc::new(key));
        Ok(())
    }

    pub fn get(&self, serial: &str) -> Option<Arc<ParsedPublicKey>> {
        self.keys
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(serial)
            .cloned()
    }

    /// Whether a certificate download may be tried now (and records the attempt).
    pub fn may_refresh(&self) -> bool {
        if !self.cert_mode {
            return false;
        }
        let mut last = self
            .last_refresh
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.is_some_and(|t| t.elapsed() < REFRESH_EVERY) {
            return false;
        }
        *last = Some(Instant::now());
        true
    }
}

/// An RSA public key from an SPKI PEM (`-----BEGIN PUBLIC KEY-----`), parsed for RSA-SHA256 PKCS#1 v1.5.
pub(super) fn parse_pem(pem: &str) -> anyhow::Result<ParsedPublicKey> {
    use rsa::pkcs8::{DecodePublicKey, EncodePublicKey};
    let der = rsa::RsaPublicKey::from_public_key_pem(pem)?.to_public_key_der()?;
    ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der.as_bytes())
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Checks a WeChat Pay signature (base64 RSA-SHA256 PKCS#1 v1.5) over `TS\nNONCE\nBODY\n`.
pub(super) fn verify_signature(
    key: &ParsedPublicKey,
    ts: &str,
    nonce: &str,
    signature_b64: &str,
    body: &[u8],
) -> Result<(), &'static str> {
    let sig = base64::engine::general_purpose::STANDARD
        .decode(signature_b64)
        .map_err(|_| "signature is not base64")?;
    let mut msg = Vec::with_capacity(ts.len() + nonce.len() + body.len() + 3);
    for part in [ts.as_bytes(), nonce.as_bytes(), body] {
        msg.extend_from_slice(part);
        msg.push(b'\n');
    }
    key.verify_sig(&msg, &sig)
        .map_err(|_| "signature does not verify")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1v15::SigningKey;
    use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey, LineEnding};
    use rsa::signature::{SignatureEncoding, Signer};

    fn signed(key: &rsa::RsaPrivateKey, ts: &str, nonce: &str, body: &str) -> String {
        let msg = format!("{ts}\n{nonce}\n{body}\n");
        let sig = SigningKey::<sha2::Sha256>::new(key.clone()).sign(msg.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(sig.to_bytes())
    }

    #[test]
    fn a_signature_verifies_only_over_the_signed_bytes_and_key() -> anyhow::Result<()> {
        let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/wechat-sim/keys");
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(&std::fs::read_to_string(format!(
            "{keys}/wechatpay_key.pem"
        ))?)?;
        let pem = private.to_public_key().to_public_key_pem(LineEnding::LF)?;
        let key = parse_pem(&pem)?;
        let sig = signed(&private, "1700000000", "n0nce", "{\"a\":1}");
        assert_eq!(
            verify_signature(&key, "1700000000", "n0nce", &sig, b"{\"a\":1}"),
            Ok(())
        );
        assert!(verify_signature(&key, "1700000000", "n0nce", &sig, b"{\"a\":2}").is_err());
        assert!(verify_signature(&key, "1700000001", "n0nce", &sig, b"{\"a\":1}").is_err());
        assert!(verify_signature(&key, "1700000000", "n0nce", "!!", b"{\"a\":1}").is_err());
        let merchant = rsa::RsaPrivateKey::from_pkcs8_pem(&std::fs::read_to_string(format!(
            "{keys}/merchant_key.pem"
        ))?)?;
        let other = signed(&merchant, "1700000000", "n0nce", "{\"a\":1}");
        assert!(verify_signature(&key, "1700000000", "n0nce", &other, b"{\"a\":1}").is_err());
        assert!(parse_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").is_err());
        Ok(())
    }
}
