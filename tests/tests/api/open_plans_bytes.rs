//! The open-plan list as kept bytes: ETag and 304, gzip, and rendering again after a change (in this process
//! and in another one sharing the cache) or when a registration window opens.
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::Value;
use skillcert_tests::TestApp;
use std::io::Read;
use std::time::{Duration, Instant};

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    let resp = app.get("/api/plans/open", Some(token)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.expect("json");
    body.as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_list_answers_gzip_when_accepted_and_304_for_the_etag_the_client_holds() {
    // Arrange
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010031", "字节缓存学校").await;
    let (cand, _) = app.register_candidate("Secret2026").await;
    app.open_plan(&staff).await;
    let get = |gzip: bool, etag: Option<&str>| {
        let mut rb = app.http.get(app.url("/api/plans/open")).bearer_auth(&cand);
        if gzip {
            rb = rb.header(ACCEPT_ENCODING, "gzip, deflate, br");
        }
        if let Some(e) = etag {
            rb = rb.header(IF_NONE_MATCH, e);
        }
        rb.send()
    };

    // Act
    let plain = get(false, None).await.expect("plain");
    let plain_etag = plain.headers()[ETAG].to_str().expect("etag").to_string();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    let plain: Value = plain.json().await.expect("json");
    let zipped = get(true, None).await.expect("gzip");
    let zipped_etag = zipped.headers()[ETAG].to_str().expect("etag").to_string();
    assert_eq!(zipped.headers()[CONTENT_ENCODING], "gzip");
    let bytes = zipped.bytes().await.expect("body");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gunzip");
    let again = get(true, Some(&zipped_etag)).await.expect("conditional");
    let other_form = get(false, Some(&zipped_etag)).await.expect("conditional");
    let stale = get(false, Some("\"not-this-one\""))
        .await
        .expect("conditional");

    // Assert
    assert_eq!(serde_json::from_str::<Value>(&text).expect("json"), plain);
    assert_eq!(plain.as_array().map(Vec::len), Some(1));
    assert_ne!(
        plain_etag, zipped_etag,
        "each representation has its own tag"
    );
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[ETAG], zipped_etag.as_str());
    assert!(again.bytes().await.expect("body").is_empty());
    assert_eq!(other_form.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(stale.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn a_plan_change_renders_the_list_again_and_changes_its_etag() {
    let app = TestApp::spawn().await;
    let (staff, _) = app
        .institution_with_staff("44010032", "字节缓存学校二")
        .await;
    let (cand, _) = app.register_candidate("Secret2026").await;
    app.open_plan(&staff).await;
    let first = app.get("/api/plans/open", Some(&cand)).await;
    let etag = first.headers()[ETAG].to_str().expect("etag").to_string();

    app.open_plan(&staff).await;
    let resp = app
        .http
        .get(app.url("/api/plans/open"))
        .bearer_auth(&cand)
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .expect("get");

    assert_eq!(resp.status(), StatusCode::OK, "the held bytes are stale");
    assert_ne!(resp.headers()[ETAG], etag.as_str());
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body.as_array().map(Vec::len), Some(2));
    app.stop().await;
}

#[tokio::test]
async fn a_plan_published_through_one_instance_reaches_the_list_of_another() {
    // Arrange: two API processes on one database and one shared cache, both holding the list's bytes.
    let a = TestApp::spawn().await;
    let b = a.sibling().await;
    let (staff, _) = a.institution_with_staff("44010033", "双实例学校").await;
    let (cand, _) = a.register_candidate("Secret2026").await;
    a.open_plan(&staff).await;
    assert_eq!(list(&b, &cand).await.len(), 1);
    assert_eq!(list(&a, &cand).await.len(), 1);

    // Act
    a.open_plan(&staff).await;

    // Assert: at once on A; on B after at most one check interval.
    assert_eq!(list(&a, &cand).await.len(), 2);
    let start = Instant::now();
    while list(&b, &cand).await.len() != 2 {
        assert!(
            start.elapsed() < api::plan::open_list::RECHECK + Duration::from_secs(2),
            "B still lists one plan after {:?}",
            start.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.stop().await;
    a.stop().await;
}

#[tokio::test]
async fn the_list_follows_a_window_that_opens_with_no_change_to_any_plan() {
    // Arrange: a published plan whose window opens in two seconds; the list is rendered before that.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010034", "窗口学校").await;
    let (cand, _) = app.register_candidate("Secret2026").await;
    let (plan, _) = app.open_plan(&staff).await;
    let id = plan["id"].as_i64().expect("id") as i32;
    let opens = api::now() + chrono::Duration::seconds(2);
    let mut p: entity::plan::ActiveModel = entity::plan::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("plan")
        .into();
    p.reg_start = Set(opens);
    p.update(&app.state.db).await.expect("update");
    api::plan::service::invalidate_open(&app.state).await;
    let before = list(&app, &cand).await;
    assert_eq!(before[0]["closed_reason"], "not_started");

    // Act
    tokio::time::sleep(Duration::from_millis(2300)).await;
    let after = list(&app, &cand).await;

    // Assert
    assert_eq!(after[0]["can_apply"], true, "{after:?}");
    assert_eq!(after[0]["closed_reason"], Value::Null);
    app.stop().await;
}
