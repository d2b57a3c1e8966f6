//! Refunds: apply (§6.1), query (§6.2), completion and the refund notification (§6.3).

use std::time::Duration;

use salvo::prelude::*;
use serde_json::{Value, json};

use super::hooks::HookError;
use super::model::{Api, Refund, RefundStatus, new_refund_id, now_bj};
use super::notify::{self, Event, Notice};
use super::wire::{
    Call, PayError, PayResult, Reply, check_body_mchid, check_len, check_notify_url, json_object,
    opt_str, req_int, req_str, serve,
};
use super::{NotificationKind, NotifyMode, RefundOutcome};
use crate::Sim;

pub(crate) fn router() -> Router {
    Router::with_path("refund/domestic/refunds")
        .post(apply)
        .push(Router::with_path("{out_refund_no}").get(query))
}

fn resource_not_exists(message: &str) -> PayError {
    PayError::new(StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", message)
}

/// `[0-9A-Za-z_\-|*@]{1,64}`
fn valid_out_refund_no(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-|*@".contains(&b))
}

/// The validated request.
struct Apply {
    out_refund_no: String,
    transaction_id: Option<String>,
    out_trade_no: Option<String>,
    notify_url: Option<String>,
    funds_account: Option<String>,
    refund: i64,
    total: i64,
}

fn validate(body: &Value) -> Result<Apply, PayError> {
    let out_refund_no = req_str(body, "/out_refund_no")?;
    if !valid_out_refund_no(out_refund_no) {
        return Err(PayError::param(
            "/out_refund_no",
            Some(&json!(out_refund_no)),
            "须为 1 到 64 位数字、大小写字母或 _-|*@",
        ));
    }
    let transaction_id = opt_str(body, "/transaction_id")?.filter(|s| !s.is_empty());
    let out_trade_no = opt_str(body, "/out_trade_no")?.filter(|s| !s.is_empty());
    if transaction_id.is_none() && out_trade_no.is_none() {
        return Err(PayError::param(
            "/out_trade_no",
            None,
            "transaction_id 和 out_trade_no 必须二选一",
        ));
    }
    if let Some(reason) = opt_str(body, "/reason")? {
        check_len("/reason", reason, 0, 80)?;
    }
    let notify_url = opt_str(body, "/notify_url")?;
    if let Some(url) = notify_url {
        check_notify_url("/notify_url", url)?;
    }
    let funds_account = opt_str(body, "/funds_account")?;
    if let Some(f) = funds_account
        && !matches!(f, "AVAILABLE" | "UNSETTLED")
    {
        return Err(PayError::param(
            "/funds_account",
            Some(&json!(f)),
            "须为 AVAILABLE 或 UNSETTLED",
        ));
    }
    let refund = req_int(body, "/amount/refund")?;
    let total = req_int(body, "/amount/total")?;
    for (field, v) in [("/amount/refund", refund), ("/amount/total", total)] {
        if v < 1 {
            return Err(PayError::param(field, Some(&json!(v)), "值低于最小值 1"));
        }
    }
    let currency = req_str(body, "/amount/currency")?;
    if currency != "CNY" {
        return Err(PayError::param(
            "/amount/currency",
            Some(&json!(currency)),
            "Currency code is invalid",
        ));
    }
    Ok(Apply {
        out_refund_no: out_refund_no.to_owned(),
        transaction_id: transaction_id.map(str::to_owned),
        out_trade_no: out_trade_no.map(str::to_owned),
        notify_url: notify_url.map(str::to_owned),
        funds_account: funds_account.map(str::to_owned),
        refund,
        total,
    })
}

fn create(sim: &Sim, call: &Call) -> PayResult {
    let body = json_object(&call.body)?;
    if body.get("mchid").is_some() {
        check_body_mchid(&body, call)?;
    }
    let req = validate(&body)?;
    let mut st = sim.state();
    let pay = &mut st.pay;
    let order = match (&req.transaction_id, &req.out_trade_no) {
        (Some(tid), Some(otn)) => pay
            .order_by_transaction_id(tid)
            .filter(|o| &o.out_trade_no == otn),
        (Some(tid), None) => pay.order_by_transaction_id(tid),
        (None, Some(otn)) => pay.orders.get(otn),
        (None, None) => None,
    };
    let Some((order, payment)) = order.and_then(|o| Some((o, o.payment.as_ref()?))) else {
        return Err(resource_not_exists("订单不存在或未支付"));
    };
    if let Some(existing) = pay.refunds.get(&req.out_refund_no) {
        if existing.out_trade_no != order.out_trade_no
            || existing.refund != req.refund
            || existing.total != req.total
        {
            return Err(PayError::invalid("请求重入时，参数与首次请求时不一致"));
        }
        return Ok(Reply::Json(existing.json()));
    }
    if req.total != order.total {
        return Err(PayError::invalid(format!(
            "订单金额 amount.total（{}）与原订单金额（{}）不一致",
            req.total, order.total
        )));
    }
    let refunded: i64 = pay
        .refunds
        .values()
        .filter(|r| r.out_trade_no == order.out_trade_no && r.status != RefundStatus::Closed)
        .map(|r| r.refund)
        .sum();
    if refunded + req.refund > order.total {
        return Err(PayError::invalid(format!(
            "申请退款金额超过订单可退金额（订单 {}，已退 {refunded}，本次 {}）",
            order.total, req.refund
        )));
    }
    let refund = Refund {
        refund_id: new_refund_id(),
        out_refund_no: req.out_refund_no.clone(),
        out_trade_no: order.out_trade_no.clone(),
        transaction_id: payment.transaction_id.clone(),
        mchid: order.mchid.clone(),
        notify_url: req.notify_url,
        refund: req.refund,
        total: order.total,
        funds_account: req.funds_account.unwrap_or_else(|| "AVAILABLE".into()),
        created_at: now_bj(),
        status: RefundStatus::Processing,
        success_time: None,
    };
    let out_trade_no = order.out_trade_no.clone();
    let answer = refund.json();
    pay.refunds.insert(req.out_refund_no.clone(), refund);
    if let Some(order) = pay.orders.get_mut(&out_trade_no) {
        order.refunded = true;
    }
    drop(st);
    if let Some(ms) = sim.config().pay.refund_auto_complete_ms {
        let (sim, no) = (sim.clone(), req.out_refund_no);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            if sim.state().pay.refunds.get(&no).map(|r| r.status) == Some(RefundStatus::Processing)
            {
                // Completed by a hook meanwhile is the only failure, and harmless.
                let _ = complete(&sim, &no, RefundOutcome::Success).await;
            }
        });
    }
    Ok(Reply::Json(answer))
}

