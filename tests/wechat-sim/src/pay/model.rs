//! The simulated WeChat Pay merchant's data: orders, prepay ids, refunds, bills, faults, deliveries — and the
//! JSON shapes WeChat reports them in (query order §4, refund §6.1, refund notification §6.3).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeDelta, Utc};
use serde_json::{Value, json};

use super::{BillState, DeliveryRecord};
use crate::util::random_string;

const DIGITS: &[u8] = b"0123456789";
const LOWER_HEX: &[u8] = b"0123456789abcdef";
/// A prepay_id can be used this long.
pub(crate) const PREPAY_TTL_SECS: i64 = 2 * 3600;
/// Unpaid orders without `time_expire` close after this long.
const DEFAULT_ORDER_TTL_DAYS: i64 = 7;

/// UTC+8, the zone of every WeChat timestamp and bill date.
pub(crate) fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

pub(crate) fn now_bj() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&beijing())
}

/// RFC 3339 in Beijing time, whole seconds: `2026-03-01T09:45:00+08:00`.
pub(crate) fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&beijing())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The Beijing calendar date of `t`.
pub(crate) fn bj_date(t: &DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&beijing()).date_naive()
}

/// `wx` + yyyyMMddHHmmss + 20 characters (36 in all).
pub(crate) fn new_prepay_id() -> String {
    format!(
        "wx{}{}",
        now_bj().format("%Y%m%d%H%M%S"),
        random_string(20, LOWER_HEX)
    )
}

/// 28 digits starting `42000`.
pub(crate) fn new_transaction_id(at: &DateTime<FixedOffset>) -> String {
    format!(
        "4200001{}{}{}",
        random_string(3, DIGITS),
        at.with_timezone(&beijing()).format("%Y%m%d"),
        random_string(10, DIGITS)
    )
}

/// 29 digits starting `503`.
pub(crate) fn new_refund_id() -> String {
    format!(
        "5030{}{}{}",
        random_string(6, DIGITS),
        now_bj().format("%Y%m%d"),
        random_string(11, DIGITS)
    )
}

/// The APIs whose calls can be made to fail by `/sim/pay/faults`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Api {
    Jsapi,
    Query,
    Close,
    Refund,
    RefundQuery,
    Tradebill,
}

impl Api {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "jsapi" => Self::Jsapi,
            "query" => Self::Query,
            "close" => Self::Close,
            "refund" => Self::Refund,
            "refund_query" => Self::RefundQuery,
            "tradebill" => Self::Tradebill,
            _ => return None,
        })
    }
}

/// `trade_state` of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TradeState {
    NotPay,
    Success,
    Refund,
    Closed,
}

impl TradeState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotPay => "NOTPAY",
            Self::Success => "SUCCESS",
            Self::Refund => "REFUND",
            Self::Closed => "CLOSED",
        }
    }

    pub fn desc(self) -> &'static str {
        match self {
            Self::NotPay => "订单未支付",
            Self::Success => "支付成功",
            Self::Refund => "订单发生过退款",
            Self::Closed => "订单已关闭",
        }
    }
}

/// The user's payment of an order.
#[derive(Debug, Clone)]
pub(crate) struct Payment {
    pub transaction_id: String,
    pub success_time: DateTime<FixedOffset>,
    pub bank_type: String,
    pub exclude_from_bill: bool,
    pub bill_amount_override: Option<i64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub appid: String,
    pub mchid: String,
    pub out_trade_no: String,
    pub description: String,
    pub attach: Option<String>,
    pub notify_url: Option<String>,
    /// fen
    pub total: i64,
    pub openid: String,
    pub time_expire: Option<DateTime<FixedOffset>>,
    pub created_at: DateTime<FixedOffset>,
    /// The normalised creation body, compared on re-entry (`None` for injected orders).
    pub request: Option<Value>,
    pub payment: Option<Payment>,
    /// Closed by the merchant.
    pub closed: bool,
    /// A refund was accepted.
    pub refunded: bool,
}

impl Order {
    /// Unpaid and past `time_expire` (or 7 days after creation without one).
    pub fn expired(&self, now: &DateTime<FixedOffset>) -> bool {
        let deadline = self
            .time_expire
            .unwrap_or(self.created_at + TimeDelta::days(DEFAULT_ORDER_TTL_DAYS));
        self.payment.is_none() && *now > deadline
    }

    pub fn trade_state(&self, now: &DateTime<FixedOffset>) -> TradeState {
        match (&self.payment, self.refunded) {
            (Some(_), true) => TradeState::Refund,
            (Some(_), false) => TradeState::Success,
            (None, _) if self.closed || self.expired(now) => TradeState::Closed,
            (None, _) => TradeState::NotPay,
        }
    }

