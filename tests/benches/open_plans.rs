//! The candidates' list of open plan items, `GET /api/plans/open`, against the same server's `GET /healthz`:
//! warm (this process's rendered bytes) and cold (the list invalidated before each request, outside
//! the timed part, so the list is loaded from the database and cached again), over real HTTP on loopback.
//! 20 published plans of 4 institutions with 3 items each (60 open items).
//!
//! After criterion (one client, one request at a time) a short load run: 32 client tasks sending requests back
//! to back for 5 s against healthz and against the warm list; requests/s and latency percentiles are printed.
//! The client tasks run in the same process as the server, so both share the machine's cores.
//!
//! SQLite + in-process cache by default; PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set.
//! Environment: `LOAD_TASKS` (32), `LOAD_SECS` (5); `LOAD_SECS=0` skips the load run.
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;
use skillcert_tests::{TestApp, json_of};
use std::time::{Duration, Instant};

const INSTITUTIONS: usize = 4;
const PLANS_PER_INSTITUTION: usize = 5;
const LEVELS: [&str; 3] = ["level4", "level3", "level5"];

/// Publishes 20 plans (4 institutions × 5 plans × 3 items) and returns a candidate's token.
async fn setup(app: &TestApp) -> String {
    for i in 0..INSTITUTIONS {
        let (staff, _) = app
            .institution_with_staff(
                &format!("{}", 90_000_000 + i),
                &format!("基准测试职业培训学校{i}"),
            )
            .await;
        for k in 0..PLANS_PER_INSTITUTION {
            // Distinct exam dates (the plan is named after its exam date and institution).
            let plan = app.draft_plan(&staff, -1, 5 + k as i64).await;
            for level in LEVELS {
                app.add_item(&staff, &plan, "6-31-01-03", "", level, &[])
                    .await;
            }
            app.publish(&staff, &plan["id"]).await;
        }
    }
    let (token, _) = app.register_candidate("Secret2026").await;
    token
}

struct Load {
    requests: u64,
    errors: u64,
    secs: f64,
    p50_us: u64,
    p99_us: u64,
}

/// `tasks` clients sending GET `url` back to back (keep-alive) for `dur`.
async fn load(url: &str, token: Option<&str>, tasks: usize, dur: Duration) -> Load {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(tasks)
        .build()
        .expect("client");
    let start = Instant::now();
    let deadline = start + dur;
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (http, url, token) = (http.clone(), url.to_string(), token.map(str::to_string));
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut errors = 0u64;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let mut rb = http.get(&url);
                    if let Some(t) = &token {
                        rb = rb.bearer_auth(t);
                    }
                    match rb.send().await {
                        Ok(r) if r.status().is_success() => match r.bytes().await {
                            Ok(_) => lat.push(t.elapsed().as_micros() as u64),
                            Err(_) => errors += 1,
                        },
                        _ => errors += 1,
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (lat, e) = h.await.expect("load task");
        all.extend(lat);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    Load {
        requests: all.len() as u64,
        errors,
        secs,
        p50_us: pct(0.50),
        p99_us: pct(0.99),
    }
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn backend() -> String {
    format!(
        "{} + {}",
        if std::env::var("DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        if std::env::var("REDIS_URL").is_ok() {
            "Redis"
        } else {
            "in-process cache"
        }
    )
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (app, token) = rt.block_on(async {
        let app = TestApp::spawn().await;
        let token = setup(&app).await;
        (app, token)
    });
    let body = rt.block_on(async {
        let (st, body) = json_of(app.get("/api/plans/open", Some(&token)).await).await;
        assert!(st.is_success(), "{body}");
        body
    });
    let items = body.as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(
        items,
        INSTITUTIONS * PLANS_PER_INSTITUTION * LEVELS.len(),
        "every item of the published plans is open"
    );
    assert!(
        body.as_array()
            .is_some_and(|l| l.iter().all(|i| i["can_apply"] == Value::Bool(true)))
    );
    println!(
        "open_plans on {}: {items} open items, {} bytes of JSON",
        backend(),
        body.to_string().len()
    );

    let mut g = c.benchmark_group("plans_open");
    g.bench_function("healthz (baseline)", |b| {
        b.to_async(&rt)
            .iter(|| async { app.get("/healthz", None).await.bytes().await.expect("body") })
    });
    g.bench_function("GET /api/plans/open (warm, cached)", |b| {
        b.to_async(&rt).iter(|| async {
            app.get("/api/plans/open", Some(&token))
                .await
                .bytes()
                .await
                .expect("body")
        })
    });
    g.bench_function("GET /api/plans/open (cold, cache entry deleted)", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (app, token) = (&app, &token);
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    api::plan::service::invalidate_open(&app.state).await;
                    let t = Instant::now();
                    let body = app
                        .get("/api/plans/open", Some(token))
                        .await
                        .bytes()
                        .await
                        .expect("body");
                    total += t.elapsed();
                    std::hint::black_box(body);
                }
                total
            }
        })
    });
    g.finish();

    let secs = env_num("LOAD_SECS", 5);
    let tasks = env_num("LOAD_TASKS", 32) as usize;
    // Criterion's test mode (`cargo test --benches`) runs without `--bench`: no load run there.
    if secs > 0 && std::env::args().any(|a| a == "--bench") {
        rt.block_on(async {
            let dur = Duration::from_secs(secs);
            // Warm the entry (the cold benchmark deleted it last).
            app.get("/api/plans/open", Some(&token)).await;
            let h = load(&app.url("/healthz"), None, tasks, dur).await;
            let p = load(&app.url("/api/plans/open"), Some(&token), tasks, dur).await;
            println!(
                "\nload on {}: {tasks} concurrent clients × {secs} s each",
                backend()
            );
            for (name, l) in [("healthz", &h), ("GET /api/plans/open (warm)", &p)] {
                println!(
                    "  {name:<28} {:>9.0} req/s  ({} requests, {} errors, p50 {} µs, p99 {} µs)",
                    l.requests as f64 / l.secs,
                    l.requests,
                    l.errors,
                    l.p50_us,
                    l.p99_us
                );
            }
            let (rh, rp) = (h.requests as f64 / h.secs, p.requests as f64 / p.secs);
            println!("  plans/open throughput = {:.2}× healthz", rp / rh);
        });
    }
    rt.block_on(app.stop());
}

criterion_group!(benches, bench);
criterion_main!(benches);
