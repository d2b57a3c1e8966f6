//! Institutions' offline remittances (线下汇款, seed 004 缴费确认): staff record a bank transfer with its
//! vouchers for outstanding registrations of a plan; centre finance confirms (the registrations become
//! 线下已确认) or rejects it with a reason.
use super::remittance_view::{RemittanceView, render};
use crate::audit::{self, Event};
use crate::candidate::photo;
use crate::domain::money::yuan;
use crate::domain::time::cst;
use crate::error::{AppError, AppResult};
use crate::files::{self, NewFile};
use crate::plan::service::plan_for;
use crate::state::{AppState, DepotExt};
use entity::{remittance, remittance_item};
use salvo::oapi::extract::{PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

const VOUCHER_MAX: usize = 2 * 1024 * 1024;
const MAX_VOUCHERS: usize = 5;

fn text_field(form: &salvo::http::form::FormData, name: &str) -> String {
    form.fields
        .get(name)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// `POST /api/plans/{id}/remittances` (multipart): record a bank transfer with its vouchers.
#[endpoint(tags("payments"), status_codes(201, 400, 404, 409, 413, 415, 422), responses((status_code = 201, description = "已创建")))]
pub async fn create_remittance(
    id: PathParam<i32>,
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<Json<RemittanceView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let p = plan_for(&st.db, &s, id.into_inner(), true).await?;
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = VOUCHER_MAX * MAX_VOUCHERS + 256 * 1024;
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::TooLarge {
            code: "file_too_large",
            message: "凭证图片每张不能超过 2MB，最多 5 张".into(),
        });
    }
    let form = req
        .form_data_max_size(limit)
        .await
        .map_err(AppError::from)?;
    crate::text_guard::check_form(form)?;
    let amount = crate::domain::money::parse_yuan(&text_field(form, "amount"))
        .filter(|a| *a > 0)
        .ok_or_else(|| AppError::bad("invalid_amount", "汇款金额格式不正确（元，最多两位小数）"))?;
    let payer = text_field(form, "payer");
    if !(2..=50).contains(&payer.chars().count()) {
        return Err(AppError::bad(
            "invalid_payer",
            "请填写付款单位或付款人（2–50 字）",
        ));
    }
    let serial = text_field(form, "bank_serial");
    if !(4..=64).contains(&serial.len())
        || !serial
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(AppError::bad(
            "invalid_bank_serial",
            "银行流水号应为 4–64 位字母、数字或“-”",
        ));
    }
    let paid_on = chrono::NaiveDate::parse_from_str(&text_field(form, "paid_on"), "%Y-%m-%d")
        .map_err(|_| AppError::bad("invalid_paid_on", "请填写汇款日期（YYYY-MM-DD）"))?;
    if paid_on > chrono::Utc::now().with_timezone(&cst()).date_naive() {
        return Err(AppError::bad("invalid_paid_on", "汇款日期不能晚于今天"));
    }
    let note = Some(text_field(form, "note")).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(AppError::bad("invalid_note", "备注不能超过 200 字"));
    }
    let files = form.files.get_vec("vouchers").cloned().unwrap_or_default();
    if files.is_empty() {
        return Err(AppError::bad(
            "voucher_required",
            "请上传汇款凭证图片（1–5 张）",
        ));
    }
    if files.len() > MAX_VOUCHERS {
        return Err(AppError::bad("too_many_vouchers", "汇款凭证最多 5 张"));
    }
    // Which registrations: the ones named, else every outstanding one not already in a pending remittance.
    let wanted: Option<Vec<Uuid>> = Some(text_field(form, "registration_ids"))
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.split(',')
                .map(|x| Uuid::parse_str(x.trim()))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
        .map_err(|_| AppError::bad("invalid_registration_ids", "报名编号格式不正确"))?;
    let summary = super::summary::plan_payment(&st.db, &p).await?;
    let open: HashMap<Uuid, i64> = summary
        .outstanding_items
        .iter()
        .filter(|o| !o.in_remittance && o.payment_status != "refunding")
        .map(|o| (o.registration_id, o.fee_fen))
        .collect();
    let covered: Vec<(Uuid, i64)> = match wanted {
        Some(ids) => {
            let mut v = Vec::new();
            for id in ids {
                let fee = open.get(&id).ok_or_else(|| {
                    AppError::conflict(
                        "registration_not_outstanding",
                        "所选报名不是待缴费状态，或已在其他汇款中",
                    )
                })?;
                if !v.iter().any(|(x, _)| *x == id) {
                    v.push((id, *fee));
                }
            }
            v
        }
        None => open.into_iter().collect(),
    };
    if covered.is_empty() {
        return Err(AppError::conflict(
            "nothing_outstanding",
            "该计划没有待缴费的报名",
        ));
    }
    let due: i64 = covered.iter().map(|(_, f)| f).sum();
    if due != amount {
        return Err(AppError::unprocessable(
            "remittance_amount_mismatch",
            format!(
                "汇款金额应为所缴 {} 人报名费合计 ¥{}，与填写的 ¥{} 不符",
                covered.len(),
                yuan(due),
                yuan(amount)
            ),
        ));
    }
    let mut images = Vec::new();
    for f in &files {
        let bytes = tokio::fs::read(f.path())
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        if bytes.len() > VOUCHER_MAX {
            return Err(AppError::TooLarge {
                code: "file_too_large",
                message: "凭证图片每张不能超过 2MB".into(),
            });
        }
        if bytes.is_empty() {
            return Err(AppError::bad("voucher_required", "上传的凭证图片为空"));
        }
        images.push(crate::candidate::uploads::normalise(bytes, photo::normalise_document).await?);
    }
    let ip = depot.client_ip();
    let txn = st.db.begin().await?;
    let mut voucher_ids = Vec::new();
    for n in images {
        let f = files::save(
            &st,
            &txn,
            NewFile {
                owner_id: s.user_id,
                kind: "voucher",
                bytes: n.jpeg,
                width: n.width,
                height: n.height,
            },
        )
        .await?;
        voucher_ids.push(f.id);
    }
    let now = crate::now();
    let r = remittance::ActiveModel {
        plan_id: Set(p.id),
        institution_id: Set(p.institution_id),
        amount_fen: Set(amount),
        payer: Set(payer),
        bank_serial: Set(serial),
        paid_on: Set(paid_on),
        note: Set(note),
        vouchers: Set(json!(voucher_ids)),
        status: Set("pending".into()),
        reason: Set(None),
        created_by: Set(s.user_id),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (rid, fee) in &covered {
        remittance_item::ActiveModel {
            remittance_id: Set(r.id),
            registration_id: Set(*rid),
            fee_fen: Set(*fee),
            status: Set("pending".into()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| match AppError::from(e) {
            // Another remittance took this registration at the same moment (unique index on pending covers).
            AppError::Conflict { .. } => AppError::conflict(
                "registration_not_outstanding",
                "所选报名已在其他汇款中，请刷新后重试",
            ),
            other => other,
        })?;
    }
    audit::record(&txn, Event {
        after: Some(json!({ "plan_id": p.id, "amount_fen": amount, "registrations": covered.len(), "bank_serial": r.bank_serial })),
        ..Event::by(s.user_id, "remittance_recorded", "remittance", r.id, ip)
    }).await?;
    txn.commit().await?;
    res.status_code(StatusCode::CREATED);
    let mut v = render(&st, vec![r], true).await?;
    v.pop()
        .map(Json)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("remittance vanished")))
}

