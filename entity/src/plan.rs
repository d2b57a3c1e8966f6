use sea_orm::entity::prelude::*;

/// An exam plan (认定计划) of an institution. `status`: draft → confirmed → published. `stage` (registration
/// business): open → submitted (报名提交) → ended (报名业务结束).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub institution_id: i32,
    pub name: String,
    pub status: String,
    pub stage: String,
    pub reg_start: DateTimeWithTimeZone,
    pub reg_end: DateTimeWithTimeZone,
    pub review_deadline: DateTimeWithTimeZone,
    pub payment_deadline: DateTimeWithTimeZone,
    pub exam_date: Date,
    pub ticket_start: DateTimeWithTimeZone,
    pub ticket_end: DateTimeWithTimeZone,
    #[sea_orm(column_type = "Text")]
    pub announcement: String,
    #[sea_orm(column_type = "Text")]
    pub notice: String,
    #[sea_orm(column_type = "Text")]
    pub conditions: String,
    pub max_occupations: i32,
    pub published_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::plan_item::Entity")]
    Items,
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id"
    )]
    Institution,
}

impl Related<super::plan_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Items.def()
    }
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
