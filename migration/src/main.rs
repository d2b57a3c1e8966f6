//! `migration up|down|fresh|status …`: the SeaORM migration CLI (reads `DATABASE_URL`).
use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
