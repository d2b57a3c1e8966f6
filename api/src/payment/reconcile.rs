//! 对账: a day's WeChat Pay trade bill against local orders and refunds. Every difference is a stored item;
//! running the same date again gives the same result (orders repaired by an earlier run stay `repaired`).
use super::settle::{self, PAID, Settled};
use crate::domain::money::yuan;
use crate::domain::time::cst;
use crate::error::AppResult;
use crate::integrations::wechat_pay::bill::{self, Bill};
use crate::integrations::wechat_pay::{BillOutcome, PayClient};
use crate::state::AppState;
use chrono::NaiveDate;
use entity::{pay_order, pay_refund, reconciliation};
use salvo::oapi::ToSchema;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
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
