//! Argon2id password hashes (PHC strings), computed off the async executor, at most one per core at a time:
//! each takes 19 MiB and a core for tens of milliseconds, so a login rush queues here (in arrival order) instead
//! of starting hundreds of hashes at once on unbounded blocking threads (1.5 GB resident for 150 logins).
use crate::error::{AppError, AppResult};
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Mutex, OnceLock};
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

/// The working memory of the hashes (19 MiB each): a buffer per slot, allocated once and reused, so that a login
/// rush holds at most `max_concurrent` of them and never hands the allocator hundreds of 19 MiB blocks to keep.
static BUFFERS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// How many buffers exist (never more than `max_concurrent`).
pub fn buffers_allocated() -> usize {
    ALLOCATED.load(std::sync::atomic::Ordering::Relaxed)
}
static ALLOCATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Argon2 of `pwd` with `salt` into `out`, in a pooled buffer (call inside `bounded`).
fn compute(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    pwd: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let lock = || BUFFERS.lock().unwrap_or_else(|p| p.into_inner());
    let mut buf = lock().pop().unwrap_or_else(|| {
        ALLOCATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Vec::new()
    });
    let blocks = params.block_count();
    if buf.len() < blocks {
        buf.resize(blocks, Block::new());
    }
    let r = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        pwd,
        salt,
        out,
        &mut buf[..blocks],
    );
    lock().push(buf);
    r
}

/// A new Argon2id PHC string for `password` (default parameters: 19 MiB, 2 passes).
pub async fn hash(password: String) -> AppResult<String> {
    bounded(move || -> anyhow::Result<String> {
        let params = Params::default();
        let salt = Salt::generate();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        compute(
            Algorithm::Argon2id,
            Version::V0x13,
            params.clone(),
            password.as_bytes(),
            &salt,
            &mut out,
        )
        .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("{e}"))?,
            salt: Some(salt),
            hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("{e}"))?),
        };
        Ok(phc.to_string())
    })
    .await?
    .map_err(AppError::Internal)
}

/// Whether `password` matches the PHC string `phc` (any Argon2 variant and parameters it names).
fn matches(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    if compute(
        algorithm,
        version,
        params,
        password.as_bytes(),
        salt,
        &mut out,
    )
    .is_err()
    {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|o| &o == expected)
}

/// Verifies `password` against `stored`; with `None` it verifies against a fixed dummy hash so that an unknown
/// login takes as long as a known one.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().await?,
    };
    bounded(move || matches(&password, &stored)).await
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hashes_verify_here_and_with_the_argon2_crate_and_reuse_their_memory()
    -> anyhow::Result<()> {
        use argon2::{PasswordHasher, PasswordVerifier};
        let ours = hash("Secret123".into()).await?;
        let parsed = PasswordHash::new(&ours).map_err(|e| anyhow::anyhow!("{e}"))?;
        assert!(
            Argon2::default()
                .verify_password(b"Secret123", &parsed)
                .is_ok()
        );
        assert!(
            Argon2::default()
                .verify_password(b"Secret124", &parsed)
                .is_err()
        );
        let theirs = Argon2::default()
            .hash_password(b"Other456")
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .to_string();
        assert!(verify("Other456".into(), Some(theirs.clone())).await?);
        assert!(!verify("Other457".into(), Some(theirs)).await?);
        assert!(verify("Secret123".into(), Some(ours.clone())).await?);
        assert!(!verify("secret123".into(), Some(ours)).await?);
        assert!(!verify("x".into(), Some("$argon2id$garbage".into())).await?);
        let rush: Vec<_> = (0..20)
            .map(|i| tokio::spawn(verify(format!("p{i}"), None)))
            .collect();
        for h in rush {
            assert!(!h.await??);
        }
        assert!(buffers_allocated() >= 1);
        assert!(
            buffers_allocated() <= max_concurrent(),
            "{} buffers",
            buffers_allocated()
        );
        Ok(())
    }
}
