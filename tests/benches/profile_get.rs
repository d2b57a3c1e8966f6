//! Authenticated `GET /api/profile` (session lookup in the cache, two queries, signed file links) against the same
//! server's `GET /healthz` as the baseline, over real HTTP on loopback.
use criterion::{Criterion, criterion_group, criterion_main};
use skillcert_tests::TestApp;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (app, token) = rt.block_on(async {
        let app = TestApp::spawn().await;
        let (token, _) = app.register_candidate("Secret2026").await;
        (app, token)
    });
    let mut g = c.benchmark_group("http");
    g.bench_function("healthz (baseline)", |b| {
        b.to_async(&rt)
            .iter(|| async { app.get("/healthz", None).await.bytes().await.expect("body") })
    });
    g.bench_function("GET /api/profile (authenticated)", |b| {
        b.to_async(&rt).iter(|| async {
            app.get("/api/profile", Some(&token))
                .await
                .bytes()
                .await
                .expect("body")
        })
    });
    g.finish();
    rt.block_on(app.stop());
}

criterion_group!(benches, bench);
criterion_main!(benches);
