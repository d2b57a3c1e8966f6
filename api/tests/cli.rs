//! The `skillcert-api` command line: migrations, the first administrator, and idempotent demo data.
use sea_orm::{ColumnTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use std::process::Command;

fn run(db_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skillcert-api"))
        .args(args)
        .env("APP__DATABASE__URL", db_url)
        .env("APP__LOG__LEVEL", "warn")
        .env("ADMIN_PASSWORD", "FirstAdmin1")
        .output()
        .expect("run skillcert-api")
}

#[tokio::test]
async fn the_cli_migrates_creates_the_first_admin_and_seeds_demo_data_once() {
    let file = std::env::temp_dir().join(format!("skillcert-cli-{}.db", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}?mode=rwc", file.display());
    for args in [
        &["migrate"][..],
        &["create-admin", "--username", "chief"],
        &["seed-demo"],
        &["seed-demo"],
    ] {
        let out = run(&url, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let db = Database::connect(&url).await.expect("db");
    let chief = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("chief"))
        .one(&db)
        .await
        .expect("query")
        .expect("the first administrator exists");
    assert_eq!(chief.role, "admin");
    assert!(chief.password_hash.starts_with("$argon2id$"));
    // Demo data: one institution, five demo accounts plus the administrator; the second run added nothing.
    assert_eq!(
        entity::institution::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        entity::user::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        6
    );
    let _ = std::fs::remove_file(file);
}
