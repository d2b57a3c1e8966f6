//! Sessions: an opaque random token (the client holds it), stored as SHA-256 in the shared cache with a sliding
//! TTL, so every API process sees the same sessions and a logout ends the session everywhere. A per-user epoch
//! key ends all earlier sessions of a user at once (password change, disabling).
use crate::cache::Cache;
use crate::error::{AppError, AppResult};
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::time::Duration;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub user_id: i32,
    pub role: String,
    pub institution_id: Option<i32>,
    pub must_change_password: bool,
    /// Logged in with a derivable initial password: held to the identity check until it passes.
    #[serde(default)]
    pub identity_check: bool,
    /// Microseconds since the epoch; sessions issued before the user's epoch are void.
    pub issued_at: i64,
    #[serde(skip)]
    pub key: String,
    /// The version of the user's account data (account, profile, their files) in the shared cache, read in the
    /// same round trip: process-local copies of that data are current while it is unchanged.
    #[serde(skip)]
    pub data_version: Option<String>,
}

impl Session {
    pub fn require_role(&self, roles: &[&str]) -> AppResult<()> {
        if roles.contains(&self.role.as_str()) {
            Ok(())
        } else {
            Err(AppError::no_permission())
        }
    }
}

pub fn random_token() -> AppResult<String> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| AppError::Internal(anyhow::anyhow!("getrandom: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf))
}

fn key_of(token: &str) -> String {
    format!("session:{}", hex::encode(Sha256::digest(token.as_bytes())))
}

const EPOCH: &str = "epoch:";
/// The prefix of a user's data version key (`crate::candidate::profile_memo`).
pub const DATA_VERSION: &str = "udata:";

fn epoch_key(user_id: i32) -> String {
    format!("{EPOCH}{user_id}")
}

pub fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// Creates a session and returns its token.
pub async fn create(cache: &Cache, ttl: Duration, mut s: Session) -> AppResult<String> {
    let token = random_token()?;
    s.issued_at = now_micros();
    let json = serde_json::to_string(&s).map_err(anyhow::Error::from)?;
    cache.set(&key_of(&token), &json, ttl).await?;
    Ok(token)
}

/// The live session of a token, renewed for another `ttl`: the session, its user's revocation epoch and the
/// renewal in one cache round trip.
pub async fn lookup(cache: &Cache, ttl: Duration, token: &str) -> AppResult<Option<Session>> {
    let key = key_of(token);
    let Some((json, related)) = cache
        .get_with_related(&key, "user_id", &[EPOCH, DATA_VERSION], ttl)
        .await?
    else {
        return Ok(None);
    };
    let mut related = related.into_iter();
    let (epoch, data_version) = (related.next().flatten(), related.next().flatten());
    let Ok(mut s) = serde_json::from_str::<Session>(&json) else {
        return Ok(None);
    };
    if epoch
        .and_then(|e| e.parse::<i64>().ok())
        .is_some_and(|e| s.issued_at <= e)
    {
        cache.del(&key).await?;
        return Ok(None);
    }
    s.key = key;
    s.data_version = data_version;
    Ok(Some(s))
}

pub async fn end(cache: &Cache, s: &Session) -> AppResult<()> {
    cache.del(&s.key).await?;
    Ok(())
}

/// Ends every session of the user issued until now (on every process).
pub async fn end_all(cache: &Cache, ttl: Duration, user_id: i32) -> AppResult<()> {
    cache
        .set(
            &epoch_key(user_id),
            &now_micros().to_string(),
            ttl + Duration::from_secs(60),
        )
        .await?;
    Ok(())
}
