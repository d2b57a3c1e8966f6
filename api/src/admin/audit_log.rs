//! The audit trail, newest first: Chinese action names, the target's name, filters by actor, action and date.
use super::audit_labels::{self, ACTIONS};
use super::audit_targets;
use crate::domain::time::{cst, fmt_dt};
use crate::error::{AppError, AppResult};
use crate::meta::EnumItem;
use crate::state::DepotExt;
use chrono::{Days, NaiveDate, TimeZone};
use entity::{audit_log, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::QueryParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

#[derive(Serialize, ToSchema)]
pub struct AuditResp {
    pub id: i64,
    pub action: String,
    /// The action's Chinese name (a family name and the code for an action this version does not know).
    pub action_label: String,
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    pub target_type: String,
    pub target_label: String,
    pub target_id: Option<String>,
    /// The target's name (person, institution, plan, registration …) when it still exists.
    pub target_name: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub ip: Option<String>,
    pub created_at: String,
}

fn day(v: Option<String>, what: &str) -> AppResult<Option<NaiveDate>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::bad(
                    "invalid_date",
                    format!("{what}「{s}」不是有效日期（YYYY-MM-DD）"),
                )
            }),
    }
}

/// The filters, validated: bad input is refused, never ignored.
fn conditions(
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> AppResult<Condition> {
    let mut cond = Condition::all();
    if let Some(a) = action
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
    {
        if !audit_labels::is_action_code(&a) {
            return Err(AppError::bad("invalid_enum", "操作类型无效"));
        }
        cond = cond.add(audit_log::Column::Action.eq(a));
    }
    let (from, to) = (day(from, "开始日期")?, day(to, "结束日期")?);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(AppError::bad(
            "invalid_date_range",
            "开始日期不能晚于结束日期",
        ));
    }
    // Days are Beijing days, whatever the server's zone. The bound is written in UTC like every stored time
    // (`crate::now`): SQLite compares the stored text, so a +08:00 bound would misplace the hours between
    // 00:00 Beijing and 00:00 UTC.
    let start = |d: NaiveDate| {
        cst()
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .single()
            .map(|t| t.with_timezone(&chrono::Utc).fixed_offset())
    };
    if let Some(t) = from.and_then(start) {
        cond = cond.add(audit_log::Column::CreatedAt.gte(t));
    }
    if let Some(t) = to
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .and_then(start)
    {
        cond = cond.add(audit_log::Column::CreatedAt.lt(t));
    }
    Ok(cond)
}

/// Audit records, newest first (at most 200): by actor (name or login), action code and Beijing date range.
#[endpoint(tags("admin"), status_codes(200, 400, 401, 403))]
pub async fn list_audit(
    limit: QueryParam<u64, false>,
    actor: QueryParam<String, false>,
    action: QueryParam<String, false>,
    from: QueryParam<String, false>,
    to: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<AuditResp>>> {
    let st = depot.state()?;
    let mut cond = conditions(action.into_inner(), from.into_inner(), to.into_inner())?;
    if let Some(a) = actor
        .into_inner()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
    {
        if a.chars().count() > 50 {
            return Err(AppError::bad("field_too_long", "操作人不能超过 50 字"));
        }
        let ids: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(
                Condition::any()
                    .add(user::Column::Name.contains(&a))
                    .add(user::Column::Login.eq(a.as_str())),
            )
            .limit(500)
            .into_tuple()
            .all(&st.db)
            .await?;
        cond = cond.add(audit_log::Column::ActorId.is_in(ids));
    }
    let rows = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit.into_inner().unwrap_or(50).clamp(1, 200))
        .all(&st.db)
        .await?;
    let targets = audit_targets::names(&st.db, &rows).await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(Json(
        rows.into_iter()
            .map(|r| {
                let key = (
                    r.target_type.clone(),
                    r.target_id.clone().unwrap_or_default(),
                );
                AuditResp {
                    actor_name: r
                        .actor_id
                        .and_then(|id| targets.get(&("user".into(), id.to_string())).cloned()),
                    target_name: targets.get(&key).cloned(),
                    action_label: audit_labels::action_label(&r.action),
                    target_label: audit_labels::target_label(&r.target_type),
                    id: r.id,
                    action: r.action,
                    actor_id: r.actor_id,
                    target_type: r.target_type,
                    target_id: r.target_id,
                    before: parse(r.before),
                    after: parse(r.after),
                    ip: r.ip,
                    created_at: fmt_dt(&r.created_at),
                }
            })
            .collect(),
    ))
}

/// The audit actions with their Chinese names (for the filter).
#[endpoint(tags("admin"), status_codes(200, 401, 403))]
pub async fn list_audit_actions() -> Json<Vec<EnumItem>> {
    Json(
        ACTIONS
            .iter()
            .map(|(v, l)| EnumItem {
                value: (*v).into(),
                label: (*l).into(),
            })
            .collect(),
    )
}
