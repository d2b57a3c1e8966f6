//! Structured logging: pretty for development, JSON in production; the level from settings or `RUST_LOG`.
use crate::config::LogSettings;
use tracing_subscriber::EnvFilter;

pub fn init(s: &LogSettings) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(format!("{},sqlx=warn,sea_orm=warn,hyper=warn", s.level))
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if s.format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Wraps the rest of the request in a span carrying the request id (set by salvo's `RequestId` hoop, returned
/// to the client as `x-request-id`), so every log line of a request, including salvo's access log, has it.
#[salvo::handler]
pub async fn request_span(
    req: &mut salvo::Request,
    depot: &mut salvo::Depot,
    res: &mut salvo::Response,
    ctrl: &mut salvo::FlowCtrl,
) {
    use tracing::Instrument;
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    ctrl.call_next(req, depot, res)
        .instrument(tracing::info_span!("req", request_id = %id))
        .await;
}
