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

/// The stored "hash" of an account an institution entered: its initial password is the last six characters of
/// its ID number (the operation guides' rule), which anyone who knows the login can derive, so a slow hash of it
/// would protect nothing and would make a 10 000-row import take minutes. Such an account must change the
/// password at its first login (`must_change_password`), which replaces this marker with a real hash.
pub const INITIAL_LAST_SIX: &str = "$initial$last-six-of-login";

/// The initial password of an entered account.
pub fn last_six(login: &str) -> String {
    let chars: Vec<char> = login.chars().collect();
    chars[chars.len().saturating_sub(6)..].iter().collect()
}

/// Verifies the password of an account (or of nobody, taking as long).
pub async fn verify_account(
    password: String,
    login: Option<&str>,
    stored: Option<String>,
) -> AppResult<bool> {
    if let (Some(login), Some(INITIAL_LAST_SIX)) = (login, stored.as_deref()) {
        let expected = last_six(login);
        // Same time as a real verification, so that timing does not tell which accounts are untouched.
        verify(password.clone(), None).await?;
        return Ok(password.eq_ignore_ascii_case(&expected));
    }
    verify(password, stored).await
}

async fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash("dummy-password-never-matches-0".into()).await?;
    Ok(DUMMY.get_or_init(|| h).clone())
}
