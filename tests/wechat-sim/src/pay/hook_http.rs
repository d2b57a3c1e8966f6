//! The pay hooks over HTTP, under `/sim/pay/...` (JSON in, JSON out); the same operations as the Rust helpers
//! of [`super::hooks`]. Not WeChat endpoints.

use chrono::{DateTime, FixedOffset, NaiveDate};
use salvo::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::hooks::{HookError, inject, pay};
use super::model::{Api, Refund};
use super::{BillState, InjectedOrder, NotifyMode, PayOptions, RefundOutcome, refunds};
use crate::hooks::json_body;
use crate::util::sim_from;

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
            let refund = sim.state().pay.refunds.get(&no).map(Refund::json);
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
