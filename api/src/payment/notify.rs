//! WeChat Pay's notifications (protocol §7): verified on the raw body before anything else, decrypted,
//! checked and applied. 204 = accepted; 4xx/5xx with `{"code":"FAIL"}` = refused (WeChat retries).
use super::settle::{self, Settled};
use crate::integrations::wechat_pay::{RefundResult, Transaction};
use crate::state::DepotExt;
use entity::pay_refund;
use salvo::prelude::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Notification bodies are small (≈1 KB); anything far larger is not WeChat.
const MAX_BODY: usize = 64 * 1024;

fn fail(res: &mut Response, status: StatusCode, message: &str) {
    res.status_code(status);
    res.render(Json(
        serde_json::json!({ "code": "FAIL", "message": message }),
    ));
}

async fn read(req: &mut Request, res: &mut Response) -> Option<Vec<u8>> {
    match req.payload_with_max_size(MAX_BODY).await {
        Ok(b) => Some(b.to_vec()),
        Err(_) => {
            fail(res, StatusCode::PAYLOAD_TOO_LARGE, "请求体过大");
            None
        }
    }
}

/// WeChat Pay's payment notification (TRANSACTION.SUCCESS), signed by WeChat Pay.
#[endpoint(
    tags("payments"),
    responses(
        (status_code = 204, description = "已受理（重复的通知同样 204）"),
        (status_code = 400, description = "通知内容不符，`{\"code\":\"FAIL\"}`，微信会重试"),
        (status_code = 401, description = "签名验证失败"),
        (status_code = 404, description = "未开通微信支付"),
        (status_code = 413, description = "请求体过大"),
        (status_code = 500, description = "处理失败，微信会重试"),
    )
)]
pub async fn pay_notify(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Ok(st) = depot.state() else {
        return fail(res, StatusCode::INTERNAL_SERVER_ERROR, "失败");
    };
    let Some(pay) = st.pay.clone() else {
        return fail(res, StatusCode::NOT_FOUND, "未开通微信支付");
    };
    let Some(body) = read(req, res).await else {
        return;
    };
    let n = match pay.open_notification(req.headers(), &body).await {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(error = %e, "payment notification refused");
            return fail(res, StatusCode::UNAUTHORIZED, "签名验证失败");
        }
    };
    if n.original_type != "transaction" && !n.event_type.starts_with("TRANSACTION.") {
        return fail(res, StatusCode::BAD_REQUEST, "通知类型不符");
    }
    let tx: Transaction = match serde_json::from_slice(&n.plaintext) {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "payment notification resource unreadable");
            return fail(res, StatusCode::BAD_REQUEST, "通知内容无法解析");
        }
    };
    if tx.trade_state != "SUCCESS" {
        return fail(res, StatusCode::BAD_REQUEST, "交易状态不是 SUCCESS");
    }
    match settle::apply_transaction(&st, &pay, &tx, "notify").await {
        Ok(s) => {
            if s == Settled::PaidLate {
                let st2 = st.clone();
                let reg = tx.attach.clone().unwrap_or_default();
                tokio::spawn(async move {
                    if let Ok(id) = uuid::Uuid::parse_str(&reg) {
                        super::refund::drive_for_registration(&st2, id).await;
                    }
                });
            }
            tracing::info!(out_trade_no = %tx.out_trade_no, id = %n.id, outcome = ?s, "payment notification applied");
            res.status_code(StatusCode::NO_CONTENT);
        }
        Err(crate::error::AppError::Internal(e)) => {
            tracing::error!(error = ?e, "payment notification failed");
            fail(res, StatusCode::INTERNAL_SERVER_ERROR, "处理失败");
        }
        Err(e) => {
            tracing::warn!(out_trade_no = %tx.out_trade_no, error = %e, "payment notification rejected");
            fail(res, StatusCode::BAD_REQUEST, &e.body().message);
        }
    }
}

/// WeChat Pay's refund notification (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED), signed by WeChat Pay.
#[endpoint(
    tags("payments"),
    responses(
        (status_code = 204, description = "已受理（重复的通知同样 204）"),
        (status_code = 400, description = "通知内容不符，`{\"code\":\"FAIL\"}`，微信会重试"),
        (status_code = 401, description = "签名验证失败"),
        (status_code = 404, description = "未开通微信支付"),
        (status_code = 413, description = "请求体过大"),
        (status_code = 500, description = "处理失败，微信会重试"),
    )
)]
pub async fn refund_notify(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let Ok(st) = depot.state() else {
        return fail(res, StatusCode::INTERNAL_SERVER_ERROR, "失败");
    };
    let Some(pay) = st.pay.clone() else {
        return fail(res, StatusCode::NOT_FOUND, "未开通微信支付");
    };
    let Some(body) = read(req, res).await else {
        return;
    };
    let n = match pay.open_notification(req.headers(), &body).await {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(error = %e, "refund notification refused");
            return fail(res, StatusCode::UNAUTHORIZED, "签名验证失败");
        }
    };
    let r: RefundResult = match serde_json::from_slice(&n.plaintext) {
        Ok(r) => r,
        Err(_) => return fail(res, StatusCode::BAD_REQUEST, "通知内容无法解析"),
    };
    #[derive(serde::Deserialize)]
    struct Mch {
        #[serde(default)]
        mchid: String,
    }
    if serde_json::from_slice::<Mch>(&n.plaintext)
        .map(|m| m.mchid)
        .unwrap_or_default()
        != pay.mch_id
    {
        return fail(res, StatusCode::BAD_REQUEST, "商户号不符");
    }
    let refund = match pay_refund::Entity::find()
        .filter(pay_refund::Column::OutRefundNo.eq(&r.out_refund_no))
        .one(&st.db)
        .await
    {
        Ok(Some(r)) => r,
        Ok(None) => return fail(res, StatusCode::BAD_REQUEST, "退款单不存在"),
        Err(_) => return fail(res, StatusCode::INTERNAL_SERVER_ERROR, "处理失败"),
    };
    match settle::apply_refund(&st, &refund, &r, "notify").await {
        Ok(_) => {
            res.status_code(StatusCode::NO_CONTENT);
        }
        Err(crate::error::AppError::Internal(_)) => {
            fail(res, StatusCode::INTERNAL_SERVER_ERROR, "处理失败")
        }
        Err(e) => fail(res, StatusCode::BAD_REQUEST, &e.body().message),
    }
}
