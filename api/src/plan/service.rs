//! Loading plans under the tenant rule, rendering them, and the shared cache of open items.
use super::types::*;
use crate::auth::session::Session;
use crate::domain::enums;
use crate::domain::time::{fmt_date, fmt_dt};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use entity::{institution, plan, plan_item, registration};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

pub fn plan_missing() -> AppError {
    AppError::not_found("not_found", "计划不存在或无权查看")
}

/// A plan the caller may manage: staff only their own institution's. Centre roles and admins may read any
/// (`write = false`).
pub async fn plan_for(
    db: &impl ConnectionTrait,
    s: &Session,
    id: i32,
    write: bool,
) -> AppResult<plan::Model> {
    let p = plan::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(plan_missing)?;
    match s.role.as_str() {
        "staff" if s.institution_id == Some(p.institution_id) => Ok(p),
        "centre_reviewer" | "centre_finance" | "admin" if !write => Ok(p),
        "staff" => Err(plan_missing()),
        _ => Err(AppError::no_permission()),
    }
}

/// The staff member's institution.
pub fn institution_of(s: &Session) -> AppResult<i32> {
    s.require_role(&["staff"])?;
    s.institution_id
        .ok_or_else(|| AppError::forbidden("institution_required", "账号未分配机构"))
}

pub fn item_resp(i: &plan_item::Model, subjects: Vec<Subject>, count: Option<u64>) -> PlanItemResp {
    PlanItemResp {
        id: i.id,
        occupation_id: i.occupation_id,
        occupation_code: i.occupation_code.clone(),
        occupation_name: i.occupation_name.clone(),
        job_type: i.job_type.clone(),
        level: i.level.clone(),
        level_label: enums::label(enums::CERT_LEVELS, &i.level)
            .unwrap_or_default()
            .to_string(),
        fee_fen: i.fee_fen,
        expected_count: i.expected_count,
        required_documents: serde_json::from_value(i.required_documents.clone())
            .unwrap_or_default(),
        subjects,
        registration_count: count,
    }
}

pub async fn institution_ref(db: &impl ConnectionTrait, id: i32) -> AppResult<InstitutionRef> {
    let i = institution::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "机构不存在"))?;
    Ok(InstitutionRef {
        id: i.id,
        code: i.code,
        name: i.name,
    })
}

#[derive(FromQueryResult)]
struct Count {
    key: i32,
    n: i64,
}

/// Registrations per item of a plan (withdrawn ones do not count).
pub async fn counts_by_item(
    db: &impl ConnectionTrait,
    plan_id: i32,
) -> AppResult<HashMap<i32, u64>> {
    let rows = registration::Entity::find()
        .select_only()
        .column_as(registration::Column::ItemId, "key")
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::PlanId.eq(plan_id))
        .filter(registration::Column::Status.ne("withdrawn"))
        .group_by(registration::Column::ItemId)
        .into_model::<Count>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|c| (c.key, c.n as u64)).collect())
}

pub async fn render(db: &impl ConnectionTrait, p: &plan::Model) -> AppResult<PlanResp> {
    let items = plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(p.id))
        .order_by_asc(plan_item::Column::Id)
        .all(db)
        .await?;
    let counts = counts_by_item(db, p.id).await?;
    let mut subjects = super::subjects::of_items(db, items.iter().map(|i| i.id)).await?;
    Ok(PlanResp {
        id: p.id,
        institution: institution_ref(db, p.institution_id).await?,
        name: p.name.clone(),
        status: p.status.clone(),
        stage: p.stage.clone(),
        reg_start: fmt_dt(&p.reg_start),
        reg_end: fmt_dt(&p.reg_end),
        review_deadline: fmt_dt(&p.review_deadline),
        payment_deadline: fmt_dt(&p.payment_deadline),
        exam_date: fmt_date(&p.exam_date),
        ticket_start: fmt_dt(&p.ticket_start),
        ticket_end: fmt_dt(&p.ticket_end),
        announcement: p.announcement.clone(),
        notice: p.notice.clone(),
        conditions: p.conditions.clone(),
        max_occupations: p.max_occupations,
        registration_count: counts.values().sum(),
        items: items
            .iter()
            .map(|i| {
                item_resp(
                    i,
                    subjects.remove(&i.id).unwrap_or_default(),
                    Some(counts.get(&i.id).copied().unwrap_or(0)),
                )
            })
            .collect(),
        created_at: fmt_dt(&p.created_at),
        updated_at: fmt_dt(&p.updated_at),
        published_at: p.published_at.as_ref().map(fmt_dt),
    })
}

pub async fn summaries(
    db: &impl ConnectionTrait,
    plans: Vec<plan::Model>,
) -> AppResult<Vec<PlanSummary>> {
    let mut out = Vec::with_capacity(plans.len());
    let mut insts: HashMap<i32, InstitutionRef> = HashMap::new();
    for p in plans {
        let item_count = plan_item::Entity::find()
            .filter(plan_item::Column::PlanId.eq(p.id))
            .count(db)
            .await?;
        let registration_count = registration::Entity::find()
            .filter(registration::Column::PlanId.eq(p.id))
            .filter(registration::Column::Status.ne("withdrawn"))
            .count(db)
            .await?;
        let inst = match insts.get(&p.institution_id) {
            Some(i) => i.clone(),
            None => {
                let i = institution_ref(db, p.institution_id).await?;
                insts.insert(p.institution_id, i.clone());
                i
            }
        };
        out.push(PlanSummary {
            id: p.id,
            name: p.name,
            institution: inst,
            status: p.status,
            stage: p.stage,
            reg_start: fmt_dt(&p.reg_start),
            reg_end: fmt_dt(&p.reg_end),
            exam_date: fmt_date(&p.exam_date),
            item_count,
            registration_count,
            published_at: p.published_at.as_ref().map(fmt_dt),
        });
    }
    Ok(out)
}

/// Forget the open items, in every process (after any change of a plan or an item). A cache outage only
/// delays the list in the other processes by the bytes' lifetime, so it is logged, not fatal.
pub async fn invalidate_open(st: &AppState) {
    super::open_list::invalidate(st).await;
}
