//! `GET /v3/certificates` (§8): the platform certificate, AES-256-GCM-encrypted under the APIv3 key with AAD
//! `certificate`, in certificate mode; `404 RESOURCE_NOT_EXISTS` for a public-key-only merchant.

use salvo::prelude::*;
use serde_json::json;

use super::PayKeyMode;
use super::crypto::{WECHATPAY_CERT_PEM, aes_gcm_encrypt};
use super::wire::{PayError, Reply, serve};
use crate::util::{ALNUM, random_string};

/// Validity of `keys/wechatpay_cert.pem` (notBefore / notAfter, in Beijing time).
const CERT_EFFECTIVE_TIME: &str = "2026-11-22T04:46:57+08:00";
const CERT_EXPIRE_TIME: &str = "2036-11-19T04:46:57+08:00";

#[handler]
pub(crate) async fn certificates(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, None, |sim, _req, _call| {
        let cfg = &sim.config().pay;
        if cfg.mode == PayKeyMode::PublicKey {
            return Err(PayError::new(
                StatusCode::NOT_FOUND,
                "RESOURCE_NOT_EXISTS",
                "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引https://pay.weixin.qq.com/docs/merchant/products/platform-certificate/wxp-pub-key-guide.html",
            ));
        }
        let nonce = random_string(12, ALNUM);
        let ciphertext = aes_gcm_encrypt(&cfg.apiv3_key, &nonce, "certificate", WECHATPAY_CERT_PEM.as_bytes())
            .map_err(|e| PayError::new(StatusCode::INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", e))?;
        Ok(Reply::Json(json!({
            "data": [{
                "serial_no": super::SIM_CERT_SERIAL,
                "effective_time": CERT_EFFECTIVE_TIME,
                "expire_time": CERT_EXPIRE_TIME,
                "encrypt_certificate": {
                    "algorithm": "AEAD_AES_256_GCM",
                    "nonce": nonce,
                    "associated_data": "certificate",
                    "ciphertext": ciphertext,
                },
            }],
        })))
    })
    .await;
}
