//! The 对账 routes: run a date, list the runs, read one, download it as .xlsx.
use super::reconcile::{KINDS, ReconItem, run};
use crate::domain::money::yuan;
use crate::domain::time::{cst, fmt_dt};
use crate::error::{AppError, AppResult};
use crate::spreadsheet::{self, Cell, Column, Kind, Table};
use crate::state::{AppState, DepotExt};
use chrono::NaiveDate;
use entity::reconciliation;
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReconView {
    pub date: String,
    pub status: String,
    pub message: Option<String>,
    pub ran_at: String,
    pub bill_rows: i32,
    pub bill_paid_fen: i64,
    pub bill_refund_fen: i64,
    pub summary: BTreeMap<String, i64>,
    pub items: Vec<ReconItem>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RunReq {
    pub date: String,
}

fn render(r: reconciliation::Model) -> ReconView {
    ReconView {
        date: r.bill_date.to_string(),
        status: r.status,
        message: r.message,
        ran_at: fmt_dt(&r.ran_at),
        bill_rows: r.bill_rows,
        bill_paid_fen: r.bill_paid_fen,
        bill_refund_fen: r.bill_refund_fen,
        summary: serde_json::from_value(r.summary).unwrap_or_default(),
        items: serde_json::from_value(r.items).unwrap_or_default(),
    }
}

fn parse_date(s: &str) -> AppResult<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::bad("invalid_date", "日期格式应为 YYYY-MM-DD"))?;
    let today = chrono::Utc::now().with_timezone(&cst()).date_naive();
    if d > today || d < today - chrono::Duration::days(92) {
        return Err(AppError::bad(
            "invalid_date",
            "只能对账今天及此前三个月内的日期",
        ));
    }
    Ok(d)
}

/// `POST /api/finance/reconciliations` `{date}`.
#[endpoint(tags("finance"), status_codes(200, 400, 403, 503))]
pub async fn run_reconciliation(
    body: JsonBody<RunReq>,
    depot: &mut Depot,
) -> AppResult<Json<ReconView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["centre_finance"])?;
    let date = parse_date(&body.into_inner().date)?;
    let pay = super::orders::pay_client(&st)?;
    Ok(Json(render(run(&st, &pay, date, Some(s.user_id)).await?)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReconListItem {
    pub date: String,
    pub status: String,
    pub ran_at: String,
    pub summary: BTreeMap<String, i64>,
}

#[endpoint(tags("finance"))]
pub async fn list_reconciliations(depot: &mut Depot) -> AppResult<Json<Vec<ReconListItem>>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    let list = reconciliation::Entity::find()
        .order_by_desc(reconciliation::Column::BillDate)
        .limit(60)
        .all(&st.db)
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|r| ReconListItem {
                date: r.bill_date.to_string(),
                status: r.status,
                ran_at: fmt_dt(&r.ran_at),
                summary: serde_json::from_value(r.summary).unwrap_or_default(),
            })
            .collect(),
    ))
}

async fn stored(st: &AppState, date: &str) -> AppResult<reconciliation::Model> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| AppError::bad("invalid_date", "日期格式应为 YYYY-MM-DD"))?;
    reconciliation::Entity::find()
        .filter(reconciliation::Column::BillDate.eq(d))
        .one(&st.db)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "该日期尚未对账"))
}

#[endpoint(tags("finance"), status_codes(200, 400, 404))]
pub async fn get_reconciliation(
    date: PathParam<String>,
    depot: &mut Depot,
) -> AppResult<Json<ReconView>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    Ok(Json(render(stored(&st, &date.into_inner()).await?)))
}

const COLUMNS: &[Column<'static>] = &[
    Column::text("结果"),
    Column::text("商户订单号"),
    Column::text("微信支付单号"),
    Column::text("商户退款单号"),
    Column::new("微信金额（元）", Kind::Money),
    Column::new("本地金额（元）", Kind::Money),
    Column::text("说明"),
];

#[endpoint(tags("finance"), status_codes(200, 400, 404))]
pub async fn export_reconciliation(
    date: PathParam<String>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_finance", "admin"])?;
    let v = render(stored(&st, &date.into_inner()).await?);
    let label = |k: &str| {
        KINDS
            .iter()
            .find(|(x, _)| *x == k)
            .map(|(_, l)| *l)
            .unwrap_or(k)
            .to_string()
    };
    let rows: Vec<Vec<Cell>> = v
        .items
        .iter()
        .map(|i| {
            vec![
                Cell::Text(label(&i.kind)),
                Cell::Text(i.out_trade_no.clone()),
                Cell::Text(i.transaction_id.clone().unwrap_or_default()),
                Cell::Text(i.out_refund_no.clone().unwrap_or_default()),
                Cell::Money(i.wechat_fen),
                Cell::Money(i.local_fen),
                Cell::Text(i.note.clone()),
            ]
        })
        .collect();
    let counts: Vec<String> = KINDS
        .iter()
        .map(|(k, l)| format!("{l} {}", v.summary.get(*k).copied().unwrap_or_default()))
        .collect();
    let title = format!(
        "{} 微信支付对账（账单 {} 行，收款 ¥{}，退款 ¥{}；{}）",
        v.date,
        v.bill_rows,
        yuan(v.bill_paid_fen),
        yuan(v.bill_refund_fen),
        counts.join("，")
    );
    let table = Table::new("对账结果", title, COLUMNS, rows);
    spreadsheet::send(res, table, &format!("对账-{}.xlsx", v.date)).await
}
