//! Shared test harness: a simulator on an ephemeral port and a client that does not follow redirects.

use serde_json::Value;
use wechat_sim::{Sim, SimConfig, SimHandle};

pub struct Harness {
    pub sim: Sim,
    pub cfg: SimConfig,
    pub handle: SimHandle,
    pub client: reqwest::Client,
}

impl Harness {
    pub async fn start() -> anyhow::Result<Self> {
        let cfg = SimConfig::default();
        let sim = Sim::new(cfg.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let handle = sim.clone().spawn(listener).await?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            sim,
            cfg,
            handle,
            client,
        })
    }

    /// `base_url + path` with URL-encoded query parameters.
    pub fn url(&self, path: &str, params: &[(&str, &str)]) -> anyhow::Result<url::Url> {
        let base = format!("{}{path}", self.handle.base_url);
        Ok(url::Url::parse_with_params(&base, params)?)
    }

    /// GET a WeChat API endpoint, asserting HTTP 200 (WeChat reports errors in the body).
    pub async fn get_json(&self, path: &str, params: &[(&str, &str)]) -> anyhow::Result<Value> {
        let resp = self.client.get(self.url(path, params)?).send().await?;
        anyhow::ensure!(resp.status() == 200, "HTTP {} for {path}", resp.status());
        Ok(resp.json().await?)
    }

    /// POST a JSON body to a `/sim/...` hook.
    pub async fn post_hook(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let resp = self
            .client
            .post(self.url(path, &[])?)
            .json(&body)
            .send()
            .await?
            .error_for_status()?;
        Ok(resp.json().await?)
    }
}

/// Asserts a WeChat error body: the errcode, and an errmsg ending in `rid: xxxxxxxx-xxxxxxxx-xxxxxxxx`.
pub fn assert_errcode(body: &Value, errcode: i64) {
    assert_eq!(body["errcode"], errcode, "body: {body}");
    let errmsg = body["errmsg"].as_str().unwrap_or_default();
    let rid = errmsg.rsplit(", rid: ").next().unwrap_or_default();
    assert!(errmsg.contains(", rid: "), "errmsg without rid: {errmsg}");
    assert_eq!(rid.len(), 26, "rid shape: {rid}");
    assert_eq!(rid.matches('-').count(), 2, "rid shape: {rid}");
}
