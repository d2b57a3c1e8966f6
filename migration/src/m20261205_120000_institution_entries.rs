//! What each institution itself entered for a candidate (manual entry, ID-card reader, Excel): its staff see
//! these values, not the account's profile, until the candidate applies through the institution.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(InstitutionEntries::Table)
                .col(integer(InstitutionEntries::InstitutionId))
                .col(integer(InstitutionEntries::UserId))
                .col(json(InstitutionEntries::Supplied))
                .col(boolean(InstitutionEntries::CreatedAccount))
                .col(timestamp_with_time_zone(InstitutionEntries::CreatedAt))
                .col(timestamp_with_time_zone(InstitutionEntries::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(InstitutionEntries::InstitutionId)
                        .col(InstitutionEntries::UserId),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(InstitutionEntries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum InstitutionEntries {
    Table,
    InstitutionId,
    UserId,
    Supplied,
    CreatedAccount,
    CreatedAt,
    UpdatedAt,
}
