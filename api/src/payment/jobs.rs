//! Background work, safe with several API processes: every process ticks, but each job runs under a lock in
//! the shared cache (Redis `SET NX PX`, released by compare-and-delete), so one process does it at a time. Each
//! step commits on its own and jobs pick their work by state, so a crash mid-job loses nothing: the next tick
//! (here or elsewhere, once the lock's TTL frees it) carries on.
use super::orders::{refresh_order, retire};
use super::settle::OPEN;
use crate::domain::time::cst;
use crate::error::AppResult;
use crate::state::AppState;
use entity::{pay_order, reconciliation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::time::Duration;

/// A lock outlives any healthy run of its job; a crashed holder frees it after this.
const LOCK_TTL: Duration = Duration::from_secs(120);

/// Closes unpaid orders past `time_expire`, at WeChat and here (a payment that slipped in is settled instead).
pub async fn close_expired(st: &AppState) -> AppResult<usize> {
    let Some(pay) = st.pay.clone() else {
        return Ok(0);
    };
    let due = pay_order::Entity::find()
        .filter(pay_order::Column::Status.eq(OPEN))
        .filter(pay_order::Column::ExpiresAt.lt(crate::now()))
        .order_by_asc(pay_order::Column::Id)
        .limit(200)
        .all(&st.db)
        .await?;
    let mut n = 0;
    for o in &due {
        match retire(st, &pay, o).await {
            Ok(()) => n += 1,
            Err(e) => {
                tracing::info!(out_trade_no = %o.out_trade_no, error = %e, "expired order not closed")
            }
        }
    }
    Ok(n)
}

/// Queries open orders whose notification has not come after `settle_after_secs` (each at most once per that
/// period), and applies the answer.
pub async fn settle_stale(st: &AppState) -> AppResult<usize> {
    let Some(pay) = st.pay.clone() else {
        return Ok(0);
    };
    let before =
        crate::now() - chrono::Duration::seconds(st.settings.jobs.settle_after_secs.max(0));
    let stale = pay_order::Entity::find()
        .filter(pay_order::Column::Status.eq(OPEN))
        .filter(pay_order::Column::PrepayId.is_not_null())
        // Not asked (or changed) within `settle_after_secs`: an abandoned order is queried once per period,
        // not on every tick.
        .filter(pay_order::Column::UpdatedAt.lt(before))
        .order_by_asc(pay_order::Column::Id)
        .limit(200)
        .all(&st.db)
        .await?;
    let mut n = 0;
    for o in &stale {
        match refresh_order(st, &pay, o).await {
            Ok(super::settle::Settled::Paid | super::settle::Settled::PaidLate) => n += 1,
            Ok(super::settle::Settled::NotPaid) => {
                pay_order::Entity::update_many()
                    .col_expr(pay_order::Column::UpdatedAt, crate::now().into())
                    .filter(pay_order::Column::Id.eq(o.id))
                    .filter(pay_order::Column::Status.eq(OPEN))
                    .exec(&st.db)
                    .await?;
            }
            _ => {}
        }
    }
    Ok(n)
}

/// Applies pending refunds at WeChat and follows processing ones until final.
pub async fn drive_refunds(st: &AppState) -> AppResult<usize> {
    let Some(pay) = st.pay.clone() else {
        return Ok(0);
    };
    super::refund::drive_open(st, &pay).await
}

/// After `reconcile_hour` (Beijing), reconciles the previous day once (again while WeChat is still generating).
pub async fn reconcile_yesterday(st: &AppState) -> AppResult<bool> {
    let Some(pay) = st.pay.clone() else {
        return Ok(false);
    };
    let now = chrono::Utc::now().with_timezone(&cst());
    if chrono::Timelike::hour(&now) < st.settings.jobs.reconcile_hour {
        return Ok(false);
    }
    let day = now.date_naive() - chrono::Duration::days(1);
    let done = reconciliation::Entity::find()
        .filter(reconciliation::Column::BillDate.eq(day))
        .filter(reconciliation::Column::Status.is_in(["done", "no_statement"]))
        .one(&st.db)
        .await?
        .is_some();
    if done {
        return Ok(false);
    }
    super::reconcile::run(st, &pay, day, None).await?;
    Ok(true)
}

/// Runs `job` if this process gets its lock.
pub(crate) async fn locked<F, Fut, T>(st: &AppState, name: &str, job: F) -> Option<T>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    let key = format!("jobs:lock:{name}");
    let token = match st.cache.try_lock(&key, LOCK_TTL).await {
        Ok(Some(t)) => t,
        Ok(None) => return None,
        Err(e) => {
            tracing::warn!(job = name, error = %e, "job lock unavailable");
            return None;
        }
    };
    let out = match job().await {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(job = name, error = %e, "job failed");
            None
        }
    };
    if let Err(e) = st.cache.unlock(&key, &token).await {
        tracing::warn!(job = name, error = %e, "job unlock failed (the lock expires by itself)");
    }
    out
}

/// What one round did (`None`: another process held the job's lock, or it failed).
#[derive(Debug, Default)]
pub struct Round {
    pub closed: Option<usize>,
    pub settled: Option<usize>,
    pub refunds: Option<usize>,
    pub reconciled: Option<bool>,
}

/// One round of every job (the loop's body; tests call it directly).
pub async fn run_once(st: &AppState) -> Round {
    Round {
        closed: locked(st, "close_expired", || close_expired(st)).await,
        settled: locked(st, "settle_stale", || settle_stale(st)).await,
        refunds: locked(st, "refunds", || drive_refunds(st)).await,
        reconciled: locked(st, "reconcile", || reconcile_yesterday(st)).await,
    }
}

/// Starts the loop in the background (when `jobs.enabled` and WeChat Pay is configured).
pub fn spawn(st: AppState) -> Option<tokio::task::JoinHandle<()>> {
    if !st.settings.jobs.enabled || st.pay.is_none() {
        return None;
    }
    let every = Duration::from_secs(st.settings.jobs.interval_secs.max(1));
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            run_once(&st).await;
        }
    }))
}
