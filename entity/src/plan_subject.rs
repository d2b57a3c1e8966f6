use sea_orm::entity::prelude::*;

/// One subject of a plan item (理论知识 / 操作技能 / 综合评审) with its answer mode (or site type) and its exam
/// window. Items whose subjects share a date and window share an exam session; sessions, seats, attendance and
/// scores point at a subject by its id, which stays the same while the subject stays on the item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_subjects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    /// Order within the item (0-based).
    pub position: i32,
    /// theory | practical | review
    pub subject: String,
    /// ata | paper | practical
    pub answer_mode: String,
    pub exam_date: Option<Date>,
    pub start_time: Option<Time>,
    pub end_time: Option<Time>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::plan_item::Entity",
        from = "Column::ItemId",
        to = "super::plan_item::Column::Id",
        on_delete = "Cascade"
    )]
    PlanItem,
}

impl Related<super::plan_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PlanItem.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
