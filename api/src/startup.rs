//! Builds the application from settings and serves it on a bound listener until stopped, with a graceful
//! shutdown. Tests bind port 0 and read the port back.
use crate::cache::Cache;
use crate::config::{DocumentSettings, Settings};
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::Storage;
use crate::{
    admin, auth, candidate, catalogue, correction, db, demo, files, health, meta, payment, plan,
    registration,
};
use salvo::conn::tcp::TcpAcceptor;
use salvo::oapi::OpenApi;
use salvo::oapi::swagger_ui::SwaggerUi;
use salvo::prelude::*;
use salvo::serve_static::StaticDir;
use std::sync::Arc;
use std::time::Duration;

/// Loads the fonts and templates of printable documents; without a Chinese font nothing could be printed, so the
/// service refuses to start and says which paths it tried.
pub fn load_documents(settings: &DocumentSettings) -> anyhow::Result<Arc<documents::Documents>> {
    let docs =
        documents::Documents::new(settings.font_dir(), settings.template_dir()).map_err(|e| {
            anyhow::anyhow!("无法准备打印文档 / cannot prepare printable documents: {e}")
        })?;
    tracing::info!(
        fonts = ?docs.fonts().files(),
        overridden = ?docs.overridden(),
        "documents ready"
    );
    Ok(Arc::new(docs))
}

/// Connects to the database, the cache and the storage; runs migrations and the bootstrap steps.
pub async fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    let documents = load_documents(&settings.documents)?;
    let db = db::connect(&settings.database).await?;
    if settings.database.run_migrations {
        db::migrate(&db).await?;
    }
    let reader = db::connect_reader(&settings.database, &db).await?;
    let cache = match settings.cache.url.expose() {
        "" => Cache::memory(),
        url => Cache::redis(url, &settings.cache.prefix).await?,
    };
    let storage = Storage::from_settings(&settings.storage)?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    let pay =
        crate::integrations::wechat_pay::PayClient::from_settings(&settings.wechat, http.clone())?
            .map(Arc::new);
    let state = AppState {
        db,
        reader,
        cache,
        storage,
        http,
        settings: Arc::new(settings),
        pay,
        open_plans: Arc::default(),
        profiles: Arc::default(),
        paid_orders: Arc::default(),
        documents,
    };
    catalogue::rules::ensure_seed(&state.db).await?;
    let b = &state.settings.bootstrap;
    if !b.admin_username.is_empty() {
        demo::ensure_admin(&state.db, &b.admin_username, b.admin_password.expose()).await?;
    }
    if b.demo_data {
        demo::seed(&state.db).await?;
        demo::seed_payment_demo(&state.db, &state.settings.wechat.mp_app_id).await?;
    }
    Ok(state)
}

#[handler]
async fn api_not_found(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    AppError::not_found("not_found", "接口不存在")
        .write(req, depot, res)
        .await;
}

/// Salvo's `Timeout`, with a longer limit for Excel imports (`POST …/imports`): a 10 000-row file takes more
/// than an ordinary request's 30 seconds on a small machine.
struct RouteTimeout {
    default: Duration,
    import: Duration,
}

#[async_trait]
impl Handler for RouteTimeout {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let limit = if req.method() == salvo::http::Method::POST
            && req.uri().path().ends_with("/imports")
        {
            self.import
        } else {
            self.default
        };
        if tokio::time::timeout(limit, ctrl.call_next(req, depot, res))
            .await
            .is_err()
        {
            res.status_code(StatusCode::SERVICE_UNAVAILABLE);
            ctrl.skip_rest();
        }
    }
}

