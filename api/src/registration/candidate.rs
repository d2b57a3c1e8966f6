//! The candidate's side: document uploads, the wizard's 确认报名, 我的报名, edit and withdraw.
use super::service;
use super::state::{Action, Status};
use super::types::*;
use crate::candidate::fields::completeness;
use crate::candidate::photo;
use crate::candidate::types::UploadForm;
use crate::candidate::uploads::{DOC_UPLOAD_MAX, normalise, read_file};
use crate::error::{AppError, AppResult};
use crate::files::{self, FileRef, NewFile, file_ref};
use crate::state::DepotExt;
use entity::{plan, plan_item, registration};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// Upload one document image for an application (JPG/PNG up to 15 MB, shrunk to ≤ 2000 px and 2 MB).
#[endpoint(tags("registrations"), status_codes(201, 400, 413, 415, 422), request_body(content = UploadForm, content_type = "multipart/form-data"), responses((status_code = 201, description = "已创建")))]
pub async fn upload_document(
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<FileRef>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let n = normalise(
        read_file(req, DOC_UPLOAD_MAX).await?,
        photo::normalise_document,
    )
    .await?;
    let f = files::save(
        &st,
        &st.db,
        NewFile {
            owner_id: s.user_id,
            kind: "reg_doc",
            bytes: n.jpeg,
            width: n.width,
            height: n.height,
        },
    )
    .await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(file_ref(&st, &f)))
}

/// 确认报名: apply to a plan item (the wizard's last step).
#[endpoint(tags("registrations"), status_codes(201, 400, 404, 409), responses((status_code = 201, description = "已创建")))]
pub async fn apply(
    body: JsonBody<ApplyReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<RegistrationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let r = body.into_inner();
    if !r.notice_confirmed {
        return Err(AppError::bad(
            "notice_not_confirmed",
            "请先阅读并确认报名须知",
        ));
    }
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let (p, item) = super::eligibility::open_item(&txn, r.item_id).await?;
    let (u, prof) = crate::candidate::profile::load(&txn, s.user_id).await?;
    let c = completeness(&u, &prof);
    if prof.photo_file_id.is_none() {
        return Err(AppError::bad("photo_required", "请先上传个人照片"));
    }
    if !c.complete {
        let labels: Vec<String> = c.missing.into_iter().map(|m| m.label).collect();
        return Err(AppError::bad(
            "profile_incomplete",
            format!("请先完善个人信息：{}", labels.join("、")),
        ));
    }
    let documents = service::check_documents(&txn, s.user_id, &item, &r.documents, true).await?;
    let reg = service::create(
        &txn,
        service::NewRegistration {
            user_id: s.user_id,
            plan: &p,
            item: &item,
            source: "online",
            documents,
            actor_id: s.user_id,
            ip: &ip,
        },
    )
    .await?;
    let resp = super::render::render_one(&st, &txn, reg, &s).await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(resp))
}

/// 我的报名: the candidate's applications, newest first.
#[endpoint(tags("registrations"))]
pub async fn list_mine(depot: &mut Depot) -> AppResult<Json<Vec<RegistrationResp>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let regs = registration::Entity::find()
        .filter(registration::Column::UserId.eq(s.user_id))
        .order_by_desc(registration::Column::CreatedAt)
        .all(&st.db)
        .await?;
    Ok(Json(
        super::render::render_many(&st, &st.db, regs, &s, false).await?,
    ))
}

/// One application with its history (its candidate, the institution's staff, the centre).
#[endpoint(tags("registrations"))]
pub async fn get_registration(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<RegistrationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let r = service::load_for(&st.db, &s, id.into_inner()).await?;
    Ok(Json(super::render::render_one(&st, &st.db, r, &s).await?))
}

/// Loads the candidate's own application for a change, refusing frozen plans and settled statuses.
async fn own_editable(
    txn: &sea_orm::DatabaseTransaction,
    s: &crate::auth::session::Session,
    id: Uuid,
    allowed: &[Action],
) -> AppResult<(registration::Model, plan_item::Model)> {
    s.require_role(&["candidate"])?;
    // Locked, so that an edit, a withdrawal and a review of the same record are decided one at a time.
    let r = registration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .filter(|r| service::may_read(s, r))
        .ok_or_else(service::reg_missing)?;
    let p = plan::Entity::find_by_id(r.plan_id)
        .one(txn)
        .await?
        .ok_or_else(service::reg_missing)?;
    if p.stage != "open" {
        return Err(service::frozen());
    }
    // Allowed when one of the actions the caller may take applies to the current status (state.rs).
    if !allowed.iter().any(|a| a.apply(&r.status).is_ok()) {
        let refused = allowed.first().copied().unwrap_or(Action::Edit);
        return Err(refused.refusal(&r.status));
    }
    let item = plan_item::Entity::find_by_id(r.item_id)
        .one(txn)
        .await?
        .ok_or_else(service::reg_missing)?;
    Ok((r, item))
}

/// Change the documents of an application; a returned one is resubmitted.
#[endpoint(tags("registrations"))]
pub async fn edit_registration(
    id: PathParam<Uuid>,
    body: JsonBody<EditReq>,
    depot: &mut Depot,
) -> AppResult<Json<RegistrationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let (r, item) =
        own_editable(&txn, &s, id.into_inner(), &[Action::Edit, Action::Resubmit]).await?;
    let documents = service::check_documents(&txn, s.user_id, &item, &body.documents, true).await?;
    let from = r.status.clone();
    let action = if from == Status::Returned.as_str() {
        Action::Resubmit
    } else {
        Action::Edit
    };
    let to = action.apply(&from)?;
    let action = action.as_str();
    let mut am: registration::ActiveModel = r.into();
    am.documents = Set(documents);
    am.status = Set(to.as_str().into());
    // The return reason was answered by this correction; it stays in the history, not on the application.
    am.reason = Set(None);
    am.updated_at = Set(crate::now());
    let reg = am.update(&txn).await?;
    service::record_event(&txn, &reg, s.user_id, action, Some(&from), None, &ip).await?;
    let resp = super::render::render_one(&st, &txn, reg, &s).await?;
    txn.commit().await?;
    Ok(Json(resp))
}

/// Withdraw an application that has not been decided, or an approved one before 报名提交 (a fee paid in
/// WeChat is then refunded in full).
#[endpoint(tags("registrations"))]
pub async fn withdraw_registration(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<RegistrationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let (r, _) = own_editable(&txn, &s, id.into_inner(), &[Action::Withdraw]).await?;
    let from = r.status.clone();
    let to = Action::Withdraw.apply(&from)?;
    let refunding = crate::payment::refund::on_registration_cancelled(
        &txn,
        &r,
        "考生撤回报名，报名费全额退款",
        s.user_id,
    )
    .await?;
    let mut am: registration::ActiveModel = r.into();
    am.status = Set(to.as_str().into());
    if refunding {
        am.payment_status = Set("refunding".into());
    }
    am.updated_at = Set(crate::now());
    let reg = am.update(&txn).await?;
    service::record_event(
        &txn,
        &reg,
        s.user_id,
        Action::Withdraw.as_str(),
        Some(&from),
        None,
        &ip,
    )
    .await?;
    let resp = super::render::render_one(&st, &txn, reg, &s).await?;
    txn.commit().await?;
    if refunding {
        crate::payment::refund::drive_for_registration(&st, resp.id).await;
        let fresh = service::load_for(&st.db, &s, resp.id).await?;
        return Ok(Json(
            super::render::render_one(&st, &st.db, fresh, &s).await?,
        ));
    }
    Ok(Json(resp))
}
