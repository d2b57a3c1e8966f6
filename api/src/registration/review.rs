//! 我的报名 for institution staff: query a plan's registrations and review them, one by one or in batches.
use super::service::{self, record_event};
use super::state::Action;
use super::types::*;
use crate::domain::page::PageQuery;
use crate::error::{AppError, AppResult};
use crate::plan::service::plan_for;
use crate::state::DepotExt;
use entity::{registration, user};
use salvo::oapi::extract::{JsonBody, PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use uuid::Uuid;

const MAX_BATCH: usize = 500;

/// A plan's registrations, filtered by name or ID number, item and status; paginated.
#[endpoint(tags("registrations"))]
#[allow(clippy::too_many_arguments)]
pub async fn list_plan_registrations(
    id: PathParam<i32>,
    q: QueryParam<String, false>,
    item_id: QueryParam<i32, false>,
    status: QueryParam<String, false>,
    page: PageQuery,
    depot: &mut Depot,
) -> AppResult<Json<RegistrationPage>> {
    let page = page.validate()?;
    let st = depot.state()?;
    let s = depot.session()?;
    let p = plan_for(&st.db, &s, id.into_inner(), false).await?;
    let mut query = registration::Entity::find()
        .filter(registration::Column::PlanId.eq(p.id))
        .order_by_desc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id);
    if let Some(i) = item_id.into_inner() {
        query = query.filter(registration::Column::ItemId.eq(i));
    }
    match status.into_inner().filter(|v| !v.is_empty()) {
        Some(v) => query = query.filter(registration::Column::Status.eq(v)),
        None => query = query.filter(registration::Column::Status.ne("withdrawn")),
    }
    if let Some(q) = q
        .into_inner()
        .map(|q| q.trim().to_uppercase())
        .filter(|q| !q.is_empty())
    {
        let users: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Role.eq("candidate"))
            .filter(
                Condition::any()
                    .add(user::Column::Name.contains(&q))
                    .add(user::Column::Login.contains(&q)),
            )
            .into_tuple()
            .all(&st.db)
            .await?;
        query = query.filter(registration::Column::UserId.is_in(users));
    }
    let pages = query.paginate(&st.db, page.size);
    let total = pages.num_items().await?;
    let regs = pages.fetch_page(page.index()).await?;
    let items = super::render::render_many(&st, &st.db, regs, &s, false).await?;
    Ok(Json(RegistrationPage { total, items }))
}

fn reason_of(r: &ReviewReq) -> AppResult<Option<String>> {
    let reason = r.reason.as_deref().unwrap_or_default().trim().to_string();
    match r.action {
        Action::Approve => Ok((!reason.is_empty()).then_some(reason)),
        Action::Return | Action::Reject => {
            let n = reason.chars().count();
            if (2..=200).contains(&n) {
                Ok(Some(reason))
            } else {
                Err(AppError::bad(
                    "reason_required",
                    "退回或不通过须填写原因（2–200 字）",
                ))
            }
        }
        _ => Err(AppError::bad("invalid_action", "审核操作无效")),
    }
}

