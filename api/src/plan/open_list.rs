//! The candidates' list of open items, kept in each process as its final bytes: the JSON, its gzip and their
//! ETags, rendered once and sent as they are to every candidate (`304` when the client already holds them).
//! The bytes are rendered again when
//! - a plan or an item changed anywhere: the change writes a new version token to the shared cache
//!   (`invalidate`); this process drops its bytes at once, the others notice the new token at their next check
//!   (one small cache read at most every `RECHECK`, by one request while the others are answered);
//! - a registration window opened or closed, or the day changed (`can_apply`, `closed_reason` and the exam-date
//!   filter follow the clock): the bytes know the first such instant after their rendering;
//! - `MAX_AGE` passed (a change made outside the API).
use super::types::OpenItem;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use bytes::Bytes;
use chrono::{DateTime, FixedOffset, NaiveDate};
use salvo::http::header::{self, HeaderMap, HeaderValue};
use salvo::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The shared cache key of the list's version token (replaced on every change of a plan or an item).
pub const VERSION_KEY: &str = "plans:open:version";
/// How long another process may answer with bytes older than a change: the longest wait between checks.
pub const RECHECK: Duration = Duration::from_secs(1);
const MAX_AGE: Duration = Duration::from_secs(300);
const VERSION_TTL: Duration = Duration::from_secs(7 * 24 * 3600);

/// One rendering of the list.
pub struct Rendered {
    version: String,
    json: Bytes,
    gzip: Bytes,
    etag: HeaderValue,
    etag_gzip: HeaderValue,
    built: Instant,
    /// When (ms after `built`) `version` was last confirmed current.
    checked_ms: AtomicU64,
    day: NaiveDate,
    /// The first window start after the rendering: stale from that instant on.
    next_start: Option<DateTime<FixedOffset>>,
    /// The first window end not yet passed at the rendering: stale once it is passed.
    next_end: Option<DateTime<FixedOffset>>,
}

impl Rendered {
    fn valid_at(&self, now: &DateTime<FixedOffset>) -> bool {
        self.built.elapsed() < MAX_AGE
            && now.with_timezone(&crate::domain::time::cst()).date_naive() == self.day
            && self.next_start.is_none_or(|t| *now < t)
            && self.next_end.is_none_or(|t| *now <= t)
    }

    /// True for the one caller that should confirm the version now (the others answer meanwhile).
    fn claim_check(&self) -> bool {
        let now = u64::try_from(self.built.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.checked_ms.load(Ordering::Relaxed);
        now.saturating_sub(last) >= RECHECK.as_millis() as u64
            && self
                .checked_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
    }
}

/// This process's rendering (in `AppState`).
#[derive(Default)]
pub struct OpenListMemo {
    current: RwLock<Option<Arc<Rendered>>>,
    /// Bumped by every local invalidation: a rendering begun before it is not kept.
    generation: AtomicU64,
    rebuild: tokio::sync::Mutex<()>,
}

impl OpenListMemo {
    fn peek(&self) -> Option<Arc<Rendered>> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn replace(&self, r: Option<Arc<Rendered>>) {
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = r;
    }

