//! Database migrations: the source of truth for the schema. Each migration names its own tables and columns and
//! never imports `entity`, so old migrations keep compiling when entities change.
pub use sea_orm_migration::prelude::*;

mod m20261121_000001_accounts;
mod m20261121_000002_profiles;
mod m20261121_000003_catalogue;
mod m20261121_000004_plans;
mod m20261121_000005_registration_lookup;
mod m20261121_000006_payments;
mod m20261121_000007_remittance_item_status;
mod m20261205_100000_remittance_surplus;
mod m20261205_110000_entered_by;
mod m20261205_120000_institution_entries;
mod m20261205_130000_chip_photo;
mod m20261205_140000_file_attached;
mod m20261205_150000_plan_subjects;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_accounts::Migration),
            Box::new(m20261121_000002_profiles::Migration),
            Box::new(m20261121_000003_catalogue::Migration),
            Box::new(m20261121_000004_plans::Migration),
            Box::new(m20261121_000005_registration_lookup::Migration),
            Box::new(m20261121_000006_payments::Migration),
            Box::new(m20261121_000007_remittance_item_status::Migration),
            Box::new(m20261205_100000_remittance_surplus::Migration),
            Box::new(m20261205_110000_entered_by::Migration),
            Box::new(m20261205_120000_institution_entries::Migration),
            Box::new(m20261205_130000_chip_photo::Migration),
            Box::new(m20261205_140000_file_attached::Migration),
            Box::new(m20261205_150000_plan_subjects::Migration),
        ]
    }
}
