//! The centre reviewer's decision on a correction request: approve (every change applied in one transaction) or
//! reject with a reason.
use super::fields::{self, Change};
use super::handlers::render;
use super::types::*;
use crate::audit::{self, Event};
use crate::auth::session::Session;
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{correction, user};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, EntityTrait, QuerySelect, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

async fn pending_for_decision(
    txn: &sea_orm::DatabaseTransaction,
    s: &Session,
    id: Uuid,
) -> AppResult<correction::Model> {
    s.require_role(&["centre_reviewer"])?;
    let c = correction::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "修改申请不存在"))?;
    if c.status != "pending" {
        return Err(AppError::conflict(
            "correction_decided",
            "该申请已审核，不能重复审核",
        ));
    }
    Ok(c)
}

/// Approve a request: every change is applied in one transaction, with its audit record.
#[endpoint(tags("corrections"))]
pub async fn approve_correction(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<CorrectionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let c = pending_for_decision(&txn, &s, id.into_inner()).await?;
    user::Entity::find_by_id(c.user_id)
        .lock_exclusive()
        .one(&txn)
        .await?;
    let (u, p) = crate::candidate::profile::load(&txn, c.user_id).await?;
    let changes: Vec<Change> = serde_json::from_value(c.changes.clone()).unwrap_or_default();
    let cur = fields::current(&u, &p);
    if changes
        .iter()
        .any(|ch| cur.get(ch.field.as_str()).cloned().flatten() != ch.old)
    {
        return Err(AppError::conflict(
            "correction_stale",
            "考生信息在申请后已有变化，请驳回后重新提交申请",
        ));
    }
    let mut um: user::ActiveModel = u.clone().into();
    let mut pm: entity::candidate_profile::ActiveModel = p.clone().into();
    fields::apply(&mut um, &mut pm, &changes);
    um.updated_at = Set(crate::now());
    pm.updated_at = Set(crate::now());
    um.update(&txn).await.map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => crate::auth::registration::id_number_taken(),
        other => other,
    })?;
    pm.update(&txn).await?;
    let before: serde_json::Map<String, serde_json::Value> = changes
        .iter()
        .map(|ch| (ch.field.clone(), json!(ch.old)))
        .collect();
    let after: serde_json::Map<String, serde_json::Value> = changes
        .iter()
        .map(|ch| (ch.field.clone(), json!(ch.new)))
        .collect();
    let ev = Event {
        before: Some(before.into()),
        after: Some(after.into()),
        ..Event::by(s.user_id, "candidate_correct", "user", u.id, ip.clone())
    };
    audit::record(&txn, ev).await?;
    let c = decide(&txn, &s, c, "approved", None, &ip).await?;
    let resp = render(&txn, c).await?;
    txn.commit().await?;
    crate::candidate::profile_memo::changed(&st, u.id).await;
    Ok(Json(resp))
}

async fn decide(
    txn: &sea_orm::DatabaseTransaction,
    s: &Session,
    c: correction::Model,
    status: &str,
    reason: Option<String>,
    ip: &str,
) -> AppResult<correction::Model> {
    let mut am: correction::ActiveModel = c.into();
    am.status = Set(status.into());
    am.review_reason = Set(reason.clone());
    am.reviewed_by = Set(Some(s.user_id));
    am.reviewed_at = Set(Some(crate::now()));
    let c = am.update(txn).await?;
    let action = if status == "approved" {
        "correction_approve"
    } else {
        "correction_reject"
    };
    let ev = Event {
        before: Some(json!({"status": "pending"})),
        after: Some(json!({ "status": status, "reason": reason })),
        ..Event::by(s.user_id, action, "correction", c.id, ip)
    };
    audit::record(txn, ev).await?;
    Ok(c)
}

/// Reject a request with a reason.
#[endpoint(tags("corrections"))]
pub async fn reject_correction(
    id: PathParam<Uuid>,
    body: JsonBody<RejectReq>,
    depot: &mut Depot,
) -> AppResult<Json<CorrectionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let reason = body.into_inner().reason.trim().to_string();
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::bad(
            "reason_required",
            "请填写不通过的原因（2–200 字）",
        ));
    }
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let c = pending_for_decision(&txn, &s, id.into_inner()).await?;
    let c = decide(&txn, &s, c, "rejected", Some(reason), &ip).await?;
    let resp = render(&txn, c).await?;
    txn.commit().await?;
    Ok(Json(resp))
}
