use sea_orm::entity::prelude::*;

/// What one institution entered for one candidate (`supplied`: the entry's fields as JSON, the latest value of
/// each), and whether that entry created the account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "institution_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub institution_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub supplied: Json,
    pub created_account: bool,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
