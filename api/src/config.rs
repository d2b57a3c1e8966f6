//! Layered settings: `config/default.toml` (compiled in), an optional file named by `APP_CONFIG`, then `APP__…`
//! environment variables. Settings are passed in, never read from a global, so each test builds its own app.
use serde::Deserialize;
use std::fmt;

const DEFAULTS: &str = include_str!("../../config/default.toml");

/// A string that never prints (Debug/Display show `***`).
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "***" })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub cache: CacheSettings,
    pub storage: StorageSettings,
    pub auth: AuthSettings,
    pub bootstrap: BootstrapSettings,
    pub log: LogSettings,
    pub wechat: WechatSettings,
    pub jobs: JobSettings,
    #[serde(default)]
    pub documents: DocumentSettings,
}

/// Printable documents (application forms, and later tickets and certificates).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DocumentSettings {
    /// Folder of fonts (.ttf/.otf/.ttc) to set documents in; empty = the system's Noto CJK / WenQuanYi files.
    pub font_dir: String,
    /// Folder whose `.typ` files replace the built-in templates of the same name; empty = built-in only.
    pub template_dir: String,
}

impl DocumentSettings {
    pub fn font_dir(&self) -> Option<&std::path::Path> {
        Some(self.font_dir.as_str())
            .filter(|d| !d.is_empty())
            .map(std::path::Path::new)
    }

    pub fn template_dir(&self) -> Option<&std::path::Path> {
        Some(self.template_dir.as_str())
            .filter(|d| !d.is_empty())
            .map(std::path::Path::new)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    pub enabled: bool,
    pub interval_secs: u64,
    pub settle_after_secs: i64,
    pub reconcile_hour: u32,
    /// Registration documents uploaded but never attached to an application are deleted after this many hours.
    pub orphan_upload_hours: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub listen: String,
    pub public_url: String,
    pub h5_dir: String,
    pub trust_proxy_headers: bool,
    pub request_timeout_secs: u64,
    /// For Excel imports, which may take longer than ordinary requests.
    pub import_timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: Secret,
    pub max_connections: u32,
    pub run_migrations: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CacheSettings {
    pub url: Secret,
    pub prefix: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StorageSettings {
    pub backend: String,
    pub root: String,
    pub bucket: String,
    pub endpoint: String,
    pub region: String,
    pub access_key_id: Secret,
    pub secret_access_key: Secret,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub session_ttl_secs: u64,
    pub login_max_failures: i64,
    pub ip_max_failures: i64,
    /// Failed checks of the recorded mobile number (first login, 忘记密码) per login before that check is locked.
    #[serde(default = "default_identity_max_failures")]
    pub identity_max_failures: i64,
    pub login_lock_secs: u64,
    pub link_secret: Secret,
    pub file_link_ttl_secs: i64,
}

fn default_identity_max_failures() -> i64 {
    5
}

#[derive(Debug, Clone, Deserialize)]
pub struct BootstrapSettings {
    pub admin_username: String,
    pub admin_password: Secret,
    pub demo_data: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub format: String,
    pub level: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WechatSettings {
    pub open_base: String,
    pub api_base: String,
    pub mp_app_id: String,
    pub mp_app_secret: Secret,
    pub mini_app_id: String,
    pub mini_app_secret: Secret,
    pub oauth_scope: String,
    pub simulated: bool,
    pub pay: WechatPaySettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WechatPaySettings {
    pub base_url: String,
    pub mch_id: String,
    pub merchant_serial: String,
    pub private_key_path: String,
    pub apiv3_key: Secret,
    pub notify_url: String,
    pub public_key_id: String,
    pub public_key_path: String,
    /// Platform-certificate mode: download `/v3/certificates` and verify with them (old merchants).
    pub cert_mode: bool,
    pub refund_notify_url: String,
    /// Unpaid orders expire (`time_expire`) this many minutes after creation.
    pub order_ttl_minutes: i64,
    /// With the simulator only: the script that stands in for `WeixinJSBridge` in a normal browser.
    pub bridge_url: String,
}

impl Settings {
    /// Defaults, then the file in `APP_CONFIG` (if any), then `APP__SECTION__KEY` variables.
    pub fn load() -> anyhow::Result<Self> {
        let mut b = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Ok(path) = std::env::var("APP_CONFIG") {
            b = b.add_source(config::File::with_name(&path).required(true));
        }
        let cfg = b
            .add_source(
                config::Environment::with_prefix("APP")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()?;
        Ok(cfg.try_deserialize()?)
    }

    /// The compiled-in defaults alone (tests start from these and change what they need).
    pub fn defaults() -> anyhow::Result<Self> {
        let cfg = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .build()?;
        Ok(cfg.try_deserialize()?)
    }
}