/// The whole service: health, the API with its OpenAPI document, and the H5.
pub fn router(state: AppState) -> Router {
    salvo::oapi::naming::set_namer(salvo::oapi::naming::FlexNamer::new().short_mode(true));
    let api = Router::with_path("api")
        // Public notices first: they need no session, so the authentication hoop below does not run for them.
        .push(plan::public_router())
        .push(
            Router::new()
                .hoop(auth::middleware::authenticate)
                .hoop(crate::text_guard::refuse_control_characters)
                .push(auth::router())
                .push(candidate::router())
                .push(catalogue::router())
                .push(plan::router())
                .push(correction::router())
                .push(payment::router())
                .push(registration::router())
                .push(files::router())
                .push(meta::router())
                .push(admin::router()),
        );
    let health = Router::new()
        .push(Router::with_path("healthz").get(health::healthz))
        .push(Router::with_path("readyz").get(health::readyz));
    let doc = auth::roles::document(OpenApi::new(
        "职业技能等级认定 API",
        env!("CARGO_PKG_VERSION"),
    ))
    .merge_router(&health)
    .merge_router(&api);
    let doc = auth::roles::document_refusals(doc);
    let api = api.push(Router::with_path("{**rest}").goal(api_not_found));
    let timeout = RouteTimeout {
        default: Duration::from_secs(state.settings.server.request_timeout_secs),
        import: Duration::from_secs(state.settings.server.import_timeout_secs),
    };
    let h5_dir = state.settings.server.h5_dir.clone();
    let mut root = Router::new()
        .hoop(salvo::affix_state::inject(state))
        // Also opens the `request{request_id}` span that every log line of the request is in.
        .hoop(salvo::request_id::RequestId::new())
        .hoop(salvo::logging::Logger::new())
        .hoop(salvo::catch_panic::CatchPanic::new())
        .hoop(timeout)
        .push(health)
        .push(doc.into_router("/api/openapi.json"))
        .push(SwaggerUi::new("/api/openapi.json").into_router("/api/docs"))
        .push(api);
    if !h5_dir.is_empty() && std::path::Path::new(&h5_dir).join("index.html").exists() {
        let assets = std::path::Path::new(&h5_dir).join("assets");
        root = root
            .push(Router::with_path("assets/{**path}").get(StaticDir::new([assets])))
            .push(
                Router::with_path("{**path}").get(
                    StaticDir::new([h5_dir])
                        .defaults("index.html")
                        .fallback("index.html"),
                ),
            );
    }
    root
}

/// The router with the catcher that gives salvo's own refusals the API's error body.
pub fn service(state: AppState) -> Service {
    Service::new(router(state))
        .catcher(salvo::catcher::Catcher::default().hoop(crate::error::catch_api_errors))
}

/// A server running in the background (tests, the dev server).
pub struct Running {
    pub addr: std::net::SocketAddr,
    handle: salvo::server::ServerHandle,
    join: tokio::task::JoinHandle<()>,
    jobs: Option<tokio::task::JoinHandle<()>>,
    orphans: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    pub async fn stop(self) {
        for j in [&self.jobs, &self.orphans].into_iter().flatten() {
            j.abort();
        }
        self.handle.stop_graceful(Duration::from_secs(5));
        let _ = self.join.await;
    }
}

pub async fn spawn(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<Running> {
    spawn_with(state, listener, |s| s).await
}

/// [`spawn`], with `wrap` adding to the service first (the test harness records every answer's status with it).
pub async fn spawn_with(
    state: AppState,
    listener: tokio::net::TcpListener,
    wrap: impl FnOnce(Service) -> Service,
) -> anyhow::Result<Running> {
    let addr = listener.local_addr()?;
    let acceptor = TcpAcceptor::try_from(listener)?;
    let server = Server::new(acceptor);
    let handle = server.handle();
    let jobs = payment::jobs::spawn(state.clone());
    let orphans = crate::registration::orphans::spawn(state.clone());
    let service = wrap(service(state));
    let join = tokio::spawn(async move { server.serve(service).await });
    Ok(Running {
        addr,
        handle,
        join,
        jobs,
        orphans,
    })
}

/// Serves until SIGINT/SIGTERM, then lets running requests finish (up to 20 s).
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let running = spawn(state, listener).await?;
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
