use sea_orm::entity::prelude::*;

/// A candidate's application (报名) to a plan item. `institution_id` is the plan's, kept here so that every
/// tenant filter is one column. `documents` is a JSON array of `{ name, file_id }`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: i32,
    pub item_id: i32,
    pub user_id: i32,
    pub institution_id: i32,
    pub status: String,
    pub payment_status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub source: String,
    pub documents: Json,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::plan_item::Entity",
        from = "Column::ItemId",
        to = "super::plan_item::Column::Id"
    )]
    Item,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::plan_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Item.def()
    }
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
