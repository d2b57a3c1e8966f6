//! The candidate's side: start (or resume) a JSAPI payment, see it, and ask WeChat for its state.
use super::settle::{self, OPEN, PAYABLE};
use super::types::*;
use crate::domain::time::{cst, fmt_dt};
use crate::error::{AppError, AppResult};
use crate::integrations::wechat_pay::{Channel, JsapiOrder, PayClient, PayError};
use crate::registration::service::load_for;
use crate::state::{AppState, DepotExt};
use entity::{pay_order, pay_refund, plan, plan_item, registration, wechat_binding};
use salvo::oapi::extract::{JsonBody, PathParam};
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::sync::Arc;
use uuid::Uuid;

/// A prepay id is valid for 2 hours; one older than this is renewed.
const PREPAY_REUSE_MINUTES: i64 = 110;

pub(crate) fn pay_client(st: &AppState) -> AppResult<Arc<PayClient>> {
    st.pay.clone().ok_or_else(|| AppError::Unavailable {
        code: "wechat_pay_disabled",
        message: "暂未开通微信支付，请联系报名机构".into(),
    })
}

pub(crate) fn upstream(e: &PayError) -> AppError {
    tracing::warn!(error = %e, "WeChat Pay call failed");
    AppError::upstream("wechat_pay_unavailable", "微信支付暂时无法处理，请稍后再试")
}

fn new_trade_no() -> String {
    let mut raw = [0u8; 12];
    crate::util_random(&mut raw);
    let alpha = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let tail: String = raw
        .iter()
        .map(|b| char::from(alpha[usize::from(*b) % alpha.len()]))
        .collect();
    format!(
        "SK{}{}",
        chrono::Utc::now().with_timezone(&cst()).format("%Y%m%d"),
        tail
    )
}

/// The description WeChat shows on the payer's bill (≤127 characters, no 4-byte characters).
fn description(item: &plan_item::Model) -> String {
    let level = crate::domain::enums::label(crate::domain::enums::CERT_LEVELS, &item.level)
        .unwrap_or(&item.level);
    let d = format!("职业技能等级认定报名费-{}{level}", item.occupation_name);
    d.chars().filter(|c| c.len_utf8() <= 3).take(127).collect()
}

async fn latest_order(st: &AppState, reg: Uuid) -> AppResult<Option<pay_order::Model>> {
    Ok(pay_order::Entity::find()
        .filter(pay_order::Column::RegistrationId.eq(reg))
        .order_by_desc(pay_order::Column::Id)
        .one(&st.db)
        .await?)
}

pub(crate) async fn view(st: &AppState, reg: &registration::Model) -> AppResult<PaymentView> {
    let order = latest_order(st, reg.id).await?;
    let refund = pay_refund::Entity::find()
        .filter(pay_refund::Column::RegistrationId.eq(reg.id))
        .order_by_desc(pay_refund::Column::Id)
        .one(&st.db)
        .await?;
    let fee = plan_item::Entity::find_by_id(reg.item_id)
        .one(&st.db)
        .await?
        .map(|i| i.fee_fen)
        .unwrap_or_default();
    Ok(PaymentView {
        registration_id: reg.id,
        payment_status: reg.payment_status.clone(),
        amount_fen: fee,
        order: order.map(|o| OrderView {
            out_trade_no: o.out_trade_no,
            status: o.status,
            amount_fen: o.amount_fen,
            transaction_id: o.transaction_id,
            created_at: fmt_dt(&o.created_at),
            expires_at: fmt_dt(&o.expires_at),
            paid_at: o.paid_at.as_ref().map(fmt_dt),
        }),
        refund: refund.map(|r| RefundView {
            out_refund_no: r.out_refund_no,
            status: r.status,
            amount_fen: r.amount_fen,
            reason: r.reason,
            created_at: fmt_dt(&r.created_at),
            success_at: r.success_at.as_ref().map(fmt_dt),
        }),
    })
}

/// Whether the candidate may pay now (shown as 去支付): the shared rule of [`super::standing::payable`].
pub fn can_pay(
    reg: &registration::Model,
    fee_fen: i64,
    payment_deadline: &chrono::DateTime<chrono::FixedOffset>,
    in_remittance: bool,
) -> bool {
    super::standing::payable(
        &reg.status,
        &reg.payment_status,
        fee_fen,
        in_remittance,
        crate::now() < *payment_deadline,
    )
}

