use reqwest::StatusCode;
use skillcert_tests::{TestApp, assert_error, fixtures, json_of};

async fn fetch(app: &TestApp, url: &str, token: Option<&str>) -> reqwest::Response {
    app.get(url, token).await
}

#[tokio::test]
async fn a_4000_by_3000_exif_rotated_phone_photo_becomes_a_compliant_upright_file() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let raw = fixtures::phone_photo(4000, 3000);
    let (st, body) = json_of(
        app.upload(
            "/api/profile/photo",
            &token,
            "IMG_0001.JPG",
            "image/jpeg",
            raw,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(
        (body["rotated"].as_bool(), body["cropped"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(
        (
            body["original_width"].as_u64(),
            body["original_height"].as_u64()
        ),
        (Some(3000), Some(4000))
    );
    let url = body["photo"]["url"].as_str().expect("url");
    let resp = fetch(&app, url, None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    let bytes = resp.bytes().await.expect("bytes");
    assert!(bytes.len() <= 1024 * 1024, "{} bytes", bytes.len());
    let img = image::load_from_memory(&bytes).expect("decodes").to_rgb8();
    assert_eq!(img.dimensions(), (500, 700));
    // Upright: the red half of the picture is on top.
    let top = img.get_pixel(250, 50).0;
    let bottom = img.get_pixel(250, 650).0;
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_small_compliant_png_is_kept_at_its_size() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (st, body) = json_of(
        app.upload(
            "/api/profile/photo",
            &token,
            "p.png",
            "image/png",
            fixtures::png(350, 490),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(
        (
            body["photo"]["width"].as_u64(),
            body["photo"]["height"].as_u64()
        ),
        (Some(350), Some(490))
    );
    assert_eq!(body["cropped"], false);
    app.stop().await;
}

#[tokio::test]
async fn every_photo_refusal_has_its_own_code() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let up = |name: &'static str, mime: &'static str, bytes: Vec<u8>| {
        app.upload("/api/profile/photo", &token, name, mime, bytes)
    };
    // A PDF renamed to .jpg.
    let pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".to_vec();
    assert_error(
        up("photo.jpg", "image/jpeg", pdf).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_image_type",
    )
    .await;
    // GIF is not accepted.
    assert_error(
        up("a.gif", "image/gif", b"GIF89a\x01\x00\x01\x00".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_image_type",
    )
    .await;
    // Corrupt JPEG (truncated).
    let mut broken = fixtures::jpeg(800, 1000);
    broken.truncate(300);
    assert_error(
        up("b.jpg", "image/jpeg", broken).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "corrupt_image",
    )
    .await;
    // Too small to be a usable photo.
    assert_error(
        up("s.jpg", "image/jpeg", fixtures::jpeg(120, 160)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "photo_too_small",
    )
    .await;
    // Decompression bomb: a tiny PNG declaring 30000×30000.
    assert_error(
        up(
            "bomb.png",
            "image/png",
            api::candidate::photo::png_header_only(30000, 30000),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "image_too_large_pixels",
    )
    .await;
    // Over the raw upload limit.
    let mut huge = fixtures::jpeg(100, 100);
    huge.resize(16 * 1024 * 1024, 0);
    let resp = up("huge.jpg", "image/jpeg", huge).await;
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // No file part at all.
    let form = reqwest::multipart::Form::new().text("other", "x");
    let resp = app
        .http
        .post(app.url("/api/profile/photo"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_error(resp, StatusCode::BAD_REQUEST, "file_missing").await;
    // A multipart body that is not multipart.
    let resp = app
        .http
        .post(app.url("/api/profile/photo"))
        .bearer_auth(&token)
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("this is not a multipart body")
        .send()
        .await
        .expect("send");
    assert_error(resp, StatusCode::BAD_REQUEST, "invalid_body").await;
    // Nothing was stored.
    let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert!(p["photo"].is_null());
    app.stop().await;
}

#[tokio::test]
async fn id_images_are_optional_limited_to_15mb_as_uploaded_and_removable() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register_candidate("Secret2026").await;
    let (st, f) = json_of(
        app.upload(
            "/api/profile/id-images/front",
            &token,
            "f.jpg",
            "image/jpeg",
            fixtures::jpeg(1200, 760),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{f}");
    let mut big = fixtures::jpeg(100, 100);
    big.resize(15 * 1024 * 1024 + 10, 0);
    assert_error(
        app.upload(
            "/api/profile/id-images/back",
            &token,
            "b.jpg",
            "image/jpeg",
            big,
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
    )
    .await;
    assert_error(
        app.upload(
            "/api/profile/id-images/side",
            &token,
            "b.jpg",
            "image/jpeg",
            fixtures::jpeg(800, 500),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert_eq!(p["id_front"]["id"], f["id"]);
    assert!(p["id_back"].is_null());
    assert_eq!(
        app.delete("/api/profile/id-images/front", Some(&token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let (_, p) = json_of(app.get("/api/profile", Some(&token)).await).await;
    assert!(p["id_front"].is_null());
    app.stop().await;
}

#[tokio::test]
async fn a_candidate_cannot_read_another_candidates_files() {
    let app = TestApp::spawn().await;
    let (a, _) = app.register_candidate("Secret2026").await;
    let (b, _) = app.register_candidate("Secret2026").await;
    let (_, body) = json_of(
        app.upload(
            "/api/profile/photo",
            &a,
            "a.jpg",
            "image/jpeg",
            fixtures::jpeg(600, 840),
        )
        .await,
    )
    .await;
    let id = body["photo"]["id"].as_str().expect("id");
    let signed = body["photo"]["url"].as_str().expect("url").to_string();
    let plain = format!("/api/files/{id}");
    assert_eq!(
        fetch(&app, &plain, Some(&a)).await.status(),
        StatusCode::OK,
        "the owner may"
    );
    assert_error(
        fetch(&app, &plain, Some(&b)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        fetch(&app, &plain, None).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    // A tampered signature or expiry is worthless.
    let tampered = signed.replace("sig=", "sig=00");
    assert_eq!(
        fetch(&app, &tampered, Some(&b)).await.status(),
        StatusCode::NOT_FOUND
    );
    let (path, query) = signed.split_once('?').expect("query");
    let exp: i64 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("exp="))
        .and_then(|v| v.parse().ok())
        .expect("exp");
    let later = format!(
        "{path}?{}",
        query.replace(&format!("exp={exp}"), &format!("exp={}", exp + 1000))
    );
    assert_eq!(
        fetch(&app, &later, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let staff = app.login_as_new("centre_reviewer", "reviewer1", None).await;
    assert_eq!(
        fetch(&app, &plain, Some(&staff)).await.status(),
        StatusCode::OK,
        "the centre may"
    );
    app.stop().await;
}
