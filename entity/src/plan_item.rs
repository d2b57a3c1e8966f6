use sea_orm::entity::prelude::*;

/// An occupation/level item of a plan. The occupation's code and name are copied so that the plan reads the
/// same after a catalogue edit. `required_documents` is a JSON array of names; the subjects are rows of
/// `plan_subjects`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub occupation_id: i32,
    pub occupation_code: String,
    pub occupation_name: String,
    pub job_type: String,
    pub level: String,
    pub fee_fen: i64,
    pub expected_count: i32,
    pub required_documents: Json,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::plan::Entity",
        from = "Column::PlanId",
        to = "super::plan::Column::Id"
    )]
    Plan,
}

impl Related<super::plan::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Plan.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
