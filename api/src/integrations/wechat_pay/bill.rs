//! The trade bill file (protocol §9.3): a header line, detail rows whose every value starts with a backtick,
//! then `总交易单数,…` and one summary row. Amounts are yuan with two decimals and become fen without floats.
//! Columns are found by header name (old merchants have a slightly different layout).

/// One detail row, reduced to what reconciliation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillRow {
    pub trade_time: String,
    pub app_id: String,
    pub transaction_id: String,
    pub out_trade_no: String,
    /// `SUCCESS` (a payment) or `REFUND` (a refund row); `REVOKED` is read but ignored by reconciliation.
    pub state: String,
    /// 订单金额 (or 应结订单金额/总金额 on old layouts), fen.
    pub order_fen: i64,
    pub refund_id: String,
    pub out_refund_no: String,
    /// 退款金额 (or 申请退款金额), fen.
    pub refund_fen: i64,
    pub refund_status: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub rows: Vec<BillRow>,
    /// 总交易单数 of the summary row.
    pub summary_count: i64,
}

use crate::domain::money::parse_yuan;

fn split_row(line: &str) -> Vec<String> {
    // Every value starts with a backtick, so "`,`" separates values even when a value contains a comma.
    let line = line.strip_prefix('`').unwrap_or(line);
    line.split(",`")
        .map(|v| v.trim_end_matches(['\r', '\n']).to_string())
        .collect()
}

/// Parses an ALL/SUCCESS/REFUND trade bill; checks the summary's row count.
pub fn parse(text: &str) -> Result<Bill, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or("账单为空")?
        .split(',')
        .map(str::trim)
        .collect();
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let need = |names: &[&str]| col(names).ok_or_else(|| format!("账单缺少列：{}", names[0]));
    let c_time = need(&["交易时间"])?;
    let c_app = need(&["公众账号ID"])?;
    let c_tid = need(&["微信订单号"])?;
    let c_otn = need(&["商户订单号"])?;
    let c_state = need(&["交易状态"])?;
    let c_amount = need(&["订单金额", "应结订单金额", "总金额"])?;
    let c_rid = col(&["微信退款单号"]);
    let c_orn = col(&["商户退款单号"]);
    let c_refund = col(&["退款金额", "申请退款金额"]);
    let c_rstatus = col(&["退款状态"]);
    let mut rows = Vec::new();
    let mut summary_count = None;
    while let Some(line) = lines.next() {
        if line.starts_with("总交易单数") {
            let s = lines.next().ok_or("账单缺少汇总行")?;
            let v = split_row(s);
            summary_count = Some(
                v.first()
                    .and_then(|x| x.trim().parse::<i64>().ok())
                    .ok_or("汇总行无法解析")?,
            );
            break;
        }
        let v = split_row(line);
        let get = |i: usize| v.get(i).cloned().unwrap_or_default();
        let opt = |i: Option<usize>| i.map(get).unwrap_or_default();
        let fen = |s: String| {
            if s.is_empty() {
                Some(0)
            } else {
                parse_yuan(&s)
            }
        };
        let n = rows.len() + 2;
        rows.push(BillRow {
            trade_time: get(c_time),
            app_id: get(c_app),
            transaction_id: get(c_tid),
            out_trade_no: get(c_otn),
            state: get(c_state),
            order_fen: fen(get(c_amount)).ok_or_else(|| format!("第 {n} 行金额无法解析"))?,
            refund_id: opt(c_rid),
            out_refund_no: opt(c_orn),
            refund_fen: fen(opt(c_refund)).ok_or_else(|| format!("第 {n} 行退款金额无法解析"))?,
            refund_status: opt(c_rstatus),
        });
    }
    let summary_count = summary_count.ok_or("账单缺少汇总行")?;
    if summary_count != rows.len() as i64 {
        return Err(format!(
            "账单明细 {} 行，与汇总的 {summary_count} 笔不符",
            rows.len()
        ));
    }
    Ok(Bill {
        rows,
        summary_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n\
`2021-01-28 17:07:11,`wx81be3101902f7cb2,`1601959334,`0,`,`4200000925202101284997714292,`S20210128170702357723,`ofyak5qR_1wYsC99CsWA6R9MJazA,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`for testing, with a comma,`cipher code,`0.00000,`1.00%,`0.01,`0.00,`\r\n\
`2021-01-28 18:00:00,`wx81be3101902f7cb2,`1601959334,`0,`,`4200000925202101284997714292,`S20210128170702357723,`ofyak5qR_1wYsC99CsWA6R9MJazA,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300807092021020105990201735,`R1,`0.01,`0.00,`ORIGINAL,`SUCCESS,`for testing,`cipher code,`0.00000,`1.00%,`0.00,`0.01,`\r\n\
总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n\
`2,`0.01,`0.01,`0.00,`0.00000,`0.01,`0.01\r\n";

    #[test]
    fn parses_payment_and_refund_rows() {
        let b = parse(SAMPLE).expect("parses");
        assert_eq!(b.summary_count, 2);
        assert_eq!(b.rows[0].out_trade_no, "S20210128170702357723");
        assert_eq!(b.rows[0].state, "SUCCESS");
        assert_eq!(b.rows[0].order_fen, 1);
        assert_eq!(b.rows[1].state, "REFUND");
        assert_eq!(b.rows[1].out_refund_no, "R1");
        assert_eq!(b.rows[1].refund_fen, 1);
        assert_eq!(b.rows[1].refund_status, "SUCCESS");
    }

    #[test]
    fn a_count_mismatch_is_refused() {
        let broken = SAMPLE.replace("`2,`0.01", "`3,`0.01");
        assert!(parse(&broken).expect_err("count mismatch").contains("不符"));
        assert!(parse("").is_err());
        assert!(parse("交易时间,公众账号ID\n").is_err());
    }
}
