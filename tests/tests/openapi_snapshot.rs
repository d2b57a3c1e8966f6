//! The OpenAPI document the server serves against the copy the H5 generates its API types from (`h5/openapi.json`,
//! read by `npm run gen:api`). A change to a request or response type fails here until the copy is refreshed:
//! `make openapi` (this test with `UPDATE_OPENAPI=1`, then `npm run gen:api`), and the H5's type check then shows
//! what the change means for the pages.
use serde_json::{Map, Value};
use skillcert_tests::TestApp;
use std::path::PathBuf;

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../h5/openapi.json")
}

/// Objects with their keys in order, so that the written file does not depend on the server's map order.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[tokio::test]
async fn the_h5_copy_of_the_openapi_document_is_the_one_the_server_serves() {
    let app = TestApp::spawn().await;
    let live: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .expect("the server serves its OpenAPI document as JSON");
    app.stop().await;
    let live = sorted(live);
    let path = snapshot_path();

    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        let text = serde_json::to_string_pretty(&live).expect("a JSON value serialises");
        std::fs::write(&path, text + "\n").expect("h5/openapi.json is writable");
        return;
    }

    let committed: Value = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null);
    assert!(
        committed == live,
        "h5/openapi.json is not the document the server serves (or is missing): the API changed. \
         Run `make openapi` to refresh it and regenerate h5/src/api/schema.d.ts, then `cd h5 && npm run typecheck` \
         to see what the change means for the H5, and commit both files."
    );
}
