use sea_orm::entity::prelude::*;

/// A request to correct a candidate's data (考生信息修改): `changes` is a JSON array of
/// `{ field, label, old, new }`; status pending → approved | rejected.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "corrections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: i32,
    pub institution_id: i32,
    pub requested_by: i32,
    pub status: String,
    pub changes: Json,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_reason: Option<String>,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
