//! Reading the catalogue (every signed-in role) and maintaining it (administrator).
use super::rules;
use super::types::*;
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::occupation;
use salvo::oapi::extract::{JsonBody, PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

pub fn to_resp(o: occupation::Model) -> OccupationResp {
    OccupationResp {
        id: o.id,
        code: o.code,
        name: o.name,
        job_types: serde_json::from_value(o.job_types).unwrap_or_default(),
        levels: serde_json::from_value(o.levels).unwrap_or_default(),
        active: o.active,
    }
}

/// Occupations, searchable by code or name; inactive ones only for the administrator.
#[endpoint(tags("catalogue"))]
pub async fn list_occupations(
    q: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<OccupationResp>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let mut query = occupation::Entity::find().order_by_asc(occupation::Column::Code);
    if s.role != "admin" {
        query = query.filter(occupation::Column::Active.eq(true));
    }
    if let Some(q) = q
        .into_inner()
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
    {
        query = query.filter(
            Condition::any()
                .add(occupation::Column::Code.contains(&q))
                .add(occupation::Column::Name.contains(&q)),
        );
    }
    Ok(Json(
        query.all(&st.db).await?.into_iter().map(to_resp).collect(),
    ))
}

/// One occupation.
#[endpoint(tags("catalogue"))]
pub async fn get_occupation(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<OccupationResp>> {
    let st = depot.state()?;
    depot.session()?;
    let o = occupation::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?;
    o.map(|o| Json(to_resp(o)))
        .ok_or_else(|| AppError::not_found("not_found", "职业不存在"))
}

/// Add an occupation to the catalogue.
#[endpoint(tags("catalogue"), status_codes(201, 400, 403, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_occupation(
    body: JsonBody<OccupationReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<OccupationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let r = rules::validate(body.into_inner())?;
    let now = crate::now();
    let txn = st.db.begin().await?;
    let o = occupation::ActiveModel {
        code: Set(r.code),
        name: Set(r.name),
        job_types: Set(json!(r.job_types)),
        levels: Set(json!(r.levels)),
        active: Set(r.active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => {
            AppError::conflict("occupation_code_taken", "该职业编码已存在")
        }
        other => other,
    })?;
    let after =
        json!({ "code": o.code, "name": o.name, "job_types": o.job_types, "levels": o.levels });
    audit::record(
        &txn,
        Event {
            after: Some(after),
            ..Event::by(
                s.user_id,
                "occupation_create",
                "occupation",
                o.id,
                depot.client_ip(),
            )
        },
    )
    .await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(to_resp(o)))
}

/// Edit an occupation (code, name, job types, levels and subjects, active).
#[endpoint(tags("catalogue"))]
pub async fn update_occupation(
    id: PathParam<i32>,
    body: JsonBody<OccupationReq>,
    depot: &mut Depot,
) -> AppResult<Json<OccupationResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let r = rules::validate(body.into_inner())?;
    let txn = st.db.begin().await?;
    let old = occupation::Entity::find_by_id(id.into_inner())
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "职业不存在"))?;
    let before = json!({ "code": old.code, "name": old.name, "job_types": old.job_types, "levels": old.levels, "active": old.active });
    let mut am: occupation::ActiveModel = old.into();
    am.code = Set(r.code);
    am.name = Set(r.name);
    am.job_types = Set(json!(r.job_types));
    am.levels = Set(json!(r.levels));
    am.active = Set(r.active);
    am.updated_at = Set(crate::now());
    let o = am.update(&txn).await.map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => {
            AppError::conflict("occupation_code_taken", "该职业编码已存在")
        }
        other => other,
    })?;
    let after = json!({ "code": o.code, "name": o.name, "job_types": o.job_types, "levels": o.levels, "active": o.active });
    let ev = Event {
        before: Some(before),
        after: Some(after),
        ..Event::by(
            s.user_id,
            "occupation_update",
            "occupation",
            o.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    Ok(Json(to_resp(o)))
}
