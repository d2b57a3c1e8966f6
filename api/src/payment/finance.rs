//! Centre finance: the payments overview per plan and institution, order search and export, refunds.
use super::orders::view;
use super::summary::item_label;
use super::types::{PaymentView, ReasonReq, RefundView};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::plan::rules::fmt_dt;
use crate::state::{AppState, DepotExt};
use entity::{institution, pay_order, pay_refund, plan, plan_item, registration, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
}

impl OverviewRow {
    fn add(&mut self, status: &str, reg_status: &str, fee: i64) {
        let due = super::settle::PAYABLE.contains(&reg_status);
        match status {
            "paid" => {
                self.paid_count += 1;
                self.paid_fen += fee;
            }
            "offline_confirmed" => {
                self.offline_count += 1;
                self.offline_fen += fee;
            }
            "refunding" => self.refunding_count += 1,
            "refunded" => {
                self.refunded_count += 1;
                self.refunded_fen += fee;
            }
            _ if due => {
                self.unpaid_count += 1;
                self.unpaid_fen += fee;
            }
            _ => {}
        }
        if due {
            self.approved += 1;
        }
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
    let mut q = registration::Entity::find().filter(registration::Column::Status.ne("withdrawn"));
    if let Some(i) = institution_id.into_inner() {
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

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderRow {
    pub out_trade_no: String,
    pub transaction_id: Option<String>,
    pub status: String,
    pub amount_fen: i64,
    pub created_at: String,
    pub paid_at: Option<String>,
    pub late: bool,
    pub registration_id: Uuid,
    pub candidate_name: String,
    pub id_number: String,
    pub plan_name: String,
    pub institution_name: String,
    pub item_label: String,
    pub payment_status: String,
    pub refund: Option<RefundView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderPage {
    pub total: u64,
    pub items: Vec<OrderRow>,
}

async fn search(
    st: &AppState,
    q: Option<String>,
    page: u64,
    size: u64,
) -> AppResult<(u64, Vec<OrderRow>)> {
    let mut query = pay_order::Entity::find().order_by_desc(pay_order::Column::Id);
    if let Some(q) = q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty()) {
        let users: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Role.eq("candidate"))
            .filter(
                Condition::any()
                    .add(user::Column::Name.contains(&q))
                    .add(user::Column::Login.eq(q.to_uppercase())),
            )
            .into_tuple()
            .all(&st.db)
            .await?;
        query = query.filter(
            Condition::any()
                .add(pay_order::Column::OutTradeNo.eq(&q))
                .add(pay_order::Column::TransactionId.eq(&q))
                .add(pay_order::Column::UserId.is_in(users)),
        );
    }
    let pages = query.paginate(&st.db, size);
    let total = pages.num_items().await?;
    let orders = pages.fetch_page(page.saturating_sub(1)).await?;
    let regs: HashMap<Uuid, registration::Model> = registration::Entity::find()
        .filter(registration::Column::Id.is_in(orders.iter().map(|o| o.registration_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(orders.iter().map(|o| o.user_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let plans = super::names::plans(&st.db, orders.iter().map(|o| o.plan_id).collect()).await?;
    let insts =
        super::names::institutions(&st.db, orders.iter().map(|o| o.institution_id).collect())
            .await?;
    let items: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
        .filter(plan_item::Column::Id.is_in(regs.values().map(|r| r.item_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let refunds: HashMap<i32, pay_refund::Model> = pay_refund::Entity::find()
        .filter(pay_refund::Column::OrderId.is_in(orders.iter().map(|o| o.id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|r| (r.order_id, r))
        .collect();
    let rows = orders
        .into_iter()
        .map(|o| {
            let reg = regs.get(&o.registration_id);
            let u = users.get(&o.user_id);
            OrderRow {
                transaction_id: o.transaction_id.clone(),
                status: o.status.clone(),
                amount_fen: o.amount_fen,
                created_at: fmt_dt(&o.created_at),
                paid_at: o.paid_at.as_ref().map(fmt_dt),
                late: o.late,
                registration_id: o.registration_id,
                candidate_name: u.map(|u| u.name.clone()).unwrap_or_default(),
                id_number: u.map(|u| validate::mask_id(&u.login)).unwrap_or_default(),
                plan_name: plans.get(&o.plan_id).cloned().unwrap_or_default(),
                institution_name: insts.get(&o.institution_id).cloned().unwrap_or_default(),
                item_label: reg
                    .and_then(|r| items.get(&r.item_id))
                    .map(item_label)
                    .unwrap_or_default(),
                payment_status: reg.map(|r| r.payment_status.clone()).unwrap_or_default(),
                refund: refunds.get(&o.id).map(|r| RefundView {
                    out_refund_no: r.out_refund_no.clone(),
                    status: r.status.clone(),
                    amount_fen: r.amount_fen,
                    reason: r.reason.clone(),
                    created_at: fmt_dt(&r.created_at),
                    success_at: r.success_at.as_ref().map(fmt_dt),
                }),
                out_trade_no: o.out_trade_no,
            }
        })
        .collect();
    Ok((total, rows))
}

/// `GET /api/finance/orders?q=&page=&page_size=`: by out_trade_no, transaction id, ID number or name.
#[endpoint(tags("finance"))]
pub async fn list_orders(
    q: QueryParam<String, false>,
    page: QueryParam<u64, false>,
    page_size: QueryParam<u64, false>,
    depot: &mut Depot,
) -> AppResult<Json<OrderPage>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    let size = page_size.into_inner().unwrap_or(20).clamp(1, 200);
    let (total, items) = search(
        &st,
        q.into_inner(),
        page.into_inner().unwrap_or(1).max(1),
        size,
    )
    .await?;
    Ok(Json(OrderPage { total, items }))
}

const ORDER_COLUMNS: &[&str] = &[
    "商户订单号",
    "微信支付单号",
    "订单状态",
    "金额（元）",
    "下单时间",
    "支付时间",
    "考生",
    "证件号码",
    "认定计划",
    "机构",
    "职业等级",
    "缴费状态",
    "退款单号",
    "退款状态",
];

/// `GET /api/finance/orders/export.xlsx?q=`.
#[endpoint(tags("finance"))]
pub async fn export_orders(
    q: QueryParam<String, false>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    let (_, items) = search(&st, q.into_inner(), 1, 50_000).await?;
    let order_label = |s: &str| {
        match s {
            "open" => "待支付",
            "paid" => "已支付",
            "closed" => "已关闭",
            _ => "",
        }
        .to_string()
    };
    let rows: Vec<Vec<String>> = items
        .into_iter()
        .map(|o| {
            vec![
                o.out_trade_no,
                o.transaction_id.unwrap_or_default(),
                order_label(&o.status),
                super::summary::yuan(o.amount_fen),
                o.created_at,
                o.paid_at.unwrap_or_default(),
                o.candidate_name,
                o.id_number,
                o.plan_name,
                o.institution_name,
                o.item_label,
                crate::domain::enums::label(
                    crate::domain::enums::PAYMENT_STATUSES,
                    &o.payment_status,
                )
                .unwrap_or_default()
                .to_string(),
                o.refund
                    .as_ref()
                    .map(|r| r.out_refund_no.clone())
                    .unwrap_or_default(),
                o.refund
                    .map(|r| super::refund_label(&r.status).to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    super::send_xlsx(
        res,
        "微信支付订单",
        "微信支付订单",
        ORDER_COLUMNS,
        rows,
        "微信支付订单.xlsx",
    )
    .await
}

/// `POST /api/finance/registrations/{id}/refund`: centre finance refunds a paid registration in full.
#[endpoint(tags("finance"), status_codes(200, 400, 404, 409))]
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
