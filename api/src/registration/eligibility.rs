//! Before the wizard asks for anything: may this candidate apply to this item now? And which items has the
//! candidate applied for (for 已报名 on the plan list and the announcement, which are cached for everyone and so
//! cannot carry it themselves)?
use super::service;
use crate::error::{AppError, AppResult};
use crate::plan::public::closed_reason;
use crate::state::DepotExt;
use entity::{plan, plan_item, registration};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

/// An item of a published plan whose registration window is open now, with its plan.
pub async fn open_item(
    db: &impl ConnectionTrait,
    item_id: i32,
) -> AppResult<(plan::Model, plan_item::Model)> {
    let item = plan_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("item_not_found", "报考项目不存在"))?;
    let p = plan::Entity::find_by_id(item.plan_id)
        .one(db)
        .await?
        .filter(|p| p.status == "published")
        .ok_or_else(|| AppError::not_found("item_not_found", "报考项目不存在或未发布"))?;
    if p.stage != "open" {
        return Err(service::frozen());
    }
    match closed_reason(&p.reg_start, &p.reg_end, &crate::now()) {
        Some("not_started") => Err(AppError::conflict("registration_not_open", "报名尚未开始")),
        Some(_) => Err(AppError::conflict("registration_not_open", "报名已截止")),
        None => Ok((p, item)),
    }
}

/// Whether the candidate may apply; when not, the refusal 确认报名 would give, and the application it concerns.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityResp {
    pub item_id: i32,
    pub can_apply: bool,
    pub code: Option<String>,
    pub message: Option<String>,
    /// The candidate's live application for this item (`already_registered`).
    pub registration_id: Option<Uuid>,
}

/// May I apply to this item now (window, frozen plan, one application per item, occupation limit)? Asked by
/// the wizard's first step, so that nothing is uploaded for an application that would be refused.
#[endpoint(tags("registrations"), status_codes(200, 401, 403))]
pub async fn get_eligibility(
    item_id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<EligibilityResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let item_id = item_id.into_inner();
    let verdict = match open_item(&st.db, item_id).await {
        Ok((p, item)) => service::admissible(&st.db, s.user_id, &p, &item)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    let refusal = match verdict {
        Ok(()) => None,
        Err(e) if e.status().is_client_error() => Some(e.body()),
        Err(e) => return Err(e),
    };
    let registration_id = match &refusal {
        Some(b) if b.code == "already_registered" => live(&st.db, s.user_id)
            .await?
            .into_iter()
            .find(|r| r.item_id == item_id)
            .map(|r| r.id),
        _ => None,
    };
    Ok(Json(EligibilityResp {
        item_id,
        can_apply: refusal.is_none(),
        code: refusal.as_ref().map(|b| b.code.clone()),
        message: refusal.map(|b| b.message),
        registration_id,
    }))
}

/// One item the candidate has applied for.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyItem {
    pub item_id: i32,
    pub plan_id: i32,
    pub registration_id: Uuid,
    pub status: String,
}

/// The candidate's applications that are not withdrawn (newest first).
async fn live(db: &impl ConnectionTrait, user_id: i32) -> AppResult<Vec<registration::Model>> {
    Ok(registration::Entity::find()
        .filter(registration::Column::UserId.eq(user_id))
        .filter(registration::Column::Status.ne("withdrawn"))
        .order_by_desc(registration::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The items I have applied for (not withdrawn), for 已报名 beside the open plans.
#[endpoint(tags("registrations"), status_codes(200, 401, 403))]
pub async fn list_my_items(depot: &mut Depot) -> AppResult<Json<Vec<MyItem>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let regs = live(&st.db, s.user_id).await?;
    Ok(Json(
        regs.into_iter()
            .map(|r| MyItem {
                item_id: r.item_id,
                plan_id: r.plan_id,
                registration_id: r.id,
                status: r.status,
            })
            .collect(),
    ))
}
