//! Institution entry of one candidate (手工录入), and the ID-card reader's data turned into a pre-filled entry.
use super::entrant::{self, EntrantInput};
use super::entry_support::{EntryWarning, attach, mobile_warnings, own_file};
use super::service;
use super::types::RegistrationResp;
use crate::domain::time::cst;
use crate::domain::{enums, idcard};
use crate::error::{AppError, AppResult};
use crate::files::{self, FileRef, NewFile, file_ref};
use crate::plan::service::plan_for;
use crate::state::DepotExt;
use base64::Engine;
use chrono::NaiveDate;
use entity::plan_item;
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{EntityTrait, TransactionTrait};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct EntryReq {
    pub item_id: i32,
    #[serde(flatten)]
    pub entrant: EntrantInput,
    /// The chip photo of an ID-card read (`/staff/id-card`): kept as the candidate's ID image, not as their photo.
    pub photo_file_id: Option<Uuid>,
    /// A photo taken at entry (`/staff/entry-photo`): the official 个人照片 when the candidate has none.
    pub camera_photo_file_id: Option<Uuid>,
    /// manual (default) | id_reader
    pub source: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryResp {
    pub registration: RegistrationResp,
    /// A new account was created: login = ID number, initial password = its last six characters.
    pub account_created: bool,
    /// E.g. another candidate of the plan with the same mobile number; the entry is made, staff should check.
    pub warnings: Vec<EntryWarning>,
    /// The candidate has no official 个人照片 yet (a chip photo is not one): take one or ask them to upload it.
    pub photo_needed: bool,
}

fn today() -> NaiveDate {
    crate::now().with_timezone(&cst()).date_naive()
}

/// Enter one candidate into a plan item (creating the candidate's account when needed).
#[endpoint(tags("registrations"), status_codes(201, 400, 404, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_entry(
    id: PathParam<i32>,
    body: JsonBody<EntryReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<EntryResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let r = body.into_inner();
    let source = match r.source.as_deref() {
        None | Some("manual") => "manual",
        Some("id_reader") => "id_reader",
        Some(_) => return Err(AppError::bad("invalid_enum", "录入方式无效")),
    };
    let e = entrant::validate(r.entrant, today())?;
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let p = plan_for(&txn, &s, id.into_inner(), true).await?;
    let item = plan_item::Entity::find_by_id(r.item_id)
        .one(&txn)
        .await?
        .filter(|i| i.plan_id == p.id)
        .ok_or_else(|| AppError::not_found("item_not_found", "该计划中没有这个报考项目"))?;
    let chip = own_file(
        &txn,
        r.photo_file_id,
        "chip_photo",
        s.user_id,
        "照片文件无效，请重新读取身份证",
    )
    .await?;
    let camera = own_file(
        &txn,
        r.camera_photo_file_id,
        "entry_photo",
        s.user_id,
        "现场照片无效，请重新拍照",
    )
    .await?;
    let (u, created) = entrant::ensure_account(
        &txn,
        p.institution_id,
        &e,
        camera.as_ref().map(|f| f.id),
        (s.user_id, &ip),
    )
    .await?;
    let photo_needed = attach(&txn, u.id, [chip, camera], (s.user_id, &ip)).await?;
    let mobiles: Vec<&str> = [Some(e.mobile.as_str()), u.mobile.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let warnings = mobile_warnings(&txn, p.id, u.id, &mobiles).await?;
    let reg = service::create(
        &txn,
        service::NewRegistration {
            user_id: u.id,
            plan: &p,
            item: &item,
            source,
            documents: serde_json::json!([]),
            actor_id: s.user_id,
            ip: &ip,
        },
    )
    .await?;
    let registration = super::render::render_one(&st, &txn, reg, &s).await?;
    txn.commit().await?;
    crate::candidate::profile_memo::changed(&st, u.id).await;
    res.status_code(StatusCode::CREATED);
    Ok(Json(EntryResp {
        registration,
        account_created: created,
        warnings,
        photo_needed,
    }))
}

/// What the desktop ID-card reader software delivers.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdCardReq {
    pub name: String,
    /// 男 / 女
    #[serde(default)]
    pub gender: String,
    /// 汉 or 汉族
    #[serde(default)]
    pub ethnicity: String,
    /// YYYYMMDD or YYYY-MM-DD
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub address: String,
    pub id_number: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub valid_from: String,
    /// YYYYMMDD, YYYY-MM-DD or 长期
    #[serde(default)]
    pub valid_to: String,
    /// The chip photo (JPEG, PNG or BMP), base64.
    pub photo_base64: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdCardResp {
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub gender: String,
    pub birth_date: String,
    pub ethnicity: Option<String>,
    pub hukou_address: String,
    pub issuer: String,
    pub valid_to: String,
    pub expired: bool,
    pub photo: Option<FileRef>,
}

fn reader_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// The chip photo of a reader is small (typically 102×126): kept as it is, re-encoded as JPEG, as an ID image —
/// never the official photo.
fn chip_photo(b64: &str) -> AppResult<(Vec<u8>, u32, u32)> {
    let invalid = || AppError::bad("invalid_image", "身份证照片数据无效");
    let raw = base64::engine::general_purpose::STANDARD
        .decode(
            b64.trim()
                .trim_start_matches("data:image/jpeg;base64,")
                .trim_start_matches("data:image/bmp;base64,")
                .trim_start_matches("data:image/png;base64,"),
        )
        .map_err(|_| invalid())?;
    if raw.len() > 512 * 1024 {
        return Err(invalid());
    }
    let img = image::load_from_memory(&raw).map_err(|_| invalid())?;
    if img.width() > 1000 || img.height() > 1000 {
        return Err(invalid());
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.to_rgb8()
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .map_err(|_| invalid())?;
    Ok((out.into_inner(), img.width(), img.height()))
}

/// Turn the reader's data into a pre-filled entry (checked against the number; the photo is stored).
#[endpoint(tags("registrations"))]
pub async fn read_id_card(
    body: JsonBody<IdCardReq>,
    depot: &mut Depot,
) -> AppResult<Json<IdCardResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let r = body.into_inner();
    let today = today();
    let id = idcard::parse_resident_id(r.id_number.trim(), today)
        .map_err(|e| AppError::bad("invalid_id_number", e.message()))?;
    let gender = if id.gender == "male" { "男" } else { "女" };
    let g = r.gender.trim();
    let b = reader_date(&r.birth_date);
    if (!g.is_empty() && g != gender)
        || (!r.birth_date.trim().is_empty() && b != Some(id.birth_date))
    {
        return Err(AppError::bad(
            "id_card_mismatch",
            "读卡信息中的性别或出生日期与身份证号码不一致，请重新读卡",
        ));
    }
    let eth = r.ethnicity.trim();
    let ethnicity = enums::ETHNICITIES
        .iter()
        .find(|e| **e == eth || **e == format!("{eth}族"))
        .map(|e| e.to_string());
    let valid_to = r.valid_to.trim().to_string();
    let expired = reader_date(&valid_to).is_some_and(|d| d < today);
    let photo = match r.photo_base64.as_deref().filter(|p| !p.trim().is_empty()) {
        None => None,
        Some(b64) => {
            let (bytes, w, h) = chip_photo(b64)?;
            let f = files::save(
                &st,
                &st.db,
                NewFile {
                    owner_id: s.user_id,
                    kind: "chip_photo",
                    bytes,
                    width: w,
                    height: h,
                },
            )
            .await?;
            Some(file_ref(&st, &f))
        }
    };
    Ok(Json(IdCardResp {
        name: r.name.trim().to_string(),
        id_type: "resident_id".into(),
        id_number: id.number.clone(),
        gender: id.gender.to_string(),
        birth_date: id.birth_date.format("%Y-%m-%d").to_string(),
        ethnicity,
        hukou_address: r.address.trim().to_string(),
        issuer: r.issuer.trim().to_string(),
        valid_to,
        expired,
        photo,
    }))
}
