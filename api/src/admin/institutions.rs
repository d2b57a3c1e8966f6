//! Institutions (评价机构): list, create and edit.
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{institution, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, ToSchema)]
pub struct InstitutionResp {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub staff_count: u64,
    pub created_at: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateInstitutionReq {
    /// 8 digits, e.g. 44010007.
    pub code: String,
    pub name: String,
}

/// All institutions with their staff counts.
#[endpoint(tags("admin"))]
pub async fn list_institutions(depot: &mut Depot) -> AppResult<Json<Vec<InstitutionResp>>> {
    let st = depot.state()?;
    depot
        .session()?
        .require_role(&["admin", "centre_reviewer", "centre_finance"])?;
    let list = institution::Entity::find()
        .order_by_asc(institution::Column::Code)
        .all(&st.db)
        .await?;
    let mut out = Vec::with_capacity(list.len());
    for i in list {
        let staff_count = user::Entity::find()
            .filter(user::Column::InstitutionId.eq(i.id))
            .count(&st.db)
            .await?;
        out.push(InstitutionResp {
            id: i.id,
            code: i.code,
            name: i.name,
            staff_count,
            created_at: i.created_at.to_rfc3339(),
        });
    }
    Ok(Json(out))
}

/// Create an institution.
#[endpoint(tags("admin"), status_codes(201, 400, 403, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_institution(
    body: JsonBody<CreateInstitutionReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<InstitutionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let req = body.into_inner();
    let (code, name) = validate(&req)?;
    let txn = st.db.begin().await?;
    let m = institution::ActiveModel {
        code: Set(code),
        name: Set(name),
        created_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(code_taken)?;
    audit::record(
        &txn,
        Event {
            after: Some(serde_json::json!({ "code": m.code, "name": m.name })),
            ..Event::by(
                s.user_id,
                "institution_create",
                "institution",
                m.id,
                depot.client_ip(),
            )
        },
    )
    .await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(InstitutionResp {
        id: m.id,
        code: m.code,
        name: m.name,
        staff_count: 0,
        created_at: m.created_at.to_rfc3339(),
    }))
}

/// An institution's code (8 digits) and name (2–100 characters), trimmed.
fn validate(req: &CreateInstitutionReq) -> AppResult<(String, String)> {
    let code = req.code.trim().to_string();
    let name = req.name.trim().to_string();
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::bad(
            "invalid_institution_code",
            "机构代码应为8位数字",
        ));
    }
    if !(2..=100).contains(&name.chars().count()) {
        return Err(AppError::bad(
            "invalid_institution_name",
            "机构名称应为2至100个字",
        ));
    }
    Ok((code, name))
}

fn code_taken(e: sea_orm::DbErr) -> AppError {
    match AppError::from(e) {
        AppError::Conflict { .. } => {
            AppError::conflict("institution_code_taken", "该机构代码已存在")
        }
        other => other,
    }
}

/// Edit an institution's code and name.
#[endpoint(tags("admin"))]
pub async fn update_institution(
    id: PathParam<i32>,
    body: JsonBody<CreateInstitutionReq>,
    depot: &mut Depot,
) -> AppResult<Json<InstitutionResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let (code, name) = validate(&body.into_inner())?;
    let txn = st.db.begin().await?;
    let old = institution::Entity::find_by_id(id.into_inner())
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "机构不存在"))?;
    let before = serde_json::json!({ "code": old.code, "name": old.name });
    let mut am: institution::ActiveModel = old.into();
    am.code = Set(code);
    am.name = Set(name);
    let m = am.update(&txn).await.map_err(code_taken)?;
    let after = serde_json::json!({ "code": m.code, "name": m.name });
    let ev = Event {
        before: Some(before),
        after: Some(after),
        ..Event::by(
            s.user_id,
            "institution_update",
            "institution",
            m.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    let staff_count = user::Entity::find()
        .filter(user::Column::InstitutionId.eq(m.id))
        .count(&st.db)
        .await?;
    Ok(Json(InstitutionResp {
        id: m.id,
        code: m.code,
        name: m.name,
        staff_count,
        created_at: m.created_at.to_rfc3339(),
    }))
}
