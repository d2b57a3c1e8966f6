//! Trade bills: apply, download (gzip, SHA1, unsigned file), the §9.3 layout, and the bill states.

mod pay_support;

use std::collections::HashMap;
use std::io::Read;

use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use pay_support::{PayHarness, Resp};
use serde_json::json;
use sha1::{Digest, Sha1};
use wechat_sim::{BillState, InjectedOrder, NotifyMode, PayOptions, SIM_MCHID, SIM_PUB_KEY_ID};

const NOTIFY: &str = "http://127.0.0.1:9/notify";
const ALL_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const ALL_SUMMARY: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(8 * 3600).expect("+08:00"))
        .date_naive()
}

fn options(f: impl FnOnce(&mut PayOptions)) -> PayOptions {
    let mut o = PayOptions {
        notify: NotifyMode::None,
        ..PayOptions::default()
    };
    f(&mut o);
    o
}

/// A decimal string → integer units of 10^-decimals (`"120.00"`, 2 → 12000).
fn units(s: &str, decimals: u32) -> i64 {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert_eq!(
        frac.len(),
        decimals as usize,
        "{s} should have {decimals} decimals"
    );
    let v =
        int.parse::<i64>().expect("int") * 10i64.pow(decimals) + frac.parse::<i64>().unwrap_or(0);
    if neg { -v } else { v }
}

struct Bill {
    rows: Vec<HashMap<String, String>>,
    summary: HashMap<String, String>,
}

fn parse(text: &str, header: &str, summary_header: &str) -> Bill {
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines[0], header);
    let columns: Vec<&str> = header.split(',').collect();
    let split = |line: &str, cols: &[&str]| -> HashMap<String, String> {
        let values: Vec<&str> = line
            .strip_prefix('`')
            .expect("backtick")
            .split(",`")
            .collect();
        assert_eq!(values.len(), cols.len(), "{line}");
        cols.iter()
            .zip(values)
            .map(|(c, v)| ((*c).to_owned(), v.to_owned()))
            .collect()
    };
    let end = lines
        .iter()
        .position(|l| l.starts_with("总交易单数"))
        .expect("summary header");
    assert_eq!(lines[end], summary_header);
    assert_eq!(lines.len(), end + 2);
    let summary_cols: Vec<&str> = summary_header.split(',').collect();
    Bill {
        rows: lines[1..end].iter().map(|l| split(l, &columns)).collect(),
        summary: split(lines[end + 1], &summary_cols),
    }
}

async fn apply(h: &PayHarness, query: &str) -> anyhow::Result<Resp> {
    h.get(&format!("/v3/bill/tradebill?{query}")).await
}

/// Applies and downloads → (uncompressed text, apply response).
async fn fetch(h: &PayHarness, query: &str) -> anyhow::Result<(String, serde_json::Value)> {
    let resp = apply(h, query).await?;
    anyhow::ensure!(resp.status == 200, "apply: {}", resp.json());
    assert!(resp.verifies(SIM_PUB_KEY_ID));
    let meta = resp.json();
    assert_eq!(meta["hash_type"], "SHA1");
    let url = meta["download_url"].as_str().unwrap_or_default();
    let target = url
        .strip_prefix(&h.handle.base_url)
        .expect("download_url on the simulator's own host");
    assert!(target.starts_with("/v3/billdownload/file?token="));
    let file = h.get(target).await?;
    assert_eq!(file.status, 200);
    assert!(
        file.headers
            .keys()
            .all(|k| !k.as_str().starts_with("wechatpay-")),
        "the file is not signed"
    );
    let text = if url.ends_with("&tartype=gzip") {
        let mut out = String::new();
        flate2::read::GzDecoder::new(file.body.as_slice()).read_to_string(&mut out)?;
        out
    } else {
        String::from_utf8(file.body)?
    };
    assert_eq!(
        meta["hash_value"],
        hex::encode(Sha1::digest(text.as_bytes()))
    );
    Ok((text, meta))
}

