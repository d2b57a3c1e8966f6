//! The chip photo an ID-card reader delivers (102×126) is kept as an ID image of its own: it is too small to be the
//! official 个人照片, which stays empty until a proper photo is taken or uploaded.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(CandidateProfiles::Table)
                .add_column(uuid_null(CandidateProfiles::ChipPhotoFileId))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(CandidateProfiles::Table)
                .drop_column(CandidateProfiles::ChipPhotoFileId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum CandidateProfiles {
    Table,
    ChipPhotoFileId,
}