/// Creates the order for the registration's fee, or resumes its open one; returns the bridge parameters.
#[endpoint(tags("payments"), status_codes(200, 400, 403, 404, 409, 502, 503))]
pub async fn start_payment(
    id: PathParam<Uuid>,
    body: JsonBody<StartReq>,
    depot: &mut Depot,
) -> AppResult<Json<PaymentStart>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["candidate"])?;
    let pay = pay_client(&st)?;
    let channel = Channel::parse(body.into_inner().channel.as_deref().unwrap_or("mp"))
        .ok_or_else(|| AppError::bad("invalid_channel", "支付渠道无效"))?;
    let reg = load_for(&st.db, &s, id.into_inner()).await?;
    match reg.payment_status.as_str() {
        "unpaid" | "refunded" => {}
        "paid" | "offline_confirmed" => {
            return Err(AppError::conflict(
                "already_paid",
                "该报名已缴费，无需重复支付",
            ));
        }
        _ => {
            return Err(AppError::conflict(
                "payment_not_allowed",
                "报名费退款处理中，完成后才能再次支付",
            ));
        }
    }
    if !PAYABLE.contains(&reg.status.as_str()) {
        return Err(AppError::conflict(
            "payment_not_allowed",
            "报名审核通过后才能缴费",
        ));
    }
    if !super::standing::pending_covered(&st.db, vec![reg.id])
        .await?
        .is_empty()
    {
        return Err(AppError::conflict(
            "in_remittance",
            super::standing::IN_REMITTANCE,
        ));
    }
    let item = plan_item::Entity::find_by_id(reg.item_id)
        .one(&st.db)
        .await?
        .ok_or_else(crate::registration::service::reg_missing)?;
    let p = plan::Entity::find_by_id(reg.plan_id)
        .one(&st.db)
        .await?
        .ok_or_else(crate::registration::service::reg_missing)?;
    if item.fee_fen <= 0 {
        return Err(AppError::conflict(
            "payment_not_allowed",
            "该职业等级无需缴费",
        ));
    }
    let now = crate::now();
    if now >= p.payment_deadline {
        return Err(AppError::conflict(
            "payment_closed",
            format!(
                "缴费已于 {} 截止",
                fmt_dt(&p.payment_deadline)
                    .replace('T', " ")
                    .get(..16)
                    .unwrap_or_default()
            ),
        ));
    }
    let app_id = pay.app_id(channel).to_string();
    let openid = wechat_binding::Entity::find()
        .filter(wechat_binding::Column::UserId.eq(s.user_id))
        .filter(wechat_binding::Column::AppId.eq(&app_id))
        .one(&st.db)
        .await?
        .map(|b| b.openid)
        .ok_or_else(|| {
            AppError::conflict("wechat_not_bound", "请先在用户中心绑定微信，再进行支付")
        })?;

    // Resume the open order when it still fits; otherwise close it (at WeChat first) and make a new one.
    let mut order = None;
    if let Some(o) = latest_order(&st, reg.id)
        .await?
        .filter(|o| o.status == OPEN)
    {
        let fits = o.openid == openid
            && o.app_id == app_id
            && o.amount_fen == item.fee_fen
            && o.expires_at > now + chrono::Duration::minutes(1);
        if fits {
            order = Some(o);
        } else {
            retire(&st, &pay, &o).await?;
        }
    }
    let order = match order {
        Some(o) => o,
        None => {
            let ttl = chrono::Duration::minutes(
                st.settings.wechat.pay.order_ttl_minutes.clamp(5, 24 * 60),
            );
            let expires = (now + ttl).min(p.payment_deadline);
            let am = pay_order::ActiveModel {
                registration_id: Set(reg.id),
                user_id: Set(reg.user_id),
                plan_id: Set(reg.plan_id),
                institution_id: Set(reg.institution_id),
                out_trade_no: Set(new_trade_no()),
                app_id: Set(app_id.clone()),
                channel: Set(channel.as_str().into()),
                openid: Set(openid.clone()),
                amount_fen: Set(item.fee_fen),
                description: Set(description(&item)),
                attach: Set(reg.id.simple().to_string()),
                status: Set(OPEN.into()),
                prepay_id: Set(None),
                prepay_at: Set(None),
                expires_at: Set(chrono::DateTime::from_timestamp(expires.timestamp(), 0)
                    .map(|d| d.fixed_offset())
                    .unwrap_or(expires)),
                transaction_id: Set(None),
                paid_at: Set(None),
                payer_openid: Set(None),
                bank_type: Set(None),
                late: Set(false),
                closed_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            match am.insert(&st.db).await {
                Ok(o) => o,
                // Another request created the open order at the same moment (unique index): use that one.
                Err(_) => latest_order(&st, reg.id)
                    .await?
                    .filter(|o| o.status == OPEN)
                    .ok_or_else(|| {
                        AppError::conflict("payment_in_progress", "正在创建支付订单，请稍后重试")
                    })?,
            }
        }
    };
    let fresh = order
        .prepay_at
        .is_some_and(|t| now - t < chrono::Duration::minutes(PREPAY_REUSE_MINUTES));
    let prepay_id = match (&order.prepay_id, fresh) {
        (Some(p), true) => p.clone(),
        _ => {
            let expire = order
                .expires_at
                .with_timezone(&cst())
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let req = JsapiOrder {
                channel,
                out_trade_no: &order.out_trade_no,
                description: &order.description,
                amount_fen: order.amount_fen,
                openid: &order.openid,
                attach: &order.attach,
                time_expire: &expire,
            };
            match pay.create_jsapi(&req).await {
                Ok(p) => {
                    settle::store_prepay(&st.db, &order, &p).await?;
                    p
                }
                Err(e) if e.is_code(&["ORDERPAID", "ORDER_PAID"]) => {
                    refresh_order(&st, &pay, &order).await?;
                    return Err(AppError::conflict("already_paid", "该订单已支付成功"));
                }
                Err(e) if e.is_code(&["ORDER_CLOSED"]) => {
                    settle::mark_closed(&st.db, &order, "jsapi").await?;
                    return Err(AppError::conflict(
                        "payment_in_progress",
                        "订单已关闭，请重新发起支付",
                    ));
                }
                Err(e) => return Err(upstream(&e)),
            }
        }
    };
    Ok(Json(PaymentStart {
        params: pay.pay_params(channel, &prepay_id),
        out_trade_no: order.out_trade_no,
        amount_fen: order.amount_fen,
        description: order.description,
        expires_at: fmt_dt(&order.expires_at),
    }))
}

