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
        };
        crate::auth::registration::insert_candidate(db, new).await?;
    }
    Ok(())
}
