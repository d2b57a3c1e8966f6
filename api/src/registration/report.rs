//! 报名报表: a plan's registrations as a table, viewable as JSON and downloadable as .xlsx.
use crate::domain::enums;
use crate::domain::time::{fmt_date, fmt_dt};
use crate::error::AppResult;
use crate::plan::service::{self as plans, plan_for};
use crate::plan::types::PlanSummary;
use crate::spreadsheet::{self, Column, Table};
use crate::state::DepotExt;
use entity::{candidate_profile, plan, plan_item, registration, user};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;

pub const COLUMNS: &[Column<'static>] = &[
    Column::text("序号"),
    Column::text("姓名"),
    Column::text("证件类型"),
    Column::text("证件号码"),
    Column::text("性别"),
    Column::text("出生日期"),
    Column::text("手机号码"),
    Column::text("民族"),
    Column::text("文化程度"),
    Column::text("考生来源"),
    Column::text("所在学校或单位"),
    Column::text("职业编码"),
    Column::text("职业"),
    Column::text("工种"),
    Column::text("等级"),
    Column::text("状态"),
    Column::text("支付状态"),
    Column::text("报名方式"),
    Column::text("报名时间"),
];

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportResp {
    pub plan: PlanSummary,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn label(pairs: enums::Pairs, v: &Option<String>) -> String {
    v.as_deref()
        .map(|v| enums::label(pairs, v).unwrap_or(v).to_string())
        .unwrap_or_default()
}

/// The rows of the report (withdrawn applications are left out). ID and mobile numbers are given in full:
/// the report is for the institution and the centre, who need them.
pub async fn rows(db: &impl ConnectionTrait, p: &plan::Model) -> AppResult<Vec<Vec<String>>> {
    let regs = registration::Entity::find()
        .filter(registration::Column::PlanId.eq(p.id))
        .filter(registration::Column::Status.ne("withdrawn"))
        .order_by_asc(registration::Column::CreatedAt)
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let items: HashMap<i32, plan_item::Model> = plan_item::Entity::find()
        .filter(plan_item::Column::PlanId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let profiles: HashMap<i32, candidate_profile::Model> = candidate_profile::Entity::find()
        .filter(
            candidate_profile::Column::UserId
                .is_in(regs.iter().map(|(r, _)| r.user_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let mut out = Vec::with_capacity(regs.len());
    for (n, (r, u)) in regs.into_iter().enumerate() {
        let (Some(u), Some(i)) = (u, items.get(&r.item_id)) else {
            continue;
        };
        let pr = profiles.get(&u.id);
        let get = |f: fn(&candidate_profile::Model) -> Option<String>| pr.and_then(f);
        out.push(vec![
            (n + 1).to_string(),
            u.name.clone(),
            label(enums::ID_TYPES, &u.id_type),
            u.id_number.clone().unwrap_or_default(),
            label(enums::GENDERS, &get(|p| p.gender.clone())),
            pr.and_then(|p| p.birth_date)
                .map(|d| fmt_date(&d))
                .unwrap_or_default(),
            u.mobile.clone().unwrap_or_default(),
            get(|p| p.ethnicity.clone()).unwrap_or_default(),
            label(enums::EDUCATION_LEVELS, &get(|p| p.education.clone())),
            label(
                enums::CANDIDATE_SOURCES,
                &get(|p| p.candidate_source.clone()),
            ),
            get(|p| p.school_or_employer.clone()).unwrap_or_default(),
            i.occupation_code.clone(),
            i.occupation_name.clone(),
            if i.job_type.is_empty() {
                "--".into()
            } else {
                i.job_type.clone()
            },
            label(enums::CERT_LEVELS, &Some(i.level.clone())),
            label(enums::REGISTRATION_STATUSES, &Some(r.status.clone())),
            label(enums::PAYMENT_STATUSES, &Some(r.payment_status.clone())),
            label(enums::REGISTRATION_SOURCES, &Some(r.source.clone())),
            fmt_dt(&r.created_at)
                .replace('T', " ")
                .chars()
                .take(16)
                .collect(),
        ]);
    }
    Ok(out)
}

/// The registration report of a plan (the institution's staff, or the centre).
#[endpoint(tags("reports"))]
pub async fn get_report(id: PathParam<i32>, depot: &mut Depot) -> AppResult<Json<ReportResp>> {
    let st = depot.state()?;
    let p = plan_for(&st.db, &depot.session()?, id.into_inner(), false).await?;
    let rows = rows(&st.db, &p).await?;
    let plan = plans::summaries(&st.db, vec![p])
        .await?
        .pop()
        .ok_or_else(plans::plan_missing)?;
    Ok(Json(ReportResp {
        plan,
        columns: spreadsheet::headers(COLUMNS),
        rows,
    }))
}

/// The registration report of a plan as .xlsx.
#[endpoint(tags("reports"))]
pub async fn download_report(
    id: PathParam<i32>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let p = plan_for(&st.db, &depot.session()?, id.into_inner(), false).await?;
    let rows = rows(&st.db, &p).await?;
    let title = format!("{} 报名报表", p.name);
    let table = Table::text("报名报表", title, COLUMNS, rows);
    spreadsheet::send(res, table, &format!("报名报表-{}.xlsx", p.name)).await
}
