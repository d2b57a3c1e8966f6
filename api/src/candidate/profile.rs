//! The candidate's own profile: read, validate and update, completeness for applying.
use super::fields::{changed_only, choice, completeness, date, render_plain, text};
use super::types::*;
use crate::audit::{self, Event};
use crate::domain::{enums, idcard, validate};
use crate::error::{AppError, AppResult};
use crate::files::file_ref;
use crate::state::{AppState, DepotExt};
use chrono::NaiveDate;
use entity::{candidate_profile, file, user};
use salvo::oapi::extract::JsonBody;
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

pub(super) async fn candidate_of(
    st: &AppState,
    depot: &Depot,
) -> AppResult<(user::Model, candidate_profile::Model)> {
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    load(&st.db, s.user_id).await
}

/// The account and its profile (if any) in one query (this runs on every profile request).
async fn find(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> AppResult<(user::Model, Option<candidate_profile::Model>)> {
    user::Entity::find_by_id(user_id)
        .find_also_related(candidate_profile::Entity)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("not_found", "账号不存在"))
}

pub(crate) async fn load(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> AppResult<(user::Model, candidate_profile::Model)> {
    let (u, p) = find(db, user_id).await?;
    let p = match p {
        Some(p) => p,
        None => {
            candidate_profile::ActiveModel {
                user_id: Set(user_id),
                updated_at: Set(crate::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok((u, p))
}

pub(crate) async fn render(
    st: &AppState,
    u: &user::Model,
    p: &candidate_profile::Model,
) -> AppResult<Profile> {
    Ok(render_with(st, u, p, &files_of(st, p).await?))
}

/// The stored files the profile points at.
async fn files_of(st: &AppState, p: &candidate_profile::Model) -> AppResult<Vec<file::Model>> {
    let ids: Vec<uuid::Uuid> = [
        p.photo_file_id,
        p.id_front_file_id,
        p.id_back_file_id,
        p.chip_photo_file_id,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(if ids.is_empty() {
        Vec::new()
    } else {
        file::Entity::find()
            .filter(file::Column::Id.is_in(ids))
            .all(&st.reader)
            .await?
    })
}

/// The profile as the API shows it (file links signed now).
fn render_with(
    st: &AppState,
    u: &user::Model,
    p: &candidate_profile::Model,
    files: &[file::Model],
) -> Profile {
    let fref = |id: Option<uuid::Uuid>| {
        id.and_then(|id| files.iter().find(|f| f.id == id))
            .map(|f| file_ref(st, f))
    };
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    Profile {
        name: u.name.clone(),
        id_type: u.id_type.clone(),
        id_number: u.id_number.clone(),
        gender: p.gender.clone(),
        birth_date: date(p.birth_date),
        mobile: u.mobile.clone(),
        ethnicity: p.ethnicity.clone(),
        hukou_type: p.hukou_type.clone(),
        hukou_address: p.hukou_address.clone(),
        candidate_source: p.candidate_source.clone(),
        enrollment_date: date(p.enrollment_date),
        work_years: p.work_years,
        school_or_employer: p.school_or_employer.clone(),
        education: p.education.clone(),
        prev_cert_level: p.prev_cert_level.clone(),
        prev_cert_number: p.prev_cert_number.clone(),
        prev_cert_date: date(p.prev_cert_date),
        photo: fref(p.photo_file_id),
        id_front: fref(p.id_front_file_id),
        id_back: fref(p.id_back_file_id),
        chip_photo: fref(p.chip_photo_file_id),
        completeness: completeness(u, p),
    }
}

/// Once an application is approved (申请通过) or submitted to the centre (已提交申报) the data on it is settled:
/// the seed's rule is that the candidate may no longer change it (corrections go through the institution).
pub(crate) async fn ensure_unlocked(db: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    let settled = entity::registration::Entity::find()
        .filter(entity::registration::Column::UserId.eq(user_id))
        .filter(entity::registration::Column::Status.is_in(["approved", "submitted"]))
        .one(db)
        .await?;
    match settled {
        Some(_) => Err(AppError::conflict(
            "profile_locked",
            "您有已审核通过的报名，个人信息已锁定；如需修改请联系报名机构提交修改申请",
        )),
        None => Ok(()),
    }
}

/// The logged-in candidate's profile (用户中心).
#[endpoint(tags("profile"))]
pub async fn get_profile(depot: &mut Depot) -> AppResult<Json<Profile>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let copy = match st.profiles.get(s.user_id, &s.data_version) {
        Some(c) => c,
        None => {
            // From a reader; the first read of a new account creates its empty profile through the writer.
            let (u, p) = match find(&st.reader, s.user_id).await? {
                (u, Some(p)) => (u, p),
                (_, None) => load(&st.db, s.user_id).await?,
            };
            let files = files_of(&st, &p).await?;
            st.profiles.keep(s.data_version.clone(), u, p, files)
        }
    };
    Ok(Json(render_with(
        &st,
        &copy.user,
        &copy.profile,
        &copy.files,
    )))
}

/// Update the editable profile fields; every change is audited with its before and after values.
#[endpoint(tags("profile"))]
pub async fn update_profile(
    body: JsonBody<UpdateProfileReq>,
    depot: &mut Depot,
) -> AppResult<Json<Profile>> {
    let st = depot.state()?;
    let (u, p) = candidate_of(&st, depot).await?;
    ensure_unlocked(&st.db, u.id).await?;
    let r = body.into_inner();
    let today = chrono::Local::now().date_naive();
    let mobile = r
        .mobile
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty());
    if let Some(m) = &mobile
        && !validate::is_mobile(m)
    {
        return Err(AppError::bad("invalid_mobile", "请填写正确的11位手机号码"));
    }
    let mut gender = choice(r.gender, |v| enums::contains(enums::GENDERS, v), "性别")?;
    let mut birth_date = date(r.birth_date, "出生日期", today)?;
    let derived = match (u.id_type.as_deref(), u.id_number.as_deref()) {
        (Some("resident_id" | "hmt_residence"), Some(n)) => {
            idcard::parse_resident_id(n, today).ok()
        }
        _ => None,
    };
    if let Some(d) = derived {
        if gender.as_deref().is_some_and(|g| g != d.gender) {
            return Err(AppError::bad("gender_mismatch", "性别与身份证号码不一致"));
        }
        if birth_date.is_some_and(|b| b != d.birth_date) {
            return Err(AppError::bad(
                "birth_date_mismatch",
                "出生日期与身份证号码不一致",
            ));
        }
        gender = Some(d.gender.to_string());
        birth_date = Some(d.birth_date);
    }
    let work_years = match r.work_years {
        Some(y) if !(0..=60).contains(&y) => {
            return Err(AppError::bad("invalid_work_years", "工龄应为0至60年"));
        }
        other => other,
    };
    let before = json!(render_plain(&u, &p));
    let txn = st.db.begin().await?;
    let mut um: user::ActiveModel = u.clone().into();
    if mobile.is_some() {
        um.mobile = Set(mobile);
    }
    um.updated_at = Set(crate::now());
    let u = um.update(&txn).await?;
    let mut pm: candidate_profile::ActiveModel = p.into();
    pm.gender = Set(gender);
    pm.birth_date = Set(birth_date);
    pm.ethnicity = Set(choice(
        r.ethnicity,
        |v| enums::ETHNICITIES.contains(&v),
        "民族",
    )?);
    pm.hukou_type = Set(choice(
        r.hukou_type,
        |v| enums::contains(enums::HUKOU_TYPES, v),
        "户口性质",
    )?);
    pm.hukou_address = Set(text(r.hukou_address, 200, "户口地址")?);
    pm.candidate_source = Set(choice(
        r.candidate_source,
        |v| enums::contains(enums::CANDIDATE_SOURCES, v),
        "考生来源",
    )?);
    pm.enrollment_date = Set(date(r.enrollment_date, "入学时间", today)?);
    pm.work_years = Set(work_years);
    pm.school_or_employer = Set(text(r.school_or_employer, 100, "所在学校或单位")?);
    pm.education = Set(choice(
        r.education,
        |v| enums::contains(enums::EDUCATION_LEVELS, v),
        "文化程度",
    )?);
    pm.prev_cert_level = Set(choice(
        r.prev_cert_level,
        |v| enums::contains(enums::CERT_LEVELS, v),
        "上一级资格证书等级",
    )?);
    pm.prev_cert_number = Set(text(r.prev_cert_number, 50, "上一级证书编号")?);
    pm.prev_cert_date = Set(date(r.prev_cert_date, "上一级证书发证日期", today)?);
    pm.updated_at = Set(crate::now());
    let p = pm.update(&txn).await?;
    let after = json!(render_plain(&u, &p));
    let (before, after) = changed_only(before, after);
    if !after.as_object().is_some_and(|o| o.is_empty()) {
        audit::record(
            &txn,
            Event {
                before: Some(before),
                after: Some(after),
                ..Event::user("profile_update", u.id, depot.client_ip())
            },
        )
        .await?;
    }
    txn.commit().await?;
    super::profile_memo::changed(&st, u.id).await;
    Ok(Json(render(&st, &u, &p).await?))
}
