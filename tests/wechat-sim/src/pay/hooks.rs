//! Test-only pay helpers as Rust methods on [`Sim`] (the same operations are served over HTTP by
//! [`super::hook_http`]). These stand in for what the payer and WeChat's back office do; they are not WeChat
//! endpoints.

use std::fmt;

use chrono::NaiveDate;
use salvo::prelude::*;
use serde_json::{Value, json};

use super::model::{Api, Order, Payment, TradeState, new_transaction_id, now_bj};
use super::notify::{self, Event, Notice};
use super::orders::valid_out_trade_no;
use super::{
    BillState, DeliveryRecord, InjectedOrder, NotificationKind, PayOptions, RefundOutcome, refunds,
};
use crate::Sim;

/// Why a hook could not do what it was asked.
#[derive(Debug, Clone)]
pub(crate) enum HookError {
    NotFound(String),
    Conflict(String),
    BadRequest(String),
    Internal(String),
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(m) | Self::Conflict(m) | Self::BadRequest(m) | Self::Internal(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for HookError {}

impl HookError {
    pub(crate) fn render(&self, res: &mut Response) {
        res.status_code(match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        });
        res.render(Json(json!({ "error": self.to_string() })));
    }
}

/// Pays a NOTPAY order as its payer would, then notifies per `options.notify` (waiting for the first round).
pub(crate) async fn pay(
    sim: &Sim,
    out_trade_no: &str,
    options: PayOptions,
) -> Result<String, HookError> {
    let now = now_bj();
    let (transaction_id, notice) = {
        let mut st = sim.state();
        let order = st
            .pay
            .orders
            .get_mut(out_trade_no)
            .ok_or_else(|| HookError::NotFound(format!("no order {out_trade_no}")))?;
        let state = order.trade_state(&now);
        if state != TradeState::NotPay {
            return Err(HookError::Conflict(format!(
                "order {out_trade_no} is {} (expired or closed orders cannot be paid)",
                state.as_str()
            )));
        }
        let success_time = options.success_time.unwrap_or(now);
        let transaction_id = new_transaction_id(&success_time);
        order.payment = Some(Payment {
            transaction_id: transaction_id.clone(),
            success_time,
            bank_type: "OTHERS".into(),
            exclude_from_bill: options.exclude_from_bill,
            bill_amount_override: options.bill_amount_override,
        });
        let notice = order
            .notify_url
            .clone()
            .map(|url| (url, order.query_json(&now)));
        (transaction_id, notice)
    };
    if let Some((url, plaintext)) = notice {
        let notice = Notice {
            kind: NotificationKind::Payment,
            url: &url,
            out_trade_no,
            out_refund_no: None,
            event_type: "TRANSACTION.SUCCESS",
            summary: "支付成功",
            plaintext: &plaintext,
        };
        let event = Event::new(sim, &notice).map_err(HookError::Internal)?;
        notify::dispatch(sim, event, options.notify).await;
    }
    Ok(transaction_id)
}

pub(crate) fn inject(sim: &Sim, order: InjectedOrder) -> Result<String, HookError> {
    if !valid_out_trade_no(&order.out_trade_no) {
        return Err(HookError::BadRequest(format!(
            "bad out_trade_no {:?}",
            order.out_trade_no
        )));
    }
    if order.amount < 1 || order.openid.is_empty() {
        return Err(HookError::BadRequest(
            "amount ≥ 1 and openid are required".into(),
        ));
    }
    let mut st = sim.state();
    if st.pay.orders.contains_key(&order.out_trade_no) {
        return Err(HookError::Conflict(format!(
            "order {} exists",
            order.out_trade_no
        )));
    }
    let now = now_bj();
    let success_time = order.success_time.unwrap_or(now);
    let transaction_id = new_transaction_id(&success_time);
    let cfg = sim.config();
    st.pay.orders.insert(
        order.out_trade_no.clone(),
        Order {
            appid: order.appid.unwrap_or_else(|| cfg.official.appid.clone()),
            mchid: cfg.pay.mchid.clone(),
            out_trade_no: order.out_trade_no,
            description: order.description.unwrap_or_else(|| "微信支付订单".into()),
            attach: order.attach,
            notify_url: None,
            total: order.amount,
            openid: order.openid,
            time_expire: None,
            created_at: success_time,
            request: None,
            payment: Some(Payment {
                transaction_id: transaction_id.clone(),
                success_time,
                bank_type: "OTHERS".into(),
                exclude_from_bill: false,
                bill_amount_override: None,
            }),
            closed: false,
            refunded: false,
        },
    );
    Ok(transaction_id)
}

impl Sim {
    /// Pays order `out_trade_no` (must be NOTPAY and not expired) → its new `transaction_id`. Sends the payment
    /// notification per `options.notify` and returns once its first attempt (round) is over; retries and
    /// duplicates continue in the background.
    pub async fn pay_order(
        &self,
        out_trade_no: &str,
        options: PayOptions,
    ) -> anyhow::Result<String> {
        Ok(pay(self, out_trade_no, options).await?)
    }

    /// The order as `GET /v3/pay/transactions/out-trade-no/{no}` would report it.
    pub fn order_state(&self, out_trade_no: &str) -> Option<Value> {
        let st = self.state();
        st.pay
            .orders
            .get(out_trade_no)
            .map(|o| o.query_json(&now_bj()))
    }

    /// Every notification delivery attempt so far, oldest first.
    pub fn notifications(&self) -> Vec<DeliveryRecord> {
        self.state().pay.deliveries.clone()
    }

    /// Makes the trade bill of `date` (Beijing date) ready, still being generated, or missing.
    pub fn set_bill_state(&self, date: NaiveDate, state: BillState) {
        self.state().pay.bills.insert(date, state);
    }

    /// The next `count` calls of `api` (`jsapi`, `query`, `close`, `refund`, `refund_query`, `tradebill`)
    /// answer with error `code` (500 for `SYSTEM_ERROR`), signed. `count` 0 clears the fault.
    ///
    /// # Panics
    /// On an unknown `api` name (a typo in a test).
    pub fn set_fault(&self, api: &str, code: &str, count: u32) {
        let parsed =
            Api::parse(api).unwrap_or_else(|| panic!("wechat-sim: unknown pay api {api:?}"));
        self.state()
            .pay
            .faults
            .insert(parsed, (code.to_owned(), count));
    }

    /// Drives a PROCESSING refund to `status` and sends its refund notification (if it had a `notify_url`),
    /// waiting for the first attempt.
    pub async fn complete_refund(
        &self,
        out_refund_no: &str,
        status: RefundOutcome,
    ) -> anyhow::Result<()> {
        Ok(refunds::complete(self, out_refund_no, status).await?)
    }

    /// Records an order already paid at WeChat that the merchant never created (no notification is sent)
    /// → its `transaction_id`.
    pub fn inject_paid_order(&self, order: InjectedOrder) -> anyhow::Result<String> {
        Ok(inject(self, order)?)
    }
}
