//! The integration-test harness: spawns the real application on `127.0.0.1:0` against a fresh database (a new
//! SQLite file, or a new PostgreSQL database when `DATABASE_URL` is set), the in-process cache or Redis with a
//! unique key prefix (when `REDIS_URL` is set), memory storage, and its own WeChat simulator.
use api::cache::Cache;
use api::config::{Secret, Settings};
use api::startup::{self, Running};
use api::state::AppState;
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use std::sync::Arc;
use wechat_sim::{Sim, SimConfig, SimHandle};

pub mod fixtures;
pub mod load;
pub mod payments;
pub mod plans;
pub mod statuses;
pub mod xlsx_fixture;

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub state: AppState,
    pub sim: Sim,
    pub sim_url: String,
    running: Option<Running>,
    sim_handle: Option<SimHandle>,
}

/// Settings for a test app: a fresh database, a fresh cache namespace, memory storage, the simulator.
pub async fn test_settings(sim_url: &str, sim_cfg: &SimConfig) -> anyhow::Result<Settings> {
    let mut s = Settings::defaults()?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    s.database.url = Secret::new(
        match std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
        {
            Some(admin_url) => {
                let name = format!("t_{id}");
                let admin = Database::connect(&admin_url).await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await?;
                admin.close().await?;
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .ok_or_else(|| anyhow::anyhow!("bad DATABASE_URL"))?;
                format!("{base}/{name}")
            }
            None => {
                let dir = std::env::temp_dir().join("skillcert-tests");
                std::fs::create_dir_all(&dir)?;
                format!(
                    "sqlite://{}?mode=rwc",
                    dir.join(format!("{id}.db")).display()
                )
            }
        },
    );
    if let Ok(url) = std::env::var("REDIS_URL") {
        s.cache.url = Secret::new(url);
    }
    s.cache.prefix = format!("test:{id}:");
    s.storage.backend = "memory".into();
    s.server.h5_dir = String::new();
    s.server.public_url = "http://h5.test".into();
    s.log.level = "warn".into();
    s.wechat.open_base = sim_url.to_string();
    s.wechat.api_base = sim_url.to_string();
    s.wechat.mp_app_id = sim_cfg.official.appid.clone();
    s.wechat.mp_app_secret = Secret::new(sim_cfg.official.secret.clone());
    s.wechat.mini_app_id = sim_cfg.mini.appid.clone();
    s.wechat.mini_app_secret = Secret::new(sim_cfg.mini.secret.clone());
    s.wechat.simulated = true;
    s.jobs.enabled = false;
    Ok(s)
}

