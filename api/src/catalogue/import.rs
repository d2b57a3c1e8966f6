//! Import and export of the occupation catalogue as .xlsx: the export is also the template, so the
//! administrator downloads the current catalogue, edits or adds rows, and imports it back (matched on the code).
use super::rules;
use super::types::{LevelSpec, OccupationReq};
use crate::audit::{self, Event};
use crate::blocking::blocking;
use crate::candidate::uploads::read_file;
use crate::domain::enums;
use crate::error::{AppError, AppResult};
use crate::spreadsheet::{self, Column, ReadError, Spec, Table};
use crate::state::DepotExt;
use entity::occupation;
use salvo::oapi::ToSchema;
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;

pub const COLUMNS: &[Column<'static>] = &[
    Column::text("职业编码"),
    Column::text("职业名称"),
    Column::text("工种/职业方向"),
    Column::text("认定等级"),
    Column::text("考核科目"),
];
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
const MAX_ROWS: usize = 2000;

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogueRow {
    pub row: u32,
    pub code: String,
    /// created | updated | unchanged | failed
    pub status: String,
    pub message: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogueImport {
    pub total: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub rows: Vec<CatalogueRow>,
}

fn split(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ';', '；', '/', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// 「四级/中级工」, 「四级」, 「中级工」 or `level4` all name the same level.
fn level_of(text: &str) -> Option<&'static str> {
    enums::CERT_LEVELS
        .iter()
        .find(|(v, l)| *v == text || *l == text || l.split('/').any(|part| part == text))
        .map(|(v, _)| *v)
}

fn subject_of(text: &str) -> Option<&'static str> {
    enums::SUBJECTS
        .iter()
        .find(|(v, l)| *v == text || *l == text)
        .map(|(v, _)| *v)
}

