//! Applying what WeChat reports — a paid transaction, a closed order, a refund result — to local records.
//! Every change is one transaction with a conditional update, so duplicates, retries, concurrent deliveries and
//! several API processes produce exactly one state change and one audit record.
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::integrations::wechat_pay::{PayClient, RefundResult, Transaction};
use crate::state::AppState;
use entity::{pay_order, pay_refund, registration};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

pub const OPEN: &str = "open";
pub const PAID: &str = "paid";
pub const CLOSED: &str = "closed";

/// Payment statuses that still owe the fee: never paid, or paid and refunded while the registration stays
/// approved (e.g. a refund finance made on request) — such a registration may pay again or be remitted for.
pub const OWING: [&str; 2] = ["unpaid", "refunded"];

/// Registration statuses whose fee is due (and may be paid).
pub const PAYABLE: [&str; 2] = [
    crate::registration::state::Status::Approved.as_str(),
    crate::registration::state::Status::Submitted.as_str(),
];

/// What applying a transaction did.
#[derive(Debug, PartialEq, Eq)]
pub enum Settled {
    /// This call marked the order paid (and the registration 已支付).
    Paid,
    /// This call recorded a payment nobody needs any more (order closed here, registration withdrawn, rejected
    /// or already paid) and queued its refund.
    PaidLate,
    /// Already applied earlier (a duplicate or a concurrent delivery): nothing changed.
    AlreadyApplied,
    /// WeChat reports the order unpaid: nothing to do.
    NotPaid,
    /// WeChat reports the order closed; it is closed here too now.
    Closed,
}

/// Orders this process knows paid, with their amount and AppID. Paid is final for an order (refunds are
/// separate records), so a replayed or duplicate report of one is answered from here without the database.
#[derive(Default)]
pub struct PaidOrders(std::sync::Mutex<std::collections::HashMap<String, (i64, String)>>);

impl PaidOrders {
    /// Orders remembered at most (then forgotten all at once; the database still answers).
    const CAPACITY: usize = 200_000;

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, (i64, String)>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn known(&self, out_trade_no: &str) -> Option<(i64, String)> {
        self.lock().get(out_trade_no).cloned()
    }

    fn remember(&self, order: &pay_order::Model) {
        let mut m = self.lock();
        if m.len() >= Self::CAPACITY {
            m.clear();
        }
        m.insert(
            order.out_trade_no.clone(),
            (order.amount_fen, order.app_id.clone()),
        );
    }
}

/// Why a transaction report is refused (nothing changed).
fn refuse(code: &'static str, msg: &str) -> AppError {
    AppError::bad(code, msg.to_string())
}

