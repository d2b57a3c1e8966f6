//! `wechat-sim --listen 127.0.0.1:8081`: runs the simulator standalone.
//!
//! Environment overrides: `SIM_OFFICIAL_APPID`, `SIM_OFFICIAL_SECRET`, `SIM_MINI_APPID`, `SIM_MINI_SECRET`;
//! WeChat Pay: `SIM_PAY_MODE` (`public-key` | `certificate`), `SIM_PAY_TIME_SCALE` (notification retry delays are
//! divided by it; default 1000), `SIM_PAY_REFUND_AUTO_MS` (refunds succeed by themselves after this many ms;
//! `off` disables; default 200).

use anyhow::{Context, bail};
use wechat_sim::{PayKeyMode, Sim, SimConfig};

const USAGE: &str = "usage: wechat-sim [--listen ADDR]   (default 127.0.0.1:8081)";

fn listen_addr() -> anyhow::Result<String> {
    let mut addr = "127.0.0.1:8081".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" | "-l" => addr = args.next().context("--listen needs an address")?,
            a if a.starts_with("--listen=") => addr = a["--listen=".len()..].to_owned(),
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    Ok(addr)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn pay_config_from_env(cfg: &mut SimConfig) -> anyhow::Result<()> {
    if let Some(mode) = env("SIM_PAY_MODE") {
        cfg.pay.mode = match mode.as_str() {
            "public-key" => PayKeyMode::PublicKey,
            "certificate" => PayKeyMode::Certificate,
            other => bail!("SIM_PAY_MODE must be public-key or certificate, not {other:?}"),
        };
    }
    if let Some(scale) = env("SIM_PAY_TIME_SCALE") {
        cfg.pay.time_scale = scale.parse().context("SIM_PAY_TIME_SCALE")?;
    }
    if let Some(ms) = env("SIM_PAY_REFUND_AUTO_MS") {
        cfg.pay.refund_auto_complete_ms = match ms.as_str() {
            "off" => None,
            ms => Some(ms.parse().context("SIM_PAY_REFUND_AUTO_MS")?),
        };
    }
    Ok(())
}

fn config_from_env() -> SimConfig {
    let mut cfg = SimConfig::default();
    let vars = [
        ("SIM_OFFICIAL_APPID", &mut cfg.official.appid),
        ("SIM_OFFICIAL_SECRET", &mut cfg.official.secret),
        ("SIM_MINI_APPID", &mut cfg.mini.appid),
        ("SIM_MINI_SECRET", &mut cfg.mini.secret),
    ];
    for (name, slot) in vars {
        if let Ok(value) = std::env::var(name)
            && !value.is_empty()
        {
            *slot = value;
        }
    }
    cfg
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = listen_addr()?;
    let mut cfg = config_from_env();
    pay_config_from_env(&mut cfg)?;
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!(
        "wechat-sim: official appid {} / mini appid {} / pay mchid {} ({:?} mode)",
        cfg.official.appid, cfg.mini.appid, cfg.pay.mchid, cfg.pay.mode
    );
    let handle = Sim::new(cfg).spawn(listener).await?;
    println!("wechat-sim listening on {}", handle.base_url);
    tokio::signal::ctrl_c().await?;
    handle.shutdown().await;
    Ok(())
}
