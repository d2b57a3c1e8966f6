//! `make run` and the browser tests: the WeChat simulator and the API in one process, on embedded defaults
//! (SQLite under the data folder, in-process cache, local-disk files), with demo data, printing the URL and the
//! demo logins. Production runs `skillcert-api` alone, pointed at the real WeChat.
use api::config::{Secret, Settings};
use api::{demo, startup, telemetry};
use clap::Parser;
use wechat_sim::{Sim, SimConfig};

#[global_allocator]
static ALLOCATOR: api::Allocator = api::Allocator;

#[derive(Parser)]
struct Args {
    /// Where the API and the H5 listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Where the WeChat simulator listens.
    #[arg(long, default_value = "127.0.0.1:8081")]
    sim_listen: String,
    /// SQLite file and uploaded files go here.
    #[arg(long, default_value = "data")]
    data_dir: String,
    /// The built H5.
    #[arg(long, default_value = "h5/dist")]
    h5_dir: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut s = Settings::load()?;
    telemetry::init(&s.log);
    let sim_cfg = SimConfig::default();
    let sim_listener = tokio::net::TcpListener::bind(&args.sim_listen).await?;
    let sim = Sim::new(sim_cfg.clone()).spawn(sim_listener).await?;
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    let url = format!("http://{}", listener.local_addr()?);
    s.server.public_url = url.clone();
    s.server.h5_dir = args.h5_dir;
    s.database.url = Secret::new(format!("sqlite://{}/skillcert.db?mode=rwc", args.data_dir));
    s.storage.backend = "fs".into();
    s.storage.root = format!("{}/files", args.data_dir);
    s.bootstrap.demo_data = true;
    s.wechat.open_base = sim.base_url.clone();
    s.wechat.api_base = sim.base_url.clone();
    s.wechat.mp_app_id = sim_cfg.official.appid.clone();
    s.wechat.mp_app_secret = Secret::new(sim_cfg.official.secret.clone());
    s.wechat.mini_app_id = sim_cfg.mini.appid.clone();
    s.wechat.mini_app_secret = Secret::new(sim_cfg.mini.secret.clone());
    s.wechat.simulated = true;
    skillcert_tests::sim_pay_settings(&mut s, &sim.base_url, &url);
    s.jobs.interval_secs = 10;
    s.jobs.settle_after_secs = 60;
    let state = startup::build_state(s).await?;
    let mut banner = format!(
        "\n  职业技能等级认定 — running\n  H5 + API:   {url}\n  API docs:   {url}/api/docs\n  WeChat sim: {}\n\n  Demo logins:\n",
        sim.base_url
    );
    for (role, login, pw) in demo::LOGINS {
        banner.push_str(&format!("    {role:<8} {login:<20} {pw}\n"));
    }
    eprintln!("{banner}");
    startup::serve(state, listener).await?;
    sim.shutdown().await;
    Ok(())
}
