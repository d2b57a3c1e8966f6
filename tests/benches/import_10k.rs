//! `POST /api/staff/plans/{id}/imports` with a 10 000-row .xlsx (template layout, every row a new candidate for
//! 电工 四级/中级工): the first import (10 000 accounts and registrations created) and the re-import of the same file
//! (every row `existing`), on a fresh app per run. Not criterion: a first import creates data, so each run is
//! timed once and printed, with the process's peak resident memory (VmHWM, reset before each import through
//! /proc/self/clear_refs where the kernel allows it). Client and server are the same process.
//!
//! `cargo bench -p skillcert-tests --bench import_10k`; SQLite + in-process cache by default, PostgreSQL + Redis
//! when DATABASE_URL / REDIS_URL are set. `IMPORT_RUNS` (default 1) fresh apps in a row;
use api::registration::import::{self as xlsx, ReportRow};
use reqwest::StatusCode;
use serde_json::Value;
use skillcert_tests::xlsx_fixture::{candidate_rows, import_xlsx};
use skillcert_tests::{TestApp, json_of};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A field of /proc/self/status in kB (VmRSS, VmHWM).
fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not possible (the peak is then process-wide).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mb(kb: Option<u64>) -> String {
    kb.map(|k| format!("{:.0} MB", k as f64 / 1024.0))
        .unwrap_or_else(|| "?".into())
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

/// Parts of the import that need no database, timed on their own: reading the rows, building the result report
/// the way the handler does (each result looks its row up with a linear search), writing the report .xlsx.
fn offline_parts(bytes: &[u8]) {
    let t = Instant::now();
    let rows = xlsx::read_rows(bytes, ROWS).expect("read rows");
    let read = t.elapsed();
    assert_eq!(rows.len(), ROWS);
    let t = Instant::now();
    let report_rows: Vec<ReportRow> = rows
        .iter()
        .map(|r| ReportRow {
            row: r.row,
            name: r.cells[xlsx::COL_NAME].clone(),
            id_number: r.cells[xlsx::COL_ID_NUMBER].clone(),
            item: rows
                .iter()
                .find(|x| x.row == r.row)
                .map(|x| x.cells[xlsx::COL_OCCUPATION].clone())
                .unwrap_or_default(),
            status: xlsx::STATUS_IMPORTED.into(),
            message: String::new(),
        })
        .collect();
    let lookup = t.elapsed();
    let t = Instant::now();
    let report = xlsx::write_import_report("导入结果", &report_rows).expect("report");
    let write = t.elapsed();
    println!(
        "  without the database: read_rows {:.0} ms, report rows with linear row lookup {:.0} ms, \
         write_import_report {:.0} ms ({} KiB)",
        ms(read),
        ms(lookup),
        ms(write),
        report.len() / 1024
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Timed {
    secs: f64,
    body: Value,
    peak_kb: Option<u64>,
    /// Another request (`probe`) sent every 50 ms while the import runs: latencies and failures.
    probe: Vec<Duration>,
    probe_errors: usize,
}

impl Timed {
    fn probe_summary(&self) -> String {
        let mut l = self.probe.clone();
        l.sort_unstable();
        let at = |p: f64| {
            l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1)))
                .map(|d| format!("{:.0} ms", ms(*d)))
                .unwrap_or_else(|| "-".into())
        };
        format!(
            "{} requests, p50 {}, max {}, {} failed",
            l.len(),
            at(0.5),
            at(1.0),
            self.probe_errors
        )
    }
}

