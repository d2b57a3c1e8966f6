//! 考生信息修改: staff search their candidates and file change requests; the centre reviewer decides them.
use super::fields::{self};
use super::types::*;
use crate::audit::{self, Event};
use crate::auth::session::Session;
use crate::domain::time::{cst, fmt_dt};
use crate::domain::{enums, validate};
use crate::error::{AppError, AppResult};
use crate::registration::disclosure;
use crate::state::DepotExt;
use entity::{correction, institution, plan, plan_item, registration, user};
use salvo::oapi::extract::{JsonBody, PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

fn missing() -> AppError {
    AppError::not_found("not_found", "考生不存在或不属于本机构")
}

/// The institution's candidates: those with a registration in one of its plans.
async fn candidate_of_institution(
    db: &impl ConnectionTrait,
    inst: i32,
    user_id: i32,
) -> AppResult<user::Model> {
    let has = registration::Entity::find()
        .filter(registration::Column::InstitutionId.eq(inst))
        .filter(registration::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    if has.is_none() {
        return Err(missing());
    }
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(missing)
}

fn staff_institution(s: &Session) -> AppResult<i32> {
    crate::plan::service::institution_of(s)
}

/// Search the institution's candidates by name, ID type and number.
#[endpoint(tags("corrections"))]
pub async fn search_candidates(
    name: QueryParam<String, false>,
    id_type: QueryParam<String, false>,
    id_number: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<CandidateHit>>> {
    let st = depot.state()?;
    let inst = staff_institution(&depot.session()?)?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let (name, id_type, id_number) = (
        clean(name.into_inner()),
        clean(id_type.into_inner()),
        clean(id_number.into_inner()),
    );
    if name.is_none() && id_number.is_none() {
        return Err(AppError::bad(
            "search_criteria_required",
            "请输入姓名或证件号码",
        ));
    }
    let ids: Vec<i32> = registration::Entity::find()
        .select_only()
        .column(registration::Column::UserId)
        .filter(registration::Column::InstitutionId.eq(inst))
        .distinct()
        .into_tuple()
        .all(&st.db)
        .await?;
    let mut cond = Condition::all().add(user::Column::Id.is_in(ids));
    if let Some(n) = name {
        cond = cond.add(user::Column::Name.contains(&n));
    }
    if let Some(t) = id_type {
        cond = cond.add(user::Column::IdType.eq(t));
    }
    if let Some(n) = id_number {
        cond = cond.add(user::Column::IdNumber.eq(n.to_uppercase()));
    }
    let users = user::Entity::find()
        .filter(cond)
        .order_by_asc(user::Column::Name)
        .limit(50)
        .all(&st.db)
        .await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let mut views = disclosure::views(&st.db, inst, &ids).await?;
    let mut out = Vec::new();
    for u in users {
        let mobile = match views.remove(&u.id) {
            Some(disclosure::View::Entered(s)) => s.mobile,
            _ => u.mobile.clone(),
        };
        let regs = registration::Entity::find()
            .filter(registration::Column::UserId.eq(u.id))
            .filter(registration::Column::InstitutionId.eq(inst))
            .find_also_related(plan_item::Entity)
            .all(&st.db)
            .await?;
        let mut summaries = Vec::new();
        for (r, item) in regs {
            let Some(item) = item else { continue };
            let plan_name = plan::Entity::find_by_id(r.plan_id)
                .one(&st.db)
                .await?
                .map(|p| p.name)
                .unwrap_or_default();
            summaries.push(CandidateRegSummary {
                plan_name,
                occupation_name: item.occupation_name,
                level_label: enums::label(enums::CERT_LEVELS, &item.level)
                    .unwrap_or_default()
                    .to_string(),
                status: r.status,
            });
        }
        out.push(CandidateHit {
            user_id: u.id,
            name: u.name,
            id_type: u.id_type,
            id_number: u.id_number,
            mobile_masked: mobile
                .as_deref()
                .map(validate::mask_mobile)
                .unwrap_or_default(),
            registrations: summaries,
        });
    }
    Ok(Json(out))
}

/// The current value of every correctable field of one of the institution's candidates.
#[endpoint(tags("corrections"))]
pub async fn get_candidate_fields(
    user_id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<CandidateFields>> {
    let st = depot.state()?;
    let inst = staff_institution(&depot.session()?)?;
    let u = candidate_of_institution(&st.db, inst, user_id.into_inner()).await?;
    let (u, p) = crate::candidate::profile::load(&st.db, u.id).await?;
    let (u, p) = disclosure::seen_by(&st.db, &depot.session()?, u, p).await?;
    let cur = fields::current(&u, &p);
    Ok(Json(CandidateFields {
        user_id: u.id,
        fields: fields::FIELDS
            .iter()
            .map(|(f, l)| FieldValue {
                field: f.to_string(),
                label: l.to_string(),
                value: cur[f].clone(),
                editable: true,
            })
            .collect(),
    }))
}

pub(super) async fn render(
    db: &impl ConnectionTrait,
    c: correction::Model,
) -> AppResult<CorrectionResp> {
    let cand = user::Entity::find_by_id(c.user_id)
        .one(db)
        .await?
        .ok_or_else(missing)?;
    let name_of = async |id: Option<i32>| -> AppResult<Option<String>> {
        Ok(match id {
            Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.name),
            None => None,
        })
    };
    let inst = institution::Entity::find_by_id(c.institution_id)
        .one(db)
        .await?
        .map(|i| i.name)
        .unwrap_or_default();
    Ok(CorrectionResp {
        id: c.id,
        candidate: CorrectionCandidate {
            user_id: cand.id,
            name: cand.name.clone(),
            id_number_masked: validate::mask_id(cand.id_number.as_deref().unwrap_or_default()),
        },
        institution_name: inst,
        requested_by_name: name_of(Some(c.requested_by)).await?.unwrap_or_default(),
        changes: serde_json::from_value(c.changes).unwrap_or_default(),
        reason: c.reason,
        status: c.status,
        review_reason: c.review_reason,
        reviewed_by_name: name_of(c.reviewed_by).await?,
        reviewed_at: c.reviewed_at.as_ref().map(fmt_dt),
        created_at: fmt_dt(&c.created_at),
    })
}

/// File a correction request for one of the institution's candidates.
#[endpoint(tags("corrections"), status_codes(201, 400, 404, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_correction(
    body: JsonBody<CorrectionReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<CorrectionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let inst = staff_institution(&s)?;
    let r = body.into_inner();
    let reason = r.reason.trim().to_string();
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::bad(
            "reason_required",
            "请填写修改原因（2–200 字）",
        ));
    }
    let txn = st.db.begin().await?;
    let u = candidate_of_institution(&txn, inst, r.user_id).await?;
    let (u, p) = crate::candidate::profile::load(&txn, u.id).await?;
    let today = crate::now().with_timezone(&cst()).date_naive();
    let changes = fields::diff(&fields::current(&u, &p), r.changes, today)?;
    if let Some(c) = changes.iter().find(|c| c.field == "id_number") {
        let taken = user::Entity::find()
            .filter(user::Column::Login.eq(c.new.clone().unwrap_or_default()))
            .one(&txn)
            .await?;
        if taken.is_some() {
            return Err(crate::auth::registration::id_number_taken());
        }
    }
    let pending = correction::Entity::find()
        .filter(correction::Column::UserId.eq(u.id))
        .filter(correction::Column::Status.eq("pending"))
        .one(&txn)
        .await?;
    if pending.is_some() {
        return Err(AppError::conflict(
            "correction_pending",
            "该考生已有待审核的修改申请，请等待审核后再提交",
        ));
    }
    let c = correction::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(u.id),
        institution_id: Set(inst),
        requested_by: Set(s.user_id),
        status: Set("pending".into()),
        changes: Set(json!(changes)),
        reason: Set(reason),
        review_reason: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        created_at: Set(crate::now()),
    }
    .insert(&txn)
    .await?;
    let ev = Event {
        after: Some(json!({ "user_id": u.id, "changes": c.changes })),
        ..Event::by(
            s.user_id,
            "correction_request",
            "correction",
            c.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    let resp = render(&txn, c).await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(resp))
}

