//! Remittance surplus (汇款结余): institution money a confirmed remittance holds for a registration that no longer
//! needs it — paid in WeChat before the confirmation, withdrawn or rejected, or refunding. It is never lost: the
//! remittance item records it (`outcome = surplus`, with why), the plan and 缴费总览 show it, and centre finance
//! either returns it to the institution (by bank, outside the system) or reapplies it to another registration of
//! the same plan that owes the same fee (it becomes 线下已确认).
use super::settle::{OWING, PAYABLE};
use super::summary::item_label;
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{plan_item, registration, remittance, remittance_item, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct SurplusItem {
    /// The remittance item holding the surplus (the id to resolve).
    pub item_id: i32,
    pub remittance_id: i32,
    pub plan_id: i32,
    pub institution_id: i32,
    pub registration_id: Uuid,
    pub name: String,
    pub item_label: String,
    pub fee_fen: i64,
    /// Why the fee was not needed.
    pub note: String,
}

/// Why a confirmed remittance's fee for `reg` is a surplus (the registration does not owe it).
pub fn why(reg: Option<&registration::Model>) -> String {
    match reg {
        None => "报名记录不存在".into(),
        Some(r) if !PAYABLE.contains(&r.status.as_str()) => match r.status.as_str() {
            "withdrawn" => "考生已撤回报名".into(),
            "rejected" => "报名审核不通过".into(),
            _ => "报名不在应缴费状态".into(),
        },
        Some(r) => match r.payment_status.as_str() {
            "paid" => "考生已微信支付".into(),
            "offline_confirmed" => "已由其他汇款确认".into(),
            "refunding" => "考生的微信支付退款处理中".into(),
            _ => "报名无需该笔缴费".into(),
        },
    }
}

/// Open surpluses (not yet returned or reapplied), of one plan or of all.
pub async fn open_surpluses(
    db: &impl ConnectionTrait,
    plan_id: Option<i32>,
) -> AppResult<Vec<SurplusItem>> {
    let items = remittance_item::Entity::find()
        .filter(remittance_item::Column::Outcome.eq("surplus"))
        .filter(remittance_item::Column::Resolution.is_null())
        .all(db)
        .await?;
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = remittance::Entity::find()
        .filter(remittance::Column::Id.is_in(items.iter().map(|i| i.remittance_id)));
    if let Some(p) = plan_id {
        q = q.filter(remittance::Column::PlanId.eq(p));
    }
    let rems: HashMap<i32, remittance::Model> =
        q.all(db).await?.into_iter().map(|r| (r.id, r)).collect();
    let items: Vec<_> = items
        .into_iter()
        .filter(|i| rems.contains_key(&i.remittance_id))
        .collect();
    let regs: HashMap<Uuid, registration::Model> = registration::Entity::find()
        .filter(registration::Column::Id.is_in(items.iter().map(|i| i.registration_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(regs.values().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let labels: HashMap<i32, String> = plan_item::Entity::find()
        .filter(plan_item::Column::Id.is_in(regs.values().map(|r| r.item_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, item_label(&i)))
        .collect();
    Ok(items
        .into_iter()
        .filter_map(|i| {
            let r = rems.get(&i.remittance_id)?;
            let g = regs.get(&i.registration_id);
            Some(SurplusItem {
                item_id: i.id,
                remittance_id: r.id,
                plan_id: r.plan_id,
                institution_id: r.institution_id,
                registration_id: i.registration_id,
                name: g
                    .and_then(|g| names.get(&g.user_id).cloned())
                    .unwrap_or_default(),
                item_label: g
                    .and_then(|g| labels.get(&g.item_id).cloned())
                    .unwrap_or_default(),
                fee_fen: i.fee_fen,
                note: i.note.unwrap_or_default(),
            })
        })
        .collect())
}

/// Called in the transaction that withdraws or rejects a registration: a fee a confirmed remittance applied to
/// it becomes a surplus of that remittance (the institution's money, to return or reapply).
pub async fn on_registration_cancelled(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    why: &str,
) -> AppResult<bool> {
    if reg.payment_status != "offline_confirmed" {
        return Ok(false);
    }
    let moved = remittance_item::Entity::update_many()
        .col_expr(remittance_item::Column::Outcome, Some("surplus").into())
        .col_expr(remittance_item::Column::Note, Some(why.to_string()).into())
        .filter(remittance_item::Column::RegistrationId.eq(reg.id))
        .filter(remittance_item::Column::Outcome.eq("applied"))
        .exec(db)
        .await?;
    Ok(moved.rows_affected > 0)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResolveReq {
    /// return (已退还机构) | reapply (转抵 another registration of the plan owing the same fee)
    pub action: String,
    pub registration_id: Option<Uuid>,
    pub note: Option<String>,
}

/// `POST /api/finance/remittance-items/{id}/resolve`: return a surplus to the institution or reapply it.
#[endpoint(tags("finance"), status_codes(200, 400, 404, 409))]
pub async fn resolve_surplus(
    id: PathParam<i32>,
    body: JsonBody<ResolveReq>,
    depot: &mut Depot,
) -> AppResult<Json<SurplusItem>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["centre_finance"])?;
    let body = body.into_inner();
    let note = body
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(AppError::bad("invalid_note", "备注不能超过 200 字"));
    }
    let reapply = match body.action.as_str() {
        "return" => None,
        "reapply" => Some(
            body.registration_id
                .ok_or_else(|| AppError::bad("registration_required", "请选择转抵的报名"))?,
        ),
        _ => return Err(AppError::bad("invalid_action", "处理方式无效")),
    };
    let id = id.into_inner();
    let open = open_surpluses(&st.db, None).await?;
    let item = open
        .into_iter()
        .find(|i| i.item_id == id)
        .ok_or_else(|| AppError::not_found("not_found", "汇款结余不存在或已处理"))?;
    let txn = st.db.begin().await?;
    let now = crate::now();
    if let Some(target) = reapply {
        let reg = registration::Entity::find_by_id(target)
            .one(&txn)
            .await?
            .filter(|r| r.plan_id == item.plan_id)
            .ok_or_else(|| {
                AppError::conflict("not_reapplicable", "只能转抵同一计划中待缴费的报名")
            })?;
        let fee = plan_item::Entity::find_by_id(reg.item_id)
            .one(&txn)
            .await?
            .map(|i| i.fee_fen)
            .unwrap_or_default();
        let covered = super::standing::pending_covered(&txn, vec![reg.id]).await?;
        if fee != item.fee_fen || !covered.is_empty() {
            return Err(AppError::conflict(
                "not_reapplicable",
                "只能转抵报名费相同、且未在其他汇款中的待缴报名",
            ));
        }
        let moved = registration::Entity::update_many()
            .col_expr(
                registration::Column::PaymentStatus,
                "offline_confirmed".into(),
            )
            .col_expr(registration::Column::UpdatedAt, now.into())
            .filter(registration::Column::Id.eq(reg.id))
            .filter(registration::Column::PaymentStatus.is_in(OWING))
            .filter(registration::Column::Status.is_in(PAYABLE))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            return Err(AppError::conflict("not_reapplicable", "该报名当前无需缴费"));
        }
        remittance_item::ActiveModel {
            remittance_id: Set(item.remittance_id),
            registration_id: Set(reg.id),
            fee_fen: Set(fee),
            status: Set("confirmed".into()),
            outcome: Set(Some("applied".into())),
            note: Set(Some(format!("由结余转抵（原报名 {}）", item.name))),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let moved = remittance_item::Entity::update_many()
        .col_expr(
            remittance_item::Column::Resolution,
            Some(if reapply.is_some() {
                "reapplied"
            } else {
                "returned"
            })
            .into(),
        )
        .col_expr(remittance_item::Column::ReappliedTo, reapply.into())
        .col_expr(remittance_item::Column::ResolvedBy, Some(s.user_id).into())
        .col_expr(remittance_item::Column::ResolvedAt, Some(now).into())
        .filter(remittance_item::Column::Id.eq(item.item_id))
        .filter(remittance_item::Column::Resolution.is_null())
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(AppError::conflict("surplus_resolved", "该汇款结余已处理"));
    }
    audit::record(&txn, Event {
        before: Some(json!({ "outcome": "surplus", "fee_fen": item.fee_fen, "registration_id": item.registration_id })),
        after: Some(json!({ "resolution": if reapply.is_some() { "reapplied" } else { "returned" }, "reapplied_to": reapply, "note": note })),
        ..Event::by(s.user_id, "remittance_surplus_resolved", "remittance_item", item.item_id, depot.client_ip())
    })
    .await?;
    txn.commit().await?;
    Ok(Json(item))
}
