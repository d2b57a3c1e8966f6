//! Staff and centre accounts: list and create.
use crate::audit;
use crate::auth::limits::Limiter;
use crate::auth::password;
use crate::auth::types::InstitutionRef;
use crate::domain::{enums, validate};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::{institution, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{JsonBody, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, ToSchema)]
pub struct UserResp {
    pub id: i32,
    pub role: String,
    pub login: String,
    pub name: String,
    pub institution: Option<InstitutionRef>,
    pub mobile_masked: Option<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    /// 已锁定: too many failed logins or mobile-number checks; lifted by the lock's end, an unlock or a reset.
    pub locked: bool,
    pub created_at: String,
}

fn to_resp(u: user::Model, insts: &[institution::Model]) -> UserResp {
    let institution = u
        .institution_id
        .and_then(|id| insts.iter().find(|i| i.id == id))
        .map(|i| InstitutionRef {
            id: i.id,
            code: i.code.clone(),
            name: i.name.clone(),
        });
    UserResp {
        institution,
        login: if u.role == "candidate" {
            validate::mask_id(&u.login)
        } else {
            u.login.clone()
        },
        mobile_masked: u.mobile.as_deref().map(validate::mask_mobile),
        id: u.id,
        role: u.role,
        name: u.name,
        disabled: u.disabled,
        must_change_password: u.must_change_password,
        locked: false,
        created_at: u.created_at.to_rfc3339(),
    }
}

/// One account as the admin pages show it.
pub async fn user_resp(db: &impl ConnectionTrait, u: user::Model) -> AppResult<UserResp> {
    let insts = match u.institution_id {
        Some(id) => institution::Entity::find_by_id(id).all(db).await?,
        None => Vec::new(),
    };
    Ok(to_resp(u, &insts))
}

/// Marks the accounts whose login (or mobile-number check) is locked now.
pub async fn mark_locked(
    st: &AppState,
    users: &mut [UserResp],
    logins: &[String],
) -> AppResult<()> {
    let limiter = Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    };
    for (u, login) in users.iter_mut().zip(logins) {
        u.locked = limiter.locked_for(login).await?.is_some();
    }
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserReq {
    /// staff | centre_reviewer | centre_finance | admin
    pub role: String,
    pub username: String,
    pub name: String,
    pub mobile: Option<String>,
    pub password: String,
    /// Required for staff.
    pub institution_id: Option<i32>,
}

/// Accounts, optionally filtered by role and a search text (login or name).
#[endpoint(tags("admin"))]
pub async fn list_users(
    role: QueryParam<String, false>,
    q: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<UserResp>>> {
    let st = depot.state()?;
    depot.session()?.require_role(&["admin"])?;
    let mut query = user::Entity::find()
        .order_by_desc(user::Column::Id)
        .limit(200);
    if let Some(r) = role.into_inner().filter(|r| !r.is_empty()) {
        query = query.filter(user::Column::Role.eq(r));
    }
    if let Some(q) = q.into_inner().filter(|q| !q.is_empty()) {
        query = query.filter(
            Condition::any()
                .add(user::Column::Login.contains(&q))
                .add(user::Column::Name.contains(&q)),
        );
    }
    let users = query.all(&st.db).await?;
    let insts = institution::Entity::find().all(&st.db).await?;
    let logins: Vec<String> = users.iter().map(|u| u.login.clone()).collect();
    let mut out: Vec<UserResp> = users.into_iter().map(|u| to_resp(u, &insts)).collect();
    mark_locked(&st, &mut out, &logins).await?;
    Ok(Json(out))
}

/// Create a staff, centre or administrator account.
#[endpoint(tags("admin"), status_codes(201, 400, 403, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_user(
    body: JsonBody<CreateUserReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<UserResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    // The administrator knows the initial password, so the owner must replace it at first login.
    let ip = depot.client_ip();
    let u = create_account(&st.db, body.into_inner(), Some(s.user_id), &ip, true).await?;
    res.status_code(StatusCode::CREATED);
    Ok(Json(user_resp(&st.db, u).await?))
}

fn valid_username(s: &str) -> bool {
    (4..=32).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b))
}

/// Validates and inserts a non-candidate account (also used by the CLI and the demo data).
pub async fn create_account(
    db: &impl ConnectionTrait,
    req: CreateUserReq,
    actor: Option<i32>,
    ip: &str,
    must_change_password: bool,
) -> AppResult<user::Model> {
    if req.role == "candidate" || !enums::contains(enums::ROLES, &req.role) {
        return Err(AppError::bad("invalid_role", "角色无效"));
    }
    let username = req.username.trim().to_ascii_lowercase();
    if !valid_username(&username) {
        return Err(AppError::bad(
            "invalid_username",
            "用户名应为4至32位小写字母、数字或 _ . -",
        ));
    }
    let name = req.name.trim().to_string();
    if !(2..=50).contains(&name.chars().count()) {
        return Err(AppError::bad("invalid_name", "请填写姓名（2至50个字）"));
    }
    let mobile = req
        .mobile
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty());
    if mobile.as_deref().is_some_and(|m| !validate::is_mobile(m)) {
        return Err(AppError::bad("invalid_mobile", "请填写正确的11位手机号码"));
    }
    if let Some(p) = validate::password_problem(&req.password, &username) {
        return Err(AppError::bad("weak_password", p));
    }
    let institution_id = match (req.role.as_str(), req.institution_id) {
        ("staff", None) => {
            return Err(AppError::bad(
                "institution_required",
                "机构人员须选择所属机构",
            ));
        }
        ("staff", Some(id)) => {
            institution::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::bad("institution_required", "所选机构不存在"))?;
            Some(id)
        }
        _ => None,
    };
    let hash = password::hash(req.password).await?;
    let now = crate::now();
    let u = user::ActiveModel {
        role: Set(req.role),
        login: Set(username),
        name: Set(name),
        mobile: Set(mobile),
        password_hash: Set(hash),
        must_change_password: Set(must_change_password),
        institution_id: Set(institution_id),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => AppError::conflict("username_taken", "该用户名已被使用"),
        other => other,
    })?;
    audit::record(db, audit::Event {
        actor_id: actor,
        action: "account_create",
        target_type: "user",
        target_id: Some(u.id.to_string()),
        after: Some(serde_json::json!({ "role": u.role, "login": u.login, "institution_id": u.institution_id,
                                     "must_change_password": u.must_change_password })),
        ip: Some(ip.to_string()),
        ..Default::default()
    })
    .await?;
    Ok(u)
}
