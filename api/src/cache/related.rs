//! The session lookup's one round trip: a JSON value, the keys named by one of its integer fields (one per
//! prefix), and the renewal of the value's lifetime, in one Redis script (or under one lock of the in-process map).
use super::Cache;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// KEYS[1] the value; ARGV[1] the field, ARGV[2] TTL, ARGV[3…] the related keys' prefixes (with the cache prefix).
static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r"local v = redis.call('GET', KEYS[1])
if not v then return {} end
local out = {v}
local ok, doc = pcall(cjson.decode, v)
local id = false
if ok and type(doc) == 'table' and type(doc[ARGV[1]]) == 'number' then
  id = string.format('%d', doc[ARGV[1]])
end
for i = 3, #ARGV do
  if id then out[i - 1] = redis.call('GET', ARGV[i] .. id) else out[i - 1] = false end
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return out",
    )
});

impl Cache {
    /// Reads `key` (a JSON object) and, for each of `prefixes`, the prefix + its integer `field`, and renews
    /// `key` for `ttl`: one round trip. `None` when `key` is missing; else the value and one entry per prefix.
    pub async fn get_with_related(
        &self,
        key: &str,
        field: &str,
        prefixes: &[&str],
        ttl: Duration,
    ) -> anyhow::Result<Option<(String, Vec<Option<String>>)>> {
        match self {
            Self::Memory(m) => Ok(Self::with_map(m, |m| {
                let value = Self::live(m.get(key))?;
                let id = serde_json::from_str::<serde_json::Value>(&value)
                    .ok()
                    .and_then(|doc| doc.get(field).and_then(serde_json::Value::as_i64));
                let related = prefixes
                    .iter()
                    .map(|p| id.and_then(|id| Self::live(m.get(&format!("{p}{id}")))))
                    .collect();
                if let Some(entry) = m.get_mut(key) {
                    entry.1 = Instant::now() + ttl;
                }
                Some((value, related))
            })),
            Self::Redis { conn, prefix } => {
                let mut inv = SCRIPT.key(format!("{prefix}{key}"));
                inv.arg(field).arg(ttl.as_secs().max(1));
                for p in prefixes {
                    inv.arg(format!("{prefix}{p}"));
                }
                let mut reply: Vec<Option<String>> = inv.invoke_async(&mut conn.clone()).await?;
                if reply.is_empty() {
                    return Ok(None);
                }
                let related: Vec<Option<String>> = reply.split_off(1);
                let related = (0..prefixes.len())
                    .map(|i| related.get(i).cloned().flatten())
                    .collect();
                Ok(reply.pop().flatten().map(|v| (v, related)))
            }
        }
    }
}
