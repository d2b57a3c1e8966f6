//! Payment (§7) and refund (§6.3) notifications: a compact JSON envelope whose `resource` is the plaintext
//! encrypted with AES-256-GCM under the APIv3 key, POSTed to the merchant with the five `Wechatpay-*` headers —
//! re-signed for every attempt — and retried on WeChat's schedule (divided by `time_scale`) until the merchant
//! answers 200 or 204.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use super::crypto;
use super::model::{now_bj, rfc3339};
use super::wire::signature_headers;
use super::{DeliveryRecord, NotificationKind, NotifyMode};
use crate::Sim;
use crate::util::{ALNUM, fill_random, random_string};

/// Delays before the 1st..15th retry, in real seconds (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h).
pub(crate) const RETRY_DELAYS_SECS: [u64; 15] = [
    15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/// One notification, built once: every attempt and copy sends the same body.
pub(crate) struct Event {
    pub kind: NotificationKind,
    pub url: String,
    pub out_trade_no: String,
    pub out_refund_no: Option<String>,
    pub id: String,
    pub event_type: String,
    pub body: Vec<u8>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    id: &'a str,
    create_time: String,
    resource_type: &'static str,
    event_type: &'a str,
    summary: &'a str,
    resource: Resource<'a>,
}

#[derive(Serialize)]
struct Resource<'a> {
    original_type: &'a str,
    algorithm: &'static str,
    ciphertext: String,
    associated_data: &'a str,
    nonce: String,
}

/// What a notification says; see [`Event::new`].
pub(crate) struct Notice<'a> {
    pub kind: NotificationKind,
    pub url: &'a str,
    pub out_trade_no: &'a str,
    pub out_refund_no: Option<&'a str>,
    pub event_type: &'a str,
    pub summary: &'a str,
    pub plaintext: &'a Value,
}

impl Event {
    /// Encrypts the plaintext (AAD `transaction` or `refund`) into the envelope.
    pub fn new(sim: &Sim, notice: &Notice<'_>) -> Result<Self, String> {
        let original_type = match notice.kind {
            NotificationKind::Payment => "transaction",
            NotificationKind::Refund => "refund",
        };
        let nonce = random_string(12, ALNUM);
        let plaintext = notice.plaintext.to_string();
        let ciphertext = crypto::aes_gcm_encrypt(
            &sim.config().pay.apiv3_key,
            &nonce,
            original_type,
            plaintext.as_bytes(),
        )?;
        let id = uuid::Uuid::new_v4().to_string();
        let envelope = Envelope {
            id: &id,
            create_time: rfc3339(&now_bj()),
            resource_type: "encrypt-resource",
            event_type: notice.event_type,
            summary: notice.summary,
            resource: Resource {
                original_type,
                algorithm: "AEAD_AES_256_GCM",
                ciphertext,
                associated_data: original_type,
                nonce,
            },
        };
        let body = serde_json::to_vec(&envelope).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: notice.kind,
            url: notice.url.to_owned(),
            out_trade_no: notice.out_trade_no.to_owned(),
            out_refund_no: notice.out_refund_no.map(str::to_owned),
            id,
            event_type: notice.event_type.to_owned(),
            body,
        })
    }
}

/// Starts delivering `event` in the background and waits until the first round is over: the first attempt
/// (after the probe, for [`NotifyMode::SignTestFirst`]; of every copy, for [`NotifyMode::Concurrent`]).
/// Retries and duplicates continue in the background.
pub(crate) async fn dispatch(sim: &Sim, event: Event, mode: NotifyMode) {
    if mode == NotifyMode::None {
        return;
    }
    let (first_round, done) = oneshot::channel();
    tokio::spawn(run(sim.clone(), Arc::new(event), mode, first_round));
    // An error only means the task ended without signalling, which is just as final.
    let _ = done.await;
}

async fn run(sim: Sim, event: Arc<Event>, mode: NotifyMode, first_round: oneshot::Sender<()>) {
    match mode {
        NotifyMode::None => {}
        NotifyMode::Normal | NotifyMode::SignTestFirst | NotifyMode::Duplicate => {
            if mode == NotifyMode::SignTestFirst {
                attempt(&sim, &event, 0, 1, true).await;
            }
            let acked = attempt(&sim, &event, 0, 1, false).await;
            let _ = first_round.send(());
            let acked = acked || retry(&sim, &event, 0).await;
            if mode == NotifyMode::Duplicate && acked && !attempt(&sim, &event, 1, 1, false).await {
                retry(&sim, &event, 1).await;
            }
        }
        NotifyMode::Concurrent(n) => {
            let mut copies = JoinSet::new();
            for delivery in 0..n.max(1) {
                let (sim, event) = (sim.clone(), event.clone());
                copies.spawn(
                    async move { (delivery, attempt(&sim, &event, delivery, 1, false).await) },
                );
            }
            let mut unacked = Vec::new();
            while let Some(joined) = copies.join_next().await {
                if let Ok((delivery, false)) = joined {
                    unacked.push(delivery);
                }
            }
            let _ = first_round.send(());
            for delivery in unacked {
                let (sim, event) = (sim.clone(), event.clone());
                tokio::spawn(async move { retry(&sim, &event, delivery).await });
            }
        }
    }
}

/// Retries copy `delivery` on the schedule; true once acknowledged.
async fn retry(sim: &Sim, event: &Event, delivery: u32) -> bool {
    let scale = u64::from(sim.config().pay.time_scale.max(1));
    for (n, secs) in (2u32..).zip(RETRY_DELAYS_SECS) {
        tokio::time::sleep(Duration::from_millis(secs * 1000 / scale)).await;
        if attempt(sim, event, delivery, n, false).await {
            return true;
        }
    }
    tracing::info!(url = %event.url, id = %event.id, "wechat-sim: notification given up");
    false
}

/// One POST, freshly signed; records it; true when answered 200 or 204.
async fn attempt(sim: &Sim, event: &Event, delivery: u32, attempt: u32, probe: bool) -> bool {
    let cfg = &sim.config().pay;
    let at = now_bj();
    let mut request = sim
        .pay_runtime()
        .http
        .post(&event.url)
        .header("Content-Type", "application/json")
        .body(event.body.clone());
    for (name, value) in signature_headers(cfg, &event.body) {
        let value = if probe && name == "Wechatpay-Signature" {
            let mut junk = [0u8; 192];
            fill_random(&mut junk);
            format!("WECHATPAY/SIGNTEST/{}", STANDARD.encode(junk))
        } else {
            value
        };
        request = request.header(name, value);
    }
    let (status, error) = match request.send().await {
        Ok(resp) => {
            let status = resp.status().as_u16();
            // Drain the reply so the connection can be reused; its content does not matter.
            let _ = resp.bytes().await;
            (Some(status), None)
        }
        Err(err) if err.is_timeout() => (None, Some("timeout (5 s)".to_owned())),
        Err(err) => (None, Some(err.to_string())),
    };
    let acknowledged = matches!(status, Some(200 | 204));
    sim.state().pay.deliveries.push(DeliveryRecord {
        url: event.url.clone(),
        kind: event.kind,
        event_type: event.event_type.clone(),
        notification_id: event.id.clone(),
        out_trade_no: event.out_trade_no.clone(),
        out_refund_no: event.out_refund_no.clone(),
        delivery,
        attempt,
        probe,
        status,
        error,
        acknowledged,
        at,
    });
    acknowledged
}
