//! A plan's payment completeness: what the institution owes, what is paid in WeChat or covered by confirmed
//! remittances, and whether the centre may approve the plan's arrangement (every fee-bearing 申请通过/已提交申报
//! registration 已支付 or 线下已确认, by the rule of [`super::standing`]); also the institution's money that
//! confirmed remittances hold beyond what is owed (结余), until finance returns or reapplies it.
use super::settle::PAYABLE;
use super::standing::{Standing, standing};
use super::surplus::{SurplusItem, open_surpluses};
use crate::domain::money::yuan;
use crate::domain::{enums, validate};
use crate::error::AppResult;
use crate::plan::service::plan_for;
use crate::state::DepotExt;
use entity::{plan, plan_item, registration, remittance, remittance_item, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct OutstandingItem {
    pub registration_id: Uuid,
    pub name: String,
    pub id_number: String,
    pub item_label: String,
    pub fee_fen: i64,
    pub in_remittance: bool,
    /// unpaid | refunding | refunded (a refund in progress cannot be remitted for yet).
    pub payment_status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanPayment {
    pub plan_id: i32,
    pub plan_name: String,
    pub complete: bool,
    pub reason: Option<String>,
    pub approved: i64,
    pub paid_wechat: i64,
    pub offline_confirmed: i64,
    pub pending_remittance: i64,
    pub outstanding: i64,
    pub due_fen: i64,
    pub paid_wechat_fen: i64,
    pub offline_fen: i64,
    pub outstanding_fen: i64,
    pub outstanding_items: Vec<OutstandingItem>,
    /// Open surpluses of this plan's confirmed remittances (money held for nobody).
    pub surplus_count: i64,
    pub surplus_fen: i64,
    pub surplus_items: Vec<SurplusItem>,
}

pub fn item_label(i: &plan_item::Model) -> String {
    let level = enums::label(enums::CERT_LEVELS, &i.level).unwrap_or(&i.level);
    format!("{} {}", i.occupation_name, level)
}

/// Registrations of the plan in a pending remittance.
pub async fn in_pending_remittance(
    db: &impl ConnectionTrait,
    plan_id: i32,
) -> AppResult<HashSet<Uuid>> {
    let pending: Vec<i32> = remittance::Entity::find()
        .filter(remittance::Column::PlanId.eq(plan_id))
        .filter(remittance::Column::Status.eq("pending"))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(remittance_item::Entity::find()
        .filter(remittance_item::Column::RemittanceId.is_in(pending))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.registration_id)
        .collect())
}

/// Computes the plan's payment completeness (used by the arrangement approval of the next issue).
pub async fn plan_payment(db: &impl ConnectionTrait, p: &plan::Model) -> AppResult<PlanPayment> {
    let items: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let regs = registration::Entity::find()
        .filter(registration::Column::PlanId.eq(p.id))
        .filter(registration::Column::Status.is_in(PAYABLE))
        .all(db)
        .await?;
    let pending = in_pending_remittance(db, p.id).await?;
    let mut out = PlanPayment {
        plan_id: p.id,
        plan_name: p.name.clone(),
        complete: false,
        reason: None,
        approved: 0,
        paid_wechat: 0,
        offline_confirmed: 0,
        pending_remittance: 0,
        outstanding: 0,
        due_fen: 0,
        paid_wechat_fen: 0,
        offline_fen: 0,
        outstanding_fen: 0,
        outstanding_items: Vec::new(),
        surplus_count: 0,
        surplus_fen: 0,
        surplus_items: Vec::new(),
    };
    let mut owing = Vec::new();
    for r in &regs {
        let fee = items.get(&r.item_id).map(|i| i.fee_fen).unwrap_or_default();
        match standing(&r.status, &r.payment_status, fee) {
            Standing::NotDue => continue,
            Standing::PaidWechat => {
                out.paid_wechat += 1;
                out.paid_wechat_fen += fee;
            }
            Standing::Offline => {
                out.offline_confirmed += 1;
                out.offline_fen += fee;
            }
            Standing::Owing => {
                out.outstanding += 1;
                out.outstanding_fen += fee;
                if pending.contains(&r.id) {
                    out.pending_remittance += 1;
                }
                owing.push((r, fee));
            }
        }
        out.approved += 1;
        out.due_fen += fee;
    }
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(owing.iter().map(|(r, _)| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    for (r, fee) in owing {
        let u = users.get(&r.user_id);
        out.outstanding_items.push(OutstandingItem {
            registration_id: r.id,
            name: u.map(|u| u.name.clone()).unwrap_or_default(),
            id_number: u.map(|u| validate::mask_id(&u.login)).unwrap_or_default(),
            item_label: items.get(&r.item_id).map(item_label).unwrap_or_default(),
            fee_fen: fee,
            in_remittance: pending.contains(&r.id),
            payment_status: r.payment_status.clone(),
        });
    }
    out.surplus_items = open_surpluses(db, Some(p.id)).await?;
    out.surplus_count = out.surplus_items.len() as i64;
    out.surplus_fen = out.surplus_items.iter().map(|i| i.fee_fen).sum();
    out.complete = out.outstanding == 0;
    if !out.complete {
        out.reason = Some(format!(
            "尚有 {} 人未缴费（¥{}），暂缓审核",
            out.outstanding,
            yuan(out.outstanding_fen)
        ));
    }
    Ok(out)
}

/// `GET /api/plans/{id}/payments`: staff for their own plans, the centre for any.
#[endpoint(tags("payments"), status_codes(200, 404))]
pub async fn get_plan_payment(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<PlanPayment>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff", "centre_reviewer", "centre_finance", "admin"])?;
    let p = plan_for(&st.db, &s, id.into_inner(), false).await?;
    Ok(Json(plan_payment(&st.db, &p).await?))
}
