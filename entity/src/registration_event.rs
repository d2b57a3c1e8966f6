use sea_orm::entity::prelude::*;

/// One step in a registration's history (apply, edit, withdraw, approve, return, reject …).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub registration_id: Uuid,
    pub actor_id: i32,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
