//! Liveness and readiness.
use crate::state::DepotExt;
use salvo::prelude::*;
use serde_json::json;

/// The process is up.
#[endpoint(tags("health"))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database and the cache answer (503 when either does not).
#[endpoint(tags("health"), status_codes(200, 503))]
pub async fn readyz(depot: &mut Depot, res: &mut Response) {
    let Ok(st) = depot.state() else {
        res.status_code(StatusCode::SERVICE_UNAVAILABLE);
        return;
    };
    let db = st.db.ping().await.map(|_| "ok").unwrap_or("down");
    let cache = st.cache.ping().await.map(|_| "ok").unwrap_or("down");
    if db != "ok" || cache != "ok" {
        res.status_code(StatusCode::SERVICE_UNAVAILABLE);
    }
    res.render(Json(json!({ "database": db, "cache": cache })));
}
