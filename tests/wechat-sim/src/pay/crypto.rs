//! RSA-SHA256 (PKCS#1 v1.5) signatures, AES-256-GCM and the `Authorization` header of protocol §2.2.

use std::sync::LazyLock;

use aes_gcm::aead::Aead;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

use super::SimPayConfig;

const WECHATPAY_KEY_PEM: &str = include_str!("../../keys/wechatpay_key.pem");
/// The platform certificate (same key pair as `wechatpay_pub.pem`).
pub(crate) const WECHATPAY_CERT_PEM: &str = include_str!("../../keys/wechatpay_cert.pem");
/// The `Authorization` scheme and `Wechatpay-Signature-Type`.
pub(crate) const SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";
/// Requests whose timestamp is further than this from now are rejected.
pub(crate) const MAX_CLOCK_SKEW_SECS: i64 = 300;

static WECHATPAY_KEY: LazyLock<SigningKey<Sha256>> = LazyLock::new(|| {
    let key = RsaPrivateKey::from_pkcs8_pem(WECHATPAY_KEY_PEM)
        .expect("keys/wechatpay_key.pem is a PKCS#8 RSA private key");
    SigningKey::new(key)
});

pub(crate) type PublicKey = VerifyingKey<Sha256>;

/// Signs with the simulator's WeChat Pay key → Base64.
pub(crate) fn wechatpay_sign(message: &[u8]) -> String {
    STANDARD.encode(WECHATPAY_KEY.sign(message).to_bytes())
}

/// Parses an SPKI ("BEGIN PUBLIC KEY") PEM.
pub(crate) fn parse_public_key(pem: &str) -> Result<PublicKey, String> {
    RsaPublicKey::from_public_key_pem(pem.trim())
        .map(VerifyingKey::new)
        .map_err(|e| format!("invalid RSA public key PEM: {e}"))
}

/// Verifies a Base64 RSA-SHA256 signature.
pub(crate) fn verify(key: &PublicKey, message: &[u8], signature_b64: &str) -> bool {
    let Ok(bytes) = STANDARD.decode(signature_b64.trim()) else {
        return false;
    };
    let Ok(signature) = Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    key.verify(message, &signature).is_ok()
}

fn cipher(key: &str) -> Result<Aes256Gcm, String> {
    Aes256Gcm::new_from_slice(key.as_bytes())
        .map_err(|_| format!("the APIv3 key must be 32 bytes, not {}", key.len()))
}

/// AES-256-GCM with the APIv3 key → Base64(ciphertext ‖ 16-byte tag) (protocol §7.2).
pub(crate) fn aes_gcm_encrypt(
    key: &str,
    nonce: &str,
    aad: &str,
    plaintext: &[u8],
) -> Result<String, String> {
    let payload = aes_gcm::aead::Payload {
        msg: plaintext,
        aad: aad.as_bytes(),
    };
    let iv = Nonce::try_from(nonce.as_bytes())
        .map_err(|_| format!("nonce must be 12 bytes: {nonce:?}"))?;
    cipher(key)?
        .encrypt(&iv, payload)
        .map(|ct| STANDARD.encode(ct))
        .map_err(|_| "AES-GCM encryption failed".to_owned())
}

/// The inverse of [`aes_gcm_encrypt`].
#[cfg(test)]
pub(crate) fn aes_gcm_decrypt(
    key: &str,
    nonce: &str,
    aad: &str,
    ciphertext_b64: &str,
) -> Result<Vec<u8>, String> {
    let ct = STANDARD
        .decode(ciphertext_b64)
        .map_err(|e| format!("ciphertext is not Base64: {e}"))?;
    let payload = aes_gcm::aead::Payload {
        msg: &ct,
        aad: aad.as_bytes(),
    };
    let iv = Nonce::try_from(nonce.as_bytes())
        .map_err(|_| format!("nonce must be 12 bytes: {nonce:?}"))?;
    cipher(key)?
        .decrypt(&iv, payload)
        .map_err(|_| "AES-GCM authentication failed".to_owned())
}

