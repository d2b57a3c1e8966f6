//! Argon2id password hashes (PHC strings), computed off the async executor.
use crate::error::{AppError, AppResult};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use std::sync::OnceLock;

pub async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))
    })
    .await
    .map_err(anyhow::Error::from)?
    .map_err(AppError::Internal)
}

/// Verifies `password` against `stored`; with `None` it verifies against a fixed dummy hash so that an unknown
/// login takes as long as a known one.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().await?,
    };
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = argon2::password_hash::phc::PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

async fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash("dummy-password-never-matches-0".into()).await?;
    Ok(DUMMY.get_or_init(|| h).clone())
}
