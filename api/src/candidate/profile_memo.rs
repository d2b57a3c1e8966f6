//! This process's copies of candidates' profile data for `GET /api/profile`, the most frequent authenticated
//! read: the account, the profile and its files, kept per user and used while the user's data version in the
//! shared cache is unchanged. The version arrives with the session, in the session check's one round trip, so a
//! hit costs no further cache or database access.
//!
//! Every change of that data calls `changed` after its commit: it writes a new version (every process then
//! reads the database again for that user) and drops this process's copy at once. A copy is read after the
//! version it is kept under, so a change that commits meanwhile leaves it under the old version, never current.
//! Copies also expire after `MAX_AGE` (a change made outside the API).
use crate::auth::session::DATA_VERSION;
use crate::state::AppState;
use entity::{candidate_profile, file, user};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MAX_AGE: Duration = Duration::from_secs(120);
/// Copies kept at most (then the oldest half is dropped).
const CAPACITY: usize = 50_000;
/// Longer than any session and any copy, so a version never vanishes while a copy made under it lives.
const VERSION_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

/// One user's data as read from the database.
pub struct Copy {
    pub version: Option<String>,
    pub user: user::Model,
    pub profile: candidate_profile::Model,
    pub files: Vec<file::Model>,
    at: Instant,
}

#[derive(Default)]
pub struct ProfileMemo {
    copies: Mutex<HashMap<i32, Arc<Copy>>>,
}

impl ProfileMemo {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Arc<Copy>>> {
        self.copies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The copy of `user_id`'s data if it was read under `version` and is young enough.
    pub fn get(&self, user_id: i32, version: &Option<String>) -> Option<Arc<Copy>> {
        self.lock()
            .get(&user_id)
            .filter(|c| c.version == *version && c.at.elapsed() < MAX_AGE)
            .cloned()
    }

    /// Keeps data read under `version` (the version the request saw before reading the database).
    pub fn keep(
        &self,
        version: Option<String>,
        user: user::Model,
        profile: candidate_profile::Model,
        files: Vec<file::Model>,
    ) -> Arc<Copy> {
        let copy = Arc::new(Copy {
            version,
            user,
            profile,
            files,
            at: Instant::now(),
        });
        let mut copies = self.lock();
        if copies.len() >= CAPACITY {
            let mut ages: Vec<Instant> = copies.values().map(|c| c.at).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            copies.retain(|_, c| c.at > cut);
        }
        copies.insert(copy.user.id, copy.clone());
        copy
    }

    pub fn forget(&self, user_id: i32) {
        self.lock().remove(&user_id);
    }
}

/// After a committed change of a user's account, profile or profile files: a new data version for every
/// process, and this process's copy dropped.
pub async fn changed(st: &AppState, user_id: i32) {
    let mut raw = [0u8; 8];
    crate::util_random(&mut raw);
    if let Err(e) = st
        .cache
        .set(
            &format!("{DATA_VERSION}{user_id}"),
            &hex::encode(raw),
            VERSION_TTL,
        )
        .await
    {
        tracing::warn!(error = %e, user_id, "could not publish a new profile data version");
    }
    st.profiles.forget(user_id);
}

/// `changed` for several users (e.g. the existing accounts an import filled in).
pub async fn changed_all(st: &AppState, user_ids: impl IntoIterator<Item = i32>) {
    for id in user_ids {
        changed(st, id).await;
    }
}
