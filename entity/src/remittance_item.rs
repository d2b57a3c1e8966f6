use sea_orm::entity::prelude::*;

/// A registration covered by a remittance, with the fee it covers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remittance_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub remittance_id: i32,
    pub registration_id: Uuid,
    pub fee_fen: i64,
    /// The remittance's status, copied so that a unique index can refuse a second pending cover.
    pub status: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
