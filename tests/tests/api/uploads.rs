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
