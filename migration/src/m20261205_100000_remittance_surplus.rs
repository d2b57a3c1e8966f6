//! What a confirmed remittance did with each registration it covered: `outcome` applied (the registration became
//! 线下已确认) or surplus (it no longer needed the money: paid in WeChat meanwhile, withdrawn, rejected), with a
//! note; a surplus stays open until finance resolves it (`resolution` returned to the institution or reapplied to
//! another registration, `reapplied_to`), by whom and when.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        let cols = [
            string_null(RemittanceItems::Outcome),
            text_null(RemittanceItems::Note),
            string_null(RemittanceItems::Resolution),
            integer_null(RemittanceItems::ResolvedBy),
            timestamp_with_time_zone_null(RemittanceItems::ResolvedAt),
            uuid_null(RemittanceItems::ReappliedTo),
        ];
        for c in cols {
            let mut c = c;
            m.alter_table(
                Table::alter()
                    .table(RemittanceItems::Table)
                    .add_column(&mut c)
                    .to_owned(),
            )
            .await?;
        }
        // Items of remittances confirmed before: the registrations they marked 线下已确认.
        m.get_connection()
            .execute_unprepared(
                "UPDATE remittance_items SET outcome = 'applied' WHERE status = 'confirmed'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [
            RemittanceItems::Outcome,
            RemittanceItems::Note,
            RemittanceItems::Resolution,
            RemittanceItems::ResolvedBy,
            RemittanceItems::ResolvedAt,
            RemittanceItems::ReappliedTo,
        ] {
            m.alter_table(
                Table::alter()
                    .table(RemittanceItems::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum RemittanceItems {
    Table,
    Outcome,
    Note,
    Resolution,
    ResolvedBy,
    ResolvedAt,
    ReappliedTo,
}
