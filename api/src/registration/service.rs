//! Registration rules shared by the candidate's wizard and the institution's three entry routes: one
//! application per item, the occupation limit per plan, frozen plans, history and audit records.
use super::types::*;
use crate::audit::{self, Event};
use crate::auth::session::Session;
use crate::error::{AppError, AppResult};
use entity::{file, plan, plan_item, registration, registration_event, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

use super::state::{Action, Status};

/// Statuses in which the candidate may still change or withdraw an application (`state::EDITABLE`).
pub const EDITABLE: [&str; 2] = [Status::Pending.as_str(), Status::Returned.as_str()];
/// Statuses from which the 个人申请表 can be exported (`state::FORM_READY`).
pub const FORM_READY: [&str; 3] = [
    Status::Approved.as_str(),
    Status::Submitted.as_str(),
    Status::Scored.as_str(),
];

pub fn reg_missing() -> AppError {
    AppError::not_found("not_found", "报名记录不存在或无权查看")
}

pub fn frozen() -> AppError {
    AppError::conflict(
        "registration_frozen",
        "该计划已报名提交，报名信息不能再修改",
    )
}

/// Whether `s` may read the registration: its candidate, the plan's institution, the centre.
pub fn may_read(s: &Session, r: &registration::Model) -> bool {
    match s.role.as_str() {
        "candidate" => s.user_id == r.user_id,
        "staff" => s.institution_id == Some(r.institution_id),
        "centre_reviewer" | "centre_finance" | "admin" => true,
        _ => false,
    }
}

pub async fn load_for(
    db: &impl ConnectionTrait,
    s: &Session,
    id: Uuid,
) -> AppResult<registration::Model> {
    registration::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| may_read(s, r))
        .ok_or_else(reg_missing)
}