    fn forget(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.replace(None);
    }
}

/// The version token in the shared cache (created by the first reader when missing).
async fn version(st: &AppState) -> anyhow::Result<String> {
    if let Some(v) = st.cache.get(VERSION_KEY).await? {
        return Ok(v);
    }
    // SET NX: of concurrent first readers one token wins.
    if let Some(v) = st.cache.try_lock(VERSION_KEY, VERSION_TTL).await? {
        return Ok(v);
    }
    Ok(st.cache.get(VERSION_KEY).await?.unwrap_or_default())
}

/// After any change of a plan or an item: a new version for every process, and this one forgets at once.
pub async fn invalidate(st: &AppState) {
    let mut raw = [0u8; 12];
    crate::util_random(&mut raw);
    if let Err(e) = st
        .cache
        .set(VERSION_KEY, &hex::encode(raw), VERSION_TTL)
        .await
    {
        tracing::warn!(error = %e, "could not invalidate the open plans cache");
    }
    st.open_plans.forget();
}

/// The current rendering: this process's bytes while they are valid, else rendered again.
pub async fn current(st: &AppState) -> AppResult<Arc<Rendered>> {
    let memo = &st.open_plans;
    let now = crate::now();
    if let Some(r) = memo.peek().filter(|r| r.valid_at(&now)) {
        if !r.claim_check() {
            return Ok(r);
        }
        match version(st).await {
            Ok(v) if v == r.version => return Ok(r),
            Ok(_) => memo.forget(),
            Err(e) => {
                tracing::warn!(error = %e, "open plans version unavailable");
                return Ok(r);
            }
        }
    }
    let _one_at_a_time = memo.rebuild.lock().await;
    if let Some(r) = memo.peek().filter(|r| r.valid_at(&now)) {
        return Ok(r);
    }
    let generation = memo.generation.load(Ordering::SeqCst);
    let version = version(st).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "open plans version unavailable");
        String::new()
    });
    let items = super::public::open_items(st, &version).await?;
    let r = Arc::new(render(items, version, now)?);
    // Without a version (cache down) nothing is kept: the next request reads the database again.
    if !r.version.is_empty() && memo.generation.load(Ordering::SeqCst) == generation {
        memo.replace(Some(r.clone()));
    }
    Ok(r)
}

fn render(
    mut items: Vec<OpenItem>,
    version: String,
    now: DateTime<FixedOffset>,
) -> AppResult<Rendered> {
    let mut next_start: Option<DateTime<FixedOffset>> = None;
    let mut next_end: Option<DateTime<FixedOffset>> = None;
    for i in &mut items {
        let reason = match (
            DateTime::parse_from_rfc3339(&i.reg_start),
            DateTime::parse_from_rfc3339(&i.reg_end),
        ) {
            (Ok(a), Ok(b)) => {
                if now < a {
                    next_start = Some(next_start.map_or(a, |t| t.min(a)));
                }
                if now <= b {
                    next_end = Some(next_end.map_or(b, |t| t.min(b)));
                }
                super::public::closed_reason(&a, &b, &now)
            }
            _ => Some("closed"),
        };
        i.can_apply = reason.is_none();
        i.closed_reason = reason.map(str::to_string);
    }
    let json = serde_json::to_vec(&items).map_err(anyhow::Error::from)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&json).map_err(anyhow::Error::from)?;
    let gzip = gz.finish().map_err(anyhow::Error::from)?;
    let tag = hex::encode(&Sha256::digest(&json)[..16]);
    let etag = |s: String| HeaderValue::from_str(&s).map_err(|e| AppError::Internal(e.into()));
    Ok(Rendered {
        version,
        etag: etag(format!("\"{tag}\""))?,
        etag_gzip: etag(format!("\"{tag}-gz\""))?,
        json: json.into(),
        gzip: gzip.into(),
        built: Instant::now(),
        checked_ms: AtomicU64::new(0),
        day: now.with_timezone(&crate::domain::time::cst()).date_naive(),
        next_start,
        next_end,
    })
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, not with `q=0`).
fn accepts_gzip(h: &HeaderMap) -> bool {
    h.get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case("gzip"))
                && !parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse() == Ok(0.0)))
        })
}

/// Whether `If-None-Match` names either representation of these bytes (weak comparison, RFC 9110 §13.1.2).
fn not_modified(h: &HeaderMap, r: &Rendered) -> bool {
    let ours = [r.etag.as_bytes(), r.etag_gzip.as_bytes()];
    h.get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || ours.contains(&t.trim_start_matches("W/").as_bytes()))
}

/// Answers with the bytes: gzip when accepted, `304` when the client holds them already.
pub fn answer(req: &Request, res: &mut Response, r: &Rendered) {
    let gzip = accepts_gzip(req.headers());
    let (etag, body) = if gzip {
        (&r.etag_gzip, &r.gzip)
    } else {
        (&r.etag, &r.json)
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, etag.clone());
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if not_modified(req.headers(), r) {
        res.status_code(StatusCode::NOT_MODIFIED);
        return;
    }
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    res.body(body.clone());
}
