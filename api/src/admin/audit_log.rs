//! The audit trail, newest first.
use crate::error::AppResult;
use crate::state::DepotExt;
use entity::{audit_log, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::QueryParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

#[derive(Serialize, ToSchema)]
pub struct AuditResp {
    pub id: i64,
    pub action: String,
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    pub target_type: String,
    pub target_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub ip: Option<String>,
    pub created_at: String,
}

/// Recent audit records (at most 200).
#[endpoint(tags("admin"))]
pub async fn list_audit(
    limit: QueryParam<u64, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<AuditResp>>> {
    let st = depot.state()?;
    depot.session()?.require_role(&["admin"])?;
    let rows = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit.into_inner().unwrap_or(50).min(200))
        .all(&st.db)
        .await?;
    let mut ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let actors = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&st.db)
        .await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditResp {
                actor_name: r
                    .actor_id
                    .and_then(|id| actors.iter().find(|a| a.id == id))
                    .map(|a| a.name.clone()),
                id: r.id,
                action: r.action,
                actor_id: r.actor_id,
                target_type: r.target_type,
                target_id: r.target_id,
                before: parse(r.before),
                after: parse(r.after),
                ip: r.ip,
                created_at: r.created_at.to_rfc3339(),
            })
            .collect(),
    ))
}
