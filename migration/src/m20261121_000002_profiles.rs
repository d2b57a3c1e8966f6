//! Stored files (photos, ID-document images) and the candidate profile (用户中心).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Files::Table)
                .if_not_exists()
                .col(uuid(Files::Id).primary_key())
                .col(integer(Files::OwnerId))
                .col(string(Files::Kind))
                .col(string(Files::ContentType))
                .col(big_integer(Files::Size))
                .col(integer(Files::Width))
                .col(integer(Files::Height))
                .col(string(Files::StorageKey))
                .col(timestamp_with_time_zone(Files::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_files_owner")
                        .from(Files::Table, Files::OwnerId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CandidateProfiles::Table)
                .if_not_exists()
                .col(integer(CandidateProfiles::UserId).primary_key())
                .col(string_null(CandidateProfiles::Gender))
                .col(date_null(CandidateProfiles::BirthDate))
                .col(string_null(CandidateProfiles::Ethnicity))
                .col(string_null(CandidateProfiles::HukouType))
                .col(string_null(CandidateProfiles::HukouAddress))
                .col(string_null(CandidateProfiles::CandidateSource))
                .col(date_null(CandidateProfiles::EnrollmentDate))
                .col(integer_null(CandidateProfiles::WorkYears))
                .col(string_null(CandidateProfiles::SchoolOrEmployer))
                .col(string_null(CandidateProfiles::Education))
                .col(string_null(CandidateProfiles::PrevCertLevel))
                .col(string_null(CandidateProfiles::PrevCertNumber))
                .col(date_null(CandidateProfiles::PrevCertDate))
                .col(uuid_null(CandidateProfiles::PhotoFileId))
                .col(uuid_null(CandidateProfiles::IdFrontFileId))
                .col(uuid_null(CandidateProfiles::IdBackFileId))
                .col(timestamp_with_time_zone(CandidateProfiles::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_candidate_profiles_user")
                        .from(CandidateProfiles::Table, CandidateProfiles::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CandidateProfiles::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Files::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    Id,
    OwnerId,
    Kind,
    ContentType,
    Size,
    Width,
    Height,
    StorageKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CandidateProfiles {
    Table,
    UserId,
    Gender,
    BirthDate,
    Ethnicity,
    HukouType,
    HukouAddress,
    CandidateSource,
    EnrollmentDate,
    WorkYears,
    SchoolOrEmployer,
    Education,
    PrevCertLevel,
    PrevCertNumber,
    PrevCertDate,
    PhotoFileId,
    IdFrontFileId,
    IdBackFileId,
    UpdatedAt,
}
