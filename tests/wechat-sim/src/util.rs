//! Small helpers shared by the endpoint modules: randomness, clock, WeChat-style errors, HTML escaping.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use salvo::prelude::*;
use serde_json::json;

use crate::Sim;

/// `[A-Za-z0-9-_]`: the alphabet of openids and tokens.
pub(crate) const URL_SAFE: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// `[A-Za-z0-9]`: the alphabet of authorization codes.
pub(crate) const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";

/// Fills `buf` from the OS CSPRNG; falls back to std's randomly keyed SipHash if that ever fails.
pub(crate) fn fill_random(buf: &mut [u8]) {
    if getrandom::fill(buf).is_ok() {
        return;
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    for chunk in buf.chunks_mut(8) {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        hasher.write_u128(nanos);
        let word = hasher.finish().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
}

/// A uniformly random string of `len` characters from `alphabet` (rejection sampling).
pub(crate) fn random_string(len: usize, alphabet: &[u8]) -> String {
    let n = alphabet.len().clamp(1, 256);
    let limit = 256 - 256 % n;
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        fill_random(&mut buf);
        for &b in &buf {
            if (b as usize) < limit && out.len() < len {
                out.push(char::from(alphabet[b as usize % n]));
            }
        }
    }
    out
}

/// A WeChat-looking request id: `xxxxxxxx-xxxxxxxx-xxxxxxxx` (hex).
pub(crate) fn rid() -> String {
    [
        random_string(8, HEX),
        random_string(8, HEX),
        random_string(8, HEX),
    ]
    .join("-")
}

/// Seconds since the Unix epoch.
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// A WeChat error: `(errcode, errmsg)`.
pub(crate) type WxError = (i64, &'static str);

/// Renders a WeChat API error the way WeChat does: HTTP 200, `{"errcode","errmsg":"… rid: …"}`.
pub(crate) fn render_wx_error(res: &mut Response, (errcode, errmsg): WxError) {
    res.render(Json(json!({
        "errcode": errcode,
        "errmsg": format!("{errmsg}, rid: {}", rid()),
    })));
}

/// Renders the `Result` of a WeChat API call: the JSON value on success, the errcode body otherwise.
pub(crate) fn render_wx(res: &mut Response, result: Result<serde_json::Value, WxError>) {
    match result {
        Ok(body) => res.render(Json(body)),
        Err(err) => render_wx_error(res, err),
    }
}

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The simulator injected into the depot by `Sim::router`; renders a 500 when missing.
pub(crate) fn sim_from(depot: &Depot, res: &mut Response) -> Option<Sim> {
    match depot.get_typed::<Sim>() {
        Ok(sim) => Some(sim.clone()),
        Err(_) => {
            res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
            res.render(Text::Plain("wechat-sim: state missing from depot"));
            None
        }
    }
}

/// A query parameter as a string; absent → empty.
pub(crate) fn query(req: &Request, key: &str) -> String {
    req.query::<String>(key).unwrap_or_default()
}
