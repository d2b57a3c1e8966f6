//! 个人申请表: the application form of an approved registration, as data for the printable page, and rendered
//! to PNG (saved on phones) and PDF.
use super::service::{self, FORM_READY};
use crate::domain::enums;
use crate::domain::time::{cst, fmt_date};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use documents::Input;
use documents::templates::{self, Field};
use entity::{candidate_profile, file, plan, plan_item, registration, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::EntityTrait;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormField {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationForm {
    pub registration_id: Uuid,
    pub title: String,
    pub plan_name: String,
    pub institution_name: String,
    pub occupation_code: String,
    pub occupation_name: String,
    pub job_type: String,
    pub level_label: String,
    pub exam_date: String,
    pub status_label: String,
    pub header: Vec<FormField>,
    pub fields: Vec<FormField>,
    pub declaration: String,
    pub photo_url: Option<String>,
    pub generated_at: String,
}

pub const TITLE: &str = "职业技能等级认定个人申请表";
const DECLARATION: &str = "本人承诺：以上填写的信息及提交的证件资料真实、准确、完整，如有虚假，本人自愿承担由此产生的一切后果，并接受取消认定资格及所获证书的处理。";

fn label(pairs: enums::Pairs, v: &Option<String>) -> String {
    v.as_deref()
        .map(|v| enums::label(pairs, v).unwrap_or(v).to_string())
        .unwrap_or_default()
}

fn field(label: &str, value: impl Into<String>) -> FormField {
    let value = value.into();
    FormField {
        label: label.into(),
        value: if value.is_empty() { "--".into() } else { value },
    }
}

/// The form's data plus the photo's stored file, for rendering.
pub struct Loaded {
    pub form: ApplicationForm,
    pub photo: Option<file::Model>,
    pub name: String,
}

pub async fn load(st: &AppState, depot: &Depot, id: Uuid) -> AppResult<Loaded> {
    let s = depot.session()?;
    let r: registration::Model = service::load_for(&st.db, &s, id).await?;
    if !FORM_READY.contains(&r.status.as_str()) {
        return Err(AppError::conflict(
            "form_unavailable",
            "报名审核通过后才能导出个人申请表",
        ));
    }
    let missing = service::reg_missing;
    let p = plan::Entity::find_by_id(r.plan_id)
        .one(&st.db)
        .await?
        .ok_or_else(missing)?;
    let i = plan_item::Entity::find_by_id(r.item_id)
        .one(&st.db)
        .await?
        .ok_or_else(missing)?;
    let u = user::Entity::find_by_id(r.user_id)
        .one(&st.db)
        .await?
        .ok_or_else(missing)?;
    let pr = candidate_profile::Entity::find_by_id(u.id)
        .one(&st.db)
        .await?
        .unwrap_or(candidate_profile::Model {
            user_id: u.id,
            gender: None,
            birth_date: None,
            ethnicity: None,
            hukou_type: None,
            hukou_address: None,
            candidate_source: None,
            enrollment_date: None,
            work_years: None,
            school_or_employer: None,
            education: None,
            prev_cert_level: None,
            prev_cert_number: None,
            prev_cert_date: None,
            photo_file_id: None,
            id_front_file_id: None,
            id_back_file_id: None,
            chip_photo_file_id: None,
            updated_at: r.updated_at,
        });
    let (u, pr) = super::disclosure::seen_by(&st.db, &s, u, pr).await?;
    let inst = crate::plan::service::institution_ref(&st.db, p.institution_id).await?;
    let photo = match pr.photo_file_id {
        Some(fid) => file::Entity::find_by_id(fid).one(&st.db).await?,
        None => None,
    };
    let d = |d: Option<chrono::NaiveDate>| d.map(|d| fmt_date(&d)).unwrap_or_default();
    let level_label = enums::label(enums::CERT_LEVELS, &i.level)
        .unwrap_or_default()
        .to_string();
    let status_label = enums::label(enums::REGISTRATION_STATUSES, &r.status)
        .unwrap_or_default()
        .to_string();
    let job_type = if i.job_type.is_empty() {
        "--".to_string()
    } else {
        i.job_type.clone()
    };
    let header = vec![
        field("评价机构", inst.name.clone()),
        field(
            "职业（工种）",
            format!("{}（{}）", i.occupation_name, job_type),
        ),
        field("职业编码", i.occupation_code.clone()),
        field("申报等级", level_label.clone()),
        field("计划考试日期", fmt_date(&p.exam_date)),
        field("报名状态", status_label.clone()),
        field("报名编号", r.id.simple().to_string()[..12].to_uppercase()),
    ];
    let fields = vec![
        field("姓名", u.name.clone()),
        field("证件类型", label(enums::ID_TYPES, &u.id_type)),
        field("证件号码", u.id_number.clone().unwrap_or_default()),
        field("性别", label(enums::GENDERS, &pr.gender)),
        field("出生日期", d(pr.birth_date)),
        field("民族", pr.ethnicity.clone().unwrap_or_default()),
        field("手机号码", u.mobile.clone().unwrap_or_default()),
        field("户口性质", label(enums::HUKOU_TYPES, &pr.hukou_type)),
        field("户口地址", pr.hukou_address.clone().unwrap_or_default()),
        field(
            "考生来源",
            label(enums::CANDIDATE_SOURCES, &pr.candidate_source),
        ),
        field("入学时间", d(pr.enrollment_date)),
        field(
            "工龄（年）",
            pr.work_years.map(|w| w.to_string()).unwrap_or_default(),
        ),
        field(
            "所在学校或单位",
            pr.school_or_employer.clone().unwrap_or_default(),
        ),
        field("文化程度", label(enums::EDUCATION_LEVELS, &pr.education)),
        field(
            "上一级资格证书等级",
            label(enums::CERT_LEVELS, &pr.prev_cert_level),
        ),
        field(
            "上一级证书编号",
            pr.prev_cert_number.clone().unwrap_or_default(),
        ),
        field("上一级证书发证日期", d(pr.prev_cert_date)),
    ];
    let generated_at = crate::now()
        .with_timezone(&cst())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    Ok(Loaded {
        name: u.name.clone(),
        form: ApplicationForm {
            registration_id: r.id,
            title: TITLE.into(),
            plan_name: p.name,
            institution_name: inst.name,
            occupation_code: i.occupation_code,
            occupation_name: i.occupation_name,
            job_type,
            level_label,
            exam_date: fmt_date(&p.exam_date),
            status_label,
            header,
            fields,
            declaration: DECLARATION.into(),
            photo_url: photo.as_ref().map(|f| crate::files::file_ref(st, f).url),
            generated_at,
        },
        photo,
    })
}

/// The application form's data for the printable page.
#[endpoint(tags("registrations"))]
pub async fn get_form(id: PathParam<Uuid>, depot: &mut Depot) -> AppResult<Json<ApplicationForm>> {
    let st = depot.state()?;
    Ok(Json(load(&st, depot, id.into_inner()).await?.form))
}

/// Lays the form out with the document engine, as a PDF (real text) or a PNG of the same page.
async fn render(st: &AppState, loaded: Loaded, pdf: bool) -> AppResult<Vec<u8>> {
    let photo = match &loaded.photo {
        Some(f) => Some(st.storage.get(&f.storage_key).await?),
        None => None,
    };
    let form = loaded.form;
    let fields = |v: Vec<FormField>| {
        v.into_iter()
            .map(|f| Field {
                label: f.label,
                value: f.value,
            })
            .collect()
    };
    let data = templates::ApplicationForm {
        title: form.title,
        subtitle: form.plan_name,
        header: fields(form.header),
        fields: fields(form.fields),
        declaration: form.declaration,
        footer: format!(
            "生成时间 {} · 本表由系统生成，打印后须本人签名",
            form.generated_at
        ),
    };
    let docs = st.documents.clone();
    tokio::task::spawn_blocking(move || {
        let mut input = Input::new(&data)?;
        if let Some(photo) = photo {
            input = input.file("photo", photo);
        }
        let doc = docs.render(templates::APPLICATION_FORM, input)?;
        if pdf { doc.pdf() } else { doc.png() }
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(anyhow::anyhow!("application form: {e}")))
}

async fn download(depot: &mut Depot, res: &mut Response, id: Uuid, pdf: bool) -> AppResult<()> {
    let st = depot.state()?;
    let loaded = load(&st, depot, id).await?;
    let (ext, mime) = if pdf {
        ("pdf", "application/pdf")
    } else {
        ("png", "image/png")
    };
    let name = format!("个人申请表-{}.{ext}", loaded.name);
    let bytes = render(&st, loaded, pdf).await?;
    crate::files::send_download(res, bytes, mime, &name);
    Ok(())
}

/// The application form as a PNG image (what phones save).
#[endpoint(tags("registrations"))]
pub async fn download_png(
    id: PathParam<Uuid>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    download(depot, res, id.into_inner(), false).await
}

/// The application form as an A4 PDF.
#[endpoint(tags("registrations"))]
pub async fn download_pdf(
    id: PathParam<Uuid>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    download(depot, res, id.into_inner(), true).await
}
