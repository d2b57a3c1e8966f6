//! The cache contract, on whichever store the run uses (in-process, or Redis when REDIS_URL is set).
use skillcert_tests::TestApp;
use std::time::Duration;

#[tokio::test]
async fn take_is_atomic_under_concurrency_and_counters_keep_their_window() {
    let app = TestApp::spawn().await;
    let cache = app.state.cache.clone();
    cache
        .set("once", "v", Duration::from_secs(30))
        .await
        .expect("set");
    let takers = (0..20).map(|_| {
        let c = cache.clone();
        tokio::spawn(async move { c.take("once").await.expect("take") })
    });
    let mut got = 0;
    for t in takers {
        got += usize::from(t.await.expect("join").is_some());
    }
    assert_eq!(
        got, 1,
        "exactly one of 20 concurrent takers gets a one-time value"
    );
    assert_eq!(
        cache
            .incr("n", Duration::from_secs(30))
            .await
            .expect("incr"),
        1
    );
    assert_eq!(
        cache
            .incr("n", Duration::from_secs(30))
            .await
            .expect("incr"),
        2
    );
    let ttl = cache.ttl("n").await.expect("ttl").expect("has ttl");
    assert!((1..=30).contains(&ttl));
    cache.del("n").await.expect("del");
    assert_eq!(cache.get("n").await.expect("get"), None);
    app.stop().await;
}
