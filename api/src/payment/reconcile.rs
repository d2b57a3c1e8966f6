//! 对账: a day's WeChat Pay trade bill against local orders and refunds. Every difference is a stored item;
//! running the same date again gives the same result (orders repaired by an earlier run stay `repaired`).
use super::settle::{self, PAID, Settled};
use super::summary::yuan;
use crate::error::{AppError, AppResult};
use crate::integrations::wechat_pay::bill::{self, Bill};
use crate::integrations::wechat_pay::{BillOutcome, PayClient};
use crate::plan::rules::{cst, fmt_dt};
use crate::state::{AppState, DepotExt};
use chrono::NaiveDate;
use entity::{pay_order, pay_refund, reconciliation};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const KINDS: [(&str, &str); 7] = [
    ("matched", "一致"),
    ("repaired", "已补单"),
    ("wechat_only", "微信有本地无"),
    ("local_only", "本地有微信无"),
    ("amount_mismatch", "金额不符"),
    ("refund_matched", "退款一致"),
    ("refund_mismatch", "退款不符"),
];

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ReconItem {
    pub kind: String,
    pub out_trade_no: String,
    pub transaction_id: Option<String>,
    pub out_refund_no: Option<String>,
    pub wechat_fen: Option<i64>,
    pub local_fen: Option<i64>,
    pub note: String,
}

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

fn day_bounds(
    date: NaiveDate,
) -> (
    chrono::DateTime<chrono::FixedOffset>,
    chrono::DateTime<chrono::FixedOffset>,
) {
    let start = date
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_local_timezone(cst())
        .single()
        .unwrap_or_else(crate::now);
    (start, start + chrono::Duration::days(1))
}

fn item(
    kind: &str,
    o: &str,
    t: Option<String>,
    r: Option<String>,
    w: Option<i64>,
    l: Option<i64>,
    note: impl Into<String>,
) -> ReconItem {
    ReconItem {
        kind: kind.into(),
        out_trade_no: o.into(),
        transaction_id: t,
        out_refund_no: r,
        wechat_fen: w,
        local_fen: l,
        note: note.into(),
    }
}