/// Approve, return for correction, or reject registrations; each is decided on its own.
#[endpoint(tags("registrations"))]
pub async fn review_registrations(
    body: JsonBody<ReviewReq>,
    depot: &mut Depot,
) -> AppResult<Json<ReviewResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let r = body.into_inner();
    let reason = reason_of(&r)?;
    if r.ids.is_empty() || r.ids.len() > MAX_BATCH {
        return Err(AppError::bad(
            "too_many_ids",
            format!("每次可审核 1–{MAX_BATCH} 条"),
        ));
    }
    // The table decides (state.rs); an approved registration may still be rejected before 报名提交, its paid
    // fee then refunded.
    if r.action == Action::Approve && !r.confirm_missing_documents {
        super::review_docs::refuse_missing(&st.db, &s, &r.ids).await?;
    }
    let ip = depot.client_ip();
    let mut resp = ReviewResp {
        done: Vec::new(),
        failed: Vec::new(),
    };
    let mut ids: Vec<Uuid> = r.ids.clone();
    ids.dedup();
    let mut refunding = Vec::new();
    for id in ids {
        let txn = st.db.begin().await?;
        match review_one(&txn, &s, id, r.action, reason.as_deref(), &ip).await {
            Ok(refund) => {
                txn.commit().await?;
                resp.done.push(id);
                if refund {
                    refunding.push(id);
                }
            }
            Err(e @ AppError::Internal(_)) => return Err(e),
            Err(e) => {
                let b = e.body();
                resp.failed.push(ReviewFailure {
                    id,
                    code: b.code,
                    message: b.message,
                });
            }
        }
    }
    // Refunds queued by rejections are applied at WeChat in the background (the job retries what fails).
    if !refunding.is_empty() {
        let st = st.clone();
        tokio::spawn(async move {
            for id in refunding {
                crate::payment::refund::drive_for_registration(&st, id).await;
            }
        });
    }
    Ok(Json(resp))
}

#[allow(clippy::too_many_arguments)]
async fn review_one(
    txn: &sea_orm::DatabaseTransaction,
    s: &crate::auth::session::Session,
    id: Uuid,
    action: Action,
    reason: Option<&str>,
    ip: &str,
) -> AppResult<bool> {
    let to = action.rule().to.as_str();
    let reg = registration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .filter(|r| s.institution_id == Some(r.institution_id))
        .ok_or_else(service::reg_missing)?;
    let plan = entity::plan::Entity::find_by_id(reg.plan_id)
        .one(txn)
        .await?
        .ok_or_else(service::reg_missing)?;
    if plan.stage != "open" {
        return Err(service::frozen());
    }
    // The conditional update decides: of two reviewers acting at once, only one moves the record.
    let moved = registration::Entity::update_many()
        .col_expr(registration::Column::Status, to.into())
        .col_expr(
            registration::Column::Reason,
            reason.map(str::to_string).into(),
        )
        .col_expr(registration::Column::UpdatedAt, crate::now().into())
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::Status.is_in(action.from_strs()))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(action.refusal(&reg.status));
    }
    let refunding = action == Action::Reject
        && crate::payment::refund::on_registration_cancelled(
            txn,
            &reg,
            "报名审核不通过，报名费全额退款",
            s.user_id,
        )
        .await?;
    let after = registration::Model {
        status: to.to_string(),
        reason: reason.map(str::to_string),
        payment_status: if refunding {
            "refunding".into()
        } else {
            reg.payment_status.clone()
        },
        ..reg.clone()
    };
    // An approval despite missing documents says so in the history and the audit trail.
    let note = if action == Action::Approve {
        super::review_docs::confirmed_note(txn, &reg, reason).await?
    } else {
        None
    };
    record_event(
        txn,
        &after,
        s.user_id,
        action.as_str(),
        Some(&reg.status),
        note.as_deref().or(reason),
        ip,
    )
    .await?;
    Ok(refunding)
}

/// One registration of the institution, with history.
#[endpoint(tags("registrations"))]
pub async fn get_staff_registration(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<RegistrationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff", "centre_reviewer", "centre_finance", "admin"])?;
    let r = service::load_for(&st.db, &s, id.into_inner()).await?;
    let user_id = r.user_id;
    let mut resp = super::render::render_one(&st, &st.db, r, &s).await?;
    // The reviewer decides with everything the candidate applied with in view.
    // …as far as this viewer may see it: another institution's entry shows only what it supplied (item 7).
    let (u, p) = crate::candidate::profile::load(&st.db, user_id).await?;
    let (u, p) = super::disclosure::seen_by(&st.db, &s, u, p).await?;
    resp.profile = Some(crate::candidate::profile::render(&st, &u, &p).await?);
    Ok(Json(resp))
}
