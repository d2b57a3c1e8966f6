//! Request and response bodies of the payment routes (see docs/api-contract-payments.md).
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StartReq {
    /// mp (official account H5, default) | mini (mini program)
    #[serde(default)]
    pub channel: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentStart {
    pub out_trade_no: String,
    pub amount_fen: i64,
    pub description: String,
    pub expires_at: String,
    /// `getBrandWCPayRequest` parameters: appId, timeStamp, nonceStr, package, signType, paySign.
    pub params: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderView {
    pub out_trade_no: String,
    pub status: String,
    pub amount_fen: i64,
    pub transaction_id: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub paid_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefundView {
    pub out_refund_no: String,
    pub status: String,
    pub amount_fen: i64,
    pub reason: String,
    pub created_at: String,
    pub success_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    pub registration_id: Uuid,
    pub payment_status: String,
    pub amount_fen: i64,
    pub order: Option<OrderView>,
    pub refund: Option<RefundView>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonReq {
    pub reason: String,
}
