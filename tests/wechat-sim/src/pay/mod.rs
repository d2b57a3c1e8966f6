//! WeChat Pay API v3 (JSAPI), as seen by a merchant: a production client pointed at the simulator's base URL
//! runs unchanged. See `shared/reference/wechat-protocol.md` §§2–9.
//!
//! * `wire`: request authentication (`Authorization: WECHATPAY2-SHA256-RSA2048 …`) and signed responses.
//! * `orders`: `POST /v3/pay/transactions/jsapi`, query (by out_trade_no / transaction_id), close.
//! * `refunds`: `POST /v3/refund/domestic/refunds`, refund query, refund completion.
//! * `notify`: payment and refund notifications (AES-256-GCM, signed, retried on WeChat's schedule).
//! * `bill`: `GET /v3/bill/tradebill` and `GET /v3/billdownload/file`.
//! * `certs`: `GET /v3/certificates` (platform-certificate mode).
//! * `hooks` / `hook_http` / `bridge`: test-only helpers (Rust and `/sim/pay/...`) and a stand-in
//!   `WeixinJSBridge` for ordinary browsers.

mod bill;
mod bridge;
mod certs;
mod crypto;
mod fields;
mod hook_http;
mod hooks;
mod model;
mod notify;
mod orders;
mod refunds;
mod wire;

use chrono::{DateTime, FixedOffset};
use salvo::prelude::*;
use serde::Serialize;

pub(crate) use model::PayState;
pub(crate) use wire::PayRuntime;

/// The simulated merchant id (WeChat's published test merchant).
pub const SIM_MCHID: &str = "1900007291";
/// Serial of the merchant API certificate matching [`merchant_private_key_pem`].
pub const SIM_MERCHANT_SERIAL: &str = "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB";
/// The merchant's APIv3 key (exactly 32 ASCII bytes): encrypts notifications and platform certificates.
pub const SIM_APIV3_KEY: &str = "SimApiV3Key0123456789abcdefghijk";
/// The WeChat Pay public-key id sent as `Wechatpay-Serial` in [`PayKeyMode::PublicKey`].
pub const SIM_PUB_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";
/// The platform certificate serial sent as `Wechatpay-Serial` in [`PayKeyMode::Certificate`].
pub const SIM_CERT_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

const MERCHANT_KEY_PEM: &str = include_str!("../../keys/merchant_key.pem");
const MERCHANT_PUB_PEM: &str = include_str!("../../keys/merchant_pub.pem");
const WECHATPAY_PUB_PEM: &str = include_str!("../../keys/wechatpay_pub.pem");

/// The merchant API private key (PKCS#8 PEM) whose public half the simulator verifies requests with.
pub fn merchant_private_key_pem() -> &'static str {
    MERCHANT_KEY_PEM
}

/// The simulator's WeChat Pay public key (SPKI PEM): verifies responses and notifications in both modes.
pub fn wechatpay_public_key_pem() -> &'static str {
    WECHATPAY_PUB_PEM
}

/// How the simulated merchant verifies WeChat Pay's signatures (protocol §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PayKeyMode {
    /// `Wechatpay-Serial: PUB_KEY_ID_…`; `/v3/certificates` answers 404 `RESOURCE_NOT_EXISTS`.
    #[default]
    PublicKey,
    /// `Wechatpay-Serial: <platform certificate serial>`; `/v3/certificates` serves the encrypted certificate.
    Certificate,
}

/// The simulated WeChat Pay merchant.
#[derive(Debug, Clone)]
pub struct SimPayConfig {
    pub mchid: String,
    /// Serial of the merchant API certificate; requests must carry it as `serial_no`.
    pub merchant_serial: String,
    /// SPKI PEM verifying the merchant's request signatures and `paySign`s.
    pub merchant_public_key_pem: String,
    /// 32 ASCII bytes.
    pub apiv3_key: String,
    pub mode: PayKeyMode,
    /// notification retry delays are divided by this (1 = real time)
    pub time_scale: u32,
    /// refunds succeed by themselves this many ms after being accepted (None: only via hook)
    pub refund_auto_complete_ms: Option<u64>,
}

