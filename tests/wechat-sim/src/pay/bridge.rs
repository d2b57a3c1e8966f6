//! A stand-in `WeixinJSBridge` so the H5 can pay in an ordinary browser (test only):
//!
//! * `GET /sim/pay/bridge.js`: defines `window.WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`, which
//!   draws a pay sheet and dispatches `WeixinJSBridgeReady` on load;
//! * `GET /sim/pay/prepay/{prepay_id}` → `{amount, description}` for the sheet;
//! * `POST /sim/pay/jsapi-confirm` (the params of §3.2) → `{"err_msg":"get_brand_wcpay_request:ok"}` after
//!   verifying `paySign` and paying the order, else `{"err_msg":"get_brand_wcpay_request:fail","reason":…}`.
//!
//! All three answer CORS (`Access-Control-Allow-Origin: *`, preflight included): the H5 runs on another port.

use salvo::http::header::HOST;
use salvo::prelude::*;
use serde_json::{Value, json};

use super::crypto;
use super::hooks;
use super::model::{TradeState, now_bj};
use super::{PayOptions, PayState};
use crate::Sim;
use crate::util::sim_from;

const BRIDGE_JS: &str = include_str!("bridge.js");

pub(crate) fn router() -> Router {
    Router::new()
        .push(
            Router::with_path("bridge.js")
                .get(bridge_js)
                .options(preflight),
        )
        .push(
            Router::with_path("prepay/{prepay_id}")
                .get(prepay)
                .options(preflight),
        )
        .push(
            Router::with_path("jsapi-confirm")
                .post(confirm)
                .options(preflight),
        )
}

fn cors(res: &mut Response) {
    let headers = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Allow-Headers", "Content-Type"),
        ("Access-Control-Max-Age", "600"),
    ];
    for (name, value) in headers {
        if let Err(err) = res.add_header(name, value, true) {
            tracing::warn!(%err, "wechat-sim: cannot set CORS header");
        }
    }
}

#[handler]
async fn preflight(res: &mut Response) {
    cors(res);
    res.status_code(StatusCode::NO_CONTENT);
}

/// `GET /sim/pay/bridge.js`
#[handler]
async fn bridge_js(req: &mut Request, res: &mut Response) {
    cors(res);
    // Only used when `document.currentScript` is unavailable (e.g. the script was injected as a module).
    let host = req
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let script = BRIDGE_JS.replace("__SIM_ORIGIN__", &format!("http://{host}"));
    if let Err(err) = res.add_header("Cache-Control", "no-store", true) {
        tracing::warn!(%err, "wechat-sim: cannot set Cache-Control");
    }
    res.render(Text::Js(script));
}

/// The order behind a live prepay_id, if it can still be paid: `(out_trade_no, appid, amount, description)`.
fn live_prepay(st: &PayState, prepay_id: &str) -> Result<(String, String, i64, String), String> {
    let now = now_bj();
    let entry = st
        .prepays
        .get(prepay_id)
        .ok_or_else(|| format!("未知的 prepay_id：{prepay_id}"))?;
    if entry.expires_at <= now {
        return Err("prepay_id 已过期（有效期 2 小时）".into());
    }
    let order = st
        .orders
        .get(&entry.out_trade_no)
        .ok_or("prepay_id 对应的订单不存在")?;
    match order.trade_state(&now) {
        TradeState::NotPay => Ok((
            order.out_trade_no.clone(),
            order.appid.clone(),
            order.total,
            order.description.clone(),
        )),
        other => Err(format!("订单状态为 {}，不能支付", other.as_str())),
    }
}

/// `GET /sim/pay/prepay/{prepay_id}` → `{amount, description}`; 404 when not payable.
#[handler]
async fn prepay(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    cors(res);
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let id = req.param::<String>("prepay_id").unwrap_or_default();
    let found = live_prepay(&sim.state().pay, &id);
    match found {
        Ok((_, _, amount, description)) => {
            res.render(Json(
                json!({ "amount": amount, "description": description }),
            ));
        }
        Err(reason) => {
            res.status_code(StatusCode::NOT_FOUND);
            res.render(Json(json!({ "error": reason })));
        }
    }
}

fn field<'a>(params: &'a Value, name: &str) -> Result<&'a str, String> {
    match params.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) | None => Err(format!("调用支付JSAPI缺少参数：{name}")),
        Some(_) => Err(format!("参数 {name} 须为字符串")),
    }
}

/// Checks the `getBrandWCPayRequest` params → the out_trade_no to pay.
fn check(sim: &Sim, params: &Value) -> Result<String, String> {
    let app_id = field(params, "appId")?;
    let time_stamp = field(params, "timeStamp")?;
    let nonce_str = field(params, "nonceStr")?;
    let package = field(params, "package")?;
    let sign_type = field(params, "signType")?;
    let pay_sign = field(params, "paySign")?;
    let cfg = sim.config();
    if app_id != cfg.official.appid && app_id != cfg.mini.appid {
        return Err(format!("未知的 appId：{app_id}"));
    }
    if !time_stamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err("timeStamp 须为秒级时间戳字符串".into());
    }
    if nonce_str.len() > 32 {
        return Err("nonceStr 不能超过 32 个字符".into());
    }
    if sign_type != "RSA" {
        return Err(format!("signType 须为 RSA（收到 {sign_type}）"));
    }
    let key = sim
        .pay_runtime()
        .merchant_key
        .as_ref()
        .map_err(Clone::clone)?;
    let message = format!("{app_id}\n{time_stamp}\n{nonce_str}\n{package}\n");
    if !crypto::verify(key, message.as_bytes(), pay_sign) {
        return Err("支付验证签名失败".into());
    }
    let prepay_id = package
        .strip_prefix("prepay_id=")
        .ok_or("package 须为 prepay_id=…")?;
    let (out_trade_no, order_appid, _, _) = live_prepay(&sim.state().pay, prepay_id)?;
    if order_appid != app_id {
        return Err(format!(
            "appId {app_id} 与下单时的 AppID {order_appid} 不一致"
        ));
    }
    Ok(out_trade_no)
}

/// `POST /sim/pay/jsapi-confirm` (the user pressed 「确认支付」).
#[handler]
async fn confirm(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    cors(res);
    let Some(sim) = sim_from(depot, res) else {
        return;
    };
    let params: Value = match req.payload().await {
        Ok(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    let result = match check(&sim, &params) {
        Ok(out_trade_no) => hooks::pay(&sim, &out_trade_no, PayOptions::default())
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        Err(reason) => Err(reason),
    };
    res.render(Json(match result {
        Ok(()) => json!({ "err_msg": "get_brand_wcpay_request:ok" }),
        Err(reason) => json!({ "err_msg": "get_brand_wcpay_request:fail", "reason": reason }),
    }));
}