    /// The query-order response (§4); for paid orders also the notification plaintext (§7.2).
    pub fn query_json(&self, now: &DateTime<FixedOffset>) -> Value {
        let state = self.trade_state(now);
        let mut body = json!({
            "appid": self.appid,
            "mchid": self.mchid,
            "out_trade_no": self.out_trade_no,
            "trade_state": state.as_str(),
            "trade_state_desc": state.desc(),
            "promotion_detail": [],
        });
        match &self.payment {
            Some(p) => {
                body["transaction_id"] = json!(p.transaction_id);
                body["trade_type"] = json!("JSAPI");
                body["bank_type"] = json!(p.bank_type);
                body["attach"] = json!(self.attach.clone().unwrap_or_default());
                body["success_time"] = json!(rfc3339(&p.success_time));
                body["payer"] = json!({ "openid": self.openid });
                body["amount"] = json!({
                    "total": self.total,
                    "payer_total": self.total,
                    "currency": "CNY",
                    "payer_currency": "CNY",
                });
            }
            None => {
                body["amount"] = json!({ "total": self.total, "payer_currency": "CNY" });
            }
        }
        body
    }
}

/// A prepay_id handed out by the JSAPI order API.
#[derive(Debug, Clone)]
pub(crate) struct Prepay {
    pub out_trade_no: String,
    pub expires_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefundStatus {
    Processing,
    Success,
    Abnormal,
    Closed,
}

impl RefundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Processing => "PROCESSING",
            Self::Success => "SUCCESS",
            Self::Abnormal => "ABNORMAL",
            Self::Closed => "CLOSED",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Refund {
    pub refund_id: String,
    pub out_refund_no: String,
    pub out_trade_no: String,
    pub transaction_id: String,
    pub mchid: String,
    pub notify_url: Option<String>,
    /// fen
    pub refund: i64,
    /// The order total (fen).
    pub total: i64,
    pub funds_account: String,
    pub created_at: DateTime<FixedOffset>,
    pub status: RefundStatus,
    pub success_time: Option<DateTime<FixedOffset>>,
}

impl Refund {
    /// The refund apply/query response (§6.1).
    pub fn json(&self) -> Value {
        let mut body = json!({
            "refund_id": self.refund_id,
            "out_refund_no": self.out_refund_no,
            "transaction_id": self.transaction_id,
            "out_trade_no": self.out_trade_no,
            "channel": "ORIGINAL",
            "user_received_account": "支付用户零钱",
            "create_time": rfc3339(&self.created_at),
            "status": self.status.as_str(),
            "funds_account": self.funds_account,
            "amount": {
                "total": self.total,
                "refund": self.refund,
                "from": [],
                "payer_total": self.total,
                "payer_refund": self.refund,
                "settlement_total": self.total,
                "settlement_refund": self.refund,
                "discount_refund": 0,
                "currency": "CNY",
                "refund_fee": 0,
            },
            "promotion_detail": [],
        });
        if let Some(t) = &self.success_time {
            body["success_time"] = json!(rfc3339(t));
        }
        body
    }

    /// The refund notification plaintext (§6.3; note `refund_status`).
    pub fn notification_json(&self) -> Value {
        let mut body = json!({
            "mchid": self.mchid,
            "out_trade_no": self.out_trade_no,
            "transaction_id": self.transaction_id,
            "out_refund_no": self.out_refund_no,
            "refund_id": self.refund_id,
            "refund_status": self.status.as_str(),
            "user_received_account": "支付用户零钱",
            "amount": {
                "total": self.total,
                "refund": self.refund,
                "payer_total": self.total,
                "payer_refund": self.refund,
            },
        });
        if let Some(t) = &self.success_time {
            body["success_time"] = json!(rfc3339(t));
        }
        body
    }
}

/// A bill ready for download behind a token.
#[derive(Debug, Clone)]
pub(crate) struct Download {
    /// Already gzipped when `gzip`.
    pub bytes: Vec<u8>,
    pub gzip: bool,
    pub expires_at: DateTime<FixedOffset>,
}

/// Everything the simulated WeChat Pay side remembers.
#[derive(Debug, Default)]
pub(crate) struct PayState {
    /// By out_trade_no.
    pub orders: HashMap<String, Order>,
    pub prepays: HashMap<String, Prepay>,
    /// By out_refund_no.
    pub refunds: HashMap<String, Refund>,
    pub bills: HashMap<NaiveDate, BillState>,
    /// Injected faults: api → (code, calls left).
    pub faults: HashMap<Api, (String, u32)>,
    /// Bill download tokens.
    pub downloads: HashMap<String, Download>,
    pub deliveries: Vec<DeliveryRecord>,
}

impl PayState {
    pub fn order_by_transaction_id(&self, transaction_id: &str) -> Option<&Order> {
        self.orders.values().find(|o| {
            o.payment
                .as_ref()
                .is_some_and(|p| p.transaction_id == transaction_id)
        })
    }
}
