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