/// The five parameters of `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AuthHeader {
    pub mchid: String,
    pub nonce_str: String,
    pub signature: String,
    pub timestamp: String,
    pub serial_no: String,
}

const MALFORMED: &str = "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》";

/// Parses the header, accepting the five `key="value"` pairs in any order.
pub(crate) fn parse_authorization(value: &str) -> Result<AuthHeader, String> {
    let rest = value
        .trim()
        .strip_prefix(SCHEME)
        .filter(|r| r.starts_with(' '))
        .ok_or_else(|| format!("{MALFORMED}（认证类型须为 {SCHEME}）"))?;
    let mut out = AuthHeader::default();
    let mut seen = Vec::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"").ok_or(MALFORMED)?;
        let (val, after) = after.split_once('"').ok_or(MALFORMED)?;
        let key = key.trim();
        let slot = match key {
            "mchid" => &mut out.mchid,
            "nonce_str" => &mut out.nonce_str,
            "signature" => &mut out.signature,
            "timestamp" => &mut out.timestamp,
            "serial_no" => &mut out.serial_no,
            _ => return Err(format!("{MALFORMED}（未知参数 {key}）")),
        };
        if seen.contains(&key) {
            return Err(format!("{MALFORMED}（参数 {key} 重复）"));
        }
        seen.push(key);
        *slot = val.to_owned();
        rest = after.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return Err(MALFORMED.to_owned());
        }
    }
    if seen.len() != 5 {
        return Err(format!(
            "{MALFORMED}（须含 mchid、nonce_str、signature、timestamp、serial_no）"
        ));
    }
    Ok(out)
}

/// `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`
pub(crate) fn request_message(
    method: &str,
    target: &str,
    timestamp: &str,
    nonce: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut msg = format!("{method}\n{target}\n{timestamp}\n{nonce}\n").into_bytes();
    msg.extend_from_slice(body);
    msg.push(b'\n');
    msg
}

/// `TIMESTAMP\nNONCE\nBODY\n` (responses and notifications).
pub(crate) fn response_message(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    let mut msg = format!("{timestamp}\n{nonce}\n").into_bytes();
    msg.extend_from_slice(body);
    msg.push(b'\n');
    msg
}

/// A request as received: the raw request target (`/path?query`) and raw body bytes.
pub(crate) struct RawRequest<'a> {
    pub method: &'a str,
    pub target: &'a str,
    pub authorization: Option<&'a str>,
    pub body: &'a [u8],
}

