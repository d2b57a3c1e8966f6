//! Plan item subjects are rows of `plan_subjects`: the API shape is unchanged, a subject that stays on an item
//! keeps its id across edits, and the migration carries existing JSON arrays over (and back on rollback).
use entity::plan_subject;
use migration::MigratorTrait;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use skillcert_tests::{TestApp, json_of};

async fn rows(app: &TestApp, item: i64) -> Vec<plan_subject::Model> {
    plan_subject::Entity::find()
        .filter(plan_subject::Column::ItemId.eq(item as i32))
        .order_by_asc(plan_subject::Column::Position)
        .all(&app.state.db)
        .await
        .expect("subjects")
}

async fn subjects_of(app: &TestApp, staff: &str, plan_id: &Value) -> Value {
    let (st, p) = json_of(
        app.get(&format!("/api/staff/plans/{plan_id}"), Some(staff))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    p["items"][0]["subjects"].clone()
}

#[tokio::test]
async fn subjects_are_rows_that_keep_their_ids_and_survive_the_migration_both_ways() {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44010078", "科目行学校").await;
    let plan = app.draft_plan(&staff, 1, 10).await;
    let item = app
        .add_item(&staff, &plan, "6-31-01-03", "", "level2", &[])
        .await;
    let item_id = item["id"].as_i64().expect("item id");
    let shown = subjects_of(&app, &staff, &plan["id"]).await;
    let names: Vec<&str> = shown
        .as_array()
        .expect("subjects")
        .iter()
        .filter_map(|s| s["subject"].as_str())
        .collect();
    assert_eq!(names, ["theory", "practical", "review"], "{shown}");
    let before = rows(&app, item_id).await;
    assert_eq!(before.len(), 3);
    assert_eq!(
        before[0].start_time.map(|t| t.format("%H:%M").to_string()),
        shown[0]["start"].as_str().map(str::to_string),
        "typed times read back as HH:MM"
    );

    // Edit: review dropped, the practical exam moved; the staying subjects keep their rows.
    let mut edited = shown.as_array().expect("subjects").clone();
    edited.pop();
    edited[1]["start"] = json!("15:00");
    edited[1]["end"] = json!("17:30");
    let body = json!({ "occupation_id": item["occupation_id"], "job_type": "", "level": "level2",
        "fee_fen": item["fee_fen"], "expected_count": 50, "required_documents": [], "subjects": edited });
    let (st, resp) = json_of(
        app.put(
            &format!("/api/staff/plans/{}/items/{item_id}", plan["id"]),
            Some(&staff),
            &body,
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{resp}");
    assert_eq!(resp["subjects"], Value::Array(edited.clone()));
    let after = rows(&app, item_id).await;
    assert_eq!(
        after.iter().map(|r| r.id).collect::<Vec<_>>(),
        before[..2].iter().map(|r| r.id).collect::<Vec<_>>(),
        "theory and practical keep their ids; review is gone"
    );
    // An impossible time is refused and changes nothing.
    let mut bad = body.clone();
    bad["subjects"][0]["start"] = json!("25:61");
    let resp = app
        .put(
            &format!("/api/staff/plans/{}/items/{item_id}", plan["id"]),
            Some(&staff),
            &bad,
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(rows(&app, item_id).await, after);

    // Roll the migration back: the JSON column comes back with the same content; forward again: the same rows.
    let db = &app.state.db;
    migration::Migrator::down(db, Some(1)).await.expect("down");
    let back = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT CAST(subjects AS TEXT) AS s FROM plan_items WHERE id = {item_id}"),
        ))
        .await
        .expect("query")
        .expect("row");
    let json_text: String = back.try_get("", "s").expect("text");
    let json_back: Value = serde_json::from_str(&json_text).expect("json");
    assert_eq!(json_back, Value::Array(edited.clone()));
    migration::Migrator::up(db, None).await.expect("up");
    assert_eq!(
        subjects_of(&app, &staff, &plan["id"]).await,
        Value::Array(edited)
    );
    app.stop().await;
}
