//! Mini-program login: `GET /sns/jscode2session`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use salvo::prelude::*;
use serde_json::{Value, json};

use crate::Sim;
use crate::util::{WxError, fill_random, query, render_wx, sim_from};

fn code2session(sim: &Sim, req: &Request) -> Result<Value, WxError> {
    let app = &sim.config().mini;
    let appid = query(req, "appid");
    match appid.as_str() {
        "" => return Err((41002, "appid missing")),
        a if a != app.appid => return Err((40013, "invalid appid")),
        _ => {}
    }
    match query(req, "secret").as_str() {
        "" => return Err((41004, "appsecret missing")),
        s if s != app.secret => return Err((40125, "invalid appsecret")),
        _ => {}
    }
    if query(req, "grant_type") != "authorization_code" {
        return Err((40002, "invalid grant_type"));
    }
    let js_code = query(req, "js_code");
    if js_code.is_empty() {
        return Err((41008, "missing code"));
    }
    let redeemed = sim.state().redeem_code(&js_code, &appid, true)?;
    let mut key = [0u8; 16];
    fill_random(&mut key);
    // No errcode on success, like WeChat.
    Ok(json!({
        "openid": redeemed.openid,
        "session_key": STANDARD.encode(key),
    }))
}

/// `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`
#[handler]
pub(crate) async fn jscode2session(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    if let Some(sim) = sim_from(depot, res) {
        render_wx(res, code2session(&sim, req));
    }
}
