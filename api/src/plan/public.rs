//! 职业技能报考信息: published plans as candidates see them. The item list is shared by every candidate: its
//! items are cached in the shared cache under the list's version, and each process keeps the final bytes
//! (`open_list`).
use super::service;
use super::types::*;
use crate::domain::enums;
use crate::domain::time::{fmt_date, fmt_dt};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use chrono::{DateTime, FixedOffset};
use entity::{institution, plan, plan_item};
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::time::Duration;

const TTL: Duration = Duration::from_secs(300);

/// Why the window of a plan is closed at `now`, or `None` while it is open.
pub fn closed_reason(
    reg_start: &DateTime<FixedOffset>,
    reg_end: &DateTime<FixedOffset>,
    now: &DateTime<FixedOffset>,
) -> Option<&'static str> {
    if now < reg_start {
        Some("not_started")
    } else if now > reg_end {
        Some("closed")
    } else {
        None
    }
}

async fn load_open(st: &AppState) -> AppResult<Vec<OpenItem>> {
    let today = crate::now()
        .with_timezone(&crate::domain::time::cst())
        .date_naive();
    let plans = plan::Entity::find()
        .filter(plan::Column::Status.eq("published"))
        .filter(plan::Column::Stage.eq("open"))
        .filter(plan::Column::ExamDate.gte(today))
        .order_by_desc(plan::Column::RegStart)
        .find_with_related(plan_item::Entity)
        .all(&st.reader)
        .await?;
    let ids: Vec<i32> = plans.iter().map(|(p, _)| p.institution_id).collect();
    let names: std::collections::HashMap<i32, String> = institution::Entity::find()
        .filter(institution::Column::Id.is_in(ids))
        .all(&st.reader)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let mut out = Vec::new();
    for (p, items) in plans {
        let inst = names.get(&p.institution_id).cloned().unwrap_or_default();
        for i in items {
            out.push(OpenItem {
                plan_id: p.id,
                plan_name: p.name.clone(),
                institution_name: inst.clone(),
                item_id: i.id,
                occupation_code: i.occupation_code,
                occupation_name: i.occupation_name,
                job_type: i.job_type,
                level_label: enums::label(enums::CERT_LEVELS, &i.level)
                    .unwrap_or_default()
                    .to_string(),
                level: i.level,
                fee_fen: i.fee_fen,
                reg_start: fmt_dt(&p.reg_start),
                reg_end: fmt_dt(&p.reg_end),
                exam_date: fmt_date(&p.exam_date),
                can_apply: false,
                closed_reason: None,
            });
        }
    }
    Ok(out)
}

/// The open items of the list's `version` from the shared cache, or from the database (then cached). Without a
/// version (the cache is down) straight from the database.
pub(super) async fn open_items(st: &AppState, version: &str) -> AppResult<Vec<OpenItem>> {
    if version.is_empty() {
        return load_open(st).await;
    }
    let key = format!("plans:open:items:{version}");
    match st.cache.get(&key).await {
        Ok(Some(json)) => {
            if let Ok(items) = serde_json::from_str(&json) {
                return Ok(items);
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "open plans cache unavailable"),
    }
    let items = load_open(st).await?;
    if let Ok(json) = serde_json::to_string(&items)
        && let Err(e) = st.cache.set(&key, &json, TTL).await
    {
        tracing::warn!(error = %e, "could not cache the open plans");
    }
    Ok(items)
}

/// Items of published plans, with whether the window is open now. Answered with an `ETag` (`304` for
/// `If-None-Match`) and gzip-compressed when the client accepts it.
#[endpoint(
    tags("plans"),
    responses(
        (status_code = 200, description = "the open items", body = Vec<OpenItem>),
        (status_code = 304, description = "unchanged since the ETag in If-None-Match"),
    )
)]
pub async fn list_open_items(
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let list = super::open_list::current(&st).await?;
    super::open_list::answer(req, res, &list);
    Ok(())
}

/// A published plan's announcement (公示信息), notice and items.
#[endpoint(tags("plans"))]
pub async fn get_public_plan(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<PublicPlan>> {
    let st = depot.state()?;
    let p = plan::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?
        .filter(|p| p.status == "published")
        .ok_or_else(|| AppError::not_found("not_found", "计划不存在或未发布"))?;
    let items = plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(p.id))
        .order_by_asc(plan_item::Column::Id)
        .all(&st.db)
        .await?;
    let inst = service::institution_ref(&st.db, p.institution_id).await?;
    let mut subjects = super::subjects::of_items(&st.db, items.iter().map(|i| i.id)).await?;
    Ok(Json(PublicPlan {
        id: p.id,
        name: p.name,
        institution_name: inst.name,
        reg_start: fmt_dt(&p.reg_start),
        reg_end: fmt_dt(&p.reg_end),
        exam_date: fmt_date(&p.exam_date),
        announcement: p.announcement,
        notice: p.notice,
        conditions: p.conditions,
        max_occupations: p.max_occupations,
        items: items
            .iter()
            .map(|i| service::item_resp(i, subjects.remove(&i.id).unwrap_or_default(), None))
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_state_follows_the_clock() {
        let a = DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").expect("a");
        let b = DateTime::parse_from_rfc3339("2026-12-10T18:00:00+08:00").expect("b");
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("t");
        assert_eq!(
            closed_reason(&a, &b, &at("2026-12-01T00:59:59Z")),
            Some("not_started")
        );
        assert_eq!(closed_reason(&a, &b, &at("2026-12-01T01:00:00Z")), None);
        assert_eq!(
            closed_reason(&a, &b, &at("2026-12-10T18:00:00+08:00")),
            None
        );
        assert_eq!(
            closed_reason(&a, &b, &at("2026-12-10T10:00:01Z")),
            Some("closed")
        );
    }
}
