use sea_orm::entity::prelude::*;

/// A stored upload. `id` is random and is the only id exposed in URLs.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: i32,
    pub kind: String,
    pub content_type: String,
    pub size: i64,
    pub width: i32,
    pub height: i32,
    pub storage_key: String,
    pub created_at: DateTimeWithTimeZone,
    /// When an application first took this upload (registration documents); never-attached ones are cleaned up.
    pub attached_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
