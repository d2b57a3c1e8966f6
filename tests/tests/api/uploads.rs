//! Large phone photos as documents and ID images: shrunk on the server, not refused.
use reqwest::StatusCode;
use skillcert_tests::{TestApp, fixtures, json_of};

#[tokio::test]
async fn a_large_phone_photo_uploaded_as_a_document_is_shrunk_within_the_limit() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let photo = fixtures::large_phone_photo(4032, 3024);
    assert!(
        photo.len() > 2 * 1024 * 1024,
        "fixture is {} bytes",
        photo.len()
    );
    let (st, doc) = json_of(
        app.upload(
            "/api/registrations/documents",
            &token,
            "IMG_0001.jpg",
            "image/jpeg",
            photo,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{doc}");
    assert_eq!(
        (doc["width"].as_i64(), doc["height"].as_i64()),
        (Some(2000), Some(1500))
    );
    assert!(
        doc["size"].as_i64().unwrap_or(i64::MAX) <= 2 * 1024 * 1024,
        "{doc}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_large_phone_photo_uploaded_as_an_id_image_is_shrunk_within_the_limit() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let photo = fixtures::large_phone_photo(3024, 4032);
    let (st, img) = json_of(
        app.upload(
            "/api/profile/id-images/front",
            &token,
            "IMG_0002.jpg",
            "image/jpeg",
            photo,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{img}");
    assert_eq!(
        (img["width"].as_i64(), img["height"].as_i64()),
        (Some(1500), Some(2000))
    );
    assert!(
        img["size"].as_i64().unwrap_or(i64::MAX) <= 2 * 1024 * 1024,
        "{img}"
    );
    app.stop().await;
}

async fn upload_document(app: &TestApp, token: &str) -> serde_json::Value {
    let (st, doc) = json_of(
        app.upload(
            "/api/registrations/documents",
            token,
            "d.png",
            "image/png",
            fixtures::png(800, 600),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{doc}");
    doc
}

async fn backdate(app: &TestApp, doc: &serde_json::Value, hours: i64) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id: uuid::Uuid = doc["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("file id");
    let at = api::now() - chrono::Duration::hours(hours);
    entity::file::Entity::update_many()
        .col_expr(entity::file::Column::CreatedAt, at.into())
        .filter(entity::file::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .expect("backdate");
}

async fn file_status(app: &TestApp, token: &str, doc: &serde_json::Value) -> StatusCode {
    let path = format!("/api/files/{}", doc["id"].as_str().unwrap_or(""));
    app.get(&path, Some(token)).await.status()
}

#[tokio::test]
async fn wizard_uploads_never_attached_are_deleted_after_the_grace_period() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010096", "孤儿文件学校").await;
    let plan = app.draft_plan(&staff, -1, 5).await;
    let item = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level4", &["学历证书"])
        .await;
    app.publish(&staff, &plan["id"]).await;
    let (cand, _) = app.ready_candidate().await;
    let abandoned = upload_document(&app, &cand).await;
    let attached = upload_document(&app, &cand).await;
    let recent = upload_document(&app, &cand).await;
    let docs = serde_json::json!([{ "name": "学历证书", "file_id": attached["id"] }]);
    let (st, reg) = json_of(
        app.apply(&cand, item["id"].as_i64().unwrap_or(0), docs)
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{reg}");
    backdate(&app, &abandoned, 25).await;
    backdate(&app, &attached, 25).await;
    backdate(&app, &recent, 23).await;
    let id: uuid::Uuid = abandoned["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let row = <entity::file::Entity as sea_orm::EntityTrait>::find_by_id(id)
        .one(&app.state.db)
        .await;
    let key = row
        .ok()
        .flatten()
        .map(|f| f.storage_key)
        .expect("stored file");

    let cleaned = api::registration::orphans::run_once(&app.state).await;

    assert_eq!(cleaned, Some(1));
    assert_eq!(
        file_status(&app, &cand, &abandoned).await,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.state.storage.get(&key).await.is_err(),
        "its bytes are gone too"
    );
    assert_eq!(file_status(&app, &cand, &attached).await, StatusCode::OK);
    assert_eq!(file_status(&app, &cand, &recent).await, StatusCode::OK);
    assert_eq!(
        api::registration::orphans::run_once(&app.state).await,
        Some(0),
        "idempotent"
    );
    app.stop().await;
}