async fn import(app: &TestApp, path: &str, staff: &str, bytes: &[u8], probe: &str) -> Timed {
    let done = Arc::new(AtomicBool::new(false));
    let prober = tokio::spawn({
        let (http, url, token, done) = (
            app.http.clone(),
            app.url(probe),
            staff.to_string(),
            done.clone(),
        );
        async move {
            let (mut lat, mut errors) = (Vec::new(), 0);
            while !done.load(Ordering::Relaxed) {
                let t = Instant::now();
                let ok = match http.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    _ => false,
                };
                if ok {
                    lat.push(t.elapsed());
                } else {
                    errors += 1;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            (lat, errors)
        }
    });
    reset_peak();
    let t = Instant::now();
    let resp = app
        .upload(path, staff, "bench-10k.xlsx", XLSX_MIME, bytes.to_vec())
        .await;
    let (st, body) = json_of(resp).await;
    let secs = t.elapsed().as_secs_f64();
    let peak_kb = status_kb("VmHWM");
    done.store(true, Ordering::Relaxed);
    let (probe, probe_errors) = prober.await.expect("probe");
    assert_eq!(st, StatusCode::CREATED, "{body}");
    Timed {
        secs,
        body,
        peak_kb,
        probe,
        probe_errors,
    }
}

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`: a 10 000-row import is not a smoke test.
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "import_10k: skipped (run it with `cargo bench -p skillcert-tests --bench import_10k`)"
        );
        return;
    }
    let rss_start = status_kb("VmRSS");
    let runs = std::env::var("IMPORT_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1usize);
    let default_timeout = api::config::Settings::defaults()
        .expect("settings")
        .server
        .request_timeout_secs;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let rows = candidate_rows(ROWS, "电工", "", "四级/中级工");
    let bytes = import_xlsx(&rows).expect("xlsx");
    drop(rows);
    println!(
        "import_10k on {}: {ROWS} rows, file {} KiB",
        backend(),
        bytes.len() / 1024
    );
    offline_parts(&bytes);
    println!(
        "  RSS at start {}, after building the file and the parts above {}",
        mb(rss_start),
        mb(status_kb("VmRSS"))
    );
    let resettable = reset_peak();
    if !resettable {
        println!("  (cannot reset VmHWM: peaks below are process-wide)");
    }

    for run in 1..=runs {
        rt.block_on(async {
            // The import runs inside one request: measure it without the request timeout, then compare.
            let app = TestApp::spawn_with(|s| s.server.request_timeout_secs = 3600).await;
            let (staff, _) = app.institution_with_staff("90010000", "导入基准测试学校").await;
            let (plan, _) = app.open_plan(&staff).await;
            let path = format!("/api/staff/plans/{}/imports", plan["id"]);
            // A small database read by another user while the import runs.
            let probe = format!("/api/plans/{}", plan["id"]);
            let rss0 = status_kb("VmRSS");

            let first = import(&app, &path, &staff, &bytes, &probe).await;
            let b = &first.body;
            assert_eq!(
                (&b["total"], &b["imported"], &b["existing"], &b["failed"]),
                (&Value::from(ROWS), &Value::from(ROWS), &Value::from(0), &Value::from(0)),
                "first import: {}",
                b["rows"].get(0).cloned().unwrap_or_default()
            );
            let rss1 = status_kb("VmRSS");

            let again = import(&app, &path, &staff, &bytes, &probe).await;
            let b = &again.body;
            assert_eq!(
                (&b["total"], &b["imported"], &b["existing"], &b["failed"]),
                (&Value::from(ROWS), &Value::from(0), &Value::from(ROWS), &Value::from(0)),
                "re-import: {}",
                b["rows"].get(0).cloned().unwrap_or_default()
            );

            let (st, p) = json_of(
                app.get(&format!("/api/staff/plans/{}", plan["id"]), Some(&staff))
                    .await,
            )
            .await;
            assert_eq!(st, StatusCode::OK, "{p}");
            assert_eq!(p["registration_count"], Value::from(ROWS), "{p}");

            println!(
                "  run {run}: first import {:.2} s ({:.0} rows/s, imported {}), re-import {:.2} s ({:.0} rows/s, \
                 existing {}); RSS before {}, peak during first import {}, after it {}, peak during re-import {}",
                first.secs,
                ROWS as f64 / first.secs,
                first.body["imported"],
                again.secs,
                ROWS as f64 / again.secs,
                again.body["existing"],
                mb(rss0),
                mb(first.peak_kb),
                mb(rss1),
                mb(again.peak_kb),
            );
            println!(
                "    GET /api/plans/{{id}} every 50 ms meanwhile: during the first import {}; during the re-import {}",
                first.probe_summary(),
                again.probe_summary()
            );
            for (what, t) in [("first import", &first), ("re-import", &again)] {
                if t.secs > default_timeout as f64 {
                    println!(
                        "  WARNING: the {what} took longer than the default request timeout ({default_timeout} s): \
                         with the shipped configuration the client gets a timeout while rows are still being written"
                    );
                }
            }
            app.stop().await;
        });
    }
    println!(
        "  peak RSS of the whole process so far: {}",
        mb(status_kb("VmHWM"))
    );
}
