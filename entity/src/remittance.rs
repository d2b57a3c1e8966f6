use sea_orm::entity::prelude::*;

/// An institution's offline payment (bank transfer) for registrations of a plan, with voucher images
/// (`vouchers`: JSON array of file ids). status: pending → confirmed | rejected (by centre finance).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remittances")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub institution_id: i32,
    pub amount_fen: i64,
    pub payer: String,
    pub bank_serial: String,
    pub paid_on: Date,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub vouchers: Json,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_by: i32,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
