//! Centre finance: the payments overview per plan and institution, order search and export, refunds.
use super::orders::view;
use super::types::{PaymentView, ReasonReq};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{institution, plan, plan_item, registration};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(Debug, Default, Serialize, ToSchema, Clone)]
pub struct OverviewRow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_name: Option<String>,
    pub approved: i64,
    pub paid_count: i64,
    pub paid_fen: i64,
    pub offline_count: i64,
    pub offline_fen: i64,
    pub unpaid_count: i64,
    pub unpaid_fen: i64,
    pub refunding_count: i64,
    pub refunded_count: i64,
    pub refunded_fen: i64,
    /// Open remittance surpluses (institution money held for no registration; see `payment::surplus`).
    pub surplus_count: i64,
    pub surplus_fen: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
}

impl OverviewRow {
    /// Counts a registration by the shared rule of [`super::standing`]; refunds are shown beside it.
    fn add(&mut self, status: &str, reg_status: &str, fee: i64) {
        use super::standing::{Standing, standing};
        match standing(reg_status, status, fee) {
            Standing::NotDue => {}
            Standing::PaidWechat => {
                self.paid_count += 1;
                self.paid_fen += fee;
            }
            Standing::Offline => {
                self.offline_count += 1;
                self.offline_fen += fee;
            }
            Standing::Owing => {
                self.unpaid_count += 1;
                self.unpaid_fen += fee;
            }
        }
        if standing(reg_status, status, fee) != Standing::NotDue {
            self.approved += 1;
        }
        match status {
            "refunding" => self.refunding_count += 1,
            "refunded" => {
                self.refunded_count += 1;
                self.refunded_fen += fee;
            }
            _ => {}
        }
    }

    fn add_surplus(&mut self, fee: i64) {
        self.surplus_count += 1;
        self.surplus_fen += fee;
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Overview {
    pub plans: Vec<OverviewRow>,
    pub institutions: Vec<OverviewRow>,
    pub totals: OverviewRow,
}

/// `GET /api/finance/overview?institution_id=`.
#[endpoint(tags("finance"))]
pub async fn overview(
    institution_id: QueryParam<i32, false>,
    depot: &mut Depot,
) -> AppResult<Json<Overview>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "centre_reviewer", "admin"])?;
    let institution_id = institution_id.into_inner();
    let mut q = registration::Entity::find().filter(registration::Column::Status.ne("withdrawn"));
    if let Some(i) = institution_id {
        q = q.filter(registration::Column::InstitutionId.eq(i));
    }
    let regs = q.all(&st.db).await?;
    let fees: HashMap<i32, i64> = plan_item::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.fee_fen))
        .collect();
    let plans: HashMap<i32, plan::Model> = plan::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let insts: HashMap<i32, String> = institution::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let mut by_plan: BTreeMap<i32, OverviewRow> = BTreeMap::new();
    let mut by_inst: BTreeMap<i32, OverviewRow> = BTreeMap::new();
    let mut totals = OverviewRow::default();
    for r in &regs {
        let fee = fees.get(&r.item_id).copied().unwrap_or_default();
        if fee <= 0 {
            continue;
        }
        let row = by_plan.entry(r.plan_id).or_insert_with(|| OverviewRow {
            plan_id: Some(r.plan_id),
            plan_name: plans.get(&r.plan_id).map(|p| p.name.clone()),
            institution_id: Some(r.institution_id),
            institution_name: insts.get(&r.institution_id).cloned(),
            ..Default::default()
        });
        row.add(&r.payment_status, &r.status, fee);
        let row = by_inst
            .entry(r.institution_id)
            .or_insert_with(|| OverviewRow {
                institution_id: Some(r.institution_id),
                institution_name: insts.get(&r.institution_id).cloned(),
                ..Default::default()
            });
        row.add(&r.payment_status, &r.status, fee);
        totals.add(&r.payment_status, &r.status, fee);
    }
    let inst_filter = institution_id;
    for x in super::surplus::open_surpluses(&st.db, None).await? {
        if inst_filter.is_some_and(|i| i != x.institution_id) {
            continue;
        }
        let row = by_plan.entry(x.plan_id).or_insert_with(|| OverviewRow {
            plan_id: Some(x.plan_id),
            plan_name: plans.get(&x.plan_id).map(|p| p.name.clone()),
            institution_id: Some(x.institution_id),
            institution_name: insts.get(&x.institution_id).cloned(),
            ..Default::default()
        });
        row.add_surplus(x.fee_fen);
        let row = by_inst
            .entry(x.institution_id)
            .or_insert_with(|| OverviewRow {
                institution_id: Some(x.institution_id),
                institution_name: insts.get(&x.institution_id).cloned(),
                ..Default::default()
            });
        row.add_surplus(x.fee_fen);
        totals.add_surplus(x.fee_fen);
    }
    // 已缴清 exactly when the plan's own summary says complete: nothing owing by the shared rule.
    let mut plans_out: Vec<OverviewRow> = by_plan
        .into_values()
        .map(|mut r| {
            r.complete = Some(r.unpaid_count == 0);
            r
        })
        .collect();
    plans_out.sort_by_key(|r| std::cmp::Reverse(r.plan_id));
    Ok(Json(Overview {
        plans: plans_out,
        institutions: by_inst.into_values().collect(),
        totals,
    }))
}

/// `POST /api/finance/registrations/{id}/refund`: centre finance refunds a paid registration in full.
#[endpoint(tags("finance"), status_codes(200, 400, 403, 404, 409))]
pub async fn finance_refund(
    id: PathParam<Uuid>,
    body: JsonBody<ReasonReq>,
    depot: &mut Depot,
) -> AppResult<Json<PaymentView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["centre_finance"])?;
    let reason = body.into_inner().reason.trim().to_string();
    if !(2..=80).contains(&reason.chars().count()) {
        return Err(AppError::bad(
            "reason_required",
            "退款须填写原因（2–80 字）",
        ));
    }
    let reg = registration::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?
        .ok_or_else(crate::registration::service::reg_missing)?;
    let txn = st.db.begin().await?;
    let order = match super::refund::paid_order_of(&txn, reg.id).await? {
        Some(o) if reg.payment_status == "paid" => o,
        _ => {
            return Err(AppError::conflict(
                "not_refundable",
                "只有微信支付成功（已支付）的报名可以退款",
            ));
        }
    };
    super::refund::queue(&txn, &order, &reason, Some(s.user_id), true).await?;
    txn.commit().await?;
    super::refund::drive_for_registration(&st, reg.id).await;
    let reg = registration::Entity::find_by_id(reg.id)
        .one(&st.db)
        .await?
        .ok_or_else(crate::registration::service::reg_missing)?;
    Ok(Json(view(&st, &reg).await?))
}