impl Default for SimPayConfig {
    fn default() -> Self {
        Self {
            mchid: SIM_MCHID.into(),
            merchant_serial: SIM_MERCHANT_SERIAL.into(),
            merchant_public_key_pem: MERCHANT_PUB_PEM.into(),
            apiv3_key: SIM_APIV3_KEY.into(),
            mode: PayKeyMode::PublicKey,
            time_scale: 1000,
            refund_auto_complete_ms: Some(200),
        }
    }
}

/// How the payment notification of [`crate::Sim::pay_order`] is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotifyMode {
    /// One delivery, retried on WeChat's schedule until acknowledged.
    #[default]
    Normal,
    /// Nothing is sent (the merchant must find out by querying).
    None,
    /// After the first acknowledged delivery, the same notification is delivered again.
    Duplicate,
    /// This many identical deliveries at the same moment (each retried independently).
    Concurrent(u32),
    /// First a `WECHATPAY/SIGNTEST/` probe (which must be rejected), then the normal delivery.
    SignTestFirst,
}

/// Options of a simulated payment (what the user does on the phone, plus what WeChat's bill will say).
#[derive(Debug, Clone, Default)]
pub struct PayOptions {
    pub notify: NotifyMode,
    /// When the payment succeeded (default: now). Dates the bill row.
    pub success_time: Option<DateTime<FixedOffset>>,
    /// Leave the payment (and its refunds) out of the trade bill.
    pub exclude_from_bill: bool,
    /// Print this amount (fen) as 应结订单金额/订单金额 in the bill instead of the real one.
    pub bill_amount_override: Option<i64>,
}

/// Availability of the trade bill of one day (default [`BillState::Ready`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BillState {
    #[default]
    Ready,
    /// `400 STATEMENT_CREATING` (账单生成中).
    Creating,
    /// `400 NO_STATEMENT_EXIST` even if there were transactions.
    NoStatement,
}

/// The final result a refund is driven to by [`crate::Sim::complete_refund`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundOutcome {
    Success,
    Abnormal,
    Closed,
}

impl RefundOutcome {
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "SUCCESS" => Some(Self::Success),
            "ABNORMAL" => Some(Self::Abnormal),
            "CLOSED" => Some(Self::Closed),
            _ => None,
        }
    }
}

/// What a notification was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotificationKind {
    Payment,
    Refund,
}

/// One notification delivery attempt, as recorded by the simulator.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRecord {
    pub url: String,
    pub kind: NotificationKind,
    /// `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `REFUND.ABNORMAL` or `REFUND.CLOSED`.
    pub event_type: String,
    /// The envelope `id` (the same for every attempt and copy of one notification).
    pub notification_id: String,
    pub out_trade_no: String,
    pub out_refund_no: Option<String>,
    /// Which copy this attempt belongs to: 0, or 1.. for [`NotifyMode::Duplicate`]/[`NotifyMode::Concurrent`].
    pub delivery: u32,
    /// 1 for the first try of a copy, 2 for its first retry, …
    pub attempt: u32,
    /// A `WECHATPAY/SIGNTEST/` probe (never retried).
    pub probe: bool,
    /// The merchant's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Connection error or timeout (5 s), when it did not.
    pub error: Option<String>,
    /// HTTP 200 or 204.
    pub acknowledged: bool,
    pub at: DateTime<FixedOffset>,
}

/// An order paid at WeChat that the merchant never created (see [`crate::Sim::inject_paid_order`]).
#[derive(Debug, Clone, Default)]
pub struct InjectedOrder {
    pub out_trade_no: String,
    /// fen
    pub amount: i64,
    pub openid: String,
    /// Default: the official account's appid.
    pub appid: Option<String>,
    pub description: Option<String>,
    pub attach: Option<String>,
    pub success_time: Option<DateTime<FixedOffset>>,
}

/// WeChat Pay's routes (`/v3/...`) and the pay hooks (`/sim/pay/...`), mounted at `/`.
pub(crate) fn router() -> Router {
    Router::new()
        .push(
            Router::with_path("v3")
                .push(orders::router())
                .push(refunds::router())
                .push(bill::router())
                .push(Router::with_path("certificates").get(certs::certificates))
                .push(Router::with_path("{**rest}").goal(wire::not_found)),
        )
        .push(
            Router::with_path("sim/pay")
                .push(hook_http::router())
                .push(bridge::router()),
        )
}
