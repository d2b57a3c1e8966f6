//! Payment notifications processed per second — verify the signature on the raw body, decrypt the resource with
//! the APIv3 key, check it and settle the order in a transaction — against the same server's `GET /healthz`.
//! Each measured notification pays a different open order (a pool prepared beforehand); a second case replays an
//! already-applied notification (verify + decrypt + lookup, no state change).
use criterion::{Criterion, criterion_group, criterion_main};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use skillcert_tests::TestApp;
use skillcert_tests::payments::{notification, paid_transaction};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const POOL: usize = 4000;

type Note = (Vec<(String, String)>, String);

async fn pool(app: &TestApp) -> Vec<Note> {
    let (staff, _) = app.institution_with_staff("44019901", "压测学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().expect("plan") as i32;
    let inst = plan["institution_id"]
        .as_i64()
        .map(|v| v as i32)
        .unwrap_or_default();
    let fee = entity::plan_item::Entity::find_by_id(item as i32)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("item")
        .fee_fen;
    let mut seen = std::collections::HashSet::new();
    let mut notes = Vec::with_capacity(POOL);
    while notes.len() < POOL {
        let id = skillcert_tests::fixtures::random_resident_id();
        if !seen.insert(id.clone()) {
            continue;
        }
        let u = api::auth::registration::insert_candidate(
            &app.state.db,
            api::auth::registration::NewCandidate {
                name: "压测考生".into(),
                id_type: "resident_id".into(),
                id_number: id,
                mobile: None,
                password_hash: "x".into(),
                must_change_password: false,
                entered_by: None,
            },
        )
        .await
        .expect("candidate");
        let reg = uuid::Uuid::new_v4();
        let now = api::now();
        entity::registration::ActiveModel {
            id: Set(reg),
            plan_id: Set(plan_id),
            item_id: Set(item as i32),
            user_id: Set(u.id),
            institution_id: Set(inst),
            status: Set("approved".into()),
            payment_status: Set("unpaid".into()),
            reason: Set(None),
            source: Set("manual".into()),
            documents: Set(serde_json::json!([])),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&app.state.db)
        .await
        .expect("registration");
        let no = format!(
            "SKBENCH{:010}{}",
            notes.len(),
            &reg.simple().to_string()[..8]
        );
        let openid = format!("oBench{:022}", notes.len());
        entity::pay_order::ActiveModel {
            registration_id: Set(reg),
            user_id: Set(u.id),
            plan_id: Set(plan_id),
            institution_id: Set(inst),
            out_trade_no: Set(no.clone()),
            app_id: Set(app.state.settings.wechat.mp_app_id.clone()),
            channel: Set("mp".into()),
            openid: Set(openid.clone()),
            amount_fen: Set(fee),
            description: Set("报名费".into()),
            attach: Set(String::new()),
            status: Set("open".into()),
            prepay_id: Set(None),
            prepay_at: Set(None),
            expires_at: Set(now + chrono::Duration::hours(1)),
            transaction_id: Set(None),
            paid_at: Set(None),
            payer_openid: Set(None),
            bank_type: Set(None),
            late: Set(false),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .expect("order");
        notes.push(notification(
            &paid_transaction(app, &no, fee, &openid),
            "transaction",
            wechat_sim::SIM_APIV3_KEY,
        ));
    }
    notes
}

async fn post(app: &TestApp, n: &Note) {
    let mut rb = app.http.post(app.url("/api/pay/notify")).body(n.1.clone());
    for (k, v) in &n.0 {
        rb = rb.header(k.as_str(), v.as_str());
    }
    let st = rb.send().await.expect("notify").status();
    assert_eq!(st.as_u16(), 204);
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (app, notes) = rt.block_on(async {
        let app = TestApp::spawn().await;
        let notes = pool(&app).await;
        (app, notes)
    });
    let next = AtomicUsize::new(0);
    let mut g = c.benchmark_group("notify");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("healthz (baseline)", |b| {
        b.to_async(&rt)
            .iter(|| async { app.get("/healthz", None).await.bytes().await.expect("body") })
    });
    g.bench_function("notify: verify + decrypt + settle a new payment", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (app, notes, next) = (&app, &notes, &next);
            async move {
                let start = Instant::now();
                for _ in 0..iters {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    post(app, &notes[i % notes.len()]).await;
                }
                start.elapsed()
            }
        })
    });
    let used = next.load(Ordering::Relaxed);
    g.bench_function("notify: replay of an applied notification", |b| {
        b.to_async(&rt)
            .iter(|| async { post(&app, &notes[0]).await })
    });
    g.finish();
    eprintln!(
        "new-payment notifications sent: {used} (pool {POOL}; beyond the pool they are replays)"
    );
    let paid = rt.block_on(async {
        entity::pay_order::Entity::find()
            .filter(entity::pay_order::Column::Status.eq("paid"))
            .all(&app.state.db)
            .await
            .map(|v| v.len())
    });
    eprintln!("orders paid: {paid:?}");
    rt.block_on(app.stop());
}

criterion_group!(benches, bench);
criterion_main!(benches);
