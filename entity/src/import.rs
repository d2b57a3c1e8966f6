use sea_orm::entity::prelude::*;

/// An Excel import of candidates into a plan: its counts, its per-row results (JSON) and the stored report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: i32,
    pub institution_id: i32,
    pub created_by: i32,
    pub file_name: String,
    pub file_sha256: String,
    pub total: i32,
    pub imported: i32,
    pub existing: i32,
    pub failed: i32,
    pub rows: Json,
    pub report_key: String,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