/// One row as an occupation request. Levels are written 「四级/中级工、三级/高级工」; the 「/」 inside a label
/// is why levels are split on 、，; and not on 「/」.
fn request_of(cells: &[String]) -> AppResult<OccupationReq> {
    let c = |i: usize| {
        cells
            .get(i)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let level_texts: Vec<String> = c(3)
        .split(['、', '，', ',', ';', '；', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let subjects: Vec<String> = split(&c(4))
        .iter()
        .map(|s| {
            subject_of(s)
                .map(str::to_string)
                .ok_or_else(|| AppError::bad("invalid_subjects", format!("考核科目「{s}」无效")))
        })
        .collect::<AppResult<_>>()?;
    let mut levels = Vec::new();
    for t in level_texts {
        let level = level_of(&t)
            .ok_or_else(|| AppError::bad("invalid_levels", format!("认定等级「{t}」无效")))?;
        let subjects = if subjects.is_empty() {
            enums::default_subjects(level)
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            subjects.clone()
        };
        levels.push(LevelSpec {
            level: level.to_string(),
            subjects,
        });
    }
    rules::validate(OccupationReq {
        code: c(0),
        name: c(1),
        job_types: split(&c(2)),
        levels,
        active: true,
    })
}

/// One occupation in the import layout. 考核科目 stays empty while every level has its default subjects.
fn export_row(o: occupation::Model) -> Vec<String> {
    let label = |p: enums::Pairs, v: &str| enums::label(p, v).unwrap_or(v).to_string();
    let jobs: Vec<String> = serde_json::from_value(o.job_types).unwrap_or_default();
    let levels: Vec<LevelSpec> = serde_json::from_value(o.levels).unwrap_or_default();
    let defaults = levels.iter().all(|l| {
        l.subjects
            .iter()
            .map(String::as_str)
            .eq(enums::default_subjects(&l.level).iter().copied())
    });
    let mut subjects: Vec<String> = Vec::new();
    for s in levels.iter().flat_map(|l| l.subjects.iter()) {
        let s = label(enums::SUBJECTS, s);
        if !defaults && !subjects.contains(&s) {
            subjects.push(s);
        }
    }
    vec![
        o.code,
        o.name,
        jobs.join("、"),
        levels
            .iter()
            .map(|l| label(enums::CERT_LEVELS, &l.level))
            .collect::<Vec<_>>()
            .join("、"),
        subjects.join("、"),
    ]
}

/// The catalogue as an .xlsx in the import layout (the import template).
#[endpoint(tags("catalogue"))]
pub async fn export_catalogue(depot: &mut Depot, res: &mut Response) -> AppResult<()> {
    let st = depot.state()?;
    depot.session()?.require_role(&["admin"])?;
    let all = occupation::Entity::find()
        .order_by_asc(occupation::Column::Code)
        .all(&st.db)
        .await?;
    let rows: Vec<Vec<String>> = all.into_iter().map(export_row).collect();
    let table = Table::text(
        "职业目录",
        "职业目录（考核科目留空则按等级默认：技师及以上加综合评审）",
        COLUMNS,
        rows,
    );
    spreadsheet::send(res, table, "职业目录.xlsx").await
}

/// The reader's refusal, with a catalogue's wording when the file has no rows.
fn read_error(e: ReadError) -> AppError {
    match e {
        ReadError::Empty => AppError::unprocessable("empty_import", "文件中没有职业数据"),
        e => spreadsheet::read_error(e),
    }
}

/// Import occupations from .xlsx: rows matched on the code are updated, new codes added, bad rows reported.
#[endpoint(tags("catalogue"), status_codes(200, 400, 403, 413, 415, 422))]
pub async fn import_catalogue(
    req: &mut Request,
    depot: &mut Depot,
) -> AppResult<Json<CatalogueImport>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["admin"])?;
    let bytes = read_file(req, MAX_BYTES).await?;
    let rows = blocking(move || {
        spreadsheet::read(&bytes, &Spec::new(COLUMNS, MAX_ROWS)).map_err(read_error)
    })
    .await?;
    let mut out = CatalogueImport {
        total: rows.len(),
        created: 0,
        updated: 0,
        unchanged: 0,
        failed: 0,
        rows: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    for r in rows {
        let code = r.cells.first().cloned().unwrap_or_default();
        let checked = request_of(&r.cells).and_then(|q| {
            if seen.contains(&q.code) {
                Err(AppError::bad("duplicate_in_file", "文件中该职业编码重复"))
            } else {
                Ok(q)
            }
        });
        let q = match checked {
            Ok(q) => q,
            Err(e) => {
                out.failed += 1;
                out.rows.push(CatalogueRow {
                    row: r.row,
                    code,
                    status: "failed".into(),
                    message: Some(e.body().message),
                });
                continue;
            }
        };
        seen.push(q.code.clone());
        let existing = occupation::Entity::find()
            .filter(occupation::Column::Code.eq(q.code.clone()))
            .one(&txn)
            .await?;
        let after =
            json!({ "code": q.code, "name": q.name, "job_types": q.job_types, "levels": q.levels });
        let status = match existing {
            Some(o)
                if o.name == q.name
                    && o.job_types == json!(q.job_types)
                    && o.levels == json!(q.levels) =>
            {
                "unchanged"
            }
            Some(o) => {
                let before = json!({ "code": o.code, "name": o.name, "job_types": o.job_types, "levels": o.levels });
                let id = o.id;
                let mut am: occupation::ActiveModel = o.into();
                am.name = Set(q.name.clone());
                am.job_types = Set(json!(q.job_types));
                am.levels = Set(json!(q.levels));
                am.updated_at = Set(crate::now());
                am.update(&txn).await?;
                let ev = Event {
                    before: Some(before),
                    after: Some(after),
                    ..Event::by(s.user_id, "occupation_import_update", "occupation", id, &ip)
                };
                audit::record(&txn, ev).await?;
                "updated"
            }
            None => {
                let now = crate::now();
                let o = occupation::ActiveModel {
                    code: Set(q.code.clone()),
                    name: Set(q.name.clone()),
                    job_types: Set(json!(q.job_types)),
                    levels: Set(json!(q.levels)),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                let ev = Event {
                    after: Some(after),
                    ..Event::by(
                        s.user_id,
                        "occupation_import_create",
                        "occupation",
                        o.id,
                        &ip,
                    )
                };
                audit::record(&txn, ev).await?;
                "created"
            }
        };
        match status {
            "created" => out.created += 1,
            "updated" => out.updated += 1,
            _ => out.unchanged += 1,
        }
        out.rows.push(CatalogueRow {
            row: r.row,
            code: q.code,
            status: status.into(),
            message: None,
        });
    }
    txn.commit().await?;
    out.rows.sort_by_key(|r| (r.status != "failed", r.row));
    Ok(Json(out))
}