/// `GET /api/plans/{id}/remittances`.
#[endpoint(tags("payments"))]
pub async fn list_plan_remittances(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<RemittanceView>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff", "centre_reviewer", "centre_finance", "admin"])?;
    let p = plan_for(&st.db, &s, id.into_inner(), false).await?;
    let list = remittance::Entity::find()
        .filter(remittance::Column::PlanId.eq(p.id))
        .order_by_desc(remittance::Column::Id)
        .all(&st.db)
        .await?;
    Ok(Json(render(&st, list, false).await?))
}

pub(super) async fn load(
    st: &AppState,
    s: &crate::auth::session::Session,
    id: i32,
) -> AppResult<remittance::Model> {
    remittance::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .filter(|r| match s.role.as_str() {
            "staff" => s.institution_id == Some(r.institution_id),
            "centre_reviewer" | "centre_finance" | "admin" => true,
            _ => false,
        })
        .ok_or_else(|| AppError::not_found("not_found", "汇款记录不存在或无权查看"))
}

/// `GET /api/remittances/{id}` with the covered registrations.
#[endpoint(tags("payments"), status_codes(200, 404))]
pub async fn get_remittance(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<RemittanceView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let r = load(&st, &s, id.into_inner()).await?;
    let mut v = render(&st, vec![r], true).await?;
    v.pop()
        .map(Json)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("remittance vanished")))
}

/// `GET /api/finance/remittances?status=`.
#[endpoint(tags("finance"))]
pub async fn list_remittances(
    status: QueryParam<String, false>,
    depot: &mut Depot,
) -> AppResult<Json<Vec<RemittanceView>>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["centre_finance", "admin"])?;
    let mut q = remittance::Entity::find().order_by_desc(remittance::Column::Id);
    if let Some(v) = status.into_inner().filter(|v| !v.is_empty()) {
        q = q.filter(remittance::Column::Status.eq(v));
    }
    Ok(Json(render(&st, q.all(&st.db).await?, false).await?))
}
