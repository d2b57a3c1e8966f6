//! Centre finance's decision on a remittance: 确认到账 (the covered registrations still owing become 线下已确认)
//! or 驳回 with a reason — one transaction, conditional on the remittance still being pending.
use super::remittance::load;
use super::remittance_view::{RemittanceView, render};
use super::settle::{OWING, PAYABLE};
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::{registration, remittance, remittance_item};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

/// Confirm or reject a pending remittance in one transaction (conditional on it still being pending).
async fn decide(
    st: &AppState,
    s: &crate::auth::session::Session,
    id: i32,
    confirm: bool,
    reason: Option<String>,
    ip: String,
) -> AppResult<RemittanceView> {
    s.require_role(&["centre_finance"])?;
    let r = load(st, s, id).await?;
    let txn = st.db.begin().await?;
    let now = crate::now();
    let moved = remittance::Entity::update_many()
        .col_expr(
            remittance::Column::Status,
            if confirm { "confirmed" } else { "rejected" }.into(),
        )
        .col_expr(remittance::Column::Reason, reason.clone().into())
        .col_expr(remittance::Column::ReviewedBy, Some(s.user_id).into())
        .col_expr(remittance::Column::ReviewedAt, Some(now).into())
        .col_expr(remittance::Column::UpdatedAt, now.into())
        .filter(remittance::Column::Id.eq(r.id))
        .filter(remittance::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(AppError::conflict(
            "remittance_not_pending",
            "该汇款已处理，不能重复操作",
        ));
    }
    let mut marked = 0;
    let mut surplus = 0;
    if !confirm {
        remittance_item::Entity::update_many()
            .col_expr(remittance_item::Column::Status, "rejected".into())
            .filter(remittance_item::Column::RemittanceId.eq(r.id))
            .exec(&txn)
            .await?;
    } else {
        // Each covered fee is applied to a registration that still owes it; one that no longer does (paid in
        // WeChat meanwhile, withdrawn, rejected, refunding) leaves the fee as a recorded surplus.
        let items = remittance_item::Entity::find()
            .filter(remittance_item::Column::RemittanceId.eq(r.id))
            .all(&txn)
            .await?;
        for item in items {
            let applied = registration::Entity::update_many()
                .col_expr(
                    registration::Column::PaymentStatus,
                    "offline_confirmed".into(),
                )
                .col_expr(registration::Column::UpdatedAt, now.into())
                .filter(registration::Column::Id.eq(item.registration_id))
                .filter(registration::Column::PaymentStatus.is_in(OWING))
                .filter(registration::Column::Status.is_in(PAYABLE))
                .exec(&txn)
                .await?
                .rows_affected
                == 1;
            let note = if applied {
                None
            } else {
                surplus += 1;
                let reg = registration::Entity::find_by_id(item.registration_id)
                    .one(&txn)
                    .await?;
                Some(super::surplus::why(reg.as_ref()))
            };
            marked += u64::from(applied);
            remittance_item::Entity::update_many()
                .col_expr(remittance_item::Column::Status, "confirmed".into())
                .col_expr(
                    remittance_item::Column::Outcome,
                    Some(if applied { "applied" } else { "surplus" }).into(),
                )
                .col_expr(remittance_item::Column::Note, note.into())
                .filter(remittance_item::Column::Id.eq(item.id))
                .exec(&txn)
                .await?;
        }
    }
    audit::record(&txn, Event {
        before: Some(json!({ "status": "pending" })),
        after: Some(json!({ "status": if confirm { "confirmed" } else { "rejected" }, "reason": reason, "registrations_marked": marked, "surplus_items": surplus })),
        ..Event::by(s.user_id, if confirm { "remittance_confirmed" } else { "remittance_rejected" }, "remittance", r.id, ip)
    }).await?;
    txn.commit().await?;
    let r = load(st, s, id).await?;
    let mut v = render(st, vec![r], true).await?;
    v.pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("remittance vanished")))
}

#[endpoint(tags("finance"), status_codes(200, 403, 404, 409))]
pub async fn confirm_remittance(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<RemittanceView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    Ok(Json(
        decide(&st, &s, id.into_inner(), true, None, depot.client_ip()).await?,
    ))
}

#[endpoint(tags("finance"), status_codes(200, 400, 404, 409))]
pub async fn reject_remittance(
    id: PathParam<i32>,
    body: JsonBody<super::types::ReasonReq>,
    depot: &mut Depot,
) -> AppResult<Json<RemittanceView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let reason = body.into_inner().reason.trim().to_string();
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::bad(
            "reason_required",
            "驳回须填写原因（2–200 字）",
        ));
    }
    Ok(Json(
        decide(
            &st,
            &s,
            id.into_inner(),
            false,
            Some(reason),
            depot.client_ip(),
        )
        .await?,
    ))
}