/// Applies a transaction (from a notification, a query or the reconciliation).
pub async fn apply_transaction(
    st: &AppState,
    pay: &PayClient,
    tx: &Transaction,
    source: &str,
) -> AppResult<Settled> {
    if tx.mchid != pay.mch_id {
        return Err(refuse("pay_mchid_mismatch", "商户号不符"));
    }
    if !pay.owns_app_id(&tx.appid) {
        return Err(refuse("pay_appid_mismatch", "AppID 不符"));
    }
    let total = tx.amount.as_ref().and_then(|a| a.total);
    // A report of an order already paid that matches it in every checked respect changes nothing: answered
    // without the database. Anything else takes the full path below.
    if let Some((amount, app_id)) = st.paid_orders.known(&tx.out_trade_no)
        && matches!(tx.trade_state.as_str(), "SUCCESS" | "REFUND")
        && tx.appid == app_id
        && total == Some(amount)
        && tx.transaction_id.as_deref().is_some_and(|t| !t.is_empty())
    {
        return Ok(Settled::AlreadyApplied);
    }
    let order = pay_order::Entity::find()
        .filter(pay_order::Column::OutTradeNo.eq(&tx.out_trade_no))
        .one(&st.reader)
        .await?
        .ok_or_else(|| refuse("pay_order_unknown", "订单不存在"))?;
    if tx.appid != order.app_id {
        return Err(refuse("pay_appid_mismatch", "AppID 与订单不符"));
    }
    match tx.trade_state.as_str() {
        "SUCCESS" | "REFUND" => {}
        "CLOSED" | "REVOKED" | "PAYERROR" => return close_locally(st, &order, source).await,
        _ => return Ok(Settled::NotPaid),
    }
    if total != Some(order.amount_fen) {
        tracing::error!(out_trade_no = %order.out_trade_no, ?total, expected = order.amount_fen, "payment amount mismatch");
        return Err(refuse("pay_amount_mismatch", "支付金额与订单金额不符"));
    }
    let transaction_id = tx
        .transaction_id
        .clone()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| refuse("pay_transaction_missing", "缺少微信支付订单号"))?;
    if order.status == PAID {
        st.paid_orders.remember(&order);
        return Ok(Settled::AlreadyApplied);
    }
    let paid_at = tx
        .success_time
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .unwrap_or_else(crate::now);
    let txn = st.db.begin().await?;
    let was_closed = order.status == CLOSED;
    let now = crate::now();
    // The one conditional update every concurrent delivery races for.
    let moved = pay_order::Entity::update_many()
        .col_expr(pay_order::Column::Status, PAID.into())
        .col_expr(
            pay_order::Column::TransactionId,
            Some(transaction_id.clone()).into(),
        )
        .col_expr(pay_order::Column::PaidAt, Some(paid_at).into())
        .col_expr(
            pay_order::Column::PayerOpenid,
            tx.payer.as_ref().and_then(|p| p.openid.clone()).into(),
        )
        .col_expr(pay_order::Column::BankType, tx.bank_type.clone().into())
        .col_expr(pay_order::Column::UpdatedAt, now.into())
        .filter(pay_order::Column::Id.eq(order.id))
        .filter(pay_order::Column::Status.is_in([OPEN, CLOSED]))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(Settled::AlreadyApplied);
    }
    // The registration becomes 已支付 only if it still needs this payment.
    let reg_moved = if was_closed {
        0
    } else {
        registration::Entity::update_many()
            .col_expr(registration::Column::PaymentStatus, "paid".into())
            .col_expr(registration::Column::UpdatedAt, now.into())
            .filter(registration::Column::Id.eq(order.registration_id))
            .filter(registration::Column::PaymentStatus.is_in(OWING))
            .filter(registration::Column::Status.is_in(PAYABLE))
            .exec(&txn)
            .await?
            .rows_affected
    };
    let late = reg_moved != 1;
    let after = json!({ "status": PAID, "transaction_id": transaction_id, "amount_fen": order.amount_fen,
                        "source": source, "late": late });
    audit::record(
        &txn,
        Event {
            action: if late { "payment_late" } else { "payment_paid" },
            target_type: "pay_order",
            target_id: Some(order.out_trade_no.clone()),
            before: Some(json!({ "status": order.status })),
            after: Some(after),
            ..Default::default()
        },
    )
    .await?;
    if late {
        pay_order::Entity::update_many()
            .col_expr(pay_order::Column::Late, true.into())
            .filter(pay_order::Column::Id.eq(order.id))
            .exec(&txn)
            .await?;
        let reason = if was_closed {
            "订单已关闭后到账，自动退款"
        } else {
            "报名无需再缴费，自动退款"
        };
        super::refund::queue(&txn, &order, reason, None, false).await?;
    }
    txn.commit().await?;
    st.paid_orders.remember(&order);
    if late {
        tracing::warn!(out_trade_no = %order.out_trade_no, "late payment recorded and queued for a refund");
        Ok(Settled::PaidLate)
    } else {
        Ok(Settled::Paid)
    }
}

/// WeChat says the order is closed: close it here (an open order only).
async fn close_locally(
    st: &AppState,
    order: &pay_order::Model,
    source: &str,
) -> AppResult<Settled> {
    let txn = st.db.begin().await?;
    if mark_closed(&txn, order, source).await? {
        txn.commit().await?;
    }
    Ok(Settled::Closed)
}

