//! A tiny merchant notify endpoint for the notification tests.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use salvo::conn::tcp::TcpAcceptor;
use salvo::prelude::*;
use salvo::server::ServerHandle;
use serde_json::{Value, json};
use wechat_sim::wechatpay_public_key_pem;

use super::{decrypt, now_secs, verify_with};

/// A notification as a merchant receives it.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    pub verified: bool,
    pub envelope: Value,
    pub plaintext: Option<Value>,
    pub replied: u16,
}

#[derive(Default)]
struct ReceiverState {
    apiv3_key: String,
    expected_serial: String,
    /// Statuses to answer correctly signed deliveries with, in order; then 200.
    script: Mutex<VecDeque<u16>>,
    received: Mutex<Vec<Received>>,
}

/// A tiny merchant notify endpoint: verifies (serial, freshness, signature), decrypts, answers 401 to anything
/// that does not verify and the scripted status (default 200) otherwise.
pub struct Receiver {
    pub base_url: String,
    state: Arc<ReceiverState>,
    handle: ServerHandle,
}

#[handler]
async fn receive(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Ok(state) = depot.get_typed::<Arc<ReceiverState>>().cloned() else {
        res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
        return;
    };
    let body = req.payload().await.map(|b| b.to_vec()).unwrap_or_default();
    let headers: HashMap<String, String> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_ascii_lowercase(), v.to_str().ok()?.to_owned())))
        .collect();
    let h = |name: &str| headers.get(name).cloned().unwrap_or_default();
    let ts = h("wechatpay-timestamp");
    let mut message = format!("{ts}\n{}\n", h("wechatpay-nonce")).into_bytes();
    message.extend_from_slice(&body);
    message.push(b'\n');
    let verified = h("wechatpay-serial") == state.expected_serial
        && ts
            .parse::<i64>()
            .is_ok_and(|t| (now_secs() - t).abs() < 300)
        && verify_with(
            wechatpay_public_key_pem(),
            &message,
            &h("wechatpay-signature"),
        );
    let envelope: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let r = &envelope["resource"];
    let plaintext = decrypt(
        &state.apiv3_key,
        r["nonce"].as_str().unwrap_or_default(),
        r["associated_data"].as_str().unwrap_or_default(),
        r["ciphertext"].as_str().unwrap_or_default(),
    )
    .ok()
    .and_then(|p| serde_json::from_slice(&p).ok());
    let replied = if verified {
        state
            .script
            .lock()
            .expect("lock")
            .pop_front()
            .unwrap_or(200)
    } else {
        401
    };
    state.received.lock().expect("lock").push(Received {
        path: req.uri().path().to_owned(),
        headers,
        body,
        verified,
        envelope,
        plaintext,
        replied,
    });
    res.status_code(StatusCode::from_u16(replied).unwrap_or(StatusCode::OK));
    if replied != 200 {
        res.render(Json(json!({ "code": "FAIL", "message": "失败" })));
    }
}

impl Receiver {
    pub async fn start(apiv3_key: &str, expected_serial: &str) -> anyhow::Result<Self> {
        let state = Arc::new(ReceiverState {
            apiv3_key: apiv3_key.to_owned(),
            expected_serial: expected_serial.to_owned(),
            ..ReceiverState::default()
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let router = Router::new()
            .hoop(salvo::affix_state::inject(state.clone()))
            .push(Router::with_path("{**rest}").post(receive));
        let server = Server::new(TcpAcceptor::try_from(listener)?);
        let handle = server.handle();
        tokio::spawn(server.serve(Service::new(router)));
        Ok(Self {
            base_url: format!("http://{addr}"),
            state,
            handle,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The next correctly signed deliveries are answered with these statuses.
    pub fn script(&self, statuses: &[u16]) {
        self.state.script.lock().expect("lock").extend(statuses);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Waits (up to 5 s) until at least `n` deliveries arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..100 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.received()
    }

    pub fn stop(&self) {
        self.handle.stop_forceful();
    }
}
