//! Exam plans (认定计划) with their occupation/level items, registrations (报名) with their history, Excel
//! imports, and correction requests of candidate data (考生信息修改).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Plans::Table)
                .if_not_exists()
                .col(pk_auto(Plans::Id))
                .col(integer(Plans::InstitutionId))
                .col(string(Plans::Name))
                .col(string(Plans::Status))
                .col(string(Plans::Stage))
                .col(timestamp_with_time_zone(Plans::RegStart))
                .col(timestamp_with_time_zone(Plans::RegEnd))
                .col(timestamp_with_time_zone(Plans::ReviewDeadline))
                .col(timestamp_with_time_zone(Plans::PaymentDeadline))
                .col(date(Plans::ExamDate))
                .col(timestamp_with_time_zone(Plans::TicketStart))
                .col(timestamp_with_time_zone(Plans::TicketEnd))
                .col(text(Plans::Announcement))
                .col(text(Plans::Notice))
                .col(text(Plans::Conditions))
                .col(integer(Plans::MaxOccupations))
                .col(timestamp_with_time_zone_null(Plans::PublishedAt))
                .col(timestamp_with_time_zone(Plans::CreatedAt))
                .col(timestamp_with_time_zone(Plans::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_plans_institution",
                    (Plans::Table, Plans::InstitutionId),
                    (Institutions::Table, Institutions::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_plans_institution")
                .table(Plans::Table)
                .col(Plans::InstitutionId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanItems::Table)
                .if_not_exists()
                .col(pk_auto(PlanItems::Id))
                .col(integer(PlanItems::PlanId))
                .col(integer(PlanItems::OccupationId))
                .col(string(PlanItems::OccupationCode))
                .col(string(PlanItems::OccupationName))
                .col(string(PlanItems::JobType))
                .col(string(PlanItems::Level))
                .col(big_integer(PlanItems::FeeFen))
                .col(integer(PlanItems::ExpectedCount))
                .col(json(PlanItems::RequiredDocuments))
                .col(json(PlanItems::Subjects))
                .col(timestamp_with_time_zone(PlanItems::CreatedAt))
                .foreign_key(
                    &mut fk(
                        "fk_plan_items_plan",
                        (PlanItems::Table, PlanItems::PlanId),
                        (Plans::Table, Plans::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .foreign_key(&mut fk(
                    "fk_plan_items_occupation",
                    (PlanItems::Table, PlanItems::OccupationId),
                    (Occupations::Table, Occupations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_plan_items_triple")
                .table(PlanItems::Table)
                .col(PlanItems::PlanId)
                .col(PlanItems::OccupationId)
                .col(PlanItems::JobType)
                .col(PlanItems::Level)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Registrations::Table)
                .if_not_exists()
                .col(uuid(Registrations::Id).primary_key())
                .col(integer(Registrations::PlanId))
                .col(integer(Registrations::ItemId))
                .col(integer(Registrations::UserId))
                .col(integer(Registrations::InstitutionId))
                .col(string(Registrations::Status))
                .col(string(Registrations::PaymentStatus))
                .col(text_null(Registrations::Reason))
                .col(string(Registrations::Source))
                .col(json(Registrations::Documents))
                .col(timestamp_with_time_zone(Registrations::CreatedAt))
                .col(timestamp_with_time_zone(Registrations::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_registrations_plan",
                    (Registrations::Table, Registrations::PlanId),
                    (Plans::Table, Plans::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_registrations_item",
                    (Registrations::Table, Registrations::ItemId),
                    (PlanItems::Table, PlanItems::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_registrations_user",
                    (Registrations::Table, Registrations::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // One application per candidate and item: the database decides when two requests race.
        m.create_index(
            Index::create()
                .name("ux_registrations_user_item")
                .table(Registrations::Table)
                .col(Registrations::UserId)
                .col(Registrations::ItemId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_registrations_plan_status")
                .table(Registrations::Table)
                .col(Registrations::PlanId)
                .col(Registrations::Status)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RegistrationEvents::Table)
                .if_not_exists()
                .col(big_pk_auto(RegistrationEvents::Id))
                .col(uuid(RegistrationEvents::RegistrationId))
                .col(integer(RegistrationEvents::ActorId))
                .col(string(RegistrationEvents::Action))
                .col(string_null(RegistrationEvents::FromStatus))
                .col(string(RegistrationEvents::ToStatus))
                .col(text_null(RegistrationEvents::Reason))
                .col(timestamp_with_time_zone(RegistrationEvents::CreatedAt))
                .foreign_key(
                    &mut fk(
                        "fk_registration_events_registration",
                        (
                            RegistrationEvents::Table,
                            RegistrationEvents::RegistrationId,
                        ),
                        (Registrations::Table, Registrations::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_registration_events_registration")
                .table(RegistrationEvents::Table)
                .col(RegistrationEvents::RegistrationId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Imports::Table)
                .if_not_exists()
                .col(uuid(Imports::Id).primary_key())
                .col(integer(Imports::PlanId))
                .col(integer(Imports::InstitutionId))
                .col(integer(Imports::CreatedBy))
                .col(string(Imports::FileName))
                .col(string(Imports::FileSha256))
                .col(integer(Imports::Total))
                .col(integer(Imports::Imported))
                .col(integer(Imports::Existing))
                .col(integer(Imports::Failed))
                .col(json(Imports::Rows))
                .col(string(Imports::ReportKey))
                .col(timestamp_with_time_zone(Imports::CreatedAt))
                .foreign_key(
                    &mut fk(
                        "fk_imports_plan",
                        (Imports::Table, Imports::PlanId),
                        (Plans::Table, Plans::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Corrections::Table)
                .if_not_exists()
                .col(uuid(Corrections::Id).primary_key())
                .col(integer(Corrections::UserId))
                .col(integer(Corrections::InstitutionId))
                .col(integer(Corrections::RequestedBy))
                .col(string(Corrections::Status))
                .col(json(Corrections::Changes))
                .col(text(Corrections::Reason))
                .col(text_null(Corrections::ReviewReason))
                .col(integer_null(Corrections::ReviewedBy))
                .col(timestamp_with_time_zone_null(Corrections::ReviewedAt))
                .col(timestamp_with_time_zone(Corrections::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_corrections_user",
                    (Corrections::Table, Corrections::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_corrections_status")
                .table(Corrections::Table)
                .col(Corrections::Status)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Corrections::Table.into_iden(),
            Imports::Table.into_iden(),
            RegistrationEvents::Table.into_iden(),
            Registrations::Table.into_iden(),
            PlanItems::Table.into_iden(),
            Plans::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Institutions {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Occupations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plans {
    Table,
    Id,
    InstitutionId,
    Name,
    Status,
    Stage,
    RegStart,
    RegEnd,
    ReviewDeadline,
    PaymentDeadline,
    ExamDate,
    TicketStart,
    TicketEnd,
    Announcement,
    Notice,
    Conditions,
    MaxOccupations,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanItems {
    Table,
    Id,
    PlanId,
    OccupationId,
    OccupationCode,
    OccupationName,
    JobType,
    Level,
    FeeFen,
    ExpectedCount,
    RequiredDocuments,
    Subjects,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    PlanId,
    ItemId,
    UserId,
    InstitutionId,
    Status,
    PaymentStatus,
    Reason,
    Source,
    Documents,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RegistrationEvents {
    Table,
    Id,
    RegistrationId,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    PlanId,
    InstitutionId,
    CreatedBy,
    FileName,
    FileSha256,
    Total,
    Imported,
    Existing,
    Failed,
    Rows,
    ReportKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Corrections {
    Table,
    Id,
    UserId,
    InstitutionId,
    RequestedBy,
    Status,
    Changes,
    Reason,
    ReviewReason,
    ReviewedBy,
    ReviewedAt,
    CreatedAt,
}
