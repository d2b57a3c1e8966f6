use sea_orm::entity::prelude::*;

/// The stored result of reconciling one day's WeChat Pay trade bill with local records. `items` is a JSON array
/// of differences and matches; `summary` counts them by kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reconciliations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub bill_date: Date,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    pub bill_rows: i32,
    pub bill_paid_fen: i64,
    pub bill_refund_fen: i64,
    pub summary: Json,
    pub items: Json,
    pub ran_by: Option<i32>,
    pub ran_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
