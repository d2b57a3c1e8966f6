//! `make load`'s server: the real API (release build, the binaries' allocator) on SQLite + in-process cache, or
//! on PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set (a fresh database and key prefix, as in the
//! tests), seeded with the registration-opening peak: 20 plans × 3 items, a logged-in candidate, and open orders
//! with their signed payment notifications. Writes what the load script needs into `--out`, then serves until
//! stdin closes.
use clap::Parser;
use skillcert_tests::{TestApp, load};
use tokio::io::AsyncReadExt;

#[global_allocator]
static ALLOCATOR: api::Allocator = api::Allocator;

#[derive(Parser)]
struct Args {
    /// Directory for `url`, `token`, `login.json`, `notes.lua`, `replay.lua`.
    #[arg(long)]
    out: std::path::PathBuf,
    /// Open orders (each paid by one new notification).
    #[arg(long, default_value_t = 4000)]
    orders: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    let t = std::time::Instant::now();
    let app = TestApp::spawn().await;
    load::open_plans(&app, 4, 5).await;
    let password = "Secret2026";
    let (token, login) = app.register_candidate(password).await;
    let notes = load::paid_notifications(&app, args.orders + 1).await?;
    // The last one is applied now: the replay target.
    let (replay, fresh) = notes
        .split_last()
        .ok_or_else(|| anyhow::anyhow!("no orders"))?;
    let mut rb = app
        .http
        .post(app.url("/api/pay/notify"))
        .body(replay.1.clone());
    for (k, v) in &replay.0 {
        rb = rb.header(k.as_str(), v.as_str());
    }
    anyhow::ensure!(
        rb.send().await?.status().as_u16() == 204,
        "replay seed refused"
    );
    let out = |name: &str, text: String| std::fs::write(args.out.join(name), text);
    out("token", token)?;
    out(
        "login.json",
        serde_json::json!({ "login": login, "password": password }).to_string(),
    )?;
    out("notes.lua", load::lua_table(fresh))?;
    out("replay.lua", load::lua_table(std::slice::from_ref(replay)))?;
    out("url", app.base.clone())?;
    eprintln!(
        "loadserver: {} seeded in {:.1} s (pid {})",
        app.base,
        t.elapsed().as_secs_f64(),
        std::process::id()
    );
    let mut sink = Vec::new();
    tokio::io::stdin().read_to_end(&mut sink).await?;
    app.stop().await;
    Ok(())
}
