//! Trade bills (§9.1–9.3): `GET /v3/bill/tradebill` and `GET /v3/billdownload/file`.
//!
//! Rows are generated from the simulator's own orders and refunds when the bill is applied for:
//! * a payment row (交易状态 `SUCCESS`) on the Beijing date of `success_time`, refund columns `0` / `0.00`,
//!   退款类型 and 退款状态 empty;
//! * a refund row (交易状态 `REFUND`) on the Beijing date the refund was accepted, with 微信退款单号,
//!   商户退款单号, 退款金额 and 申请退款金额 filled, 退款类型 `ORIGINAL`, 退款状态 as of now. Its 应结订单金额
//!   and 订单金额 are `0.00` and its 手续费 is the negated fee of the refunded amount, so that every summary
//!   total is the plain sum of its column (real refund-row details are unconfirmed, protocol §9.3);
//! * 手续费 = 0.60% of the amount, rounded half-up to the fen, printed with 5 decimals.
//!
//! Orders paid with `exclude_from_bill` are left out together with their refunds; `bill_amount_override`
//! replaces the 应结订单金额/订单金额 printed for that payment (and its fee).
//!
//! Download tokens live 30 s; an unknown or expired token answers `400 INVALID_REQUEST`.

use std::io::Write;

use chrono::{DateTime, FixedOffset, Months, NaiveDate, TimeDelta};
use flate2::Compression;
use flate2::write::GzEncoder;
use salvo::http::header::HOST;
use salvo::prelude::*;
use serde_json::json;
use sha1::{Digest, Sha1};

use super::BillState;
use super::model::{Api, Download, PayState, beijing, bj_date, now_bj};
use super::wire::{PayError, PayResult, Reply, serve};
use crate::Sim;
use crate::util::{ALNUM, random_string};

/// How long a `download_url` stays valid.
pub(crate) const DOWNLOAD_TTL_SECS: i64 = 30;

pub(crate) fn router() -> Router {
    Router::new()
        .push(Router::with_path("bill/tradebill").get(tradebill))
        .push(Router::with_path("billdownload/file").get(download))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BillType {
    All,
    Success,
    Refund,
}

const ALL_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const SUCCESS_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
const REFUND_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const ALL_SUMMARY: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
const SUCCESS_SUMMARY: &str = "总交易单数,应结订单总金额,手续费总金额,订单总金额";

/// 0.60%, rounded half-up to the fen.
fn fee(amount: i64) -> i64 {
    (amount * 6 + 500) / 1000
}

/// Fen → yuan with `decimals` (2 or 5) decimals: `12000` → `120.00`.
fn yuan(fen: i64, decimals: usize) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!(
        "{sign}{}.{:02}{}",
        abs / 100,
        abs % 100,
        "0".repeat(decimals - 2)
    )
}

fn clock(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&beijing())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// One detail row, before layout.
struct Line {
    time: DateTime<FixedOffset>,
    appid: String,
    mchid: String,
    transaction_id: String,
    out_trade_no: String,
    openid: String,
    refund: Option<RefundCols>,
    description: String,
    attach: String,
    /// 应结订单金额 = 订单金额 (fen)
    amount: i64,
    /// signed fen
    fee: i64,
}

struct RefundCols {
    refund_id: String,
    out_refund_no: String,
    amount: i64,
    status: &'static str,
    applied: String,
    succeeded: String,
}

impl Line {
    fn cell(&self, column: &str) -> String {
        let r = self.refund.as_ref();
        let refund_amount = r.map_or(0, |r| r.amount);
        match column {
            "交易时间" => clock(&self.time),
            "公众账号ID" => self.appid.clone(),
            "商户号" => self.mchid.clone(),
            "特约商户号" => "0".into(),
            "微信订单号" => self.transaction_id.clone(),
            "商户订单号" => self.out_trade_no.clone(),
            "用户标识" => self.openid.clone(),
            "交易类型" => "JSAPI".into(),
            "交易状态" => if r.is_some() { "REFUND" } else { "SUCCESS" }.into(),
            "付款银行" => "OTHERS".into(),
            "货币种类" => "CNY".into(),
            "应结订单金额" | "订单金额" => yuan(self.amount, 2),
            "代金券金额" | "充值券退款金额" => yuan(0, 2),
            "退款申请时间" => r.map(|r| r.applied.clone()).unwrap_or_default(),
            "退款成功时间" => r.map(|r| r.succeeded.clone()).unwrap_or_default(),
            "微信退款单号" => r.map_or_else(|| "0".into(), |r| r.refund_id.clone()),
            "商户退款单号" => r.map_or_else(|| "0".into(), |r| r.out_refund_no.clone()),
            "退款金额" | "申请退款金额" => yuan(refund_amount, 2),
            "退款类型" => r.map(|_| "ORIGINAL".to_owned()).unwrap_or_default(),
            "退款状态" => r.map(|r| r.status.to_owned()).unwrap_or_default(),
            "商品名称" => self.description.clone(),
            "商户数据包" => self.attach.clone(),
            "手续费" => yuan(self.fee, 5),
            "费率" => "0.60%".into(),
            _ => String::new(), // 设备号, 费率备注
        }
    }
}

