//! Test-only pay helpers: Rust methods on [`Sim`] and the same operations over HTTP under `/sim/pay/...`.
//! These stand in for what the payer and WeChat's back office do; they are not WeChat endpoints.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use salvo::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

use super::model::{Api, Order, Payment, TradeState, new_transaction_id, now_bj};
use super::notify::{self, Event, Notice};
use super::orders::valid_out_trade_no;
use super::{
    BillState, DeliveryRecord, InjectedOrder, NotificationKind, NotifyMode, PayOptions,
    RefundOutcome, refunds,
};
use crate::Sim;
use crate::hooks::json_body;
use crate::util::sim_from;

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
    fn render(&self, res: &mut Response) {
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

fn inject(sim: &Sim, order: InjectedOrder) -> Result<String, HookError> {
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

pub(crate) fn router() -> Router {
    Router::new()
        .push(Router::with_path("orders").post(inject_order))
        .push(Router::with_path("orders/{out_trade_no}").get(order_state))
        .push(Router::with_path("orders/{out_trade_no}/pay").post(pay_order))
        .push(Router::with_path("notifications").get(notifications))
        .push(Router::with_path("bills/{date}").post(bill_state))
        .push(Router::with_path("faults").post(fault))
        .push(Router::with_path("refunds/{out_refund_no}/complete").post(complete_refund))
}

fn param(req: &Request, name: &str) -> String {
    req.param::<String>(name).unwrap_or_default()
}

fn parse_time(s: Option<String>) -> Result<Option<DateTime<FixedOffset>>, HookError> {
    s.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map_err(|e| HookError::BadRequest(format!("success_time {t:?}: {e}")))
    })
    .transpose()
}

fn parse_notify(s: Option<&str>) -> Result<NotifyMode, HookError> {
    Ok(match s.unwrap_or("normal") {
        "normal" => NotifyMode::Normal,
        "none" => NotifyMode::None,
        "duplicate" => NotifyMode::Duplicate,
        "signtest" => NotifyMode::SignTestFirst,
        other => match other.strip_prefix("concurrent:").map(str::parse) {
            Some(Ok(n)) => NotifyMode::Concurrent(n),
            _ => {
                return Err(HookError::BadRequest(format!(
                    "unknown notify mode {other:?}"
                )));
            }
        },
    })
}

#[derive(Debug, Default, Deserialize)]
struct PayReq {
    notify: Option<String>,
    success_time: Option<String>,
    exclude_from_bill: Option<bool>,
    bill_amount_override: Option<i64>,
}

/// `POST /sim/pay/orders/{out_trade_no}/pay {notify?, success_time?, exclude_from_bill?, bill_amount_override?}`
/// → `{transaction_id}`; 404 unknown order, 409 not payable.
#[handler]
async fn pay_order(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<PayReq>(req, res).await else {
        return;
    };
    let out_trade_no = param(req, "out_trade_no");
    let result = async {
        let options = PayOptions {
            notify: parse_notify(body.notify.as_deref())?,
            success_time: parse_time(body.success_time)?,
            exclude_from_bill: body.exclude_from_bill.unwrap_or(false),
            bill_amount_override: body.bill_amount_override,
        };
        pay(&sim, &out_trade_no, options).await
    };
    match result.await {
        Ok(transaction_id) => res.render(Json(json!({ "transaction_id": transaction_id }))),
        Err(err) => err.render(res),
    }
}

/// `GET /sim/pay/orders/{out_trade_no}` → the query-order JSON; 404 unknown.
#[handler]
async fn order_state(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let no = param(req, "out_trade_no");
    match sim.order_state(&no) {
        Some(order) => res.render(Json(order)),
        None => HookError::NotFound(format!("no order {no}")).render(res),
    }
}

/// `GET /sim/pay/notifications` → every delivery attempt.
#[handler]
async fn notifications(depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        res.render(Json(sim.notifications()));
    }
}

#[derive(Debug, Default, Deserialize)]
struct BillReq {
    state: String,
}

/// `POST /sim/pay/bills/{YYYY-MM-DD} {"state":"ready|creating|none"}` → `{date, state}`
#[handler]
async fn bill_state(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<BillReq>(req, res).await else {
        return;
    };
    let date = param(req, "date");
    let Ok(day) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
        return HookError::BadRequest(format!("bad date {date:?}")).render(res);
    };
    let state = match body.state.as_str() {
        "ready" => BillState::Ready,
        "creating" => BillState::Creating,
        "none" => BillState::NoStatement,
        other => return HookError::BadRequest(format!("unknown bill state {other:?}")).render(res),
    };
    sim.set_bill_state(day, state);
    res.render(Json(json!({ "date": date, "state": body.state })));
}

#[derive(Debug, Default, Deserialize)]
struct FaultReq {
    api: String,
    code: Option<String>,
    count: Option<u32>,
}

/// `POST /sim/pay/faults {"api","code"?:"SYSTEM_ERROR","count"?:1}` → the fault as stored.
#[handler]
async fn fault(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<FaultReq>(req, res).await else {
        return;
    };
    let Some(api) = Api::parse(&body.api) else {
        return HookError::BadRequest(format!("unknown api {:?}", body.api)).render(res);
    };
    let code = body.code.unwrap_or_else(|| "SYSTEM_ERROR".into());
    let count = body.count.unwrap_or(1);
    sim.state().pay.faults.insert(api, (code.clone(), count));
    res.render(Json(
        json!({ "api": body.api, "code": code, "count": count }),
    ));
}

#[derive(Debug, Default, Deserialize)]
struct CompleteReq {
    status: Option<String>,
}

/// `POST /sim/pay/refunds/{out_refund_no}/complete {"status":"SUCCESS|ABNORMAL|CLOSED"}` → the refund (§6.1).
#[handler]
async fn complete_refund(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<CompleteReq>(req, res).await else {
        return;
    };
    let no = param(req, "out_refund_no");
    let status = body.status.as_deref().unwrap_or("SUCCESS");
    let Some(outcome) = RefundOutcome::parse(status) else {
        return HookError::BadRequest(format!("unknown refund status {status:?}")).render(res);
    };
    match refunds::complete(&sim, &no, outcome).await {
        Ok(()) => {
            let refund = sim
                .state()
                .pay
                .refunds
                .get(&no)
                .map(super::model::Refund::json);
            res.render(Json(refund));
        }
        Err(err) => err.render(res),
    }
}

#[derive(Debug, Default, Deserialize)]
struct InjectReq {
    out_trade_no: String,
    amount: i64,
    openid: String,
    appid: Option<String>,
    description: Option<String>,
    attach: Option<String>,
    success_time: Option<String>,
}

/// `POST /sim/pay/orders {out_trade_no, amount, openid, appid?, description?, attach?, success_time?}`
/// → `{out_trade_no, transaction_id}`: an order paid at WeChat that the merchant never created.
#[handler]
async fn inject_order(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let Some(body) = json_body::<InjectReq>(req, res).await else {
        return;
    };
    let result = parse_time(body.success_time).and_then(|success_time| {
        let order = InjectedOrder {
            out_trade_no: body.out_trade_no.clone(),
            amount: body.amount,
            openid: body.openid,
            appid: body.appid,
            description: body.description,
            attach: body.attach,
            success_time,
        };
        inject(&sim, order)
    });
    match result {
        Ok(tid) => res.render(Json(
            json!({ "out_trade_no": body.out_trade_no, "transaction_id": tid }),
        )),
        Err(err) => err.render(res),
    }
}
