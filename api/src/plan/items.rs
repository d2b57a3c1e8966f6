//! 职业等级配置 and 科目配置: the occupation/level items of a plan and their subjects.
use super::service::{self, plan_for};
use super::types::*;
use super::{rules, subjects};
use crate::audit::{self, Event};
use crate::catalogue::types::LevelSpec;
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::{occupation, plan, plan_item, registration};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde_json::json;

/// The item as checked against the catalogue, ready to store.
struct CheckedItem {
    occupation: occupation::Model,
    job_type: String,
    level: String,
    subjects: Vec<Subject>,
}

async fn check(db: &impl ConnectionTrait, p: &plan::Model, r: &ItemReq) -> AppResult<CheckedItem> {
    rules::validate_item_basics(r)?;
    let o = occupation::Entity::find_by_id(r.occupation_id)
        .one(db)
        .await?
        .filter(|o| o.active)
        .ok_or_else(|| AppError::not_found("occupation_not_found", "职业不存在或已停用"))?;
    let job_types: Vec<String> = serde_json::from_value(o.job_types.clone()).unwrap_or_default();
    let job_type = r.job_type.trim().to_string();
    if !job_type.is_empty() && !job_types.contains(&job_type) {
        return Err(AppError::bad(
            "invalid_job_type",
            format!("「{}」不是{}的工种", job_type, o.name),
        ));
    }
    let levels: Vec<LevelSpec> = serde_json::from_value(o.levels.clone()).unwrap_or_default();
    let spec = levels
        .iter()
        .find(|l| l.level == r.level)
        .ok_or_else(|| AppError::bad("invalid_level", format!("{}不能按该等级认定", o.name)))?;
    let subjects = if r.subjects.is_empty() {
        rules::default_subjects(&spec.subjects)
    } else {
        rules::validate_subjects(
            &r.subjects,
            &spec.subjects,
            p.reg_end
                .with_timezone(&crate::domain::time::cst())
                .date_naive(),
        )?
    };
    Ok(CheckedItem {
        occupation: o,
        job_type,
        level: r.level.clone(),
        subjects,
    })
}

fn duplicate(e: sea_orm::DbErr) -> AppError {
    match AppError::from(e) {
        AppError::Conflict { .. } => {
            AppError::conflict("duplicate_item", "计划中已有相同的职业、工种和等级")
        }
        other => other,
    }
}

fn snapshot(i: &plan_item::Model, subjects: &[Subject]) -> serde_json::Value {
    json!({ "plan_id": i.plan_id, "occupation_code": i.occupation_code, "job_type": i.job_type,
        "level": i.level, "fee_fen": i.fee_fen, "expected_count": i.expected_count,
        "required_documents": i.required_documents, "subjects": subjects })
}