fn lines(st: &PayState, date: NaiveDate, kind: BillType) -> Vec<Line> {
    let mut out = Vec::new();
    for order in st.orders.values() {
        let Some(p) = order.payment.as_ref().filter(|p| !p.exclude_from_bill) else {
            continue;
        };
        let base = |time, refund, amount, fee| Line {
            time,
            appid: order.appid.clone(),
            mchid: order.mchid.clone(),
            transaction_id: p.transaction_id.clone(),
            out_trade_no: order.out_trade_no.clone(),
            openid: order.openid.clone(),
            refund,
            description: order.description.clone(),
            attach: order.attach.clone().unwrap_or_default(),
            amount,
            fee,
        };
        if kind != BillType::Refund && bj_date(&p.success_time) == date {
            let amount = p.bill_amount_override.unwrap_or(order.total);
            out.push(base(p.success_time, None, amount, fee(amount)));
        }
        if kind == BillType::Success {
            continue;
        }
        for r in st.refunds.values() {
            if r.out_trade_no != order.out_trade_no || bj_date(&r.created_at) != date {
                continue;
            }
            let cols = RefundCols {
                refund_id: r.refund_id.clone(),
                out_refund_no: r.out_refund_no.clone(),
                amount: r.refund,
                status: r.status.as_str(),
                applied: clock(&r.created_at),
                succeeded: r.success_time.as_ref().map(clock).unwrap_or_default(),
            };
            out.push(base(r.created_at, Some(cols), 0, -fee(r.refund)));
        }
    }
    out.sort_by(|a, b| (a.time, &a.out_trade_no).cmp(&(b.time, &b.out_trade_no)));
    out
}

