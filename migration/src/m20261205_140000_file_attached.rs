//! A registration document is `attached` once an application (or an edit) takes it; uploads never attached are
//! removed after a grace period. Documents uploaded before this migration count as attached (kept): an old file
//! may be named in the audit trail of an edit even where no registration holds it now.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Files::Table)
                .add_column(timestamp_with_time_zone_null(Files::AttachedAt))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared("UPDATE files SET attached_at = created_at WHERE kind = 'reg_doc'")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_files_unattached ON files (kind, created_at) WHERE attached_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS ix_files_unattached")
            .await?;
        m.alter_table(
            Table::alter()
                .table(Files::Table)
                .drop_column(Files::AttachedAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Files {
    Table,
    AttachedAt,
}
