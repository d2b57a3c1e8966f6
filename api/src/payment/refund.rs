//! Full refunds: queued in the same transaction as the change that calls for them (rejection, withdrawal, a
//! late payment, centre finance), then applied at WeChat with the refund's own `out_refund_no` — retried with the
//! same number until WeChat accepts it — and followed until final by notification or query.
use super::settle::{self, PAID};
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::integrations::wechat_pay::PayClient;
use crate::state::AppState;
use entity::{pay_order, pay_refund, registration};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

/// Queues a full refund of `order` (once: one refund per order). With `registration_refunding` the
/// registration's payment status moves 已支付 → 退款中.
pub async fn queue(
    db: &impl ConnectionTrait,
    order: &pay_order::Model,
    reason: &str,
    by: Option<i32>,
    registration_refunding: bool,
) -> AppResult<pay_refund::Model> {
    if let Some(existing) = pay_refund::Entity::find()
        .filter(pay_refund::Column::OrderId.eq(order.id))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    let now = crate::now();
    let refund = pay_refund::ActiveModel {
        order_id: Set(order.id),
        registration_id: Set(order.registration_id),
        out_refund_no: Set(format!(
            "RF{}",
            &order.out_trade_no.get(2..).unwrap_or(&order.out_trade_no)
        )),
        refund_id: Set(None),
        amount_fen: Set(order.amount_fen),
        total_fen: Set(order.amount_fen),
        reason: Set(reason.to_string()),
        status: Set("pending".into()),
        initiated_by: Set(by),
        attempts: Set(0),
        last_error: Set(None),
        success_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if registration_refunding {
        registration::Entity::update_many()
            .col_expr(registration::Column::PaymentStatus, "refunding".into())
            .col_expr(registration::Column::UpdatedAt, now.into())
            .filter(registration::Column::Id.eq(order.registration_id))
            .filter(registration::Column::PaymentStatus.eq("paid"))
            .exec(db)
            .await?;
    }
    audit::record(
        db,
        Event {
            actor_id: by,
            action: "refund_requested",
            target_type: "pay_refund",
            target_id: Some(refund.out_refund_no.clone()),
            after: Some(json!({ "out_trade_no": order.out_trade_no, "amount_fen": order.amount_fen, "reason": reason })),
            ..Default::default()
        },
    )
    .await?;
    Ok(refund)
}

/// The paid order of a registration, if its fee was paid in WeChat.
pub async fn paid_order_of(
    db: &impl ConnectionTrait,
    registration_id: Uuid,
) -> AppResult<Option<pay_order::Model>> {
    Ok(pay_order::Entity::find()
        .filter(pay_order::Column::RegistrationId.eq(registration_id))
        .filter(pay_order::Column::Status.eq(PAID))
        .filter(pay_order::Column::Late.eq(false))
        .order_by_desc(pay_order::Column::Id)
        .one(db)
        .await?)
}

/// Called in the transaction that rejects or withdraws a registration: refunds its fee if it was paid in WeChat;
/// a fee a confirmed remittance applied to it becomes that remittance's surplus.
pub async fn on_registration_cancelled(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    reason: &str,
    by: i32,
) -> AppResult<bool> {
    if reg.payment_status == "offline_confirmed" {
        super::surplus::on_registration_cancelled(
            db,
            reg,
            reason.split('，').next().unwrap_or(reason),
        )
        .await?;
        return Ok(false);
    }
    if reg.payment_status != "paid" {
        return Ok(false);
    }
    match paid_order_of(db, reg.id).await? {
        Some(order) => {
            queue(db, &order, reason, Some(by), true).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Moves one refund forward: applies it at WeChat while pending, queries it while processing.
pub async fn drive(st: &AppState, pay: &PayClient, refund: &pay_refund::Model) -> AppResult<()> {
    let order = pay_order::Entity::find_by_id(refund.order_id)
        .one(&st.db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("refund without order")))?;
    let result = match refund.status.as_str() {
        "pending" => {
            pay.create_refund(
                &order.out_trade_no,
                &refund.out_refund_no,
                refund.amount_fen,
                refund.total_fen,
                &refund.reason,
            )
            .await
        }
        "processing" => match pay.query_refund(&refund.out_refund_no).await {
            Ok(Some(r)) => Ok(r),
            Ok(None) => return Ok(()),
            Err(e) => Err(e),
        },
        _ => return Ok(()),
    };
    match result {
        Ok(r) => {
            settle::apply_refund(st, refund, &r, "wechat").await?;
        }
        Err(e) => {
            tracing::warn!(out_refund_no = %refund.out_refund_no, error = %e, "refund attempt failed");
            let mut am: pay_refund::ActiveModel = refund.clone().into();
            am.attempts = Set(refund.attempts + 1);
            am.last_error = Set(Some(e.to_string().chars().take(500).collect()));
            // A refusal that retrying cannot cure needs a person: finance sees it as 退款异常.
            if !e.retryable() && refund.status == "pending" {
                am.status = Set("abnormal".into());
            }
            am.updated_at = Set(crate::now());
            am.update(&st.db).await?;
        }
    }
    Ok(())
}

/// Drives every refund that is not final (used by the background job and after queuing one).
pub async fn drive_open(st: &AppState, pay: &PayClient) -> AppResult<usize> {
    let open = pay_refund::Entity::find()
        .filter(pay_refund::Column::Status.is_in(["pending", "processing"]))
        .order_by_asc(pay_refund::Column::Id)
        .all(&st.db)
        .await?;
    let n = open.len();
    for r in open {
        drive(st, pay, &r).await?;
    }
    Ok(n)
}

/// Drives the refunds of one registration right away (best effort; the job retries).
pub async fn drive_for_registration(st: &AppState, registration_id: Uuid) {
    let Some(pay) = st.pay.clone() else { return };
    let Ok(list) = pay_refund::Entity::find()
        .filter(pay_refund::Column::RegistrationId.eq(registration_id))
        .filter(pay_refund::Column::Status.is_in(["pending", "processing"]))
        .all(&st.db)
        .await
    else {
        return;
    };
    for r in list {
        if let Err(e) = drive(st, &pay, &r).await {
            tracing::warn!(error = %e, "driving a refund failed; the job will retry");
        }
    }
}
