//! The session lookup's one round trip: a JSON value, the key named by one of its integer fields, and the
//! renewal of the value's lifetime, in one Redis script (or under one lock of the in-process map).
use super::Cache;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// KEYS[1] the value; ARGV[1] the related key's prefix (with the cache prefix), ARGV[2] the field, ARGV[3] TTL.
static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r"local v = redis.call('GET', KEYS[1])
if not v then return {} end
local related = false
local ok, doc = pcall(cjson.decode, v)
if ok and type(doc) == 'table' and type(doc[ARGV[2]]) == 'number' then
  related = redis.call('GET', ARGV[1] .. string.format('%d', doc[ARGV[2]]))
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {v, related}",
    )
});

impl Cache {
    /// Reads `key` (a JSON object) and `related_prefix` + its integer `field`, and renews `key` for `ttl`:
    /// one round trip. `None` when `key` is missing.
    pub async fn get_with_related(
        &self,
        key: &str,
        field: &str,
        related_prefix: &str,
        ttl: Duration,
    ) -> anyhow::Result<Option<(String, Option<String>)>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                let value = Self::live(m.get(key))?;
                let related = serde_json::from_str::<serde_json::Value>(&value)
                    .ok()
                    .and_then(|doc| doc.get(field).and_then(serde_json::Value::as_i64))
                    .and_then(|id| Self::live(m.get(&format!("{related_prefix}{id}"))));
                if let Some(entry) = m.get_mut(key) {
                    entry.1 = Instant::now() + ttl;
                }
                Some((value, related))
            })),
            Self::Redis { conn, prefix } => {
                let mut reply: Vec<Option<String>> = SCRIPT
                    .key(format!("{prefix}{key}"))
                    .arg(format!("{prefix}{related_prefix}"))
                    .arg(field)
                    .arg(ttl.as_secs().max(1))
                    .invoke_async(&mut conn.clone())
                    .await?;
                if reply.is_empty() {
                    return Ok(None);
                }
                let related = reply.pop().flatten();
                Ok(reply.pop().flatten().map(|v| (v, related)))
            }
        }
    }
}