/// Closes an open order at WeChat, then here. When WeChat says it was paid meanwhile, settles it instead and
/// refuses the new payment (`already_paid`).
pub(crate) async fn retire(st: &AppState, pay: &PayClient, o: &pay_order::Model) -> AppResult<()> {
    match pay.close_order(&o.out_trade_no).await {
        Ok(()) => {
            settle::mark_closed(&st.db, o, "closed").await?;
            Ok(())
        }
        Err(e) if e.is_code(&["ORDERPAID", "ORDER_PAID"]) => {
            refresh_order(st, pay, o).await?;
            Err(AppError::conflict("already_paid", "该订单已支付成功"))
        }
        Err(e) if e.is_code(&["ORDER_NOT_EXIST", "ORDERNOTEXIST"]) => {
            settle::mark_closed(&st.db, o, "not_at_wechat").await?;
            Ok(())
        }
        Err(e) => Err(upstream(&e)),
    }
}

/// Asks WeChat about an order and applies the answer.
pub(crate) async fn refresh_order(
    st: &AppState,
    pay: &PayClient,
    o: &pay_order::Model,
) -> AppResult<settle::Settled> {
    match pay.query_order(&o.out_trade_no).await {
        Ok(Some(tx)) => settle::apply_transaction(st, pay, &tx, "query").await,
        Ok(None) => {
            // Never reached WeChat (the create call failed): close it here once it has expired.
            if o.expires_at < crate::now() && o.status == OPEN {
                settle::mark_closed(&st.db, o, "not_at_wechat").await?;
                return Ok(settle::Settled::Closed);
            }
            Ok(settle::Settled::NotPaid)
        }
        Err(e) => Err(upstream(&e)),
    }
}

#[endpoint(tags("payments"), status_codes(200, 404))]
pub async fn get_payment(id: PathParam<Uuid>, depot: &mut Depot) -> AppResult<Json<PaymentView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let reg = load_for(&st.db, &s, id.into_inner()).await?;
    Ok(Json(view(&st, &reg).await?))
}

/// 刷新支付状态: asks WeChat about the open order (and a refund in progress), then answers like GET.
#[endpoint(tags("payments"), status_codes(200, 404, 502, 503))]
pub async fn refresh_payment(
    id: PathParam<Uuid>,
    depot: &mut Depot,
) -> AppResult<Json<PaymentView>> {
    let st = depot.state()?;
    let s = depot.session()?;
    let reg = load_for(&st.db, &s, id.into_inner()).await?;
    let pay = pay_client(&st)?;
    if let Some(o) = latest_order(&st, reg.id)
        .await?
        .filter(|o| o.status == OPEN)
    {
        refresh_order(&st, &pay, &o).await?;
    }
    super::refund::drive_for_registration(&st, reg.id).await;
    let reg = load_for(&st.db, &s, reg.id).await?;
    Ok(Json(view(&st, &reg).await?))
}