/// Add an occupation/level item to a plan.
#[endpoint(tags("plans"), status_codes(201, 400, 404, 409), responses((status_code = 201, description = "已创建")))]
pub async fn create_item(
    id: PathParam<i32>,
    body: JsonBody<ItemReq>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<PlanItemResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let r = body.into_inner();
    let txn = st.db.begin().await?;
    let p = plan_for(&txn, &s, id.into_inner(), true).await?;
    let c = check(&txn, &p, &r).await?;
    let item = plan_item::ActiveModel {
        plan_id: Set(p.id),
        occupation_id: Set(c.occupation.id),
        occupation_code: Set(c.occupation.code.clone()),
        occupation_name: Set(c.occupation.name.clone()),
        job_type: Set(c.job_type),
        level: Set(c.level),
        fee_fen: Set(r.fee_fen),
        expected_count: Set(r.expected_count),
        required_documents: Set(json!(trimmed(&r.required_documents))),
        created_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(duplicate)?;
    subjects::replace(&txn, item.id, &c.subjects).await?;
    touch(&txn, &p).await?;
    let ev = Event {
        after: Some(snapshot(&item, &c.subjects)),
        ..Event::by(
            s.user_id,
            "plan_item_create",
            "plan_item",
            item.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    service::invalidate_open(&st).await;
    res.status_code(StatusCode::CREATED);
    Ok(Json(service::item_resp(&item, c.subjects, Some(0))))
}

fn trimmed(docs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in docs.iter().map(|d| d.trim().to_string()) {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// A plan edit puts a confirmed plan back to draft (it must be confirmed again).
async fn touch(db: &impl ConnectionTrait, p: &plan::Model) -> AppResult<()> {
    let mut am: plan::ActiveModel = p.clone().into();
    if p.status == "confirmed" {
        am.status = Set("draft".into());
    }
    am.updated_at = Set(crate::now());
    am.update(db).await?;
    Ok(())
}

async fn item_of(
    db: &impl ConnectionTrait,
    p: &plan::Model,
    item_id: i32,
) -> AppResult<plan_item::Model> {
    plan_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .filter(|i| i.plan_id == p.id)
        .ok_or_else(|| AppError::not_found("item_not_found", "报考项目不存在"))
}

async fn registrations_on(db: &impl ConnectionTrait, item_id: i32) -> AppResult<u64> {
    Ok(registration::Entity::find()
        .filter(registration::Column::ItemId.eq(item_id))
        .count(db)
        .await?)
}

/// Edit an item: with registrations on it, only headcount, documents and subject times may change.
#[endpoint(tags("plans"))]
pub async fn update_item(
    id: PathParam<i32>,
    item_id: PathParam<i32>,
    body: JsonBody<ItemReq>,
    depot: &mut Depot,
) -> AppResult<Json<PlanItemResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let r = body.into_inner();
    let txn = st.db.begin().await?;
    let p = plan_for(&txn, &s, id.into_inner(), true).await?;
    let old = item_of(&txn, &p, item_id.into_inner()).await?;
    let c = check(&txn, &p, &r).await?;
    let count = registrations_on(&txn, old.id).await?;
    let old_subjects = subjects::of_item(&txn, old.id).await?;
    if count > 0 {
        let mut locked = Vec::new();
        if c.occupation.id != old.occupation_id {
            locked.push("职业");
        }
        if c.job_type != old.job_type {
            locked.push("工种");
        }
        if c.level != old.level {
            locked.push("等级");
        }
        if r.fee_fen != old.fee_fen {
            locked.push("报名费");
        }
        let names = |v: &[Subject]| v.iter().map(|s| s.subject.clone()).collect::<Vec<_>>();
        if names(&old_subjects) != names(&c.subjects) {
            locked.push("考核科目");
        }
        if !locked.is_empty() {
            return Err(AppError::conflict(
                "plan_field_locked",
                format!(
                    "该项目已有考生报名，以下字段不能再修改：{}",
                    locked.join("、")
                ),
            ));
        }
    }
    let before = snapshot(&old, &old_subjects);
    let mut am: plan_item::ActiveModel = old.into();
    am.occupation_id = Set(c.occupation.id);
    am.occupation_code = Set(c.occupation.code.clone());
    am.occupation_name = Set(c.occupation.name.clone());
    am.job_type = Set(c.job_type);
    am.level = Set(c.level);
    am.fee_fen = Set(r.fee_fen);
    am.expected_count = Set(r.expected_count);
    am.required_documents = Set(json!(trimmed(&r.required_documents)));
    let item = am.update(&txn).await.map_err(duplicate)?;
    subjects::replace(&txn, item.id, &c.subjects).await?;
    touch(&txn, &p).await?;
    let ev = Event {
        before: Some(before),
        after: Some(snapshot(&item, &c.subjects)),
        ..Event::by(
            s.user_id,
            "plan_item_update",
            "plan_item",
            item.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    service::invalidate_open(&st).await;
    Ok(Json(service::item_resp(&item, c.subjects, Some(count))))
}

/// Remove an item that nobody has applied to.
#[endpoint(tags("plans"), status_codes(204, 404, 409), responses((status_code = 204, description = "已完成，无内容")))]
pub async fn delete_item(
    id: PathParam<i32>,
    item_id: PathParam<i32>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let s = depot.session()?;
    let txn = st.db.begin().await?;
    let p = plan_for(&txn, &s, id.into_inner(), true).await?;
    let item = item_of(&txn, &p, item_id.into_inner()).await?;
    if registrations_on(&txn, item.id).await? > 0 {
        return Err(AppError::conflict(
            "item_has_registrations",
            "该项目已有考生报名，不能删除",
        ));
    }
    let ev = Event {
        before: Some(snapshot(&item, &subjects::of_item(&txn, item.id).await?)),
        ..Event::by(
            s.user_id,
            "plan_item_delete",
            "plan_item",
            item.id,
            depot.client_ip(),
        )
    };
    plan_item::Entity::delete_by_id(item.id).exec(&txn).await?;
    touch(&txn, &p).await?;
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    service::invalidate_open(&st).await;
    res.status_code(StatusCode::NO_CONTENT);
    Ok(())
}
