//! 模板导入: the Excel template of a plan, the import of a filled file row by row, and its result report.
pub mod columns;
mod instructions;
mod report;
mod template;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_limits;

pub use columns::*;
pub use report::{ReportRow, STATUS_EXISTS, STATUS_FAILED, STATUS_IMPORTED, write_import_report};
pub use template::{ExampleRow, TemplateLists, write_template};

use super::entrant;
use super::import_rows::{Valid, example_row, validate_rows};
use super::service;
use crate::audit::{self, Event};
use crate::blocking::blocking;
use crate::candidate::uploads::read_file;
use crate::domain::enums;
use crate::domain::time::fmt_dt;
use crate::error::{AppError, AppResult};
use crate::plan::service::plan_for;
use crate::spreadsheet::{XLSX, read_error, write_error};
use crate::state::DepotExt;
use entity::{import, plan, plan_item};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const IMPORT_MAX_ROWS: usize = 10_000;
/// Rows per transaction: large enough to be fast, small enough not to hold locks for long.
const CHUNK: usize = 200;
/// Rows returned in the response (the report has all).
const RESPONSE_ROWS: usize = 200;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportRowResult {
    pub row: u32,
    pub name: String,
    pub id_number_masked: String,
    /// The full number as the importing institution's staff typed it (their own file; the report shows it too).
    #[serde(default)]
    pub id_number: String,
    /// imported | existing | failed
    pub status: String,
    pub code: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub id: Uuid,
    pub file_name: String,
    pub total: i32,
    pub imported: i32,
    pub existing: i32,
    pub failed: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<ImportRowResult>>,
    pub created_at: String,
}

fn template_lists(items: &[plan_item::Model]) -> TemplateLists {
    let labels = |p: enums::Pairs| p.iter().map(|(_, l)| l.to_string()).collect::<Vec<_>>();
    let uniq = |v: Vec<String>| {
        let mut out: Vec<String> = Vec::new();
        for s in v {
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        }
        out
    };
    TemplateLists {
        id_types: labels(enums::ID_TYPES),
        genders: labels(enums::GENDERS),
        ethnicities: enums::ETHNICITIES.iter().map(|e| e.to_string()).collect(),
        hukou_types: labels(enums::HUKOU_TYPES),
        candidate_sources: labels(enums::CANDIDATE_SOURCES),
        education_levels: labels(enums::EDUCATION_LEVELS),
        occupations: uniq(items.iter().map(|i| i.occupation_name.clone()).collect()),
        job_types: uniq(items.iter().map(|i| i.job_type.clone()).collect()),
        levels: uniq(
            items
                .iter()
                .map(|i| {
                    enums::label(enums::CERT_LEVELS, &i.level)
                        .unwrap_or_default()
                        .to_string()
                })
                .collect(),
        ),
    }
}

async fn items_of(db: &impl ConnectionTrait, plan_id: i32) -> AppResult<Vec<plan_item::Model>> {
    Ok(plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(plan_id))
        .order_by_asc(plan_item::Column::Id)
        .all(db)
        .await?)
}

/// The import template of a plan (.xlsx with the columns, drop-down lists and an example row).
#[endpoint(tags("imports"))]
pub async fn download_template(
    id: PathParam<i32>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let p = plan_for(&st.db, &depot.session()?, id.into_inner(), true).await?;
    let items = items_of(&st.db, p.id).await?;
    let example = ExampleRow(example_row(items.first()));
    let lists = template_lists(&items);
    let name = p.name.clone();
    let bytes =
        blocking(move || write_template(&name, &lists, &example).map_err(write_error)).await?;
    crate::files::send_download(res, bytes, XLSX, &format!("报名导入模板-{}.xlsx", p.name));
    Ok(())
}

