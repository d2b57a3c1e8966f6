//! Uploads of the personal photo and the ID-document images (multipart field `file`).
use super::photo::{self, Normalised, Refusal};
use super::profile::{candidate_of, load};
use super::types::{PhotoResp, UploadForm};
use crate::audit::{self, Event};
use crate::error::{AppError, AppResult};
use crate::files::{self, FileRef, NewFile, file_ref};
use crate::state::{AppState, DepotExt};
use entity::candidate_profile;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde_json::json;

/// Raw photo uploads may be large phone pictures; the stored result is ≤ 1 MB.
pub const PHOTO_UPLOAD_MAX: usize = 15 * 1024 * 1024;
/// ID-document images and registration documents may be large phone pictures too: they are shrunk, not refused
/// (the stored result is ≤ `photo::DOC_MAX_BYTES`).
pub const DOC_UPLOAD_MAX: usize = PHOTO_UPLOAD_MAX;
/// Multipart framing around the file.
const MULTIPART_SLACK: usize = 64 * 1024;

fn too_large(max: usize) -> AppError {
    AppError::TooLarge {
        code: "file_too_large",
        message: format!("文件不能超过{}MB", max / 1024 / 1024).into(),
    }
}

/// Reads the `file` part, refusing oversize bodies before reading them.
pub(crate) async fn read_file(req: &mut Request, max: usize) -> AppResult<Vec<u8>> {
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max + MULTIPART_SLACK) {
        return Err(too_large(max));
    }
    let form = req
        .form_data_max_size(max + MULTIPART_SLACK)
        .await
        .map_err(AppError::from)?;
    let part = form
        .files
        .get("file")
        .ok_or_else(|| AppError::bad("file_missing", "请选择要上传的图片文件"))?;
    let bytes = tokio::fs::read(part.path())
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if bytes.len() > max {
        return Err(too_large(max));
    }
    if bytes.is_empty() {
        return Err(AppError::bad("file_missing", "上传的文件为空"));
    }
    Ok(bytes)
}

fn refusal(r: Refusal) -> AppError {
    match r {
        Refusal::Unsupported => AppError::UnsupportedMedia {
            code: "unsupported_image_type",
            message: "仅支持 JPG 或 PNG 格式的图片".into(),
        },
        Refusal::Corrupt => AppError::unprocessable(
            "corrupt_image",
            "图片文件已损坏，无法读取，请重新拍摄或选择",
        ),
        Refusal::TooManyPixels => AppError::unprocessable(
            "image_too_large_pixels",
            "图片像素过大，无法处理，请压缩后再上传",
        ),
        Refusal::TooSmall { width, height } => AppError::unprocessable(
            "photo_too_small",
            format!("图片太小（{width}×{height}），请上传至少 200×280 像素的清晰照片"),
        ),
    }
}

pub(crate) async fn normalise(
    bytes: Vec<u8>,
    f: fn(&[u8]) -> Result<Normalised, Refusal>,
) -> AppResult<Normalised> {
    crate::blocking::blocking(move || f(&bytes).map_err(refusal)).await
}

/// Upload the personal photo: rotated upright, cropped to 5:7 and scaled to ≤ 500×700, ≤ 1 MB.
#[endpoint(tags("profile"), request_body(content = UploadForm, content_type = "multipart/form-data"))]
pub async fn upload_photo(req: &mut Request, depot: &mut Depot) -> AppResult<Json<PhotoResp>> {
    let st = depot.state()?;
    let (u, _) = candidate_of(&st, depot).await?;
    super::profile::ensure_unlocked(&st.db, u.id).await?;
    let n = normalise(
        read_file(req, PHOTO_UPLOAD_MAX).await?,
        photo::normalise_photo,
    )
    .await?;
    let (rotated, cropped, ow, oh) = (n.rotated, n.cropped, n.original_width, n.original_height);
    let f = replace(&st, depot, u.id, "photo", n).await?;
    Ok(Json(PhotoResp {
        photo: f,
        original_width: ow,
        original_height: oh,
        rotated,
        cropped,
    }))
}

fn side_kind(side: &str) -> AppResult<&'static str> {
    match side {
        "front" => Ok("id_front"),
        "back" => Ok("id_back"),
        _ => Err(AppError::not_found("not_found", "只支持 front 或 back")),
    }
}

/// Upload an ID-document image (front or back; JPG/PNG, shrunk to ≤ 2000 px and 2 MB; optional).
#[endpoint(tags("profile"), request_body(content = UploadForm, content_type = "multipart/form-data"))]
pub async fn upload_id_image(
    side: PathParam<String>,
    req: &mut Request,
    depot: &mut Depot,
) -> AppResult<Json<FileRef>> {
    let st = depot.state()?;
    let kind = side_kind(&side.into_inner())?;
    let (u, _) = candidate_of(&st, depot).await?;
    let n = normalise(
        read_file(req, DOC_UPLOAD_MAX).await?,
        photo::normalise_document,
    )
    .await?;
    Ok(Json(replace(&st, depot, u.id, kind, n).await?))
}

/// Remove an ID-document image.
#[endpoint(tags("profile"), status_codes(204, 401, 403, 404), responses((status_code = 204, description = "已完成，无内容")))]
pub async fn delete_id_image(
    side: PathParam<String>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let kind = side_kind(&side.into_inner())?;
    let (u, p) = candidate_of(&st, depot).await?;
    let old = if kind == "id_front" {
        p.id_front_file_id
    } else {
        p.id_back_file_id
    };
    let Some(old) = old else {
        return Err(AppError::not_found("not_found", "尚未上传该证件图片"));
    };
    let txn = st.db.begin().await?;
    let mut pm: candidate_profile::ActiveModel = p.into();
    if kind == "id_front" {
        pm.id_front_file_id = Set(None)
    } else {
        pm.id_back_file_id = Set(None)
    }
    pm.update(&txn).await?;
    audit::record(
        &txn,
        Event {
            before: Some(json!({ kind: old })),
            ..Event::user("profile_file_delete", u.id, depot.client_ip())
        },
    )
    .await?;
    txn.commit().await?;
    super::profile_memo::changed(&st, u.id).await;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}

/// Stores the new file and points the profile at it, in one transaction with its audit record.
async fn replace(
    st: &AppState,
    depot: &Depot,
    user_id: i32,
    kind: &'static str,
    n: Normalised,
) -> AppResult<FileRef> {
    let txn = st.db.begin().await?;
    let (_, p) = load(&txn, user_id).await?;
    let f = files::save(
        st,
        &txn,
        NewFile {
            owner_id: user_id,
            kind,
            bytes: n.jpeg,
            width: n.width,
            height: n.height,
        },
    )
    .await?;
    let old = match kind {
        "photo" => p.photo_file_id,
        "id_front" => p.id_front_file_id,
        _ => p.id_back_file_id,
    };
    let mut pm: candidate_profile::ActiveModel = p.into();
    match kind {
        "photo" => pm.photo_file_id = Set(Some(f.id)),
        "id_front" => pm.id_front_file_id = Set(Some(f.id)),
        _ => pm.id_back_file_id = Set(Some(f.id)),
    }
    pm.updated_at = Set(crate::now());
    pm.update(&txn).await?;
    audit::record(
        &txn,
        Event {
            before: Some(json!({ kind: old })),
            after: Some(
                json!({ kind: f.id, "width": n.width, "height": n.height, "size": f.size }),
            ),
            ..Event::user("profile_file_upload", user_id, depot.client_ip())
        },
    )
    .await?;
    txn.commit().await?;
    super::profile_memo::changed(st, user_id).await;
    Ok(file_ref(st, &f))
}
