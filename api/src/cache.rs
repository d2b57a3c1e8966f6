//! The shared key-value store for sessions, login-attempt counters and one-time WeChat states: Redis when
//! configured (shared by every API process), an in-process map otherwise (a single process, e.g. `make run`).
//! Every operation that must be atomic across processes (take, incr) is one Redis command.
use anyhow::Context;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod related;

#[derive(Clone)]
pub enum Cache {
    Memory(Arc<Mutex<HashMap<String, (String, Instant)>>>),
    Redis {
        conn: ConnectionManager,
        prefix: String,
    },
}

impl Cache {
    pub fn memory() -> Self {
        Self::Memory(Arc::default())
    }

    pub async fn redis(url: &str, prefix: &str) -> anyhow::Result<Self> {
        let client = redis::Client::open(url).context("invalid Redis URL")?;
        let cfg = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(3)))
            .set_response_timeout(Some(Duration::from_secs(3)));
        let conn = ConnectionManager::new_with_config(client, cfg)
            .await
            .context("cannot connect to Redis")?;
        Ok(Self::Redis {
            conn,
            prefix: prefix.to_string(),
        })
    }

    fn with_map<R>(
        map: &Mutex<HashMap<String, (String, Instant)>>,
        f: impl FnOnce(&mut HashMap<String, (String, Instant)>) -> R,
    ) -> R {
        let mut guard = map.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if guard.len() > 10_000 {
            guard.retain(|_, (_, exp)| *exp > now);
        }
        f(&mut guard)
    }

    fn live(entry: Option<&(String, Instant)>) -> Option<String> {
        entry
            .filter(|(_, exp)| *exp > Instant::now())
            .map(|(v, _)| v.clone())
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Option<String>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| Self::live(m.get(key)))),
            Self::Redis { conn, prefix } => Ok(conn.clone().get(format!("{prefix}{key}")).await?),
        }
    }

    pub async fn set(&self, key: &str, value: &str, ttl: Duration) -> anyhow::Result<()> {
        match self {
            Self::Memory(m) => {
                Self::with_map(m, |m| {
                    m.insert(key.to_string(), (value.to_string(), Instant::now() + ttl))
                });
                Ok(())
            }
            Self::Redis { conn, prefix } => {
                let secs = ttl.as_secs().max(1);
                let _: () = conn
                    .clone()
                    .set_ex(format!("{prefix}{key}"), value, secs)
                    .await?;
                Ok(())
            }
        }
    }

    /// Reads and deletes in one step: of two concurrent callers only one gets the value (one-time tokens).
    pub async fn take(&self, key: &str) -> anyhow::Result<Option<String>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| Self::live(m.remove(key).as_ref()))),
            Self::Redis { conn, prefix } => {
                Ok(conn.clone().get_del(format!("{prefix}{key}")).await?)
            }
        }
    }

    pub async fn del(&self, key: &str) -> anyhow::Result<()> {
        match self {
            Self::Memory(m) => {
                Self::with_map(m, |m| m.remove(key));
                Ok(())
            }
            Self::Redis { conn, prefix } => {
                let _: i64 = conn.clone().del(format!("{prefix}{key}")).await?;
                Ok(())
            }
        }
    }

    /// Takes a lock for `ttl` if nobody holds it: `Some(token)` to the one caller that got it. The TTL frees a
    /// lock whose holder crashed.
    pub async fn try_lock(&self, key: &str, ttl: Duration) -> anyhow::Result<Option<String>> {
        let mut raw = [0u8; 16];
        getrandom::fill(&mut raw).map_err(|e| anyhow::anyhow!("getrandom: {e}"))?;
        let token = hex::encode(raw);
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                if Self::live(m.get(key)).is_some() {
                    None
                } else {
                    m.insert(key.to_string(), (token.clone(), Instant::now() + ttl));
                    Some(token.clone())
                }
            })),
            Self::Redis { conn, prefix } => {
                let ok: Option<String> = redis::cmd("SET")
                    .arg(format!("{prefix}{key}"))
                    .arg(&token)
                    .arg("NX")
                    .arg("PX")
                    .arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1))
                    .query_async(&mut conn.clone())
                    .await?;
                Ok(ok.map(|_| token))
            }
        }
    }

    /// Releases a lock, only if `token` still holds it (compare-and-delete in one Redis script).
    pub async fn unlock(&self, key: &str, token: &str) -> anyhow::Result<()> {
        match self {
            Self::Memory(m) => {
                Self::with_map(m, |m| {
                    if m.get(key).is_some_and(|(v, _)| v == token) {
                        m.remove(key);
                    }
                });
                Ok(())
            }
            Self::Redis { conn, prefix } => {
                let script = redis::Script::new(
                    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
                );
                let _: i64 = script
                    .key(format!("{prefix}{key}"))
                    .arg(token)
                    .invoke_async(&mut conn.clone())
                    .await?;
                Ok(())
            }
        }
    }

    /// Increments a counter; the window (`ttl`) starts at the first increment and is not extended.
    pub async fn incr(&self, key: &str, ttl: Duration) -> anyhow::Result<i64> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                let now = Instant::now();
                let entry = m
                    .entry(key.to_string())
                    .or_insert_with(|| ("0".into(), now + ttl));
                if entry.1 <= now {
                    *entry = ("0".into(), now + ttl);
                }
                let n = entry.0.parse::<i64>().unwrap_or(0) + 1;
                entry.0 = n.to_string();
                n
            })),
            Self::Redis { conn, prefix } => {
                let k = format!("{prefix}{key}");
                let (n, _): (i64, i64) = redis::pipe()
                    .atomic()
                    .incr(&k, 1)
                    .cmd("EXPIRE")
                    .arg(&k)
                    .arg(ttl.as_secs().max(1))
                    .arg("NX")
                    .query_async(&mut conn.clone())
                    .await?;
                Ok(n)
            }
        }
    }

    /// Reads `get_key` and renews `touch_key` for `ttl`, in one round trip (session lookup on every request).
    pub async fn get_and_touch(
        &self,
        get_key: &str,
        touch_key: &str,
        ttl: Duration,
    ) -> anyhow::Result<Option<String>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                if let Some(entry) = m
                    .get_mut(touch_key)
                    .filter(|(_, exp)| *exp > Instant::now())
                {
                    entry.1 = Instant::now() + ttl;
                }
                Self::live(m.get(get_key))
            })),
            Self::Redis { conn, prefix } => {
                let (value, _): (Option<String>, i64) = redis::pipe()
                    .get(format!("{prefix}{get_key}"))
                    .expire(format!("{prefix}{touch_key}"), ttl.as_secs().max(1) as i64)
                    .query_async(&mut conn.clone())
                    .await?;
                Ok(value)
            }
        }
    }

    /// Seconds until the key expires, if it exists.
    pub async fn ttl(&self, key: &str) -> anyhow::Result<Option<u64>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                m.get(key)
                    .and_then(|(_, exp)| exp.checked_duration_since(Instant::now()))
                    .map(|d| d.as_secs().max(1))
            })),
            Self::Redis { conn, prefix } => {
                let t: i64 = conn.clone().ttl(format!("{prefix}{key}")).await?;
                Ok((t > 0).then_some(t as u64))
            }
        }
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        match self {
            Self::Memory(_) => Ok(()),
            Self::Redis { conn, .. } => {
                let _: String = redis::cmd("PING").query_async(&mut conn.clone()).await?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_take_returns_the_value_once() -> anyhow::Result<()> {
        let c = Cache::memory();
        c.set("k", "v", Duration::from_secs(5)).await?;
        assert_eq!(c.take("k").await?.as_deref(), Some("v"));
        assert_eq!(c.take("k").await?, None);
        Ok(())
    }

    #[tokio::test]
    async fn memory_entries_expire() -> anyhow::Result<()> {
        let c = Cache::memory();
        c.set("k", "v", Duration::from_millis(20)).await?;
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(c.get("k").await?, None);
        assert_eq!(c.incr("n", Duration::from_millis(20)).await?, 1);
        assert_eq!(c.incr("n", Duration::from_millis(20)).await?, 2);
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(c.incr("n", Duration::from_millis(20)).await?, 1);
        Ok(())
    }
}
