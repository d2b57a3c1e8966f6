//! Argon2id password hashes (PHC strings), computed off the async executor, at most one per core at a time:
//! each takes 19 MiB and a core for tens of milliseconds, so a login rush queues here (in arrival order) instead
//! of starting hundreds of hashes at once on unbounded blocking threads (1.5 GB resident for 150 logins).
use crate::error::{AppError, AppResult};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use std::sync::OnceLock;
use tokio::sync::{Semaphore, SemaphorePermit};

/// How many hashes may run at once: the number of cores.
pub fn max_concurrent() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

async fn permit() -> AppResult<SemaphorePermit<'static>> {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS
        .get_or_init(|| Semaphore::new(max_concurrent()))
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

static RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The most hashes that ran at once since the process started (never above `max_concurrent`).
pub fn peak() -> usize {
    PEAK.load(std::sync::atomic::Ordering::Relaxed)
}

/// Runs one hash computation on a blocking thread, holding a slot.
async fn bounded<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> AppResult<R> {
    use std::sync::atomic::Ordering;
    let _slot = permit().await?;
    tokio::task::spawn_blocking(move || {
        let n = RUNNING.fetch_add(1, Ordering::Relaxed) + 1;
        PEAK.fetch_max(n, Ordering::Relaxed);
        let r = f();
        RUNNING.fetch_sub(1, Ordering::Relaxed);
        r
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

pub async fn hash(password: String) -> AppResult<String> {
    bounded(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))
    })
    .await?
    .map_err(AppError::Internal)
}

/// Verifies `password` against `stored`; with `None` it verifies against a fixed dummy hash so that an unknown
/// login takes as long as a known one.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().await?,
    };
    bounded(move || {
        let Ok(parsed) = argon2::password_hash::phc::PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_rush_of_hashes_runs_at_most_one_per_core_and_every_one_completes()
    -> anyhow::Result<()> {
        let rush: Vec<_> = (0..4 * max_concurrent() + 2)
            .map(|i| tokio::spawn(hash(format!("Secret{i}"))))
            .collect();
        for h in rush {
            assert!(h.await?.is_ok_and(|h| h.starts_with("$argon2id$")));
        }
        assert!(peak() >= 1);
        assert!(
            peak() <= max_concurrent(),
            "peak {} > {}",
            peak(),
            max_concurrent()
        );
        Ok(())
    }
}