/// Compares the bill with local records, repairing what a query can repair.
async fn compare(
    st: &AppState,
    pay: &PayClient,
    date: NaiveDate,
    bill: &Bill,
    repaired_before: &HashSet<String>,
) -> AppResult<Vec<ReconItem>> {
    let (from, to) = day_bounds(date);
    let mut local: HashMap<String, pay_order::Model> = pay_order::Entity::find()
        .filter(pay_order::Column::Status.eq(PAID))
        .filter(pay_order::Column::PaidAt.gte(from))
        .filter(pay_order::Column::PaidAt.lt(to))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|o| (o.out_trade_no.clone(), o))
        .collect();
    let mut items = Vec::new();
    for row in bill.rows.iter().filter(|r| r.state == "SUCCESS") {
        let tid = Some(row.transaction_id.clone());
        let known = match local.remove(&row.out_trade_no) {
            Some(o) => Some(o),
            None => settle::order_by_no(&st.db, &row.out_trade_no).await?,
        };
        let Some(o) = known else {
            items.push(item(
                "wechat_only",
                &row.out_trade_no,
                tid,
                None,
                Some(row.order_fen),
                None,
                "微信已收款，本地无此订单",
            ));
            continue;
        };
        if o.status != PAID {
            let fixed = match pay.query_order(&o.out_trade_no).await {
                Ok(Some(tx)) => matches!(
                    settle::apply_transaction(st, pay, &tx, "reconcile").await,
                    Ok(Settled::Paid | Settled::PaidLate | Settled::AlreadyApplied)
                ),
                _ => false,
            };
            if fixed {
                items.push(item(
                    "repaired",
                    &o.out_trade_no,
                    tid,
                    None,
                    Some(row.order_fen),
                    Some(o.amount_fen),
                    "微信已支付、本地未支付：已查询补单",
                ));
            } else {
                items.push(item(
                    "wechat_only",
                    &o.out_trade_no,
                    tid,
                    None,
                    Some(row.order_fen),
                    Some(o.amount_fen),
                    "微信已支付、本地未支付：查询补单未成功，请人工核查",
                ));
            }
            continue;
        }
        if row.order_fen != o.amount_fen {
            items.push(item(
                "amount_mismatch",
                &o.out_trade_no,
                tid,
                None,
                Some(row.order_fen),
                Some(o.amount_fen),
                format!(
                    "账单金额 ¥{} 与本地订单 ¥{} 不符",
                    yuan(row.order_fen),
                    yuan(o.amount_fen)
                ),
            ));
        } else if repaired_before.contains(&o.out_trade_no) {
            items.push(item(
                "repaired",
                &o.out_trade_no,
                tid,
                None,
                Some(row.order_fen),
                Some(o.amount_fen),
                "微信已支付、本地未支付：已查询补单",
            ));
        } else {
            items.push(item(
                "matched",
                &o.out_trade_no,
                tid,
                None,
                Some(row.order_fen),
                Some(o.amount_fen),
                "",
            ));
        }
    }
    for o in local.into_values() {
        items.push(item(
            "local_only",
            &o.out_trade_no,
            o.transaction_id.clone(),
            None,
            None,
            Some(o.amount_fen),
            "本地已支付，当日账单中无此订单",
        ));
    }
    // Refunds: rows of the bill against refunds WeChat accepted that day.
    let mut refunds: HashMap<String, pay_refund::Model> = pay_refund::Entity::find()
        .filter(pay_refund::Column::RefundId.is_not_null())
        .filter(pay_refund::Column::CreatedAt.gte(from))
        .filter(pay_refund::Column::CreatedAt.lt(to))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|r| (r.out_refund_no.clone(), r))
        .collect();
    for row in bill.rows.iter().filter(|r| r.state == "REFUND") {
        let rn = Some(row.out_refund_no.clone());
        let tid = Some(row.transaction_id.clone());
        let known = match refunds.remove(&row.out_refund_no) {
            Some(r) => Some(r),
            None => {
                pay_refund::Entity::find()
                    .filter(pay_refund::Column::OutRefundNo.eq(&row.out_refund_no))
                    .one(&st.db)
                    .await?
            }
        };
        match known {
            None => items.push(item(
                "refund_mismatch",
                &row.out_trade_no,
                tid,
                rn,
                Some(row.refund_fen),
                None,
                "微信有退款，本地无此退款记录",
            )),
            Some(r) if r.amount_fen != row.refund_fen => items.push(item(
                "refund_mismatch",
                &row.out_trade_no,
                tid,
                rn,
                Some(row.refund_fen),
                Some(r.amount_fen),
                "退款金额不符",
            )),
            Some(r) => items.push(item(
                "refund_matched",
                &row.out_trade_no,
                tid,
                rn,
                Some(row.refund_fen),
                Some(r.amount_fen),
                if r.status == "success" {
                    ""
                } else {
                    "本地退款尚未完成"
                },
            )),
        }
    }
    for r in refunds.into_values() {
        let otn = pay_order::Entity::find_by_id(r.order_id)
            .one(&st.db)
            .await?
            .map(|o| o.out_trade_no)
            .unwrap_or_default();
        items.push(item(
            "refund_mismatch",
            &otn,
            None,
            Some(r.out_refund_no.clone()),
            None,
            Some(r.amount_fen),
            "本地已退款，当日账单中无此退款",
        ));
    }
    // Differences first, then the matches; stable within a kind.
    let rank = |k: &str| match k {
        "matched" => 10,
        "refund_matched" => 11,
        other => KINDS.iter().position(|(x, _)| *x == other).unwrap_or(9),
    };
    items.sort_by(|a, b| {
        (rank(&a.kind), &a.out_trade_no, &a.out_refund_no).cmp(&(
            rank(&b.kind),
            &b.out_trade_no,
            &b.out_refund_no,
        ))
    });
    Ok(items)
}

