//! JSAPI orders (§3.1), order query (§4) and close (§5).

use chrono::{DateTime, TimeDelta};
use salvo::prelude::*;
use serde_json::{Value, json};

use super::model::{Api, Order, PREPAY_TTL_SECS, Prepay, TradeState, new_prepay_id, now_bj};
use super::wire::{
    Call, PayError, PayResult, Reply, check_body_mchid, check_len, check_notify_url,
    check_query_mchid, json_object, no_extra_keys, opt_str, req_int, req_str, serve,
};
use crate::Sim;

pub(crate) fn router() -> Router {
    Router::with_path("pay/transactions")
        .push(Router::with_path("jsapi").post(jsapi))
        .push(Router::with_path("out-trade-no/{out_trade_no}").get(query_by_out_trade_no))
        .push(Router::with_path("out-trade-no/{out_trade_no}/close").post(close))
        .push(Router::with_path("id/{transaction_id}").get(query_by_transaction_id))
}

pub(crate) fn order_not_exist() -> PayError {
    PayError::new(StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在")
}

pub(crate) fn order_paid() -> PayError {
    PayError::new(StatusCode::BAD_REQUEST, "ORDERPAID", "订单已支付")
}

/// `[0-9A-Za-z_-]{6,32}`
pub(crate) fn valid_out_trade_no(s: &str) -> bool {
    (6..=32).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The validated fields of a JSAPI order request.
struct NewOrder {
    appid: String,
    description: String,
    out_trade_no: String,
    notify_url: String,
    attach: Option<String>,
    time_expire: Option<DateTime<chrono::FixedOffset>>,
    total: i64,
    openid: String,
}

fn validate(sim: &Sim, body: &Value) -> Result<NewOrder, PayError> {
    let cfg = sim.config();
    let appid = req_str(body, "/appid")?;
    if appid != cfg.official.appid && appid != cfg.mini.appid {
        return Err(PayError::new(
            StatusCode::BAD_REQUEST,
            "APPID_MCHID_NOT_MATCH",
            format!("AppID {appid} 和商户号 {} 不匹配", cfg.pay.mchid),
        ));
    }
    let description = req_str(body, "/description")?;
    check_len("/description", description, 1, 127)?;
    let out_trade_no = req_str(body, "/out_trade_no")?;
    if !valid_out_trade_no(out_trade_no) {
        return Err(PayError::param(
            "/out_trade_no",
            Some(&json!(out_trade_no)),
            "须为 6 到 32 位数字、大小写字母、_ 或 -",
        ));
    }
    let notify_url = req_str(body, "/notify_url")?;
    check_notify_url("/notify_url", notify_url)?;
    let total = req_int(body, "/amount/total")?;
    if total < 1 {
        return Err(PayError::param(
            "/amount/total",
            Some(&json!(total)),
            "值低于最小值 1",
        ));
    }
    if let Some(currency) = opt_str(body, "/amount/currency")?
        && currency != "CNY"
    {
        return Err(PayError::param(
            "/amount/currency",
            Some(&json!(currency)),
            "Currency code is invalid",
        ));
    }
    let openid = req_str(body, "/payer/openid")?;
    check_len("/payer/openid", openid, 1, 128)?;
    let time_expire = match opt_str(body, "/time_expire")? {
        Some(t) => Some(DateTime::parse_from_rfc3339(t).map_err(|_| {
            PayError::param(
                "/time_expire",
                Some(&json!(t)),
                "须为 RFC 3339 格式，如 2018-06-08T10:34:56+08:00",
            )
        })?),
        None => None,
    };
    let attach = opt_str(body, "/attach")?;
    if let Some(a) = attach {
        check_len("/attach", a, 0, 128)?;
    }
    if let Some(tag) = opt_str(body, "/goods_tag")? {
        check_len("/goods_tag", tag, 0, 32)?;
    }
    if let Some(v) = body.pointer("/support_fapiao")
        && !v.is_boolean()
    {
        return Err(PayError::param(
            "/support_fapiao",
            Some(v),
            "此字段须为布尔值",
        ));
    }
    Ok(NewOrder {
        appid: appid.to_owned(),
        description: description.to_owned(),
        out_trade_no: out_trade_no.to_owned(),
        notify_url: notify_url.to_owned(),
        attach: attach.map(str::to_owned),
        time_expire,
        total,
        openid: openid.to_owned(),
    })
}

/// The body as compared on re-entry: `amount.currency` defaults to CNY.
fn normalised(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(amount) = body.get_mut("amount").and_then(Value::as_object_mut) {
        amount.entry("currency").or_insert_with(|| json!("CNY"));
    }
    body
}

fn create(sim: &Sim, _req: &Request, call: Call) -> PayResult {
    let body = json_object(&call.body)?;
    check_body_mchid(&body, &call)?;
    let new = validate(sim, &body)?;
    let request = normalised(&body);
    let now = now_bj();
    let mut st = sim.state();
    let pay = &mut st.pay;
    if let Some(existing) = pay.orders.get(&new.out_trade_no) {
        match existing.trade_state(&now) {
            TradeState::Success | TradeState::Refund => return Err(order_paid()),
            TradeState::Closed => {
                return Err(PayError::new(
                    StatusCode::BAD_REQUEST,
                    "ORDER_CLOSED",
                    "订单已关闭",
                ));
            }
            TradeState::NotPay if existing.request.as_ref() != Some(&request) => {
                return Err(PayError::invalid("请求重入时，参数与首次请求时不一致"));
            }
            TradeState::NotPay => {}
        }
    } else {
        let order = Order {
            appid: new.appid,
            mchid: call.mchid,
            out_trade_no: new.out_trade_no.clone(),
            description: new.description,
            attach: new.attach,
            notify_url: Some(new.notify_url),
            total: new.total,
            openid: new.openid,
            time_expire: new.time_expire,
            created_at: now,
            request: Some(request),
            payment: None,
            closed: false,
            refunded: false,
        };
        pay.orders.insert(new.out_trade_no.clone(), order);
    }
    pay.prepays.retain(|_, p| p.expires_at > now);
    let prepay_id = new_prepay_id();
    pay.prepays.insert(
        prepay_id.clone(),
        Prepay {
            out_trade_no: new.out_trade_no,
            expires_at: now + TimeDelta::seconds(PREPAY_TTL_SECS),
        },
    );
    Ok(Reply::Json(json!({ "prepay_id": prepay_id })))
}

/// `POST /v3/pay/transactions/jsapi`
#[handler]
async fn jsapi(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Jsapi), create).await;
}

