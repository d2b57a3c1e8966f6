//! Centre finance's 订单查询: WeChat Pay orders by `out_trade_no`, transaction id, ID number or name, and their
//! .xlsx export.
use super::summary::item_label;
use super::types::RefundView;
use crate::domain::page::{Page, PageQuery};
use crate::domain::time::fmt_dt;
use crate::domain::validate;
use crate::error::AppResult;
use crate::spreadsheet::{self, Cell, Column, Kind, Table};
use crate::state::{AppState, DepotExt};
use entity::{pay_order, pay_refund, plan_item, registration, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::QueryParam;
use salvo::prelude::*;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

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

/// The export takes every match in one page.
const EXPORT_ALL: Page = Page {
    number: 1,
    size: 50_000,
};

async fn search(st: &AppState, q: Option<String>, page: Page) -> AppResult<(u64, Vec<OrderRow>)> {
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
    let pages = query.paginate(&st.db, page.size);
    let total = pages.num_items().await?;
    let orders = pages.fetch_page(page.index()).await?;
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
    page: PageQuery,
    depot: &mut Depot,
) -> AppResult<Json<OrderPage>> {
    let page = page.validate()?;
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    let (total, items) = search(&st, q.into_inner(), page).await?;
    Ok(Json(OrderPage { total, items }))
}

const ORDER_COLUMNS: &[Column<'static>] = &[
    Column::text("商户订单号"),
    Column::text("微信支付单号"),
    Column::text("订单状态"),
    Column::new("金额（元）", Kind::Money),
    Column::new("下单时间", Kind::Time),
    Column::new("支付时间", Kind::Time),
    Column::text("考生"),
    Column::new("证件号码", Kind::IdNumber),
    Column::text("认定计划"),
    Column::text("机构"),
    Column::text("职业等级"),
    Column::text("缴费状态"),
    Column::text("退款单号"),
    Column::text("退款状态"),
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
    let (_, items) = search(&st, q.into_inner(), EXPORT_ALL).await?;
    let order_label = |s: &str| {
        match s {
            "open" => "待支付",
            "paid" => "已支付",
            "closed" => "已关闭",
            _ => "",
        }
        .to_string()
    };
    let rows: Vec<Vec<Cell>> = items
        .into_iter()
        .map(|o| {
            let t = |s: Option<&str>| Cell::time_str(s);
            vec![
                Cell::Text(o.out_trade_no),
                Cell::Text(o.transaction_id.unwrap_or_default()),
                Cell::Text(order_label(&o.status)),
                Cell::Money(Some(o.amount_fen)),
                t(Some(&o.created_at)),
                t(o.paid_at.as_deref()),
                Cell::Text(o.candidate_name),
                Cell::Text(o.id_number),
                Cell::Text(o.plan_name),
                Cell::Text(o.institution_name),
                Cell::Text(o.item_label),
                Cell::Text(
                    crate::domain::enums::label(
                        crate::domain::enums::PAYMENT_STATUSES,
                        &o.payment_status,
                    )
                    .unwrap_or_default()
                    .to_string(),
                ),
                Cell::Text(
                    o.refund
                        .as_ref()
                        .map(|r| r.out_refund_no.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    o.refund
                        .map(|r| super::refund_label(&r.status).to_string())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    let table = Table::new("微信支付订单", "微信支付订单", ORDER_COLUMNS, rows);
    spreadsheet::send(res, table, "微信支付订单.xlsx").await
}
