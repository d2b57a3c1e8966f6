//! Records the status of every `/api` request the test apps answer, one `METHOD PATH STATUS` line each, to the file
//! named by `SKILLCERT_STATUS_LOG` (`make test` sets it), so that a final check can compare what the tests observed
//! with the statuses the OpenAPI document lists (`tests/tests/openapi_statuses.rs`).
use salvo::prelude::*;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// The environment variable naming the log file.
pub const LOG_VAR: &str = "SKILLCERT_STATUS_LOG";

static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();

fn log() -> Option<&'static Mutex<File>> {
    LOG.get_or_init(|| {
        let path = std::env::var(LOG_VAR).ok().filter(|p| !p.is_empty())?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(Mutex::new)
    })
    .as_ref()
}

/// Adds the recorder to a service when the log is configured.
pub fn wrap(service: Service) -> Service {
    if log().is_some() {
        service.hoop(Recorder)
    } else {
        service
    }
}

struct Recorder;

#[async_trait]
impl Handler for Recorder {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        ctrl.call_next(req, depot, res).await;
        let path = req.uri().path().to_string();
        if !path.starts_with("/api/")
            || path.starts_with("/api/docs")
            || path == "/api/openapi.json"
        {
            return;
        }
        let status = res.status_code.unwrap_or(StatusCode::OK).as_u16();
        if let Some(file) = log()
            && let Ok(mut f) = file.lock()
        {
            // One write per line: appends from parallel test processes never interleave within a line.
            let _ = f.write_all(format!("{} {path} {status}\n", req.method()).as_bytes());
        }
    }
}
