//! `skillcert-api [serve|migrate|create-admin|seed-demo]`.
use api::{config::Settings, db, demo, startup, telemetry};
use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: api::Allocator = api::Allocator;

#[derive(Parser)]
#[command(about = "职业技能等级认定 API")]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the API (and the H5) — the default.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an administrator if none exists.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long, env = "ADMIN_PASSWORD")]
        password: String,
    },
    /// Create the demo institution and accounts (idempotent).
    SeedDemo,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load()?;
    telemetry::init(&settings.log);
    match cli.cmd.unwrap_or(Cmd::Serve) {
        Cmd::Serve => {
            let listener = tokio::net::TcpListener::bind(&settings.server.listen).await?;
            let state = startup::build_state(settings).await?;
            tracing::info!(addr = %listener.local_addr()?, "listening");
            startup::serve(state, listener).await
        }
        Cmd::Migrate => {
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await
        }
        Cmd::CreateAdmin { username, password } => {
            settings.database.run_migrations = true;
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            demo::ensure_admin(&conn, &username, &password).await?;
            Ok(())
        }
        Cmd::SeedDemo => {
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            demo::seed(&conn).await?;
            Ok(())
        }
    }
}