fn path_param(req: &Request, name: &str) -> String {
    req.param::<String>(name).unwrap_or_default()
}

/// `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=`
#[handler]
async fn query_by_out_trade_no(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Query), |sim, req, call| {
        check_query_mchid(req, &call)?;
        let st = sim.state();
        let order = st
            .pay
            .orders
            .get(&path_param(req, "out_trade_no"))
            .ok_or_else(order_not_exist)?;
        Ok(Reply::Json(order.query_json(&now_bj())))
    })
    .await;
}

/// `GET /v3/pay/transactions/id/{transaction_id}?mchid=`
#[handler]
async fn query_by_transaction_id(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Query), |sim, req, call| {
        check_query_mchid(req, &call)?;
        let st = sim.state();
        let order = st
            .pay
            .order_by_transaction_id(&path_param(req, "transaction_id"))
            .ok_or_else(order_not_exist)?;
        Ok(Reply::Json(order.query_json(&now_bj())))
    })
    .await;
}

/// `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close` with exactly `{"mchid":…}` → 204.
#[handler]
async fn close(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    serve(req, depot, res, Some(Api::Close), |sim, req, call| {
        let body = json_object(&call.body)?;
        if let Some(obj) = body.as_object() {
            no_extra_keys(obj, &["mchid"])?;
        }
        check_body_mchid(&body, &call)?;
        let mut st = sim.state();
        let order = st
            .pay
            .orders
            .get_mut(&path_param(req, "out_trade_no"))
            .ok_or_else(order_not_exist)?;
        if order.payment.is_some() {
            return Err(order_paid());
        }
        order.closed = true;
        Ok(Reply::NoContent)
    })
    .await;
}
