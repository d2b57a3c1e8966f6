//! A WeChat platform simulator speaking WeChat's real HTTP shapes, so a production client can talk to it
//! unchanged (only base URLs differ).
//!
//! * `oauth`: the official-account web OAuth2 consent page (`/connect/oauth2/authorize`).
//! * `sns`: its server-side calls (`/sns/oauth2/access_token`, `/sns/oauth2/refresh_token`, `/sns/userinfo`).
//! * `mini`: mini-program login (`/sns/jscode2session`).
//! * `pay`: WeChat Pay API v3 (`/v3/...`: JSAPI orders, query, close, refunds, notifications, bills,
//!   certificates) plus its test hooks under `/sim/pay/...`.
//! * `hooks`: test-only helpers under `/sim/...` (not part of WeChat).

mod hooks;
mod mini;
mod oauth;
mod page;
mod pay;
mod sns;
mod util;

pub use pay::{
    BillState, DeliveryRecord, InjectedOrder, NotificationKind, NotifyMode, PayKeyMode, PayOptions,
    RefundOutcome, SIM_APIV3_KEY, SIM_CERT_SERIAL, SIM_MCHID, SIM_MERCHANT_SERIAL, SIM_PUB_KEY_ID,
    SimPayConfig, merchant_private_key_pem, wechatpay_public_key_pem,
};

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use salvo::conn::tcp::TcpAcceptor;
use salvo::prelude::*;
use salvo::server::ServerHandle;

use crate::util::{ALNUM, URL_SAFE, WxError, now_secs, random_string};

/// Authorization codes (web and `wx.login`) expire this many seconds after issue.
pub const CODE_TTL_SECS: u64 = 300;
/// Web-auth access tokens live this long (`expires_in`).
pub const ACCESS_TOKEN_TTL_SECS: u64 = 7200;
/// Refresh tokens live 30 days.
pub const REFRESH_TOKEN_TTL_SECS: u64 = 30 * 24 * 3600;

/// One WeChat application (official account or mini program).
#[derive(Debug, Clone)]
pub struct SimApp {
    pub appid: String,
    pub secret: String,
}

/// The applications the simulator knows about, and the WeChat Pay merchant (bound to both appids).
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub official: SimApp,
    pub mini: SimApp,
    pub pay: SimPayConfig,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            official: SimApp {
                appid: "wxsimofficial000001".into(),
                secret: "sim-official-secret".into(),
            },
            mini: SimApp {
                appid: "wxsimmini0000000001".into(),
                secret: "sim-mini-secret".into(),
            },
            pay: SimPayConfig::default(),
        }
    }
}

/// A simulated WeChat user.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub openid: String,
    pub nickname: String,
    /// A Moments snapshot-page virtual account (`is_snapshotuser=1`).
    pub snapshot: bool,
}

/// What a code was issued by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CodeKind {
    /// Web OAuth2 (`/connect/oauth2/authorize`).
    OAuth { scope: String, snapshot: bool },
    /// Mini-program `wx.login`.
    Mini,
}

#[derive(Debug, Clone)]
pub(crate) struct Code {
    pub appid: String,
    pub openid: String,
    pub kind: CodeKind,
    pub issued_at: u64,
    pub used: bool,
}

/// A web-auth access or refresh token grant.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub appid: String,
    pub openid: String,
    pub scope: String,
    pub snapshot: bool,
    pub expires_at: u64,
    /// For access tokens: the refresh token they were issued with.
    pub refresh_token: String,
}

/// The simulator's in-memory state.
#[derive(Debug, Default)]
pub(crate) struct SimState {
    /// In creation order (the authorize page lists them in this order).
    pub users: Vec<User>,
    pub codes: HashMap<String, Code>,
    pub access_tokens: HashMap<String, Grant>,
    pub refresh_tokens: HashMap<String, Grant>,
    pub pay: pay::PayState,
}

impl SimState {
    pub fn user(&self, openid: &str) -> Option<&User> {
        self.users.iter().find(|u| u.openid == openid)
    }

    pub fn add_user(&mut self, nickname: &str, snapshot: bool) -> String {
        let openid = format!("o{}", random_string(27, URL_SAFE));
        self.users.push(User {
            openid: openid.clone(),
            nickname: nickname.to_owned(),
            snapshot,
        });
        openid
    }

    pub fn add_code(&mut self, appid: &str, openid: &str, kind: CodeKind) -> String {
        let now = now_secs();
        // Forget codes nobody can redeem any more.
        self.codes
            .retain(|_, c| now.saturating_sub(c.issued_at) <= 4 * CODE_TTL_SECS);
        let code = random_string(32, ALNUM);
        self.codes.insert(
            code.clone(),
            Code {
                appid: appid.to_owned(),
                openid: openid.to_owned(),
                kind,
                issued_at: now,
                used: false,
            },
        );
        code
    }

