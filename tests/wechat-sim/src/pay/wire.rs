//! The APIv3 envelope: authenticating requests (protocol §2.2), WeChat-style errors (§2.4), signed responses
//! (§2.3), injected faults, and small JSON field helpers for validation.

use std::time::Duration;

use salvo::http::header::AUTHORIZATION;
use salvo::prelude::*;
use serde_json::{Value, json};

use super::crypto::{self, PublicKey, RawRequest, SCHEME};
use super::model::Api;
use super::{PayKeyMode, SimPayConfig};
use crate::Sim;
use crate::util::{now_secs, random_string, sim_from};

pub(crate) use super::fields::*;

const HEX_UPPER: &[u8] = b"0123456789ABCDEF";

/// Per-simulator pay machinery built once from the configuration.
pub(crate) struct PayRuntime {
    /// Verifies request signatures and `paySign`s; `Err` when the configured PEM does not parse.
    pub merchant_key: Result<PublicKey, String>,
    /// Delivers notifications (5-second timeout, no redirects).
    pub http: reqwest::Client,
}

impl PayRuntime {
    pub fn new(cfg: &SimPayConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Mozilla/4.0")
            .build()
            .unwrap_or_else(|err| {
                tracing::warn!(%err, "wechat-sim: falling back to a default HTTP client");
                reqwest::Client::new()
            });
        Self {
            merchant_key: crypto::parse_public_key(&cfg.merchant_public_key_pem),
            http,
        }
    }
}

/// A WeChat Pay error: HTTP status + `{"code","message","detail"?}`.
#[derive(Debug, Clone)]
pub(crate) struct PayError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub detail: Option<Value>,
}

impl PayError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    /// 400 `PARAM_ERROR` about the body field at JSON pointer `field`.
    pub fn param(field: &str, value: Option<&Value>, issue: &str) -> Self {
        let mut err = Self::new(
            StatusCode::BAD_REQUEST,
            "PARAM_ERROR",
            format!("输入源“/body{field}”校验失败：{issue}"),
        );
        let mut detail = json!({ "field": field, "issue": issue, "location": "body" });
        if let Some(v) = value {
            detail["value"] = v.clone();
        }
        err.detail = Some(detail);
        err
    }

    /// 400 `PARAM_ERROR` about query parameter `name`.
    pub fn query_param(name: &str, value: &str, issue: &str) -> Self {
        let mut err = Self::new(
            StatusCode::BAD_REQUEST,
            "PARAM_ERROR",
            format!("输入源“/query/{name}”校验失败：{issue}"),
        );
        err.detail =
            Some(json!({ "field": name, "value": value, "issue": issue, "location": "query" }));
        err
    }

    /// 400 `INVALID_REQUEST`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_REQUEST", message)
    }

    /// 401 `SIGN_ERROR`.
    pub fn sign(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "SIGN_ERROR", message)
    }

    fn body(&self) -> Value {
        let mut body = json!({ "code": self.code, "message": self.message });
        if let Some(detail) = &self.detail {
            body["detail"] = detail.clone();
        }
        body
    }
}

/// A successful answer.
pub(crate) enum Reply {
    /// 200 with a JSON body.
    Json(Value),
    /// 204, empty body.
    NoContent,
    /// The bill file: 200, raw bytes, no `Wechatpay-*` headers.
    File { bytes: Vec<u8>, gzip: bool },
}

pub(crate) type PayResult = Result<Reply, PayError>;

/// `Wechatpay-Serial` for the configured key mode.
pub(crate) fn serial(cfg: &SimPayConfig) -> &'static str {
    match cfg.mode {
        PayKeyMode::PublicKey => super::SIM_PUB_KEY_ID,
        PayKeyMode::Certificate => super::SIM_CERT_SERIAL,
    }
}

/// A fresh `(timestamp, nonce, signature)` over `body`.
pub(crate) fn sign_body(body: &[u8]) -> (String, String, String) {
    let timestamp = now_secs().to_string();
    let nonce = random_string(32, HEX_UPPER);
    let signature = crypto::wechatpay_sign(&crypto::response_message(&timestamp, &nonce, body));
    (timestamp, nonce, signature)
}

