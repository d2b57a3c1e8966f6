use sea_orm::entity::prelude::*;

/// A WeChat Pay JSAPI order for a registration's fee. status: open → paid | closed. `late` marks a payment that
/// arrived for an order closed here (or no longer needed): it is kept and refunded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub registration_id: Uuid,
    pub user_id: i32,
    pub plan_id: i32,
    pub institution_id: i32,
    pub out_trade_no: String,
    pub app_id: String,
    pub channel: String,
    pub openid: String,
    pub amount_fen: i64,
    pub description: String,
    pub attach: String,
    pub status: String,
    pub prepay_id: Option<String>,
    pub prepay_at: Option<DateTimeWithTimeZone>,
    pub expires_at: DateTimeWithTimeZone,
    pub transaction_id: Option<String>,
    pub paid_at: Option<DateTimeWithTimeZone>,
    pub payer_openid: Option<String>,
    pub bank_type: Option<String>,
    pub late: bool,
    pub closed_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
