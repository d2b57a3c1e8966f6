use sea_orm::entity::prelude::*;

/// An account of any role. `login` is the upper-cased ID number for candidates and the username for others.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role: String,
    #[sea_orm(unique)]
    pub login: String,
    pub name: String,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub mobile: Option<String>,
    pub password_hash: String,
    pub must_change_password: bool,
    pub institution_id: Option<i32>,
    pub disabled: bool,
    /// The institution whose entry created this candidate account (it may reset the password).
    pub entered_by_institution_id: Option<i32>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id"
    )]
    Institution,
    #[sea_orm(has_one = "super::candidate_profile::Entity")]
    CandidateProfile,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl Related<super::candidate_profile::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CandidateProfile.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