fn visible(s: &Session, c: &correction::Model) -> bool {
    match s.role.as_str() {
        "staff" => s.institution_id == Some(c.institution_id),
        "centre_reviewer" | "centre_finance" | "admin" => true,
        _ => false,
    }
}

/// Correction requests: staff see their institution's, the centre all; optionally by status.
#[endpoint(tags("corrections"))]
pub async fn list_corrections(
    status: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<CorrectionResp>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff", "centre_reviewer", "centre_finance", "admin"])?;
    let mut q = correction::Entity::find().order_by_desc(correction::Column::CreatedAt);
    if s.role == "staff" {
        q = q.filter(correction::Column::InstitutionId.eq(staff_institution(&s)?));
    }
    if let Some(v) = status.into_inner().filter(|v| !v.is_empty()) {
        q = q.filter(correction::Column::Status.eq(v));
    }
    let mut out = Vec::new();
    for c in q.limit(500).all(&st.db).await? {
        out.push(render(&st.db, c).await?);
    }
    Ok(Json(out))
}

/// One correction request.
#[endpoint(tags("corrections"))]
pub async fn get_correction(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<CorrectionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let c = correction::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?
        .filter(|c| visible(&s, c))
        .ok_or_else(|| AppError::not_found("not_found", "修改申请不存在"))?;
    Ok(Json(render(&st.db, c).await?))
}