/// Points WeChat Pay at the simulator's merchant: its test key, serial, APIv3 key and public key; notifications
/// to `app_url`.
pub fn sim_pay_settings(s: &mut Settings, sim_url: &str, app_url: &str) {
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/wechat-sim/keys");
    let p = &mut s.wechat.pay;
    p.base_url = sim_url.to_string();
    p.mch_id = wechat_sim::SIM_MCHID.into();
    p.merchant_serial = wechat_sim::SIM_MERCHANT_SERIAL.into();
    p.private_key_path = format!("{keys}/merchant_key.pem");
    p.apiv3_key = Secret::new(wechat_sim::SIM_APIV3_KEY);
    p.public_key_id = wechat_sim::SIM_PUB_KEY_ID.into();
    p.public_key_path = format!("{keys}/wechatpay_pub.pem");
    p.notify_url = format!("{app_url}/api/pay/notify");
    p.refund_notify_url = format!("{app_url}/api/pay/refund-notify");
    p.bridge_url = format!("{sim_url}/sim/pay/bridge.js");
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns an app; `tweak` may change its settings first.
    pub async fn spawn_with(tweak: impl FnOnce(&mut Settings)) -> Self {
        Self::spawn_with_sim(SimConfig::default(), tweak).await
    }

    /// Spawns an app against a simulator configured with `sim_cfg`.
    pub async fn spawn_with_sim(sim_cfg: SimConfig, tweak: impl FnOnce(&mut Settings)) -> Self {
        let sim = Sim::new(sim_cfg.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind sim");
        let sim_handle = sim.clone().spawn(listener).await.expect("spawn sim");
        let app_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind app");
        let app_url = format!("http://{}", app_listener.local_addr().expect("addr"));
        let mut settings = test_settings(&sim_handle.base_url, &sim_cfg)
            .await
            .expect("settings");
        sim_pay_settings(&mut settings, &sim_handle.base_url, &app_url);
        tweak(&mut settings);
        let state = startup::build_state(settings).await.expect("build state");
        Self::start(state, sim, sim_handle, app_listener).await
    }

    async fn start(
        state: AppState,
        sim: Sim,
        sim_handle: SimHandle,
        listener: tokio::net::TcpListener,
    ) -> Self {
        let running = startup::spawn_with(state.clone(), listener, statuses::wrap)
            .await
            .expect("spawn app");
        // A cookie store, like the browser: the WeChat login state cookie must come back.
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base: format!("http://{}", running.addr),
            http,
            state,
            sim_url: sim_handle.base_url.clone(),
            sim,
            running: Some(running),
            sim_handle: Some(sim_handle),
        }
    }

    /// A second API process on the same database and the same shared cache (what a load balancer sees).
    pub async fn sibling(&self) -> Self {
        let settings = (*self.state.settings).clone();
        let db = api::db::connect(&settings.database).await.expect("db");
        let reader = api::db::connect_reader(&settings.database, &db)
            .await
            .expect("readers");
        let cache = match &self.state.cache {
            // Two processes cannot share an in-process store; the sibling then shares this process's map,
            // which exercises the same code path. With REDIS_URL set it is a separate Redis connection.
            Cache::Memory(_) => self.state.cache.clone(),
            Cache::Redis { prefix, .. } => Cache::redis(settings.cache.url.expose(), prefix)
                .await
                .expect("redis"),
        };
        let http = reqwest::Client::new();
        let pay =
            api::integrations::wechat_pay::PayClient::from_settings(&settings.wechat, http.clone())
                .expect("pay")
                .map(Arc::new);
        let state = AppState {
            db,
            reader,
            cache,
            storage: self.state.storage.clone(),
            http,
            settings: Arc::new(settings),
            pay,
            open_plans: Arc::default(),
            profiles: Arc::default(),
            paid_orders: Arc::default(),
            documents: self.state.documents.clone(),
        };
        let sim_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let sim_handle = self.sim.clone().spawn(sim_listener).await.expect("sim");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind app");
        Self::start(state, self.sim.clone(), sim_handle, listener).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut rb = self.http.get(self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        rb.send().await.expect("request")
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut rb = self.http.request(method, self.url(path)).json(body);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        rb.send().await.expect("request")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.send(reqwest::Method::POST, path, token, body).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.send(reqwest::Method::PUT, path, token, body).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        self.send(reqwest::Method::DELETE, path, token, &Value::Null)
            .await
    }

    pub async fn upload(
        &self,
        path: &str,
        token: &str,
        name: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(mime)
            .expect("mime");
        let form = reqwest::multipart::Form::new().part("file", part);
        self.http
            .post(self.url(path))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .expect("upload")
    }

    /// Registers a candidate and returns (token, id number).
    pub async fn register_candidate(&self, password: &str) -> (String, String) {
        let id = fixtures::random_resident_id();
        let resp = self
            .post(
                "/api/auth/register",
                None,
                &json!({ "name": "张三", "id_type": "resident_id", "id_number": id, "mobile": "13800138000",
                          "password": password, "password_confirm": password }),
            )
            .await;
        let (status, body) = json_of(resp).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        (body["token"].as_str().expect("token").to_string(), id)
    }

    pub async fn login(&self, login: &str, password: &str) -> (StatusCode, Value) {
        json_of(
            self.post(
                "/api/auth/login",
                None,
                &json!({ "login": login, "password": password }),
            )
            .await,
        )
        .await
    }

    /// Logs in as a freshly created account of `role` (admin creates it) and returns its token.
    pub async fn login_as_new(
        &self,
        role: &str,
        username: &str,
        institution_id: Option<i32>,
    ) -> String {
        let admin = self.admin_token().await;
        let (st, body) = json_of(
            self.post(
                "/api/admin/users",
                Some(&admin),
                &json!({ "role": role, "username": username, "name": "测试人员", "password": "Passw0rd!",
                          "institution_id": institution_id }),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::CREATED, "{body}");
        let (st, body) = self.login(username, "Passw0rd!").await;
        assert_eq!(st, StatusCode::OK, "{body}");
        assert_eq!(
            body["user"]["must_change_password"], true,
            "admin-created accounts change their password first"
        );
        let token = body["token"].as_str().expect("token");
        let change = json!({ "old_password": "Passw0rd!", "new_password": "OwnPassw0rd" });
        let (st, body) = json_of(self.post("/api/auth/password", Some(token), &change).await).await;
        assert_eq!(st, StatusCode::OK, "{body}");
        body["token"].as_str().expect("token").to_string()
    }

    /// The token of an administrator (created through the bootstrap path on first use).
    pub async fn admin_token(&self) -> String {
        api::demo::ensure_admin(&self.state.db, "root_admin", "RootAdmin1")
            .await
            .expect("admin");
        let (st, body) = self.login("root_admin", "RootAdmin1").await;
        assert_eq!(st, StatusCode::OK, "{body}");
        body["token"].as_str().expect("token").to_string()
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
        if let Some(s) = self.sim_handle.take() {
            s.shutdown().await;
        }
    }
}

pub async fn json_of(resp: Response) -> (StatusCode, Value) {
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Asserts an error response: status and stable code, with a Chinese message.
pub async fn assert_error(resp: Response, status: StatusCode, code: &str) -> Value {
    let (st, body) = json_of(resp).await;
    assert_eq!((st, body["code"].as_str()), (status, Some(code)), "{body}");
    let msg = body["message"].as_str().unwrap_or("");
    assert!(
        msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "message not Chinese: {msg}"
    );
    body
}