    /// Redeems a code once: 40029 when unknown, of the wrong kind, for another appid or older than
    /// five minutes; 40163 when already used.
    pub fn redeem_code(&mut self, code: &str, appid: &str, mini: bool) -> Result<Code, WxError> {
        const INVALID: WxError = (40029, "invalid code");
        let c = self.codes.get_mut(code).ok_or(INVALID)?;
        if c.appid != appid || (c.kind == CodeKind::Mini) != mini {
            return Err(INVALID);
        }
        if c.used {
            return Err((40163, "code been used"));
        }
        if now_secs().saturating_sub(c.issued_at) > CODE_TTL_SECS {
            return Err(INVALID);
        }
        c.used = true;
        Ok(c.clone())
    }
}

struct Inner {
    cfg: SimConfig,
    state: Mutex<SimState>,
    pay: pay::PayRuntime,
}

/// The simulator: cheap to clone, all clones share state.
#[derive(Clone)]
pub struct Sim {
    inner: Arc<Inner>,
}

impl Sim {
    pub fn new(cfg: SimConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                pay: pay::PayRuntime::new(&cfg.pay),
                cfg,
                state: Mutex::new(SimState::default()),
            }),
        }
    }

    pub fn config(&self) -> &SimConfig {
        &self.inner.cfg
    }

    pub(crate) fn pay_runtime(&self) -> &pay::PayRuntime {
        &self.inner.pay
    }

    /// Locks the state. Never hold the guard across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, SimState> {
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// All routes (WeChat's and the `/sim/...` hooks), mounted at `/`.
    pub fn router(&self) -> Router {
        Router::new()
            .hoop(salvo::affix_state::inject(self.clone()))
            .push(Router::with_path("connect/oauth2/authorize").get(oauth::authorize))
            .push(Router::with_path("connect/oauth2/authorize/confirm").post(oauth::confirm))
            .push(Router::with_path("sns/oauth2/access_token").get(sns::access_token))
            .push(Router::with_path("sns/oauth2/refresh_token").get(sns::refresh_token))
            .push(Router::with_path("sns/userinfo").get(sns::userinfo))
            .push(Router::with_path("sns/jscode2session").get(mini::jscode2session))
            .push(pay::router())
            .push(hooks::router())
    }

    /// Serves the simulator on `listener` in a tokio task.
    pub async fn spawn(self, listener: tokio::net::TcpListener) -> anyhow::Result<SimHandle> {
        let addr = listener.local_addr()?;
        let acceptor = TcpAcceptor::try_from(listener)?;
        let server = Server::new(acceptor);
        let server_handle = server.handle();
        let service = Service::new(self.router());
        let join = tokio::spawn(server.serve(service));
        Ok(SimHandle {
            base_url: format!("http://{addr}"),
            server_handle,
            join,
        })
    }

    /// Creates a WeChat user; returns its openid (`o` + 27 url-safe characters).
    pub fn create_user(&self, nickname: &str) -> String {
        self.state().add_user(nickname, false)
    }

    /// Issues a web OAuth2 code, as `/connect/oauth2/authorize` does after the user consents.
    pub fn issue_oauth_code(
        &self,
        appid: &str,
        openid: &str,
        scope: &str,
        snapshot: bool,
    ) -> String {
        let kind = CodeKind::OAuth {
            scope: scope.to_owned(),
            snapshot,
        };
        self.state().add_code(appid, openid, kind)
    }

    /// Issues a mini-program login code, as `wx.login` does.
    pub fn issue_mini_code(&self, appid: &str, openid: &str) -> String {
        self.state().add_code(appid, openid, CodeKind::Mini)
    }

    /// Test helper: makes `code` older than five minutes.
    pub fn expire_code(&self, code: &str) {
        if let Some(c) = self.state().codes.get_mut(code) {
            c.issued_at = now_secs().saturating_sub(CODE_TTL_SECS + 1);
        }
    }
}

/// A running simulator.
pub struct SimHandle {
    /// `http://127.0.0.1:PORT`
    pub base_url: String,
    server_handle: ServerHandle,
    join: tokio::task::JoinHandle<()>,
}

impl SimHandle {
    /// Stops the server and waits for its task to finish.
    pub async fn shutdown(self) {
        self.server_handle.stop_graceful(Duration::from_secs(1));
        if let Err(err) = self.join.await {
            tracing::warn!(%err, "wechat-sim server task ended abnormally");
        }
    }
}