/// The bill text (`\r\n` line ends), or `None` when there is no row.
fn render(st: &PayState, date: NaiveDate, kind: BillType) -> Option<String> {
    let rows = lines(st, date, kind);
    if rows.is_empty() {
        return None;
    }
    let (header, summary) = match kind {
        BillType::All => (ALL_HEADER, ALL_SUMMARY),
        BillType::Success => (SUCCESS_HEADER, SUCCESS_SUMMARY),
        BillType::Refund => (REFUND_HEADER, ALL_SUMMARY),
    };
    let tick = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| format!("`{c}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = format!("{header}\r\n");
    for row in &rows {
        text += &tick(header.split(',').map(|c| row.cell(c)).collect());
        text += "\r\n";
    }
    let sum = |f: &dyn Fn(&Line) -> i64| rows.iter().map(f).sum::<i64>();
    let refunds = sum(&|l| l.refund.as_ref().map_or(0, |r| r.amount));
    let totals: Vec<String> = summary
        .split(',')
        .map(|c| match c {
            "总交易单数" => rows.len().to_string(),
            "应结订单总金额" | "订单总金额" => yuan(sum(&|l| l.amount), 2),
            "退款总金额" | "申请退款总金额" => yuan(refunds, 2),
            "手续费总金额" => yuan(sum(&|l| l.fee), 5),
            _ => yuan(0, 2), // 充值券退款总金额
        })
        .collect();
    text += &format!("{summary}\r\n{}\r\n", tick(totals));
    Some(text)
}

fn apply(sim: &Sim, req: &Request) -> PayResult {
    let raw_date = req.query::<String>("bill_date").unwrap_or_default();
    let today = bj_date(&now_bj());
    let date = NaiveDate::parse_from_str(&raw_date, "%Y-%m-%d")
        .ok()
        .filter(|d| raw_date.len() == 10 && *d <= today)
        .filter(|d| {
            today
                .checked_sub_months(Months::new(3))
                .is_none_or(|oldest| *d >= oldest)
        })
        .ok_or_else(|| {
            PayError::query_param(
                "bill_date",
                &raw_date,
                "须为近三个月内的日期，格式 YYYY-MM-DD",
            )
        })?;
    let kind = match req.query::<String>("bill_type").as_deref() {
        None | Some("ALL") => BillType::All,
        Some("SUCCESS") => BillType::Success,
        Some("REFUND") => BillType::Refund,
        Some(other) => {
            return Err(PayError::query_param(
                "bill_type",
                other,
                "须为 ALL、SUCCESS 或 REFUND",
            ));
        }
    };
    let gzip = match req.query::<String>("tar_type").as_deref() {
        None => false,
        Some("GZIP") => true,
        Some(other) => return Err(PayError::query_param("tar_type", other, "须为 GZIP")),
    };
    let no_statement = || {
        PayError::new(
            StatusCode::BAD_REQUEST,
            "NO_STATEMENT_EXIST",
            "请求的账单文件不存在",
        )
    };
    let mut st = sim.state();
    match st.pay.bills.get(&date).copied().unwrap_or_default() {
        BillState::Creating => {
            return Err(PayError::new(
                StatusCode::BAD_REQUEST,
                "STATEMENT_CREATING",
                "账单生成中",
            ));
        }
        BillState::NoStatement => return Err(no_statement()),
        BillState::Ready => {}
    }
    let text = render(&st.pay, date, kind).ok_or_else(no_statement)?;
    let hash_value = hex::encode(Sha1::digest(text.as_bytes()));
    let bytes = if gzip {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(text.as_bytes())
            .and_then(|()| enc.finish())
            .map_err(|e| {
                PayError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "SYSTEM_ERROR",
                    e.to_string(),
                )
            })?
    } else {
        text.into_bytes()
    };
    let now = now_bj();
    st.pay.downloads.retain(|_, d| d.expires_at > now);
    let token = random_string(48, ALNUM);
    let expires_at = now + TimeDelta::seconds(DOWNLOAD_TTL_SECS);
    st.pay.downloads.insert(
        token.clone(),
        Download {
            bytes,
            gzip,
            expires_at,
        },
    );
    let host = req
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(ToString::to_string))
        .unwrap_or_else(|| "127.0.0.1".into());
    let scheme = req.uri().scheme_str().unwrap_or("http");
    let suffix = if gzip { "&tartype=gzip" } else { "" };
    Ok(Reply::Json(json!({
        "hash_type": "SHA1",
        "hash_value": hash_value,
        "download_url": format!("{scheme}://{host}/v3/billdownload/file?token={token}{suffix}"),
    })))
}

/// `GET /v3/bill/tradebill?bill_date=YYYY-MM-DD&bill_type=ALL|SUCCESS|REFUND&tar_type=GZIP`
///
/// Unlike WeChat (which generates a day's bill from 09:00 the next day), **today's** bill is available at once:
/// a simulator convenience so a demo can reconcile the same day. Future dates and dates older than three
/// months answer `400 PARAM_ERROR`.
#[handler]
async fn tradebill(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Tradebill), |sim, req, _call| {
        apply(sim, req)
    })
    .await;
}

/// `GET /v3/billdownload/file?token=…[&tartype=gzip]`: signed request, unsigned file answer.
#[handler]
async fn download(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, None, |sim, req, _call| {
        let token = req.query::<String>("token").unwrap_or_default();
        let now = now_bj();
        let st = sim.state();
        let file = st
            .pay
            .downloads
            .get(&token)
            .filter(|d| d.expires_at > now)
            .ok_or_else(|| {
                PayError::invalid("下载链接无效或已过期（有效期 30 秒），请重新申请账单")
            })?;
        Ok(Reply::File {
            bytes: file.bytes.clone(),
            gzip: file.gzip,
        })
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(yuan(12000, 2), "120.00");
        assert_eq!(yuan(1, 2), "0.01");
        assert_eq!(yuan(72, 5), "0.72000");
        assert_eq!(yuan(-72, 5), "-0.72000");
        assert_eq!(yuan(0, 5), "0.00000");
        assert_eq!(fee(12000), 72);
        assert_eq!(fee(1), 0);
        assert_eq!(fee(84), 1); // 0.504 fen rounds up
        assert_eq!(fee(83), 0);
    }
}