/// Writes one valid row inside a savepoint, so that a refusal (e.g. the occupation limit) undoes the
/// account it may have created.
async fn write_row(
    txn: &sea_orm::DatabaseTransaction,
    p: &plan::Model,
    v: &Valid,
    actor: i32,
    ip: &str,
) -> AppResult<(&'static str, i32, bool)> {
    let sp = txn.begin().await?;
    let (u, created) =
        entrant::ensure_account(&sp, p.institution_id, &v.entrant, None, (actor, ip)).await?;
    match service::create(
        &sp,
        service::NewRegistration {
            user_id: u.id,
            plan: p,
            item: &v.item,
            source: "excel",
            documents: serde_json::json!([]),
            actor_id: actor,
            ip,
        },
    )
    .await
    {
        Ok(_) => {
            sp.commit().await?;
            Ok(("imported", u.id, created))
        }
        Err(AppError::Conflict {
            code: "already_registered",
            ..
        }) => {
            sp.commit().await?;
            Ok(("existing", u.id, created))
        }
        Err(e) => Err(e),
    }
}

/// Import a filled template: valid rows become registrations, invalid rows are reported, nothing twice.
#[endpoint(tags("imports"), status_codes(201, 400, 403, 404, 413, 415, 422), responses((status_code = 201, description = "已创建")))]
pub async fn import_file(
    id: PathParam<i32>,
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<ImportResult>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let p = plan_for(&st.db, &s, id.into_inner(), true).await?;
    if p.status != "published" {
        return Err(AppError::bad(
            "plan_not_published",
            "计划发布后才能导入考生",
        ));
    }
    if p.stage != "open" {
        return Err(service::frozen());
    }
    let file_name = req
        .form_data_max_size(IMPORT_MAX_BYTES + 64 * 1024)
        .await
        .ok()
        .and_then(|f| {
            f.files
                .get("file")
                .and_then(|f| f.name().map(str::to_string))
        })
        .unwrap_or_else(|| "import.xlsx".into());
    let bytes = read_file(req, IMPORT_MAX_BYTES).await?;
    // The work runs in its own task: should the client go away or the request time out, the import still
    // finishes and is recorded (the rows are written chunk by chunk).
    let job = tokio::spawn(run_import(
        st.clone(),
        p,
        s.user_id,
        depot.client_ip(),
        file_name,
        bytes,
    ));
    let m = job.await.map_err(|e| AppError::Internal(e.into()))??;
    res.status_code(StatusCode::CREATED);
    Ok(Json(result_of(m, true)))
}

