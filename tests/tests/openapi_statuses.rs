//! The OpenAPI document against what the tests saw: every status any test observed from an `/api` endpoint (recorded
//! by `skillcert_tests::statuses` while `make test` runs the suite) must be listed for that operation, and every path
//! the tests reached must be in the document. Run by `make test` after the suite, with `--ignored`: alone it has
//! nothing to compare.
use skillcert_tests::TestApp;
use skillcert_tests::statuses::LOG_VAR;
use std::collections::{BTreeMap, BTreeSet};

/// One documented operation: its path split into segments (`None` = a `{param}`), and its listed statuses.
struct Operation {
    method: String,
    template: String,
    segments: Vec<Option<String>>,
    statuses: BTreeSet<u16>,
}

impl Operation {
    /// How well `path` fits: `None` if not at all, else the number of literal segments (the most specific wins).
    fn fit(&self, method: &str, path: &[&str]) -> Option<usize> {
        if self.method != method || self.segments.len() != path.len() {
            return None;
        }
        let mut literal = 0;
        for (s, p) in self.segments.iter().zip(path) {
            match s {
                Some(lit) if lit == p => literal += 1,
                Some(_) => return None,
                None => {}
            }
        }
        Some(literal)
    }
}

fn operations(doc: &serde_json::Value) -> Vec<Operation> {
    let mut out = Vec::new();
    let Some(paths) = doc["paths"].as_object() else {
        return out;
    };
    for (template, item) in paths {
        let segments = template
            .trim_matches('/')
            .split('/')
            .map(|s| (!s.starts_with('{')).then(|| s.to_string()))
            .collect::<Vec<_>>();
        for (method, op) in item.as_object().into_iter().flatten() {
            let statuses = op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, _)| k.parse().ok())
                .collect();
            out.push(Operation {
                method: method.to_uppercase(),
                template: template.clone(),
                segments: segments.clone(),
                statuses,
            });
        }
    }
    out
}

#[tokio::test]
#[ignore = "run by `make test` after the suite has recorded the statuses it observed"]
async fn every_status_the_tests_observed_is_in_the_openapi_document() {
    let path = std::env::var(LOG_VAR).expect("SKILLCERT_STATUS_LOG names the recorded statuses");
    let log = std::fs::read_to_string(&path).expect("the suite recorded statuses");
    let app = TestApp::spawn().await;
    let doc: serde_json::Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .expect("document");
    app.stop().await;
    let ops = operations(&doc);
    let mut observed: BTreeMap<(String, String), BTreeSet<u16>> = BTreeMap::new();
    let mut undocumented_paths = BTreeSet::new();
    let mut lines = 0;
    for line in log.lines() {
        let mut parts = line.split(' ');
        let (Some(method), Some(p), Some(status)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(status) = status.parse::<u16>() else {
            continue;
        };
        if p == "/api/openapi.json" {
            continue;
        }
        lines += 1;
        let segs: Vec<&str> = p.trim_matches('/').split('/').collect();
        let best = ops
            .iter()
            .filter_map(|o| o.fit(method, &segs).map(|f| (f, o)))
            .max_by_key(|(f, _)| *f);
        match best {
            Some((_, op)) => {
                observed
                    .entry((op.method.clone(), op.template.clone()))
                    .or_default()
                    .insert(status);
            }
            // Unknown paths and methods are refused by the router itself (404/405), which is right.
            None if matches!(status, 404 | 405) => {}
            None => {
                undocumented_paths.insert(format!("{method} {p} → {status}"));
            }
        }
    }
    assert!(
        lines > 500,
        "only {lines} statuses recorded: the suite did not run with {LOG_VAR}"
    );
    let mut missing = Vec::new();
    for op in &ops {
        if let Some(seen) = observed.get(&(op.method.clone(), op.template.clone())) {
            let absent: Vec<_> = seen.difference(&op.statuses).collect();
            if !absent.is_empty() {
                missing.push(format!(
                    "{} {} does not list {absent:?}",
                    op.method, op.template
                ));
            }
        }
    }
    let never = ops
        .iter()
        .filter(|o| !observed.contains_key(&(o.method.clone(), o.template.clone())))
        .map(|o| format!("{} {}", o.method, o.template))
        .collect::<Vec<_>>();
    eprintln!(
        "{lines} answers from {} of {} documented operations; not reached by any test: {never:#?}",
        observed.len(),
        ops.len()
    );
    assert!(
        undocumented_paths.is_empty(),
        "answered but not in the OpenAPI document: {undocumented_paths:#?}"
    );
    assert!(
        missing.is_empty(),
        "statuses answered but not documented: {missing:#?}"
    );
}
