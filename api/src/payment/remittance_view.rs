//! How remittances are shown: plan, institution, people, signed voucher links, and (detail) the covered
//! registrations.
use super::summary::item_label;
use crate::domain::time::{fmt_date, fmt_dt};
use crate::error::AppResult;
use crate::files::{FileRef, file_ref};
use crate::state::AppState;
use entity::{file, plan_item, registration, remittance, remittance_item, user};
use salvo::oapi::ToSchema;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct CoveredRegistration {
    pub registration_id: Uuid,
    pub name: String,
    pub item_label: String,
    pub fee_fen: i64,
    pub payment_status: String,
    /// The remittance item (the id that resolves a surplus).
    pub item_id: i32,
    /// applied | surplus once confirmed.
    pub outcome: Option<String>,
    /// Why a fee is a surplus, or where a reapplied fee came from.
    pub note: Option<String>,
    /// returned | reapplied: what finance did with a surplus.
    pub resolution: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RemittanceView {
    pub id: i32,
    pub plan_id: i32,
    pub plan_name: String,
    pub institution_name: String,
    pub amount_fen: i64,
    pub payer: String,
    pub bank_serial: String,
    pub paid_on: String,
    pub note: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub count: usize,
    pub vouchers: Vec<FileRef>,
    pub created_by: String,
    pub created_at: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registrations: Option<Vec<CoveredRegistration>>,
}

fn voucher_ids(r: &remittance::Model) -> Vec<Uuid> {
    serde_json::from_value(r.vouchers.clone()).unwrap_or_default()
}

pub(super) async fn render(
    st: &AppState,
    list: Vec<remittance::Model>,
    detail: bool,
) -> AppResult<Vec<RemittanceView>> {
    let ids: Vec<i32> = list.iter().map(|r| r.id).collect();
    let items = remittance_item::Entity::find()
        .filter(remittance_item::Column::RemittanceId.is_in(ids))
        .all(&st.db)
        .await?;
    let plans = super::names::plans(&st.db, list.iter().map(|r| r.plan_id).collect()).await?;
    let insts =
        super::names::institutions(&st.db, list.iter().map(|r| r.institution_id).collect()).await?;
    let people = super::names::users(
        &st.db,
        list.iter()
            .flat_map(|r| [Some(r.created_by), r.reviewed_by])
            .flatten()
            .collect(),
    )
    .await?;
    // Every voucher of every remittance shown, in one query.
    let files: HashMap<Uuid, file::Model> = file::Entity::find()
        .filter(file::Column::Id.is_in(list.iter().flat_map(voucher_ids)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let mut covered: HashMap<i32, Vec<&remittance_item::Model>> = HashMap::new();
    for i in &items {
        covered.entry(i.remittance_id).or_default().push(i);
    }
    let mut out = Vec::new();
    for r in list {
        let vouchers = voucher_ids(&r)
            .iter()
            .filter_map(|id| files.get(id))
            .map(|f| file_ref(st, f))
            .collect();
        let mine = covered.remove(&r.id).unwrap_or_default();
        let registrations = if detail {
            let regs = registration::Entity::find()
                .filter(registration::Column::Id.is_in(mine.iter().map(|i| i.registration_id)))
                .all(&st.db)
                .await?;
            let names: HashMap<i32, String> = user::Entity::find()
                .filter(user::Column::Id.is_in(regs.iter().map(|g| g.user_id)))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect();
            let its: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
                .filter(plan_item::Column::PlanId.eq(r.plan_id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|i| (i.id, i))
                .collect();
            let regs: HashMap<Uuid, &registration::Model> =
                regs.iter().map(|g| (g.id, g)).collect();
            Some(
                mine.iter()
                    .map(|i| {
                        let g = regs.get(&i.registration_id);
                        CoveredRegistration {
                            registration_id: i.registration_id,
                            name: g
                                .and_then(|g| names.get(&g.user_id).cloned())
                                .unwrap_or_default(),
                            item_label: g
                                .and_then(|g| its.get(&g.item_id))
                                .map(item_label)
                                .unwrap_or_default(),
                            fee_fen: i.fee_fen,
                            payment_status: g.map(|g| g.payment_status.clone()).unwrap_or_default(),
                            item_id: i.id,
                            outcome: i.outcome.clone(),
                            note: i.note.clone(),
                            resolution: i.resolution.clone(),
                        }
                    })
                    .collect(),
            )
        } else {
            None
        };
        out.push(RemittanceView {
            id: r.id,
            plan_id: r.plan_id,
            plan_name: plans.get(&r.plan_id).cloned().unwrap_or_default(),
            institution_name: insts.get(&r.institution_id).cloned().unwrap_or_default(),
            amount_fen: r.amount_fen,
            payer: r.payer,
            bank_serial: r.bank_serial,
            paid_on: fmt_date(&r.paid_on),
            note: r.note,
            status: r.status,
            reason: r.reason,
            count: mine.len(),
            vouchers,
            created_by: people.get(&r.created_by).cloned().unwrap_or_default(),
            created_at: fmt_dt(&r.created_at),
            reviewed_by: r.reviewed_by.and_then(|u| people.get(&u).cloned()),
            reviewed_at: r.reviewed_at.as_ref().map(fmt_dt),
            registrations,
        });
    }
    Ok(out)
}