async fn run_import(
    st: crate::state::AppState,
    p: plan::Model,
    actor: i32,
    ip: String,
    file_name: String,
    bytes: Vec<u8>,
) -> AppResult<import::Model> {
    let sha = hex::encode(Sha256::digest(&bytes));
    let rows = blocking(move || read_rows(&bytes, IMPORT_MAX_ROWS).map_err(read_error)).await?;
    let items = items_of(&st.db, p.id).await?;
    let (mut results, valid) = validate_rows(&rows, &items);
    for chunk in valid.chunks(CHUNK) {
        let txn = st.db.begin().await?;
        // Accounts that existed before the import and may have been filled in (their profile copies go stale).
        let mut existing_accounts = Vec::new();
        for v in chunk {
            let out = match write_row(&txn, &p, v, actor, &ip).await {
                Ok((status, user_id, created)) => {
                    if !created {
                        existing_accounts.push(user_id);
                    }
                    (status, None)
                }
                Err(e @ AppError::Internal(_)) => return Err(e),
                Err(e) => ("failed", Some(e.body())),
            };
            let r = &mut results[v.idx];
            r.status = out.0.into();
            if let Some(b) = out.1 {
                r.code = Some(b.code);
                r.message = Some(b.message);
            } else if out.0 == "existing" {
                r.message = Some("已报名该项目，未重复导入".into());
            }
        }
        txn.commit().await?;
        crate::candidate::profile_memo::changed_all(&st, existing_accounts).await;
    }
    let id = Uuid::new_v4();
    // `results` is still in file order here, one per row.
    let report_rows: Vec<ReportRow> = results
        .iter()
        .zip(&rows)
        .map(|(r, x)| ReportRow {
            row: r.row,
            name: r.name.clone(),
            id_number: r.id_number.clone(),
            item: {
                let c = |i: usize| x.cells.get(i).cloned().unwrap_or_default();
                format!("{} {} {}", c(COL_OCCUPATION), c(COL_JOB_TYPE), c(COL_LEVEL))
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            status: match r.status.as_str() {
                "imported" => STATUS_IMPORTED,
                "existing" => STATUS_EXISTS,
                _ => STATUS_FAILED,
            }
            .into(),
            message: r.message.clone().unwrap_or_default(),
        })
        .collect();
    let title = format!("{} 导入结果（{}）", p.name, file_name);
    let report =
        blocking(move || write_import_report(&title, &report_rows).map_err(write_error)).await?;
    let key = format!("imports/{}/{id}.xlsx", p.id);
    st.storage.put(&key, report).await?;
    results.sort_by_key(|r| (r.status != "failed", r.row));
    let count = |s: &str| results.iter().filter(|r| r.status == s).count() as i32;
    let txn = st.db.begin().await?;
    let m = import::ActiveModel {
        id: Set(id),
        plan_id: Set(p.id),
        institution_id: Set(p.institution_id),
        created_by: Set(actor),
        file_name: Set(file_name),
        file_sha256: Set(sha),
        total: Set(results.len() as i32),
        imported: Set(count("imported")),
        existing: Set(count("existing")),
        failed: Set(count("failed")),
        rows: Set(serde_json::json!(
            results.iter().take(RESPONSE_ROWS).collect::<Vec<_>>()
        )),
        report_key: Set(key),
        created_at: Set(crate::now()),
    }
    .insert(&txn)
    .await?;
    let ev = Event {
        after: Some(
            serde_json::json!({ "file": m.file_name, "sha256": m.file_sha256, "total": m.total, "imported": m.imported, "existing": m.existing, "failed": m.failed }),
        ),
        ..Event::by(actor, "registration_import", "plan", p.id, &ip)
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    Ok(m)
}

fn result_of(m: import::Model, with_rows: bool) -> ImportResult {
    ImportResult {
        id: m.id,
        file_name: m.file_name,
        total: m.total,
        imported: m.imported,
        existing: m.existing,
        failed: m.failed,
        rows: with_rows.then(|| serde_json::from_value(m.rows).unwrap_or_default()),
        created_at: fmt_dt(&m.created_at),
    }
}

/// Earlier imports of the institution (optionally of one plan), newest first.
#[endpoint(tags("imports"))]
pub async fn list_imports(
    plan_id: QueryParam<i32, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<ImportResult>>> {
    let st = depot.state()?;
    let inst = crate::plan::service::institution_of(&depot.session()?)?;
    let mut q = import::Entity::find()
        .filter(import::Column::InstitutionId.eq(inst))
        .order_by_desc(import::Column::CreatedAt);
    if let Some(p) = plan_id.into_inner() {
        q = q.filter(import::Column::PlanId.eq(p));
    }
    Ok(Json(
        q.all(&st.db)
            .await?
            .into_iter()
            .map(|m| result_of(m, false))
            .collect(),
    ))
}

/// The result report of an import (.xlsx, every row).
#[endpoint(tags("imports"))]
pub async fn download_report(
    id: PathParam<Uuid>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let inst = crate::plan::service::institution_of(&depot.session()?)?;
    let m = import::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?
        .filter(|m| m.institution_id == inst)
        .ok_or_else(|| AppError::not_found("not_found", "导入记录不存在"))?;
    let bytes = st.storage.get(&m.report_key).await?;
    crate::files::send_download(res, bytes, XLSX, &format!("导入结果-{}", m.file_name));
    Ok(())
}
