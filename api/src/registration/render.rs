//! Registrations as responses: plan, item, candidate, documents and history, each kind loaded once per list.
use super::service::{EDITABLE, FORM_READY, reg_missing};
use super::types::*;
use crate::auth::session::Session;
use crate::domain::time::{fmt_date, fmt_dt};
use crate::domain::{enums, validate};
use crate::error::AppResult;
use crate::files::file_ref;
use crate::state::AppState;
use entity::{file, plan, plan_item, registration, registration_event, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Renders registrations with their plan, item, candidate and documents, loading each kind once.
pub async fn render_many(
    st: &AppState,
    db: &impl ConnectionTrait,
    regs: Vec<registration::Model>,
    viewer: &Session,
    with_history: bool,
) -> AppResult<Vec<RegistrationResp>> {
    let plan_ids: HashSet<i32> = regs.iter().map(|r| r.plan_id).collect();
    let item_ids: HashSet<i32> = regs.iter().map(|r| r.item_id).collect();
    let user_ids: HashSet<i32> = regs.iter().map(|r| r.user_id).collect();
    let plans: HashMap<i32, plan::Model> = plan::Entity::find()
        .filter(plan::Column::Id.is_in(plan_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let items: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
        .filter(plan_item::Column::Id.is_in(item_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    if let ("staff", Some(inst)) = (viewer.role.as_str(), viewer.institution_id) {
        let ids: Vec<i32> = users.keys().copied().collect();
        let views = super::disclosure::views(db, inst, &ids).await?;
        for (id, u) in users.iter_mut() {
            if let Some(super::disclosure::View::Entered(s)) = views.get(id) {
                u.mobile = s.mobile.clone();
            }
        }
    }
    let in_remittance =
        crate::payment::standing::pending_covered(db, regs.iter().map(|r| r.id).collect()).await?;
    let docs_of = |r: &registration::Model| -> Vec<DocInput> {
        serde_json::from_value(r.documents.clone()).unwrap_or_default()
    };
    let file_ids: Vec<Uuid> = regs
        .iter()
        .flat_map(|r| docs_of(r).into_iter().map(|d| d.file_id))
        .collect();
    let files: HashMap<Uuid, file::Model> = if file_ids.is_empty() {
        HashMap::new()
    } else {
        file::Entity::find()
            .filter(file::Column::Id.is_in(file_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect()
    };
    let mut out = Vec::with_capacity(regs.len());
    for r in regs {
        let (Some(p), Some(i), Some(u)) = (
            plans.get(&r.plan_id),
            items.get(&r.item_id),
            users.get(&r.user_id),
        ) else {
            continue;
        };
        let history = if with_history {
            Some(history(db, r.id).await?)
        } else {
            None
        };
        let full = viewer.user_id == r.user_id || viewer.role == "staff";
        let owner = viewer.user_id == r.user_id;
        let open = EDITABLE.contains(&r.status.as_str()) && p.stage == "open";
        let id_number = u.id_number.clone().unwrap_or_default();
        out.push(RegistrationResp {
            id: r.id,
            plan: RegPlan {
                id: p.id,
                name: p.name.clone(),
                exam_date: fmt_date(&p.exam_date),
                reg_start: fmt_dt(&p.reg_start),
                reg_end: fmt_dt(&p.reg_end),
                stage: p.stage.clone(),
            },
            item: RegItem {
                id: i.id,
                occupation_code: i.occupation_code.clone(),
                occupation_name: i.occupation_name.clone(),
                job_type: i.job_type.clone(),
                level: i.level.clone(),
                level_label: enums::label(enums::CERT_LEVELS, &i.level)
                    .unwrap_or_default()
                    .to_string(),
                fee_fen: i.fee_fen,
                required_documents: serde_json::from_value(i.required_documents.clone())
                    .unwrap_or_default(),
            },
            candidate: RegCandidate {
                user_id: u.id,
                name: u.name.clone(),
                id_type: u.id_type.clone(),
                id_number_masked: validate::mask_id(&id_number),
                id_number: full.then_some(id_number),
                mobile_masked: u
                    .mobile
                    .as_deref()
                    .map(validate::mask_mobile)
                    .unwrap_or_default(),
            },
            status: r.status.clone(),
            payment_status: r.payment_status.clone(),
            reason: r.reason.clone(),
            source: r.source.clone(),
            missing_documents: missing_documents(i, &docs_of(&r)),
            documents: docs_of(&r)
                .into_iter()
                .map(|d| RegDocument {
                    file: files.get(&d.file_id).map(|f| file_ref(st, f)),
                    name: d.name,
                })
                .collect(),
            can_edit: owner && open,
            can_withdraw: owner && p.stage == "open" && (open || r.status == "approved"),
            can_pay: owner
                && crate::payment::orders::can_pay(
                    &r,
                    i.fee_fen,
                    &p.payment_deadline,
                    in_remittance.contains(&r.id),
                ),
            in_remittance: in_remittance.contains(&r.id),
            can_export_form: FORM_READY.contains(&r.status.as_str()),
            created_at: fmt_dt(&r.created_at),
            updated_at: fmt_dt(&r.updated_at),
            history,
            profile: None,
        });
    }
    Ok(out)
}

/// The item's required documents that `docs` does not supply.
pub fn missing_documents(item: &plan_item::Model, docs: &[DocInput]) -> Vec<String> {
    let required: Vec<String> =
        serde_json::from_value(item.required_documents.clone()).unwrap_or_default();
    required
        .into_iter()
        .filter(|n| !docs.iter().any(|d| &d.name == n))
        .collect()
}

async fn history(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Vec<HistoryEntry>> {
    let events = registration_event::Entity::find()
        .filter(registration_event::Column::RegistrationId.eq(id))
        .order_by_asc(registration_event::Column::Id)
        .all(db)
        .await?;
    let actors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(events.iter().map(|e| e.actor_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| HistoryEntry {
            actor_name: actors.get(&e.actor_id).cloned().unwrap_or_default(),
            action: e.action,
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason,
            created_at: fmt_dt(&e.created_at),
        })
        .collect())
}

pub async fn render_one(
    st: &AppState,
    db: &impl ConnectionTrait,
    r: registration::Model,
    viewer: &Session,
) -> AppResult<RegistrationResp> {
    render_many(st, db, vec![r], viewer, true)
        .await?
        .pop()
        .ok_or_else(reg_missing)
}