/// Runs (or re-runs) the reconciliation of `date` and stores the result.
pub async fn run(
    st: &AppState,
    pay: &PayClient,
    date: NaiveDate,
    by: Option<i32>,
) -> AppResult<reconciliation::Model> {
    let previous = reconciliation::Entity::find()
        .filter(reconciliation::Column::BillDate.eq(date))
        .one(&st.db)
        .await?;
    let repaired_before: HashSet<String> = previous
        .as_ref()
        .and_then(|p| serde_json::from_value::<Vec<ReconItem>>(p.items.clone()).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.kind == "repaired")
        .map(|i| i.out_trade_no)
        .collect();
    let (status, message, parsed) = match pay.trade_bill(date).await {
        Ok(BillOutcome::Ready(bytes)) => match bill::parse(&String::from_utf8_lossy(&bytes)) {
            Ok(b) => ("done", None, Some(b)),
            Err(e) => ("failed", Some(format!("账单无法解析：{e}")), None),
        },
        Ok(BillOutcome::NoStatement) => (
            "no_statement",
            Some("当日无微信交易".to_string()),
            Some(Bill {
                rows: vec![],
                summary_count: 0,
            }),
        ),
        Ok(BillOutcome::Creating) => (
            "creating",
            Some("微信账单生成中，请稍后再试".to_string()),
            None,
        ),
        Err(e) => ("failed", Some(format!("下载账单失败：{e}")), None),
    };
    let items = match &parsed {
        Some(b) => compare(st, pay, date, b, &repaired_before).await?,
        None => Vec::new(),
    };
    let mut summary: BTreeMap<String, i64> =
        KINDS.iter().map(|(k, _)| (k.to_string(), 0)).collect();
    for i in &items {
        *summary.entry(i.kind.clone()).or_default() += 1;
    }
    let rows = parsed
        .as_ref()
        .map(|b| b.rows.len() as i32)
        .unwrap_or_default();
    let paid: i64 = parsed
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| r.state == "SUCCESS")
        .map(|r| r.order_fen)
        .sum();
    let refunded: i64 = parsed
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| r.state == "REFUND")
        .map(|r| r.refund_fen)
        .sum();
    let mut am = match previous {
        Some(p) => p.into(),
        None => reconciliation::ActiveModel {
            bill_date: Set(date),
            ..Default::default()
        },
    };
    am.status = Set(status.into());
    am.message = Set(message);
    am.bill_rows = Set(rows);
    am.bill_paid_fen = Set(paid);
    am.bill_refund_fen = Set(refunded);
    am.summary = Set(serde_json::to_value(&summary).unwrap_or_default());
    am.items = Set(serde_json::to_value(&items).unwrap_or_default());
    am.ran_by = Set(by);
    am.ran_at = Set(crate::now());
    let saved = sea_orm::TryIntoModel::try_into_model(am.save(&st.db).await?)?;
    crate::audit::record(
        &st.db,
        crate::audit::Event {
            actor_id: by,
            action: "reconciliation_run",
            target_type: "reconciliation",
            target_id: Some(date.to_string()),
            after: Some(serde_json::json!({ "status": status, "summary": summary })),
            ..Default::default()
        },
    )
    .await?;
    Ok(saved)
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
#[endpoint(tags("finance"), status_codes(200, 400, 503))]
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

const COLUMNS: &[&str] = &[
    "结果",
    "商户订单号",
    "微信支付单号",
    "商户退款单号",
    "微信金额（元）",
    "本地金额（元）",
    "说明",
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
    let money = |v: Option<i64>| v.map(yuan).unwrap_or_default();
    let rows: Vec<Vec<String>> = v
        .items
        .iter()
        .map(|i| {
            vec![
                label(&i.kind),
                i.out_trade_no.clone(),
                i.transaction_id.clone().unwrap_or_default(),
                i.out_refund_no.clone().unwrap_or_default(),
                money(i.wechat_fen),
                money(i.local_fen),
                i.note.clone(),
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
    super::send_xlsx(
        res,
        "对账结果",
        &title,
        COLUMNS,
        rows,
        &format!("对账-{}.xlsx", v.date),
    )
    .await
}
