//! 计划管理 for institution staff: create, read, edit and delete plans.
use super::rules::{self, PlanFields};
use super::service::{self, institution_of, plan_for};
use super::types::*;
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{institution, plan, registration};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::{Value, json};

pub(super) fn snapshot(p: &plan::Model) -> Value {
    json!({
        "name": p.name, "status": p.status, "stage": p.stage,
        "reg_start": crate::domain::time::fmt_dt(&p.reg_start), "reg_end": crate::domain::time::fmt_dt(&p.reg_end),
        "review_deadline": crate::domain::time::fmt_dt(&p.review_deadline),
        "payment_deadline": crate::domain::time::fmt_dt(&p.payment_deadline),
        "exam_date": crate::domain::time::fmt_date(&p.exam_date),
        "ticket_start": crate::domain::time::fmt_dt(&p.ticket_start), "ticket_end": crate::domain::time::fmt_dt(&p.ticket_end),
        "max_occupations": p.max_occupations,
    })
}

fn apply(am: &mut plan::ActiveModel, f: PlanFields, name: String) {
    am.name = Set(name);
    am.exam_date = Set(f.exam_date);
    am.reg_start = Set(f.reg_start);
    am.reg_end = Set(f.reg_end);
    am.review_deadline = Set(f.review_deadline);
    am.payment_deadline = Set(f.payment_deadline);
    am.ticket_start = Set(f.ticket_start);
    am.ticket_end = Set(f.ticket_end);
    am.announcement = Set(f.announcement);
    am.notice = Set(f.notice);
    am.conditions = Set(f.conditions);
    am.max_occupations = Set(f.max_occupations);
    am.updated_at = Set(crate::now());
}

/// The institution's plans, newest first.
#[endpoint(tags("plans"))]
pub async fn list_plans(depot: &mut Depot) -> AppResult<Json<Vec<PlanSummary>>> {
    let st = depot.state()?;
    let inst = institution_of(&depot.session()?)?;
    let plans = plan::Entity::find()
        .filter(plan::Column::InstitutionId.eq(inst))
        .order_by_desc(plan::Column::Id)
        .all(&st.db)
        .await?;
    Ok(Json(service::summaries(&st.db, plans).await?))
}

/// Create a plan; its name is generated from the exam date and the institution.
#[endpoint(tags("plans"), status_codes(201, 400, 403), responses((status_code = 201, description = "已创建")))]
pub async fn create_plan(
    body: JsonBody<PlanReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<PlanResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let inst_id = institution_of(&s)?;
    let f = rules::validate_plan(body.into_inner())?;
    let txn = st.db.begin().await?;
    let inst = institution::Entity::find_by_id(inst_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::forbidden("institution_required", "账号未分配机构"))?;
    let now = crate::now();
    let mut am = plan::ActiveModel {
        institution_id: Set(inst_id),
        status: Set("draft".into()),
        stage: Set("open".into()),
        published_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    apply(
        &mut am,
        f.clone(),
        rules::plan_name(f.exam_date, &inst.name),
    );
    let p = am.insert(&txn).await?;
    let ev = Event {
        after: Some(snapshot(&p)),
        ..Event::by(s.user_id, "plan_create", "plan", p.id, depot.client_ip())
    };
    audit::record(&txn, ev).await?;
    let resp = service::render(&txn, &p).await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(resp))
}

/// One plan of the institution (centre roles may read any).
#[endpoint(tags("plans"))]
pub async fn get_plan(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<PlanResp>> {
    let st = depot.state()?;
    let p = plan_for(&st.db, &depot.session()?, id.into_inner(), false).await?;
    Ok(Json(service::render(&st.db, &p).await?))
}

/// The fields registrations depend on, by their Chinese names, that `f` would change.
fn locked_changes(old: &plan::Model, f: &PlanFields) -> Vec<&'static str> {
    let mut locked = Vec::new();
    if old.exam_date != f.exam_date {
        locked.push("计划考试日期");
    }
    if old.reg_start != f.reg_start {
        locked.push("报名开始时间");
    }
    if f.max_occupations < old.max_occupations {
        locked.push("每人可报职业数（不能减少）");
    }
    if f.reg_end < old.reg_end && f.reg_end < crate::now() {
        locked.push("报名截止时间（不能提前到当前时间之前）");
    }
    locked
}

/// Edit a plan's basic information; a confirmed plan returns to draft.
#[endpoint(tags("plans"))]
pub async fn update_plan(
    id: PathParam<i32>,
    body: JsonBody<PlanReq>,
    depot: &mut Depot,
) -> AppResult<Json<PlanResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let f = rules::validate_plan(body.into_inner())?;
    let txn = st.db.begin().await?;
    let old = plan_for(&txn, &s, id.into_inner(), true).await?;
    let registered = registration::Entity::find()
        .filter(registration::Column::PlanId.eq(old.id))
        .count(&txn)
        .await?;
    if registered > 0 {
        let locked = locked_changes(&old, &f);
        if !locked.is_empty() {
            return Err(AppError::conflict(
                "plan_field_locked",
                format!("已有考生报名，以下字段不能再修改：{}", locked.join("、")),
            ));
        }
    }
    let inst = service::institution_ref(&txn, old.institution_id).await?;
    let before = snapshot(&old);
    let mut am: plan::ActiveModel = old.clone().into();
    apply(
        &mut am,
        f.clone(),
        rules::plan_name(f.exam_date, &inst.name),
    );
    if old.status == "confirmed" {
        am.status = Set("draft".into());
    }
    let p = am.update(&txn).await?;
    let ev = Event {
        before: Some(before),
        after: Some(snapshot(&p)),
        ..Event::by(s.user_id, "plan_update", "plan", p.id, depot.client_ip())
    };
    audit::record(&txn, ev).await?;
    let resp = service::render(&txn, &p).await?;
    txn.commit().await?;
    if p.status == "published" {
        service::invalidate_open(&st).await;
    }
    Ok(Json(resp))
}

/// Delete a plan that was never published.
#[endpoint(tags("plans"), status_codes(204, 403, 404, 409), responses((status_code = 204, description = "已完成，无内容")))]
pub async fn delete_plan(
    id: PathParam<i32>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let s = depot.session()?;
    let txn = st.db.begin().await?;
    let p = plan_for(&txn, &s, id.into_inner(), true).await?;
    if p.status == "published" {
        return Err(AppError::conflict("plan_published", "已发布的计划不能删除"));
    }
    let ev = Event {
        before: Some(snapshot(&p)),
        ..Event::by(s.user_id, "plan_delete", "plan", p.id, depot.client_ip())
    };
    plan::Entity::delete_by_id(p.id).exec(&txn).await?;
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}
