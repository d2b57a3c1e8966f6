use sea_orm::entity::prelude::*;

/// A registration covered by a remittance, with the fee it covers. Once the remittance is confirmed, `outcome`
/// says whether the fee was applied (the registration became 线下已确认) or is a surplus (the registration no
/// longer needed it); a surplus is open until finance resolves it (`resolution`: returned | reapplied).
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
    /// applied | surplus (set when the remittance is confirmed, or when an applied fee's registration is cancelled).
    pub outcome: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// returned | reapplied (a surplus finance has dealt with).
    pub resolution: Option<String>,
    pub resolved_by: Option<i32>,
    pub resolved_at: Option<DateTimeWithTimeZone>,
    pub reapplied_to: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