/// Marks an open order closed (conditional); true when this call did it.
pub async fn mark_closed(
    db: &impl ConnectionTrait,
    order: &pay_order::Model,
    source: &str,
) -> AppResult<bool> {
    let now = crate::now();
    let moved = pay_order::Entity::update_many()
        .col_expr(pay_order::Column::Status, CLOSED.into())
        .col_expr(pay_order::Column::ClosedAt, Some(now).into())
        .col_expr(pay_order::Column::UpdatedAt, now.into())
        .filter(pay_order::Column::Id.eq(order.id))
        .filter(pay_order::Column::Status.eq(OPEN))
        .exec(db)
        .await?;
    if moved.rows_affected == 1 {
        audit::record(
            db,
            Event {
                action: "payment_closed",
                target_type: "pay_order",
                target_id: Some(order.out_trade_no.clone()),
                before: Some(json!({ "status": OPEN })),
                after: Some(json!({ "status": CLOSED, "source": source })),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(moved.rows_affected == 1)
}

/// Applies a refund's state as WeChat reports it (apply/query reply or refund notification).
pub async fn apply_refund(
    st: &AppState,
    refund: &pay_refund::Model,
    r: &RefundResult,
    source: &str,
) -> AppResult<bool> {
    let status = match r.status.as_str() {
        "SUCCESS" => "success",
        "CLOSED" | "CLOSE" => "closed",
        "ABNORMAL" => "abnormal",
        "PROCESSING" => "processing",
        _ => return Ok(false),
    };
    if let Some(a) = r.amount.as_ref().and_then(|a| a.refund)
        && a != refund.amount_fen
    {
        return Err(refuse("refund_amount_mismatch", "退款金额与申请不符"));
    }
    if refund.status == status || refund.status == "success" {
        return Ok(false);
    }
    let txn = st.db.begin().await?;
    let now = crate::now();
    let success_at = (status == "success").then(|| {
        r.success_time
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .unwrap_or(now)
    });
    let moved = pay_refund::Entity::update_many()
        .col_expr(pay_refund::Column::Status, status.into())
        .col_expr(
            pay_refund::Column::RefundId,
            r.refund_id.clone().or(refund.refund_id.clone()).into(),
        )
        .col_expr(pay_refund::Column::SuccessAt, success_at.into())
        .col_expr(pay_refund::Column::UpdatedAt, now.into())
        .filter(pay_refund::Column::Id.eq(refund.id))
        .filter(pay_refund::Column::Status.eq(refund.status.clone()))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    if status == "success" {
        registration::Entity::update_many()
            .col_expr(registration::Column::PaymentStatus, "refunded".into())
            .col_expr(registration::Column::UpdatedAt, now.into())
            .filter(registration::Column::Id.eq(refund.registration_id))
            .filter(registration::Column::PaymentStatus.eq("refunding"))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        Event {
            action: "refund_status",
            target_type: "pay_refund",
            target_id: Some(refund.out_refund_no.clone()),
            before: Some(json!({ "status": refund.status })),
            after: Some(json!({ "status": status, "refund_id": r.refund_id, "source": source })),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Loads an order by its number.
pub async fn order_by_no(
    db: &impl ConnectionTrait,
    no: &str,
) -> AppResult<Option<pay_order::Model>> {
    Ok(pay_order::Entity::find()
        .filter(pay_order::Column::OutTradeNo.eq(no))
        .one(db)
        .await?)
}

/// Saves the prepay id of an order.
pub async fn store_prepay(
    db: &impl ConnectionTrait,
    order: &pay_order::Model,
    prepay_id: &str,
) -> AppResult<()> {
    let mut am: pay_order::ActiveModel = order.clone().into();
    am.prepay_id = Set(Some(prepay_id.to_string()));
    am.prepay_at = Set(Some(crate::now()));
    am.updated_at = Set(crate::now());
    am.update(db).await?;
    Ok(())
}
