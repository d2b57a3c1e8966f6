use sea_orm::entity::prelude::*;

/// The candidate's 用户中心 fields beyond name, ID and mobile (which live on `user`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub enrollment_date: Option<Date>,
    pub work_years: Option<i32>,
    pub school_or_employer: Option<String>,
    pub education: Option<String>,
    pub prev_cert_level: Option<String>,
    pub prev_cert_number: Option<String>,
    pub prev_cert_date: Option<Date>,
    pub photo_file_id: Option<Uuid>,
    pub id_front_file_id: Option<Uuid>,
    pub id_back_file_id: Option<Uuid>,
    /// The ID card's chip photo as a reader delivered it (an ID image, not the official photo).
    pub chip_photo_file_id: Option<Uuid>,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
