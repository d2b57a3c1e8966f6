//! Wizard uploads that no application took: deleted (row and stored bytes) once `jobs.orphan_upload_hours` have
//! passed, by a background job that one process at a time runs under its lock in the shared cache.
use crate::error::AppResult;
use crate::payment::jobs::locked;
use crate::state::AppState;
use entity::file;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::time::Duration;

/// The job runs at most this often (orphans are hours old; there is no hurry).
const EVERY: Duration = Duration::from_secs(600);

/// Deletes up to 200 registration documents older than the grace period that no application has attached;
/// returns how many. Each delete is conditional, so an application taking the file meanwhile keeps it.
pub async fn clean_orphan_uploads(st: &AppState) -> AppResult<usize> {
    let hours = st.settings.jobs.orphan_upload_hours.max(1);
    let before = crate::now() - chrono::Duration::hours(hours);
    let due = file::Entity::find()
        .filter(file::Column::Kind.eq("reg_doc"))
        .filter(file::Column::AttachedAt.is_null())
        .filter(file::Column::CreatedAt.lt(before))
        .order_by_asc(file::Column::CreatedAt)
        .limit(200)
        .all(&st.db)
        .await?;
    let mut n = 0;
    for f in due {
        let gone = file::Entity::delete_many()
            .filter(file::Column::Id.eq(f.id))
            .filter(file::Column::AttachedAt.is_null())
            .exec(&st.db)
            .await?;
        if gone.rows_affected == 0 {
            continue;
        }
        n += 1;
        if let Err(e) = st.storage.delete(&f.storage_key).await {
            tracing::warn!(key = %f.storage_key, error = %e, "orphan upload's bytes not deleted");
        }
    }
    if n > 0 {
        tracing::info!(deleted = n, "orphan uploads cleaned up");
    }
    Ok(n)
}

/// One run under the job's lock (`None`: another process held it, or it failed); tests call it directly.
pub async fn run_once(st: &AppState) -> Option<usize> {
    locked(st, "orphan_uploads", || clean_orphan_uploads(st)).await
}

/// Starts the cleanup loop in the background (when `jobs.enabled`).
pub fn spawn(st: AppState) -> Option<tokio::task::JoinHandle<()>> {
    if !st.settings.jobs.enabled {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            run_once(&st).await;
        }
    }))
}
