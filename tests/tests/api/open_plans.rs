use reqwest::StatusCode;
use serde_json::json;
use skillcert_tests::{TestApp, assert_error, json_of};

#[tokio::test]
async fn candidates_see_published_items_with_the_window_state_and_the_announcement() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010014", "公示测试学校").await;
    let (cand, _) = app.register_candidate("Secret2026").await;
    let (_, open) = json_of(app.get("/api/plans/open", Some(&cand)).await).await;
    assert_eq!(open, json!([]), "nothing published yet");
    let (plan, item) = app.open_plan(&staff).await;
    let future = app.draft_plan(&staff, 2, 6).await;
    app.add_item(&staff, &future, "6-31-01-03", "", "level3", &[])
        .await;
    app.publish(&staff, &future["id"]).await;
    let past = app.draft_plan(&staff, -6, -2).await;
    app.add_item(&staff, &past, "6-31-01-03", "", "level5", &[])
        .await;
    app.publish(&staff, &past["id"]).await;
    let hidden = app.draft_plan(&staff, -1, 5).await;
    app.add_item(&staff, &hidden, "6-31-01-03", "", "level2", &[])
        .await;

    let (st, open) = json_of(app.get("/api/plans/open", Some(&cand)).await).await;
    assert_eq!(st, StatusCode::OK);
    let by_level = |l: &str| {
        open.as_array()
            .and_then(|a| a.iter().find(|i| i["level"] == l))
            .cloned()
    };
    let now = by_level("level4").expect("open item");
    assert_eq!(
        (now["can_apply"].as_bool(), now["item_id"].as_i64()),
        (Some(true), Some(item))
    );
    assert_eq!(now["occupation_name"], "电工");
    assert_eq!(
        by_level("level3").expect("future")["closed_reason"],
        "not_started"
    );
    assert_eq!(by_level("level5").expect("past")["closed_reason"], "closed");
    assert!(
        by_level("level2").is_none(),
        "unpublished plans are not listed"
    );

    let (st, p) = json_of(
        app.get(&format!("/api/plans/{}", plan["id"]), Some(&cand))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    assert_eq!(p["announcement"], "本次认定考试面向社会公开报名。");
    assert_error(
        app.get(&format!("/api/plans/{}", hidden["id"]), Some(&cand))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Public notices (公示): the same without a session, or with a stale token, and shareable as links; an
    // unpublished plan stays hidden, and the plan's money pages beside them still need a login.
    let (st, anonymous) = json_of(app.get("/api/plans/open", None).await).await;
    assert_eq!((st, &anonymous), (StatusCode::OK, &open));
    let (st, anonymous) = json_of(
        app.get(&format!("/api/plans/{}", plan["id"]), Some("stale-token"))
            .await,
    )
    .await;
    assert_eq!((st, &anonymous), (StatusCode::OK, &p));
    assert_error(
        app.get(&format!("/api/plans/{}", hidden["id"]), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&format!("/api/plans/{}/payments", plan["id"]), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn the_open_list_is_cached_and_refreshed_when_a_plan_is_published() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010015", "缓存测试学校").await;
    let (cand, _) = app.register_candidate("Secret2026").await;
    app.open_plan(&staff).await;
    let (_, first) = json_of(app.get("/api/plans/open", Some(&cand)).await).await;
    assert_eq!(first.as_array().map(Vec::len), Some(1));
    let version = app
        .state
        .cache
        .get(api::plan::open_list::VERSION_KEY)
        .await
        .expect("cache")
        .expect("the list has a version after the first read");
    let cached = app
        .state
        .cache
        .get(&format!("plans:open:items:{version}"))
        .await
        .expect("cache");
    assert!(
        cached.is_some(),
        "its items are in the shared cache after the first read"
    );
    app.open_plan(&staff).await;
    let (_, second) = json_of(app.get("/api/plans/open", Some(&cand)).await).await;
    assert_eq!(
        second.as_array().map(Vec::len),
        Some(2),
        "publishing dropped the cached list"
    );
    app.stop().await;
}
