//! Demo data for `make run` (idempotent: running it twice creates nothing new) and the first administrator.
use crate::admin::{CreateUserReq, create_account};
use crate::auth::password;
use crate::error::AppResult;
use entity::{institution, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub const INSTITUTION: (&str, &str) = ("44010007", "广东省华立高级技工学校");

/// (role label, login, password) of every demo account.
pub const LOGINS: &[(&str, &str, &str)] = &[
    ("系统管理员", "admin", "Admin@2026"),
    ("评价中心审核", "reviewer", "Review@2026"),
    ("评价中心财务", "finance", "Finance@2026"),
    ("机构人员", "hl_staff", "Staff@2026"),
    ("考生", "11010519491231002X", "Cand@2026"),
];

async fn exists(db: &impl ConnectionTrait, login: &str) -> AppResult<bool> {
    Ok(user::Entity::find()
        .filter(user::Column::Login.eq(login))
        .one(db)
        .await?
        .is_some())
}

pub async fn ensure_admin(
    db: &impl ConnectionTrait,
    username: &str,
    password: &str,
) -> AppResult<()> {
    let any_admin = user::Entity::find()
        .filter(user::Column::Role.eq("admin"))
        .one(db)
        .await?;
    if any_admin.is_none() && !exists(db, username).await? {
        let req = CreateUserReq {
            role: "admin".into(),
            username: username.into(),
            name: "系统管理员".into(),
            mobile: None,
            password: password.into(),
            institution_id: None,
        };
        create_account(db, req, None, "bootstrap", false).await?;
        tracing::info!(username, "created the first administrator");
    }
    Ok(())
}

pub async fn seed(db: &impl ConnectionTrait) -> AppResult<()> {
    let inst = match institution::Entity::find()
        .filter(institution::Column::Code.eq(INSTITUTION.0))
        .one(db)
        .await?
    {
        Some(i) => i,
        None => {
            institution::ActiveModel {
                code: Set(INSTITUTION.0.into()),
                name: Set(INSTITUTION.1.into()),
                created_at: Set(crate::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    let roles = [
        ("admin", "系统管理员", None),
        ("centre_reviewer", "李审核", None),
        ("centre_finance", "王财务", None),
    ]
    .into_iter()
    .chain([("staff", "陈老师", Some(inst.id))]);
    for ((role, name, inst_id), (_, login, pw)) in roles.zip(LOGINS) {
        if !exists(db, login).await? {
            let req = CreateUserReq {
                role: role.into(),
                username: (*login).into(),
                name: name.into(),
                mobile: None,
                password: (*pw).into(),
                institution_id: inst_id,
            };
            create_account(db, req, None, "demo", false).await?;
        }
    }
    let (_, cand, cand_pw) = LOGINS[4];
    if !exists(db, cand).await? {
        let new = crate::auth::registration::NewCandidate {
            name: "周某".into(),
            id_type: "resident_id".into(),
            id_number: cand.into(),
            mobile: Some("13800138000".into()),
            password_hash: password::hash(cand_pw.into()).await?,
            must_change_password: false,
            entered_by: None,
        };
        let u = crate::auth::registration::insert_candidate(db, new).await?;
        let (_, p) = crate::candidate::profile::load(db, u.id).await?;
        let mut am: entity::candidate_profile::ActiveModel = p.into();
        am.ethnicity = Set(Some("汉族".into()));
        am.hukou_type = Set(Some("non_agricultural".into()));
        am.hukou_address = Set(Some("广东省广州市天河区天河路1号".into()));
        am.candidate_source = Set(Some("employee".into()));
        am.work_years = Set(Some(8));
        am.school_or_employer = Set(Some("广州某某电气有限公司".into()));
        am.education = Set(Some("associate".into()));
        am.update(db).await?;
    }
    demo_plan(db, &inst).await
}

/// A published plan of the demo institution, open for registration for the next month, with two items.
async fn demo_plan(db: &impl ConnectionTrait, inst: &institution::Model) -> AppResult<()> {
    use crate::domain::time::cst;
    use crate::plan::rules::plan_name;
    use entity::{occupation, plan, plan_item};
    let has_plan = plan::Entity::find()
        .filter(plan::Column::InstitutionId.eq(inst.id))
        .one(db)
        .await?;
    if has_plan.is_some() {
        return Ok(());
    }
    let now = crate::now().with_timezone(&cst());
    let day = |d: i64, h: u32| {
        (now.date_naive() + chrono::Duration::days(d))
            .and_hms_opt(h, 0, 0)
            .and_then(|t| t.and_local_timezone(cst()).single())
            .unwrap_or(now)
    };
    let exam = now.date_naive() + chrono::Duration::days(40);
    let p = plan::ActiveModel {
        institution_id: Set(inst.id),
        name: Set(plan_name(exam, &inst.name)),
        status: Set("published".into()),
        stage: Set("open".into()),
        reg_start: Set(day(-1, 9)),
        reg_end: Set(day(30, 18)),
        review_deadline: Set(day(32, 18)),
        payment_deadline: Set(day(35, 18)),
        exam_date: Set(exam),
        ticket_start: Set(day(37, 9)),
        ticket_end: Set(day(40, 8)),
        announcement: Set(format!("我单位拟于{}开展职业技能等级认定考试，欢迎符合条件的人员报名。", exam.format("%Y-%m-%d"))),
        notice: Set("1. 请如实填写个人信息，上传近期免冠一寸白底照片。\n2. 报名审核通过后请按时缴费。\n3. 考试当天凭准考证和身份证入场。".into()),
        conditions: Set("具备以下条件之一者可申报四级/中级工：取得相关职业五级/初级工证书后累计从事本职业工作4年（含）以上；累计从事本职业工作6年（含）以上。".into()),
        max_occupations: Set(2),
        published_at: Set(Some(crate::now())),
        created_at: Set(crate::now()),
        updated_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (code, fee) in [("6-31-01-03", 26000_i64), ("4-01-02-04", 18000)] {
        let Some(o) = occupation::Entity::find()
            .filter(occupation::Column::Code.eq(code))
            .one(db)
            .await?
        else {
            continue;
        };
        let date = exam.format("%Y-%m-%d").to_string();
        let item = plan_item::ActiveModel {
            plan_id: Set(p.id),
            occupation_id: Set(o.id),
            occupation_code: Set(o.code.clone()),
            occupation_name: Set(o.name.clone()),
            job_type: Set(String::new()),
            level: Set("level4".into()),
            fee_fen: Set(fee),
            expected_count: Set(60),
            required_documents: Set(serde_json::json!(["学历证书"])),
            created_at: Set(crate::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let subject = |subject: &str, answer_mode: &str, start: &str, end: &str| {
            crate::plan::types::Subject {
                subject: subject.into(),
                answer_mode: answer_mode.into(),
                date: Some(date.clone()),
                start: Some(start.into()),
                end: Some(end.into()),
            }
        };
        crate::plan::subjects::replace(
            db,
            item.id,
            &[
                subject("theory", "ata", "09:00", "10:30"),
                subject("practical", "practical", "14:00", "16:00"),
            ],
        )
        .await?;
    }
    Ok(())
}

/// The demo candidate's WeChat binding (a fixed simulator openid) and an approved, unpaid 收银员 application,
/// so that 去支付 can be clicked through at once with `make run`.
pub async fn seed_payment_demo(db: &impl ConnectionTrait, mp_app_id: &str) -> AppResult<()> {
    use entity::{plan, plan_item, registration, user, wechat_binding};
    if mp_app_id.is_empty() {
        return Ok(());
    }
    let Some(u) = user::Entity::find()
        .filter(user::Column::Login.eq(LOGINS[4].1))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let bound = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::UserId.eq(u.id))
        .filter(wechat_binding::Column::AppId.eq(mp_app_id))
        .one(db)
        .await?;
    if bound.is_none() {
        wechat_binding::ActiveModel {
            user_id: Set(u.id),
            app_id: Set(mp_app_id.to_string()),
            openid: Set("oDemoCandidate_Zhou00000000001".into()),
            unionid: Set(None),
            created_at: Set(crate::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let Some(inst) = institution::Entity::find()
        .filter(institution::Column::Code.eq(INSTITUTION.0))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(p) = plan::Entity::find()
        .filter(plan::Column::InstitutionId.eq(inst.id))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let any = registration::Entity::find()
        .filter(registration::Column::UserId.eq(u.id))
        .filter(registration::Column::PlanId.eq(p.id))
        .one(db)
        .await?;
    let Some(item) = plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(p.id))
        .filter(plan_item::Column::OccupationCode.eq("4-01-02-04"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if any.is_none() {
        registration::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            plan_id: Set(p.id),
            item_id: Set(item.id),
            user_id: Set(u.id),
            institution_id: Set(inst.id),
            status: Set("approved".into()),
            payment_status: Set("unpaid".into()),
            reason: Set(None),
            source: Set("manual".into()),
            documents: Set(serde_json::json!([])),
            created_at: Set(crate::now()),
            updated_at: Set(crate::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
