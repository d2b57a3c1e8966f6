//! A registration can be in at most one pending remittance, whatever races: the item carries its remittance's
//! status, and a partial unique index (same syntax in SQLite and PostgreSQL) refuses a second pending one.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(RemittanceItems::Table)
                .add_column(string(RemittanceItems::Status).default("pending"))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE remittance_items SET status = (SELECT r.status FROM remittances r WHERE r.id = remittance_items.remittance_id)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_remittance_items_pending ON remittance_items (registration_id) WHERE status = 'pending'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS ux_remittance_items_pending")
            .await?;
        m.alter_table(
            Table::alter()
                .table(RemittanceItems::Table)
                .drop_column(RemittanceItems::Status)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum RemittanceItems {
    Table,
    Status,
}