/// The five `Wechatpay-*` headers for `body`, freshly signed.
pub(crate) fn signature_headers(cfg: &SimPayConfig, body: &[u8]) -> [(&'static str, String); 5] {
    let (timestamp, nonce, signature) = sign_body(body);
    [
        ("Wechatpay-Timestamp", timestamp),
        ("Wechatpay-Nonce", nonce),
        ("Wechatpay-Signature", signature),
        ("Wechatpay-Serial", serial(cfg).to_owned()),
        ("Wechatpay-Signature-Type", SCHEME.to_owned()),
    ]
}

fn set_header(res: &mut Response, name: &'static str, value: &str) {
    if let Err(err) = res.add_header(name, value, true) {
        tracing::warn!(%err, name, "wechat-sim: cannot set header");
    }
}

/// Writes `result`; every JSON and 204 answer (errors included) is signed, the bill file is not.
pub(crate) fn respond(sim: &Sim, res: &mut Response, result: PayResult) {
    set_header(res, "Request-ID", &random_string(40, HEX_UPPER));
    let (status, body) = match result {
        Ok(Reply::File { bytes, gzip }) => {
            res.status_code(StatusCode::OK);
            let kind = if gzip {
                "application/gzip"
            } else {
                "text/plain; charset=utf-8"
            };
            set_header(res, "Content-Type", kind);
            write(res, bytes);
            return;
        }
        Ok(Reply::Json(v)) => (StatusCode::OK, Some(v)),
        Ok(Reply::NoContent) => (StatusCode::NO_CONTENT, None),
        Err(err) => (err.status, Some(err.body())),
    };
    let bytes = body.map(|v| v.to_string().into_bytes()).unwrap_or_default();
    res.status_code(status);
    for (name, value) in signature_headers(&sim.config().pay, &bytes) {
        set_header(res, name, &value);
    }
    if status != StatusCode::NO_CONTENT {
        set_header(res, "Content-Type", "application/json; charset=utf-8");
        write(res, bytes);
    }
}

fn write(res: &mut Response, bytes: Vec<u8>) {
    if let Err(err) = res.write_body(bytes) {
        tracing::warn!(%err, "wechat-sim: cannot write body");
    }
}

/// An authenticated call.
pub(crate) struct Call {
    /// The `mchid` of the `Authorization` header.
    pub mchid: String,
    /// The raw body.
    pub body: Vec<u8>,
}

/// Verifies `Authorization` against the raw request target and body.
pub(crate) async fn authenticate(sim: &Sim, req: &mut Request) -> Result<Call, PayError> {
    let body = match req.payload().await {
        Ok(bytes) => bytes.to_vec(),
        Err(e) => return Err(PayError::invalid(format!("无法读取请求体：{e}"))),
    };
    let uri = req.uri();
    let target = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let authorization = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let key = sim
        .pay_runtime()
        .merchant_key
        .as_ref()
        .map_err(|e| PayError::sign(format!("模拟器配置的商户公钥无效：{e}")))?;
    let raw = RawRequest {
        method: req.method().as_str(),
        target: &target,
        authorization,
        body: &body,
    };
    let now = i64::try_from(now_secs()).unwrap_or(i64::MAX);
    let auth = crypto::verify_request(&sim.config().pay, key, &raw, now).map_err(PayError::sign)?;
    Ok(Call {
        mchid: auth.mchid,
        body,
    })
}

/// Consumes one injected fault of `api`, if any.
fn take_fault(sim: &Sim, api: Api) -> Result<(), PayError> {
    let mut st = sim.state();
    let Some((code, left)) = st.pay.faults.get_mut(&api) else {
        return Ok(());
    };
    if *left == 0 {
        return Ok(());
    }
    *left -= 1;
    let code = code.clone();
    let (status, message) = match code.as_str() {
        "FREQUENCY_LIMITED" => (StatusCode::TOO_MANY_REQUESTS, "频率超限"),
        "NO_AUTH" | "NOT_ENOUGH" | "USER_ACCOUNT_ABNORMAL" | "RULE_LIMIT" | "TRADE_ERROR" => {
            (StatusCode::FORBIDDEN, "模拟器注入的业务错误")
        }
        "SYSTEM_ERROR" => (StatusCode::INTERNAL_SERVER_ERROR, "系统错误"),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "模拟器注入的错误"),
    };
    Err(PayError::new(status, &code, message))
}

/// Runs a `/v3` endpoint: authenticate, consume an injected fault of `api`, call `f`, answer signed.
pub(crate) async fn serve<F>(
    req: &mut Request,
    depot: &Depot,
    res: &mut Response,
    api: Option<Api>,
    f: F,
) where
    F: FnOnce(&Sim, &Request, Call) -> PayResult,
{
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let result = match authenticate(&sim, req).await {
        Ok(call) => api
            .map_or(Ok(()), |api| take_fault(&sim, api))
            .and_then(|()| f(&sim, req, call)),
        Err(err) => Err(err),
    };
    respond(&sim, res, result);
}

/// Any other `/v3/...` request (unknown path, or a known path with another method): a signed
/// `404 NOT_FOUND`.
#[handler]
pub(crate) async fn not_found(depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        let err = PayError::new(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "请求的接口不存在，请检查请求路径与方法",
        );
        respond(&sim, res, Err(err));
    }
}
