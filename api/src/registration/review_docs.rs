//! Approving with required documents missing: refused unless the reviewer confirms, and the confirmation noted.
use super::render::missing_documents;
use super::types::DocInput;
use crate::auth::session::Session;
use crate::error::{AppError, AppResult};
use entity::{plan_item, registration, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

fn docs_of(r: &registration::Model) -> Vec<DocInput> {
    serde_json::from_value(r.documents.clone()).unwrap_or_default()
}

async fn missing_of(db: &impl ConnectionTrait, r: &registration::Model) -> AppResult<Vec<String>> {
    Ok(
        match plan_item::Entity::find_by_id(r.item_id).one(db).await? {
            Some(i) => missing_documents(&i, &docs_of(r)),
            None => Vec::new(),
        },
    )
}

/// 409 `documents_missing` naming each pending registration of the reviewer's institution that lacks a
/// required document (the others are left to the per-registration checks of the review).
pub async fn refuse_missing(db: &impl ConnectionTrait, s: &Session, ids: &[Uuid]) -> AppResult<()> {
    let Some(inst) = s.institution_id else {
        return Ok(());
    };
    let regs = registration::Entity::find()
        .filter(registration::Column::Id.is_in(ids.to_vec()))
        .filter(registration::Column::InstitutionId.eq(inst))
        .filter(registration::Column::Status.eq("pending"))
        .all(db)
        .await?;
    let items: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
        .filter(plan_item::Column::Id.is_in(regs.iter().map(|r| r.item_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let lacking: Vec<(i32, Vec<String>)> = regs
        .iter()
        .filter_map(|r| {
            let m = missing_documents(items.get(&r.item_id)?, &docs_of(r));
            (!m.is_empty()).then_some((r.user_id, m))
        })
        .collect();
    if lacking.is_empty() {
        return Ok(());
    }
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(lacking.iter().map(|(u, _)| *u).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let list: Vec<String> = lacking
        .iter()
        .map(|(u, m)| {
            let name = names.get(u).map(String::as_str).unwrap_or("考生");
            format!("{name}（缺{}）", m.join("、"))
        })
        .collect();
    Err(AppError::conflict(
        "documents_missing",
        format!(
            "以下报名缺少必需的证明材料：{}。确认仍要审核通过请再次提交并确认",
            list.join("；")
        ),
    ))
}

/// The history note of an approval that the reviewer confirmed despite missing documents.
pub async fn confirmed_note(
    db: &impl ConnectionTrait,
    r: &registration::Model,
    reason: Option<&str>,
) -> AppResult<Option<String>> {
    let missing = missing_of(db, r).await?;
    if missing.is_empty() {
        return Ok(None);
    }
    let note = format!("材料不全，审核人确认通过（缺{}）", missing.join("、"));
    Ok(Some(match reason {
        Some(r) => format!("{r}；{note}"),
        None => note,
    }))
}
