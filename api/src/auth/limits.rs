//! Login lockout, counted in the shared cache so the limit holds across API processes: after N failures for an
//! account (or M for a client address) inside the lock window, logins are refused until the lock expires.
use crate::cache::Cache;
use crate::config::AuthSettings;
use crate::error::{AppError, AppResult};
use std::time::Duration;

pub struct Limiter<'a> {
    pub cache: &'a Cache,
    pub cfg: &'a AuthSettings,
}

impl Limiter<'_> {
    fn window(&self) -> Duration {
        Duration::from_secs(self.cfg.login_lock_secs)
    }

    /// Refuses with 429 when the account or the address is locked.
    pub async fn check(&self, login: &str, ip: &str) -> AppResult<()> {
        for key in [format!("lock:acct:{login}"), format!("lock:ip:{ip}")] {
            if let Some(secs) = self.cache.ttl(&key).await? {
                let minutes = secs.div_ceil(60);
                return Err(AppError::TooManyRequests {
                    code: "login_locked",
                    message: format!("登录失败次数过多，请{minutes}分钟后再试").into(),
                    retry_after: secs,
                });
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
}
