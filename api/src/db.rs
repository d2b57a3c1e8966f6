//! Database connection (SQLite by default, PostgreSQL in production) and migrations.
use crate::config::DatabaseSettings;
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

pub async fn connect(s: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    let url = s.url.expose();
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or("");
        if let Some(dir) = std::path::Path::new(file)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // One writer at a time is what SQLite offers; a single pooled connection serialises requests instead of
        // failing them with "database is locked". PostgreSQL gets a real pool.
        opts.max_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
        });
    } else {
        opts.max_connections(s.max_connections);
    }
    Database::connect(opts)
        .await
        .context("cannot connect to the database")
}

/// The pool for hot read-only paths (the profile GET, the open-plan list). SQLite: read-only connections beside
/// the one writer, one per core; in WAL mode they read the last committed state without waiting for the writer
/// (a request that wrote has committed before it answers, so a later read sees the write). PostgreSQL (and an
/// in-memory SQLite database, which a second pool could not see): the main pool itself.
pub async fn connect_reader(
    s: &DatabaseSettings,
    writer: &DatabaseConnection,
) -> anyhow::Result<DatabaseConnection> {
    let url = s.url.expose();
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return Ok(writer.clone());
    }
    let readers = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
    let mut opts = ConnectOptions::new(url.to_string());
    opts.acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .max_connections(readers.max(2))
        .map_sqlx_sqlite_opts(|o| {
            o.read_only(true)
                .create_if_missing(false)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(opts)
        .await
        .context("cannot open the SQLite readers")
}

pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("migrations failed")
}