#[tokio::test]
async fn the_all_bill_lists_payments_and_refunds_with_a_summary() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    let mut body = h.order_body("BILL000001", 12000, NOTIFY);
    body["attach"] = json!("cand=8842");
    assert_eq!(
        h.post("/v3/pay/transactions/jsapi", &body).await?.status,
        200
    );
    let tid_a = h.sim.pay_order("BILL000001", options(|_| {})).await?;
    for (no, f) in [
        ("BILL000002", options(|_| {})),
        ("BILL000003", options(|o| o.exclude_from_bill = true)),
        (
            "BILL000004",
            options(|o| o.bill_amount_override = Some(9900)),
        ),
    ] {
        h.order(no, 10000, NOTIFY).await?;
        h.sim.pay_order(no, f).await?;
    }
    h.order("BILL000005", 100, NOTIFY).await?; // unpaid: not in the bill
    let refund = json!({ "out_trade_no": "BILL000001", "out_refund_no": "RB0001", "amount": { "refund": 5000, "total": 12000, "currency": "CNY" } });
    assert_eq!(
        h.post("/v3/refund/domestic/refunds", &refund).await?.status,
        200
    );
    tokio::time::sleep(std::time::Duration::from_millis(400)).await; // auto-completes after 200 ms
    let injected = h.sim.inject_paid_order(InjectedOrder {
        out_trade_no: "FOREIGN001".into(),
        amount: 500,
        openid: "oForeignUser0000000000000000".into(),
        ..InjectedOrder::default()
    })?;

    let (text, _) = fetch(&h, &format!("bill_date={}&bill_type=ALL", today())).await?;
    let bill = parse(&text, ALL_HEADER, ALL_SUMMARY);
    let by = |no: &str, state: &str| {
        bill.rows
            .iter()
            .find(|r| r["商户订单号"] == no && r["交易状态"] == state)
            .cloned()
    };
    assert_eq!(bill.rows.len(), 5, "{text}");
    assert!(by("BILL000003", "SUCCESS").is_none() && by("BILL000005", "SUCCESS").is_none());

    let a = by("BILL000001", "SUCCESS").expect("payment row");
    assert_eq!(a["微信订单号"], tid_a);
    assert_eq!(
        (a["公众账号ID"].as_str(), a["商户号"].as_str()),
        (h.cfg.official.appid.as_str(), SIM_MCHID)
    );
    assert_eq!((a["特约商户号"].as_str(), a["设备号"].as_str()), ("0", ""));
    assert_eq!(
        (
            a["交易类型"].as_str(),
            a["付款银行"].as_str(),
            a["货币种类"].as_str()
        ),
        ("JSAPI", "OTHERS", "CNY")
    );
    assert_eq!(
        (
            a["应结订单金额"].as_str(),
            a["订单金额"].as_str(),
            a["代金券金额"].as_str()
        ),
        ("120.00", "120.00", "0.00")
    );
    assert_eq!(
        (a["手续费"].as_str(), a["费率"].as_str()),
        ("0.72000", "0.60%")
    );
    assert_eq!(
        (a["微信退款单号"].as_str(), a["商户退款单号"].as_str()),
        ("0", "0")
    );
    assert_eq!(
        (a["退款金额"].as_str(), a["申请退款金额"].as_str()),
        ("0.00", "0.00")
    );
    assert_eq!(
        (
            a["退款类型"].as_str(),
            a["退款状态"].as_str(),
            a["费率备注"].as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        (a["商品名称"].as_str(), a["商户数据包"].as_str()),
        ("2026 春季考试报名费", "cand=8842")
    );
    assert_eq!(a["用户标识"], "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assert_eq!(a["交易时间"].len(), 19);

    let r = by("BILL000001", "REFUND").expect("refund row");
    assert_eq!(r["微信订单号"], tid_a);
    assert_eq!(r["商户退款单号"], "RB0001");
    assert_eq!(r["微信退款单号"].len(), 29);
    assert_eq!(
        (r["退款金额"].as_str(), r["申请退款金额"].as_str()),
        ("50.00", "50.00")
    );
    assert_eq!(
        (r["退款类型"].as_str(), r["退款状态"].as_str()),
        ("ORIGINAL", "SUCCESS")
    );
    assert_eq!(
        by("BILL000004", "SUCCESS").expect("row")["订单金额"],
        "99.00"
    );
    assert_eq!(
        by("FOREIGN001", "SUCCESS").expect("injected row")["微信订单号"],
        injected
    );

    let sum = |col: &str, d: u32| bill.rows.iter().map(|row| units(&row[col], d)).sum::<i64>();
    assert_eq!(bill.summary["总交易单数"], "5");
    assert_eq!(
        units(&bill.summary["应结订单总金额"], 2),
        sum("应结订单金额", 2)
    );
    assert_eq!(
        units(&bill.summary["应结订单总金额"], 2),
        12000 + 10000 + 9900 + 500
    );
    assert_eq!(units(&bill.summary["退款总金额"], 2), 5000);
    assert_eq!(
        units(&bill.summary["申请退款总金额"], 2),
        sum("申请退款金额", 2)
    );
    assert_eq!(units(&bill.summary["手续费总金额"], 5), sum("手续费", 5));
    assert_eq!(units(&bill.summary["订单总金额"], 2), sum("订单金额", 2));
    assert_eq!(bill.summary["充值券退款总金额"], "0.00");
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn gzip_success_and_refund_bills() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("BILLGZ0001", 100, NOTIFY).await?;
    let yesterday = Utc::now() - Duration::days(1);
    h.sim
        .pay_order(
            "BILLGZ0001",
            options(|o| o.success_time = Some(yesterday.fixed_offset())),
        )
        .await?;
    let date = (today() - Duration::days(1)).to_string();
    let (text, meta) = fetch(
        &h,
        &format!("bill_date={date}&bill_type=SUCCESS&tar_type=GZIP"),
    )
    .await?;
    assert!(
        meta["download_url"]
            .as_str()
            .is_some_and(|u| u.ends_with("&tartype=gzip"))
    );
    let success = parse(
        &text,
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注",
        "总交易单数,应结订单总金额,手续费总金额,订单总金额",
    );
    assert_eq!(success.rows.len(), 1);
    assert_eq!(success.rows[0]["手续费"], "0.01000"); // 0.6 fen, rounded
    apply(&h, &format!("bill_date={}", today()))
        .await?
        .assert_error(400, "NO_STATEMENT_EXIST");

    let refund = json!({ "out_trade_no": "BILLGZ0001", "out_refund_no": "RGZ0001", "amount": { "refund": 100, "total": 100, "currency": "CNY" } });
    assert_eq!(
        h.post("/v3/refund/domestic/refunds", &refund).await?.status,
        200
    );
    let (text, _) = fetch(&h, &format!("bill_date={}&bill_type=REFUND", today())).await?;
    let refunds = parse(
        &text,
        &ALL_HEADER.replace("代金券金额,", "代金券金额,退款申请时间,退款成功时间,"),
        ALL_SUMMARY,
    );
    assert_eq!(refunds.rows.len(), 1);
    assert_eq!(refunds.rows[0]["交易状态"], "REFUND");
    assert_eq!(refunds.rows[0]["退款申请时间"].len(), 19);
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn bill_states_dates_and_faults() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("BILLST0001", 100, NOTIFY).await?;
    h.sim.pay_order("BILLST0001", options(|_| {})).await?;
    let today = today();
    h.sim.set_bill_state(today, BillState::Creating);
    apply(&h, &format!("bill_date={today}"))
        .await?
        .assert_error(400, "STATEMENT_CREATING");
    let (status, _) = h
        .hook(
            "POST",
            &format!("/sim/pay/bills/{today}"),
            Some(json!({ "state": "none" })),
        )
        .await?;
    assert_eq!(status, 200);
    apply(&h, &format!("bill_date={today}"))
        .await?
        .assert_error(400, "NO_STATEMENT_EXIST");
    h.hook(
        "POST",
        &format!("/sim/pay/bills/{today}"),
        Some(json!({ "state": "ready" })),
    )
    .await?;
    assert_eq!(apply(&h, &format!("bill_date={today}")).await?.status, 200);

    let tomorrow = today + Duration::days(1);
    let old = today - Duration::days(100);
    for q in [
        format!("bill_date={tomorrow}"),
        format!("bill_date={old}"),
        "bill_date=2026-1-5".to_owned(),
        "bill_type=ALL".to_owned(),
        format!("bill_date={today}&bill_type=PAID"),
        format!("bill_date={today}&tar_type=ZIP"),
    ] {
        apply(&h, &q).await?.assert_error(400, "PARAM_ERROR");
    }
    apply(&h, &format!("bill_date={}", today - Duration::days(2)))
        .await?
        .assert_error(400, "NO_STATEMENT_EXIST");
    h.sim.set_fault("tradebill", "SYSTEM_ERROR", 1);
    apply(&h, &format!("bill_date={today}"))
        .await?
        .assert_error(500, "SYSTEM_ERROR");
    h.handle.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn the_download_needs_a_signed_request_and_a_live_token() -> anyhow::Result<()> {
    let h = PayHarness::start().await?;
    h.order("BILLDL0001", 100, NOTIFY).await?;
    h.sim.pay_order("BILLDL0001", options(|_| {})).await?;
    let meta = apply(&h, &format!("bill_date={}", today())).await?.json();
    let url = meta["download_url"].as_str().unwrap_or_default();
    let target = url.strip_prefix(&h.handle.base_url).unwrap_or_default();
    h.send("GET", target, b"", None)
        .await?
        .assert_error(401, "SIGN_ERROR");
    let path_only = pay_support::authorization(
        "GET",
        "/v3/billdownload/file",
        b"",
        pay_support::now_secs(),
        wechat_sim::SIM_MERCHANT_SERIAL,
    );
    h.send("GET", target, b"", Some(&path_only))
        .await?
        .assert_error(401, "SIGN_ERROR");
    h.get("/v3/billdownload/file?token=nope")
        .await?
        .assert_error(400, "INVALID_REQUEST");
    assert_eq!(h.get(target).await?.status, 200);
    h.handle.shutdown().await;
    Ok(())
}
