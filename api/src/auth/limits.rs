//! Login lockout, counted in the shared cache so the limit holds across API processes: after N failures for an
//! account (or M for a client address) inside the lock window, logins are refused until the lock expires. The
//! second factor (the recorded mobile number) has its own count per login, so that guessing it cannot go on
//! behind a correct (derivable) initial password.
use crate::cache::Cache;
use crate::config::AuthSettings;
use crate::error::{AppError, AppResult};
use std::time::Duration;

pub struct Limiter<'a> {
    pub cache: &'a Cache,
    pub cfg: &'a AuthSettings,
}

fn locked(code: &'static str, what: &str, secs: u64) -> AppError {
    AppError::TooManyRequests {
        code,
        message: format!("{what}失败次数过多，请{}分钟后再试", secs.div_ceil(60)).into(),
        retry_after: secs,
    }
}

impl Limiter<'_> {
    fn window(&self) -> Duration {
        Duration::from_secs(self.cfg.login_lock_secs)
    }

    /// Refuses with 429 when the account or the address is locked.
    pub async fn check(&self, login: &str, ip: &str) -> AppResult<()> {
        for key in [format!("lock:acct:{login}"), format!("lock:ip:{ip}")] {
            if let Some(secs) = self.cache.ttl(&key).await? {
                return Err(locked("login_locked", "登录", secs));
            }
        }
        Ok(())
    }

    /// Counts a failure; returns how many attempts the account has left (0 = now locked).
    pub async fn fail(&self, login: &str, ip: &str) -> AppResult<i64> {
        let n_acct = self
            .cache
            .incr(&format!("fail:acct:{login}"), self.window())
            .await?;
        let n_ip = self
            .cache
            .incr(&format!("fail:ip:{ip}"), self.window())
            .await?;
        if n_acct >= self.cfg.login_max_failures {
            self.cache
                .set(&format!("lock:acct:{login}"), "1", self.window())
                .await?;
            self.cache.del(&format!("fail:acct:{login}")).await?;
        }
        if n_ip >= self.cfg.ip_max_failures {
            self.cache
                .set(&format!("lock:ip:{ip}"), "1", self.window())
                .await?;
            self.cache.del(&format!("fail:ip:{ip}")).await?;
        }
        Ok((self.cfg.login_max_failures - n_acct).max(0))
    }

    pub async fn succeed(&self, login: &str) -> AppResult<()> {
        self.cache.del(&format!("fail:acct:{login}")).await?;
        Ok(())
    }

    /// Seconds left of the account's login lock or identity-check lock, if either is on.
    pub async fn locked_for(&self, login: &str) -> AppResult<Option<u64>> {
        let login = login.to_ascii_uppercase();
        let a = self.cache.ttl(&format!("lock:acct:{login}")).await?;
        let b = self.cache.ttl(&format!("lock:idcheck:{login}")).await?;
        Ok(a.max(b))
    }

    /// Lifts both locks of an account and forgets its failures (an administrator's unlock or reset, or a
    /// successful recovery).
    pub async fn unlock(&self, login: &str) -> AppResult<()> {
        let login = login.to_ascii_uppercase();
        for key in ["lock:acct", "fail:acct", "lock:idcheck", "fail:idcheck"] {
            self.cache.del(&format!("{key}:{login}")).await?;
        }
        Ok(())
    }

    /// Refuses with 429 while the identity check (mobile number) of this login, or the address, is locked.
    pub async fn check_identity(&self, login: &str, ip: &str) -> AppResult<()> {
        if let Some(secs) = self.cache.ttl(&format!("lock:idcheck:{login}")).await? {
            return Err(locked("identity_check_locked", "核验", secs));
        }
        if let Some(secs) = self.cache.ttl(&format!("lock:ip:{ip}")).await? {
            return Err(locked("login_locked", "登录", secs));
        }
        Ok(())
    }

    /// Counts a failed identity check of a login (known or not); returns the attempts left (0 = now locked).
    pub async fn fail_identity(&self, login: &str, ip: &str) -> AppResult<i64> {
        let n = self
            .cache
            .incr(&format!("fail:idcheck:{login}"), self.window())
            .await?;
        let n_ip = self
            .cache
            .incr(&format!("fail:ip:{ip}"), self.window())
            .await?;
        if n >= self.cfg.identity_max_failures {
            self.cache
                .set(&format!("lock:idcheck:{login}"), "1", self.window())
                .await?;
            self.cache.del(&format!("fail:idcheck:{login}")).await?;
        }
        if n_ip >= self.cfg.ip_max_failures {
            self.cache
                .set(&format!("lock:ip:{ip}"), "1", self.window())
                .await?;
            self.cache.del(&format!("fail:ip:{ip}")).await?;
        }
        Ok((self.cfg.identity_max_failures - n).max(0))
    }
}
