//! The occupation catalogue (职业): national code, name, job types, and the assessable levels with their
//! subjects.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Occupations::Table)
                .if_not_exists()
                .col(pk_auto(Occupations::Id))
                .col(string_uniq(Occupations::Code))
                .col(string(Occupations::Name))
                .col(json(Occupations::JobTypes))
                .col(json(Occupations::Levels))
                .col(boolean(Occupations::Active))
                .col(timestamp_with_time_zone(Occupations::CreatedAt))
                .col(timestamp_with_time_zone(Occupations::UpdatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Occupations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Occupations {
    Table,
    Id,
    Code,
    Name,
    JobTypes,
    Levels,
    Active,
    CreatedAt,
    UpdatedAt,
}
