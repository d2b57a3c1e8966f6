//! The institution whose entry created a candidate account: only that institution may reset the account's
//! password (handing a temporary one to the candidate in person). Accounts still on the initial password were
//! all created by entry; they get the institution of their first entered registration.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(integer_null(Users::EnteredByInstitutionId))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE users SET entered_by_institution_id = (SELECT r.institution_id FROM registrations r \
                 WHERE r.user_id = users.id AND r.source <> 'online' ORDER BY r.created_at LIMIT 1) \
                 WHERE role = 'candidate' AND password_hash = '$initial$last-six-of-login'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::EnteredByInstitutionId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    EnteredByInstitutionId,
}
