//! The WeChat Pay keys responses and notifications are verified with, by `Wechatpay-Serial`: the WeChat Pay
//! public key (`PUB_KEY_ID_…`, configured) and, in platform-certificate mode, the certificates downloaded from
//! `/v3/certificates` (decrypted with the APIv3 key) and cached in the process.
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Certificates are fetched again for an unknown serial at most this often (a flood of forged serials must not
/// become a flood of requests to WeChat).
const REFRESH_EVERY: Duration = Duration::from_secs(60);

pub(super) struct KeyRing {
    pub cert_mode: bool,
    pems: RwLock<HashMap<String, String>>,
    last_refresh: std::sync::Mutex<Option<Instant>>,
    /// Serialises certificate downloads.
    pub refresh_lock: tokio::sync::Mutex<()>,
}

impl KeyRing {
    pub fn new(cert_mode: bool) -> Self {
        Self {
            cert_mode,
            pems: RwLock::new(HashMap::new()),
            last_refresh: std::sync::Mutex::new(None),
            refresh_lock: tokio::sync::Mutex::new(()),
        }
    }

    pub fn add_pem(&self, serial: &str, pem: &str) -> anyhow::Result<()> {
        use rsa::pkcs8::DecodePublicKey;
        rsa::RsaPublicKey::from_public_key_pem(pem).map_err(|e| {
            anyhow::anyhow!("WeChat Pay public key for {serial} is not an SPKI PEM: {e}")
        })?;
        self.pems
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(serial.to_string(), pem.to_string());
        Ok(())
    }

    pub fn get(&self, serial: &str) -> Option<String> {
        self.pems
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
