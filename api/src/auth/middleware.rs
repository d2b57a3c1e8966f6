//! The `/api` hoop: records the client address, resolves the bearer token to a session, and holds accounts that
//! must change their password (or, after an initial-password login, pass the identity check) to the few
//! endpoints that let them do so.
use super::session;
use crate::error::AppError;
use crate::state::{ClientIp, DepotExt};
use salvo::prelude::*;
use std::time::Duration;

/// Marker: a token was sent but is no longer valid.
#[derive(Clone)]
pub struct StaleToken;

const ALLOWED_WHILE_MUST_CHANGE: &[&str] =
    &["/api/auth/me", "/api/auth/password", "/api/auth/logout"];

/// What a session held to the identity check may call (`me` answers masked there).
const ALLOWED_WHILE_IDENTITY_CHECK: &[&str] = &[
    "/api/auth/me",
    "/api/auth/identity-check",
    "/api/auth/logout",
];

fn client_ip(req: &Request, trust_proxy: bool) -> String {
    if trust_proxy {
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        if let Some(ip) = header("x-real-ip").filter(|s| !s.is_empty()) {
            return ip.to_string();
        }
        if let Some(first) = header("x-forwarded-for").and_then(|v| v.split(',').next()) {
            return first.trim().to_string();
        }
    }
    let addr = req.remote_addr();
    addr.as_ipv4()
        .map(|a| a.ip().to_string())
        .or_else(|| addr.as_ipv6().map(|a| a.ip().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

#[handler]
pub async fn authenticate(
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
    ctrl: &mut FlowCtrl,
) {
    let st = match depot.state() {
        Ok(st) => st,
        Err(e) => return e.write(req, depot, res).await,
    };
    depot.insert_typed(ClientIp(client_ip(
        req,
        st.settings.server.trust_proxy_headers,
    )));
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let Some(token) = token else { return };
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    match session::lookup(&st.cache, ttl, &token).await {
        Ok(Some(s)) => {
            let path = req.uri().path();
            if s.identity_check
                && !ALLOWED_WHILE_IDENTITY_CHECK.contains(&path)
                && !path.starts_with("/api/meta/")
            {
                let e = AppError::forbidden("identity_check_required", "请先核验预留手机号码");
                e.write(req, depot, res).await;
                ctrl.skip_rest();
                return;
            }
            if s.must_change_password
                && !s.identity_check
                && !ALLOWED_WHILE_MUST_CHANGE.contains(&path)
                && !path.starts_with("/api/meta/")
            {
                let e = AppError::forbidden("password_change_required", "请先修改初始密码");
                e.write(req, depot, res).await;
                ctrl.skip_rest();
                return;
            }
            depot.insert_typed(s);
        }
        Ok(None) => {
            depot.insert_typed(StaleToken);
        }
        Err(e) => {
            e.write(req, depot, res).await;
            ctrl.skip_rest();
        }
    }
}
