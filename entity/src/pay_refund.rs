use sea_orm::entity::prelude::*;

/// A full refund of a paid order. status: pending (not yet accepted by WeChat; retried with the same
/// `out_refund_no`) → processing → success | abnormal | closed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_refunds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub registration_id: Uuid,
    pub out_refund_no: String,
    pub refund_id: Option<String>,
    pub amount_fen: i64,
    pub total_fen: i64,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub status: String,
    pub initiated_by: Option<i32>,
    pub attempts: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub success_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
