//! What manual entry adds around the account: the reader's chip photo kept as an ID image, a photo taken at entry
//! as the official 个人照片, and a warning when another candidate of the plan has the same mobile number.
use crate::audit::{self, Event};
use crate::candidate::photo;
use crate::candidate::types::PhotoResp;
use crate::candidate::uploads::{PHOTO_UPLOAD_MAX, normalise, read_file};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::files::{self, NewFile, file_ref};
use crate::state::DepotExt;
use entity::{candidate_profile, file, registration, user};
use salvo::oapi::ToSchema;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryWarning {
    /// mobile_shared
    pub code: String,
    pub message: String,
}

/// A file the staff member stored for this entry (`kind`), or a refusal.
pub async fn own_file(
    db: &impl ConnectionTrait,
    id: Option<Uuid>,
    kind: &str,
    staff_id: i32,
    refusal: &'static str,
) -> AppResult<Option<file::Model>> {
    let Some(id) = id else {
        return Ok(None);
    };
    file::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|f| f.kind == kind && f.owner_id == staff_id)
        .map(Some)
        .ok_or_else(|| AppError::bad("document_invalid", refusal))
}

/// Hands the entry's files to the candidate; the chip photo becomes their ID image. Returns whether the candidate
/// still lacks an official photo (the chip photo is too small to be one).
pub async fn attach(
    db: &impl ConnectionTrait,
    user_id: i32,
    files: [Option<file::Model>; 2],
    actor: (i32, &str),
) -> AppResult<bool> {
    let [chip, camera] = files;
    for f in [&chip, &camera].into_iter().flatten() {
        let mut am: file::ActiveModel = f.clone().into();
        am.owner_id = Set(user_id);
        am.update(db).await?;
    }
    let (_, p) = crate::candidate::profile::load(db, user_id).await?;
    if let Some(c) = chip {
        let before = p.chip_photo_file_id;
        let mut am: candidate_profile::ActiveModel = p.clone().into();
        am.chip_photo_file_id = Set(Some(c.id));
        am.update(db).await?;
        let ev = Event {
            before: Some(json!({ "chip_photo_file_id": before })),
            after: Some(
                json!({ "chip_photo_file_id": c.id, "width": c.width, "height": c.height }),
            ),
            ..Event::by(actor.0, "candidate_chip_photo", "user", user_id, actor.1)
        };
        audit::record(db, ev).await?;
    }
    Ok(p.photo_file_id.is_none())
}

/// Other candidates of the plan (not withdrawn) whose account has one of these mobile numbers.
pub async fn mobile_warnings(
    db: &impl ConnectionTrait,
    plan_id: i32,
    user_id: i32,
    mobiles: &[&str],
) -> AppResult<Vec<EntryWarning>> {
    let others = user::Entity::find()
        .filter(user::Column::Mobile.is_in(mobiles.iter().copied()))
        .filter(user::Column::Id.ne(user_id))
        .filter(user::Column::Role.eq("candidate"))
        .all(db)
        .await?;
    if others.is_empty() {
        return Ok(Vec::new());
    }
    let in_plan: Vec<i32> = registration::Entity::find()
        .filter(registration::Column::PlanId.eq(plan_id))
        .filter(registration::Column::Status.ne("withdrawn"))
        .filter(registration::Column::UserId.is_in(others.iter().map(|u| u.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    Ok(others
        .into_iter()
        .filter(|u| in_plan.contains(&u.id))
        .map(|u| EntryWarning {
            code: "mobile_shared".into(),
            message: format!(
                "本计划的考生「{}」也使用手机号码 {}，请核对是否填错",
                u.name,
                u.mobile
                    .as_deref()
                    .map(validate::mask_mobile)
                    .unwrap_or_default()
            ),
        })
        .collect())
}

/// A photo taken at entry (multipart `file`): upright, cropped to 5:7, at least 200×280 — the candidate's
/// official photo when the entry uses it and they have none.
#[endpoint(
    tags("registrations"),
    request_body(content = crate::candidate::types::UploadForm, content_type = "multipart/form-data")
)]
pub async fn upload_entry_photo(
    req: &mut Request,
    depot: &mut Depot,
) -> AppResult<Json<PhotoResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let n = normalise(
        read_file(req, PHOTO_UPLOAD_MAX).await?,
        photo::normalise_photo,
    )
    .await?;
    let (rotated, cropped, ow, oh) = (n.rotated, n.cropped, n.original_width, n.original_height);
    let f = files::save(
        &st,
        &st.db,
        NewFile {
            owner_id: s.user_id,
            kind: "entry_photo",
            bytes: n.jpeg,
            width: n.width,
            height: n.height,
        },
    )
    .await?;
    Ok(Json(PhotoResp {
        photo: file_ref(&st, &f),
        original_width: ow,
        original_height: oh,
        rotated,
        cropped,
    }))
}
