//! The one cheap-to-clone application state, injected into the depot once; handlers reach it (and the caller's
//! session and address) through `DepotExt`.
use crate::auth::middleware::StaleToken;
use crate::auth::session::Session;
use crate::cache::Cache;
use crate::config::Settings;
use crate::error::{AppError, AppResult};
use crate::storage::Storage;
use salvo::Depot;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// For hot read-only paths: SQLite's readers beside its one writer; on PostgreSQL the same pool as `db`.
    pub reader: DatabaseConnection,
    pub cache: Cache,
    pub storage: Storage,
    pub http: reqwest::Client,
    pub settings: Arc<Settings>,
    /// WeChat Pay, when a merchant is configured.
    pub pay: Option<Arc<crate::integrations::wechat_pay::PayClient>>,
    /// This process's rendering of the candidates' open-plan list.
    pub open_plans: Arc<crate::plan::open_list::OpenListMemo>,
    /// This process's copies of candidates' profile data.
    pub profiles: Arc<crate::candidate::profile_memo::ProfileMemo>,
    /// Orders this process knows paid (replayed notifications are answered from here).
    pub paid_orders: Arc<crate::payment::settle::PaidOrders>,
    /// The document engine (typst and its fonts), built once at start-up.
    pub documents: Arc<documents::Documents>,
}

/// The caller's address as seen by this service (or by nginx when proxy headers are trusted).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

pub trait DepotExt {
    fn state(&self) -> AppResult<AppState>;
    fn session(&self) -> AppResult<Session>;
    fn client_ip(&self) -> String;
}

impl DepotExt for Depot {
    fn state(&self) -> AppResult<AppState> {
        self.get_typed::<AppState>()
            .cloned()
            .map_err(|_| AppError::Internal(anyhow::anyhow!("AppState missing from depot")))
    }

    fn session(&self) -> AppResult<Session> {
        match self.get_typed::<Session>() {
            Ok(s) => Ok(s.clone()),
            Err(_) if self.get_typed::<StaleToken>().is_ok() => Err(AppError::unauthorized(
                "session_expired",
                "登录已失效，请重新登录",
            )),
            Err(_) => Err(AppError::login_required()),
        }
    }

    fn client_ip(&self) -> String {
        self.get_typed::<ClientIp>()
            .map(|c| c.0.clone())
            .unwrap_or_else(|_| "unknown".into())
    }
}