/// `POST /v3/refund/domestic/refunds`
#[handler]
async fn apply(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Refund), |sim, _req, call| {
        create(sim, &call)
    })
    .await;
}

/// `GET /v3/refund/domestic/refunds/{out_refund_no}`
#[handler]
async fn query(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(
        req,
        depot,
        res,
        Some(Api::RefundQuery),
        |sim, req, _call| {
            let no = req.param::<String>("out_refund_no").unwrap_or_default();
            let st = sim.state();
            let refund = st
                .pay
                .refunds
                .get(&no)
                .ok_or_else(|| resource_not_exists("退款单不存在"))?;
            Ok(Reply::Json(refund.json()))
        },
    )
    .await;
}

/// Drives a PROCESSING (or ABNORMAL) refund to `outcome` and notifies its `notify_url`, if any; waits for the
/// first delivery attempt.
pub(crate) async fn complete(
    sim: &Sim,
    out_refund_no: &str,
    outcome: RefundOutcome,
) -> Result<(), HookError> {
    let refund = {
        let mut st = sim.state();
        let refund = st
            .pay
            .refunds
            .get_mut(out_refund_no)
            .ok_or_else(|| HookError::NotFound(format!("no refund {out_refund_no}")))?;
        if !matches!(
            refund.status,
            RefundStatus::Processing | RefundStatus::Abnormal
        ) {
            return Err(HookError::Conflict(format!(
                "refund {out_refund_no} is already {}",
                refund.status.as_str()
            )));
        }
        refund.status = match outcome {
            RefundOutcome::Success => RefundStatus::Success,
            RefundOutcome::Abnormal => RefundStatus::Abnormal,
            RefundOutcome::Closed => RefundStatus::Closed,
        };
        if outcome == RefundOutcome::Success {
            refund.success_time = Some(now_bj());
        }
        refund.clone()
    };
    let Some(url) = &refund.notify_url else {
        return Ok(());
    };
    let (event_type, summary) = match outcome {
        RefundOutcome::Success => ("REFUND.SUCCESS", "退款成功"),
        RefundOutcome::Abnormal => ("REFUND.ABNORMAL", "退款异常"),
        RefundOutcome::Closed => ("REFUND.CLOSED", "退款关闭"),
    };
    let plaintext = refund.notification_json();
    let notice = Notice {
        kind: NotificationKind::Refund,
        url,
        out_trade_no: &refund.out_trade_no,
        out_refund_no: Some(&refund.out_refund_no),
        event_type,
        summary,
        plaintext: &plaintext,
    };
    let event = Event::new(sim, &notice).map_err(HookError::Internal)?;
    notify::dispatch(sim, event, NotifyMode::Normal).await;
    Ok(())
}
