//! An index for “this candidate's registrations in this plan”, which every application, entry and import row
//! asks: without it the lookup walks the whole plan (1.2–1.9 ms per row at 10 000 registrations).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_registrations_user_plan")
                .table(Registrations::Table)
                .col(Registrations::UserId)
                .col(Registrations::PlanId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_registrations_user_plan")
                .table(Registrations::Table)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    UserId,
    PlanId,
}