pub async fn record_event(
    db: &impl ConnectionTrait,
    reg: &registration::Model,
    actor: i32,
    action: &str,
    from: Option<&str>,
    reason: Option<&str>,
    ip: &str,
) -> AppResult<()> {
    registration_event::ActiveModel {
        registration_id: Set(reg.id),
        actor_id: Set(actor),
        action: Set(action.to_string()),
        from_status: Set(from.map(str::to_string)),
        to_status: Set(reg.status.clone()),
        reason: Set(reason.map(str::to_string)),
        created_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let target = reg.id.to_string();
    let ev = Event {
        before: from.map(|f| json!({ "status": f })),
        after: Some(
            json!({ "status": reg.status, "item_id": reg.item_id, "user_id": reg.user_id,
            "reason": reason, "documents": reg.documents }),
        ),
        ..Event::by(actor, "registration_", "registration", &target, ip)
    };
    let action = format!("registration_{action}");
    audit::record(
        db,
        Event {
            action: &action,
            ..ev
        },
    )
    .await?;
    Ok(())
}

/// Checks the documents against the item's required list; every file must be the candidate's own upload.
pub async fn check_documents(
    db: &impl ConnectionTrait,
    user_id: i32,
    item: &plan_item::Model,
    docs: &[DocInput],
    require_all: bool,
) -> AppResult<serde_json::Value> {
    let required: Vec<String> =
        serde_json::from_value(item.required_documents.clone()).unwrap_or_default();
    let mut seen = HashSet::new();
    for d in docs {
        if !required.contains(&d.name) || !seen.insert(d.name.clone()) {
            return Err(AppError::bad(
                "document_invalid",
                format!("「{}」不是该项目要求的证件", d.name),
            ));
        }
    }
    if require_all {
        let missing: Vec<&str> = required
            .iter()
            .filter(|r| !seen.contains(*r))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return Err(AppError::bad(
                "documents_missing",
                format!("请上传：{}", missing.join("、")),
            ));
        }
    }
    let ids: Vec<Uuid> = docs.iter().map(|d| d.file_id).collect();
    if !ids.is_empty() {
        let owned = file::Entity::find()
            .filter(file::Column::Id.is_in(ids.clone()))
            .filter(file::Column::OwnerId.eq(user_id))
            .filter(file::Column::Kind.eq("reg_doc"))
            .count_ids(db)
            .await?;
        if owned != ids.len() {
            return Err(AppError::bad(
                "document_invalid",
                "证件文件无效，请重新上传",
            ));
        }
        // Taken by an application: no longer an orphan to clean up (decided in the caller's transaction).
        file::Entity::update_many()
            .col_expr(file::Column::AttachedAt, crate::now().into())
            .filter(file::Column::Id.is_in(ids))
            .filter(file::Column::AttachedAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(json!(docs))
}

trait CountIds {
    async fn count_ids(self, db: &impl ConnectionTrait) -> Result<usize, sea_orm::DbErr>;
}

impl CountIds for sea_orm::Select<file::Entity> {
    async fn count_ids(self, db: &impl ConnectionTrait) -> Result<usize, sea_orm::DbErr> {
        Ok(self
            .select_only()
            .column(file::Column::Id)
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .len())
    }
}

pub struct NewRegistration<'a> {
    pub user_id: i32,
    pub plan: &'a plan::Model,
    pub item: &'a plan_item::Model,
    pub source: &'static str,
    pub documents: serde_json::Value,
    pub actor_id: i32,
    pub ip: &'a str,
}

/// Whether the candidate may apply to `item` (one live application per item, the occupation limit per plan);
/// returns the withdrawn application to revive, if any. The wizard asks this before any upload; `create` asks it
/// again under the candidate's lock.
pub async fn admissible(
    db: &impl ConnectionTrait,
    user_id: i32,
    plan: &plan::Model,
    item: &plan_item::Model,
) -> AppResult<Option<registration::Model>> {
    let mine = registration::Entity::find()
        .filter(registration::Column::UserId.eq(user_id))
        .filter(registration::Column::PlanId.eq(plan.id))
        .all(db)
        .await?;
    let existing = mine.iter().find(|r| r.item_id == item.id);
    if existing.is_some_and(|r| r.status != "withdrawn") {
        return Err(already_registered());
    }
    let active_items: Vec<i32> = mine
        .iter()
        .filter(|r| !matches!(r.status.as_str(), "withdrawn" | "rejected"))
        .map(|r| r.item_id)
        .collect();
    if !active_items.is_empty() {
        let occupations: HashSet<i32> = plan_item::Entity::find()
            .filter(plan_item::Column::Id.is_in(active_items))
            .all(db)
            .await?
            .into_iter()
            .map(|i| i.occupation_id)
            .collect();
        if !occupations.contains(&item.occupation_id)
            && occupations.len() >= plan.max_occupations as usize
        {
            return Err(AppError::conflict(
                "occupation_limit",
                format!("同一计划最多报考{}个职业", plan.max_occupations),
            ));
        }
    }
    Ok(existing.cloned())
}

/// Creates the application (or revives a withdrawn one) inside the caller's transaction. The candidate's
/// account row is locked first, so that two concurrent applications of one candidate are decided one after
/// the other (on PostgreSQL; SQLite runs one writer at a time anyway).
pub async fn create(
    db: &impl ConnectionTrait,
    n: NewRegistration<'_>,
) -> AppResult<registration::Model> {
    if n.plan.status != "published" {
        return Err(AppError::not_found(
            "item_not_found",
            "报考项目不存在或未发布",
        ));
    }
    if n.plan.stage != "open" {
        return Err(frozen());
    }
    user::Entity::find_by_id(n.user_id)
        .lock_exclusive()
        .one(db)
        .await?;
    let existing = admissible(db, n.user_id, n.plan, n.item).await?;
    let now = crate::now();
    let (reg, action, from) = match existing {
        Some(r) => {
            let from = r.status.clone();
            let to = Action::Reapply.apply(&from)?;
            let mut am: registration::ActiveModel = r.into();
            am.status = Set(to.as_str().into());
            am.reason = Set(None);
            am.source = Set(n.source.into());
            am.documents = Set(n.documents);
            am.updated_at = Set(now);
            (am.update(db).await?, Action::Reapply.as_str(), Some(from))
        }
        None => {
            let reg = registration::ActiveModel {
                id: Set(Uuid::new_v4()),
                plan_id: Set(n.plan.id),
                item_id: Set(n.item.id),
                user_id: Set(n.user_id),
                institution_id: Set(n.plan.institution_id),
                status: Set(Status::Pending.as_str().into()),
                payment_status: Set("unpaid".into()),
                reason: Set(None),
                source: Set(n.source.into()),
                documents: Set(n.documents),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::Conflict { .. } => already_registered(),
                other => other,
            })?;
            (
                reg,
                if n.source == "online" {
                    "apply"
                } else {
                    "enter"
                },
                None,
            )
        }
    };
    record_event(db, &reg, n.actor_id, action, from.as_deref(), None, n.ip).await?;
    Ok(reg)
}

pub fn already_registered() -> AppError {
    AppError::conflict("already_registered", "您已报名该项目，请勿重复报名")
}
