//! The plan's life: 确认, 发布, then 报名提交 and 报名业务结束 (irreversible except by the centre's reopen).
use super::handlers::snapshot;
use super::service::{self, plan_for};
use super::types::*;
use crate::audit::{self, Event};
use crate::auth::session::Session;
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::{plan, plan_item, registration};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

/// Why a plan cannot be confirmed yet, or `None` when it is complete.
fn incomplete(
    items: &[plan_item::Model],
    subjects_of: &std::collections::HashMap<i32, Vec<Subject>>,
) -> Option<String> {
    if items.is_empty() {
        return Some("计划还没有职业等级项目".into());
    }
    for i in items {
        let subjects = subjects_of
            .get(&i.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let what = format!(
            "{}{}",
            i.occupation_name,
            if i.job_type.is_empty() {
                String::new()
            } else {
                format!("（{}）", i.job_type)
            }
        );
        if subjects.is_empty() {
            return Some(format!("{what}还没有考核科目"));
        }
        if subjects
            .iter()
            .any(|s| s.date.is_none() || s.start.is_none() || s.end.is_none())
        {
            return Some(format!("{what}有科目未设置考试日期和时间"));
        }
    }
    None
}

/// Runs `change` on the plan inside a transaction, audits it as `action`, and answers the new plan.
async fn transition(
    st: &AppState,
    s: &Session,
    id: i32,
    action: &'static str,
    ip: String,
    reason: Option<&str>,
    change: impl AsyncFnOnce(&DatabaseTransaction, &plan::Model) -> AppResult<plan::ActiveModel>,
) -> AppResult<PlanResp> {
    let txn = st.db.begin().await?;
    // Only the centre's reopen reaches another institution's plan; every other step is the owner's.
    let old = if action == "plan_reopen" {
        plan::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(service::plan_missing)?
    } else {
        plan_for(&txn, s, id, true).await?
    };
    let mut am = change(&txn, &old).await?;
    am.updated_at = Set(crate::now());
    let p = am.update(&txn).await?;
    let mut after = snapshot(&p);
    if let Some(r) = reason {
        after["reason"] = serde_json::json!(r);
    }
    let ev = Event {
        before: Some(snapshot(&old)),
        after: Some(after),
        ..Event::by(s.user_id, action, "plan", p.id, ip)
    };
    audit::record(&txn, ev).await?;
    let resp = service::render(&txn, &p).await?;
    txn.commit().await?;
    service::invalidate_open(st).await;
    Ok(resp)
}

/// 确认完成: every item has subjects with their exam times.
#[endpoint(tags("plans"))]
pub async fn confirm_plan(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<PlanResp>> {
    let (st, s) = (depot.state()?, depot.session()?);
    let resp = transition(
        &st,
        &s,
        id.into_inner(),
        "plan_confirm",
        depot.client_ip(),
        None,
        async |txn, p| {
            if p.status == "published" {
                return Err(AppError::conflict("plan_published", "计划已发布"));
            }
            let items = plan_item::Entity::find()
                .filter(plan_item::Column::PlanId.eq(p.id))
                .order_by_asc(plan_item::Column::Id)
                .all(txn)
                .await?;
            let subjects = super::subjects::of_items(txn, items.iter().map(|i| i.id)).await?;
            if let Some(why) = incomplete(&items, &subjects) {
                return Err(AppError::bad(
                    "plan_incomplete",
                    format!("计划未完成：{why}"),
                ));
            }
            let mut am: plan::ActiveModel = p.clone().into();
            am.status = Set("confirmed".into());
            Ok(am)
        },
    )
    .await?;
    Ok(Json(resp))
}

/// 发布: candidates can see the plan (and apply while its window is open).
#[endpoint(tags("plans"))]
pub async fn publish_plan(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<PlanResp>> {
    let (st, s) = (depot.state()?, depot.session()?);
    let resp = transition(
        &st,
        &s,
        id.into_inner(),
        "plan_publish",
        depot.client_ip(),
        None,
        async |_txn, p| {
            if p.status != "confirmed" {
                return Err(AppError::bad("plan_not_confirmed", "请先确认计划再发布"));
            }
            let mut am: plan::ActiveModel = p.clone().into();
            am.status = Set("published".into());
            am.published_at = Set(Some(crate::now()));
            Ok(am)
        },
    )
    .await?;
    Ok(Json(resp))
}

fn confirmed(r: &ConfirmReq) -> AppResult<()> {
    if r.confirm {
        Ok(())
    } else {
        Err(AppError::bad("confirmation_required", "请确认后再操作"))
    }
}

/// 报名提交: every registration has been reviewed; the plan's registrations are frozen from now on.
#[endpoint(tags("plans"))]
pub async fn submit_plan(
    id: PathParam<i32>,
    body: JsonBody<ConfirmReq>,
    depot: &mut Depot,
) -> AppResult<Json<PlanResp>> {
    confirmed(&body)?;
    let (st, s) = (depot.state()?, depot.session()?);
    let resp = transition(
        &st,
        &s,
        id.into_inner(),
        "plan_submit",
        depot.client_ip(),
        None,
        async |txn, p| {
            if p.status != "published" {
                return Err(AppError::bad("plan_not_published", "计划尚未发布"));
            }
            if p.stage != "open" {
                return Err(AppError::conflict(
                    "registration_frozen",
                    "报名已提交，不能重复提交",
                ));
            }
            let open = registration::Entity::find()
                .filter(registration::Column::PlanId.eq(p.id))
                .filter(registration::Column::Status.is_in(["pending", "returned"]))
                .count(txn)
                .await?;
            if open > 0 {
                return Err(AppError::bad(
                    "registrations_unreviewed",
                    format!("还有 {open} 条报名未审核完成（待处理或退回修改），请先处理"),
                ));
            }
            let mut am: plan::ActiveModel = p.clone().into();
            am.stage = Set("submitted".into());
            Ok(am)
        },
    )
    .await?;
    Ok(Json(resp))
}

/// 报名业务结束: closes the registration business of the plan.
#[endpoint(tags("plans"))]
pub async fn end_plan(
    id: PathParam<i32>,
    body: JsonBody<ConfirmReq>,
    depot: &mut Depot,
) -> AppResult<Json<PlanResp>> {
    confirmed(&body)?;
    let (st, s) = (depot.state()?, depot.session()?);
    let resp = transition(
        &st,
        &s,
        id.into_inner(),
        "plan_end",
        depot.client_ip(),
        None,
        async |_txn, p| {
            if p.stage != "submitted" {
                return Err(AppError::bad("plan_not_submitted", "请先完成报名提交"));
            }
            let mut am: plan::ActiveModel = p.clone().into();
            am.stage = Set("ended".into());
            Ok(am)
        },
    )
    .await?;
    Ok(Json(resp))
}

/// The centre reopens a plan's registration business (undoes 报名提交 / 报名业务结束).
#[endpoint(tags("plans"))]
pub async fn reopen_plan(
    id: PathParam<i32>,
    body: JsonBody<ReasonReq>,
    depot: &mut Depot,
) -> AppResult<Json<PlanResp>> {
    let (st, s) = (depot.state()?, depot.session()?);
    s.require_role(&["centre_reviewer"])?;
    let reason = body.into_inner().reason.trim().to_string();
    if reason.chars().count() < 2 || reason.chars().count() > 200 {
        return Err(AppError::bad("reason_required", "请填写原因（2–200 字）"));
    }
    let resp = transition(
        &st,
        &s,
        id.into_inner(),
        "plan_reopen",
        depot.client_ip(),
        Some(&reason),
        async |_txn, p| {
            if p.stage == "open" {
                return Err(AppError::bad(
                    "plan_not_submitted",
                    "该计划仍在报名中，无需重新开放",
                ));
            }
            let mut am: plan::ActiveModel = p.clone().into();
            am.stage = Set("open".into());
            Ok(am)
        },
    )
    .await?;
    Ok(Json(resp))
}

/// Every institution's plans, for the centre.
#[endpoint(tags("plans"))]
pub async fn list_centre_plans(depot: &mut Depot) -> AppResult<Json<Vec<PlanSummary>>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["centre_reviewer", "centre_finance", "admin"])?;
    let plans = plan::Entity::find()
        .order_by_desc(plan::Column::Id)
        .all(&st.db)
        .await?;
    Ok(Json(service::summaries(&st.db, plans).await?))
}