/// Authenticates a request (protocol §2.2) at unix time `now`; `Err(message)` means 401 `SIGN_ERROR`.
pub(crate) fn verify_request(
    cfg: &SimPayConfig,
    key: &PublicKey,
    req: &RawRequest<'_>,
    now: i64,
) -> Result<AuthHeader, String> {
    let value = req
        .authorization
        .ok_or("Http头缺少Authorization或其值为空")?;
    let auth = parse_authorization(value)?;
    if auth.mchid != cfg.mchid {
        return Err(format!("商户号 {} 不存在或未开通APIv3", auth.mchid));
    }
    if !auth.serial_no.eq_ignore_ascii_case(&cfg.merchant_serial) {
        return Err(format!(
            "商户证书序列号有误。请使用签名私钥匹配的证书序列号（收到 {}）",
            auth.serial_no
        ));
    }
    let ts: i64 = auth
        .timestamp
        .parse()
        .map_err(|_| format!("{MALFORMED}（timestamp 须为秒级时间戳）"))?;
    if (now - ts).abs() > MAX_CLOCK_SKEW_SECS {
        return Err(format!(
            "请求时间戳 {ts} 与服务器时间 {now} 相差超过 {MAX_CLOCK_SKEW_SECS} 秒，请检查服务器时间"
        ));
    }
    if auth.nonce_str.is_empty() {
        return Err(format!("{MALFORMED}（nonce_str 为空）"));
    }
    let message = request_message(
        req.method,
        req.target,
        &auth.timestamp,
        &auth.nonce_str,
        req.body,
    );
    if !verify(key, &message, &auth.signature) {
        return Err("错误的签名，验签失败".to_owned());
    }
    Ok(auth)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A1_SIGNATURE: &str = "jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A==";
    const A2_PAY_SIGN: &str = "mI35pfNEQV6777ke/1T+LJLQDNTm7yeoUJH+j/adPGhmCCi0PbgkvYQTRcXH0uibcLVtvFLdGLpmoYO9FV6lBBsTAjuhh5YOvQi0e2g3e0yytitiNET9FEuqM0pjnKfRW4K6LIZDdbWJv9KhZUx3DrJa5TL7OJ7VdADVivxVySIlPVKjGwuCXzuXSJes0UcILgWQUMyha5/3nYofuHtS7r+KYyMuxD+oJ9VM1Qdxk4UIG59CP5Y3wtYIFybyF3bdu1caHTRRX+DLyMXyYA/IrTmiW01c4RPjpHBX5Dk1sZyY1zVsWNsvMHr2e1NTWtBxKJ+qk5N61J7caYoepHFaxw==";
    const A3_SIGNATURE: &str = "cVvdVujlEmASmAYpcmKXmIrlQualKxd87f8XZtnTeLCw3V7kZ1ST6YwX0kSLsqJeecZqmKJfd6ieRl/hRLZUodxXU1NzoTz1OXNh6TzBfcxU8xRNFbmPiEHwMJM7Jo52TYGk71MaCbvkPlUpUL6WhpmAgfC7jg/3IcA/UILbby4Nro0Nbq0An/DYEEp8vZMaags/5ed52JpGqxEOcTLIuqihy+Amy5z+t8m3a93YTRNDRi0W5b332UQBtrWRSwJOMU96Nof7hJC2MM71Y1bHB8YP8kBKaoDW7vEoNsEMVzkyp0pyjUHFWc6yaRVHE054z79S2koj3jSRbCiY+CaJzg==";
    const TS: i64 = 1_554_208_460;
    const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

    fn merchant_key() -> PublicKey {
        parse_public_key(&SimPayConfig::default().merchant_public_key_pem).expect("merchant key")
    }

    /// The body line of a vector file (`METHOD\nTARGET\nTS\nNONCE\nBODY\n`).
    fn vector_line(text: &str, n: usize) -> &str {
        text.split('\n').nth(n).unwrap_or_default()
    }

    fn header(signature: &str, order: &[usize]) -> String {
        let pairs = [
            format!("mchid=\"{}\"", super::super::SIM_MCHID),
            format!("nonce_str=\"{NONCE}\""),
            format!("signature=\"{signature}\""),
            format!("timestamp=\"{TS}\""),
            format!("serial_no=\"{}\"", super::super::SIM_MERCHANT_SERIAL),
        ];
        let parts: Vec<&str> = order.iter().map(|&i| pairs[i].as_str()).collect();
        format!("{SCHEME} {}", parts.join(","))
    }

    fn check(
        method: &str,
        target: &str,
        body: &[u8],
        authz: &str,
        now: i64,
    ) -> Result<AuthHeader, String> {
        let req = RawRequest {
            method,
            target,
            authorization: Some(authz),
            body,
        };
        verify_request(&SimPayConfig::default(), &merchant_key(), &req, now)
    }

    #[test]
    fn a1_request_signature_verifies_in_any_parameter_order() {
        let text = include_str!("../../tests/vectors/req.txt");
        let body = vector_line(text, 4).as_bytes();
        assert_eq!(vector_line(text, 1), "/v3/pay/transactions/jsapi");
        for order in [[0, 1, 2, 3, 4], [0, 1, 3, 4, 2], [4, 2, 0, 3, 1]] {
            let authz = header(A1_SIGNATURE, &order);
            let auth = check("POST", "/v3/pay/transactions/jsapi", body, &authz, TS).expect("A1");
            assert_eq!(auth.timestamp, TS.to_string());
        }
        let authz = header(A1_SIGNATURE, &[0, 1, 2, 3, 4]);
        let mut tampered = body.to_vec();
        tampered[10] ^= 1;
        assert!(check("POST", "/v3/pay/transactions/jsapi", &tampered, &authz, TS).is_err());
        assert!(check("POST", "/v3/pay/transactions/jsapi", body, &authz, TS + 301).is_err());
        assert!(check("POST", "/v3/pay/transactions/jsapi", body, &authz, TS + 299).is_ok());
        let wrong_serial = authz.replace("408B07E7", "408B07E8");
        assert!(
            check(
                "POST",
                "/v3/pay/transactions/jsapi",
                body,
                &wrong_serial,
                TS
            )
            .is_err()
        );
    }

    #[test]
    fn a3_get_with_query_verifies_only_with_the_query() {
        let text = include_str!("../../tests/vectors/get.txt");
        let target = vector_line(text, 1);
        let authz = header(A3_SIGNATURE, &[1, 0, 4, 3, 2]);
        assert!(check("GET", target, b"", &authz, TS).is_ok());
        let path_only = target.split('?').next().unwrap_or_default();
        assert!(check("GET", path_only, b"", &authz, TS).is_err());
    }

    #[test]
    fn a2_pay_sign_verifies() {
        let message = include_str!("../../tests/vectors/pay.txt");
        assert!(verify(&merchant_key(), message.as_bytes(), A2_PAY_SIGN));
        assert!(!verify(&merchant_key(), b"other\n", A2_PAY_SIGN));
    }

    #[test]
    fn aes_gcm_vector_round_trips() {
        let (key, nonce) = ("0123456789abcdef0123456789abcdef", "abcdefghijkl");
        let plain = r#"{"mchid":"1900007291","out_trade_no":"EXAM20260301000123","trade_state":"SUCCESS","amount":{"total":100}}"#;
        let expected = "Eu6k3KOMCfFZPsMoOqloD2sDgi6brE00a8ph6KA9qo8zps/eFHa3+ws3opA8pbfurmSMhItvRMj802053szsIJOA/ayOlUR3JwpWK2ott27Y2ckVxfBSZ6VzSqkDyxVB0OPRgMiYenPdIzH80IWo8RId5y0Zp6vWWw==";
        let ct = aes_gcm_encrypt(key, nonce, "transaction", plain.as_bytes()).expect("encrypt");
        assert_eq!(ct, expected);
        let back = aes_gcm_decrypt(key, nonce, "transaction", expected).expect("decrypt");
        assert_eq!(back, plain.as_bytes());
        assert!(aes_gcm_decrypt(key, nonce, "refund", expected).is_err());
    }

    #[test]
    fn notification_vector_verifies_with_the_test_key() {
        let key = parse_public_key(include_str!("../../tests/vectors/test_pub.pem")).expect("key");
        let message = include_str!("../../tests/vectors/notif.txt");
        let signature = include_str!("../../tests/vectors/notif.sig");
        assert!(verify(&key, message.as_bytes(), signature));
    }

    #[test]
    fn simulator_signatures_verify_with_the_published_key() {
        let key = parse_public_key(super::super::wechatpay_public_key_pem()).expect("key");
        let msg = response_message("1554208460", NONCE, b"");
        assert!(verify(&key, &msg, &wechatpay_sign(&msg)));
    }

    #[test]
    fn malformed_headers_are_rejected() {
        for bad in [
            "",
            "WECHATPAY2-SHA256-RSA2048",
            "Bearer mchid=\"1\"",
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900007291\"",
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1\",mchid=\"1\",nonce_str=\"a\",signature=\"b\",timestamp=\"1\"",
        ] {
            assert!(parse_authorization(bad).is_err(), "{bad}");
        }
    }
}
