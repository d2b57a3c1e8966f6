//! A plan item's subjects become rows (`plan_subjects`) instead of a JSON array on the item, so that exam
//! sessions, seats, attendance and scores can point at a subject by id. The existing arrays are copied in order
//! (dates and times typed), then the JSON column is dropped. Down restores the column from the rows.
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COPY_POSTGRES: &str = r#"
INSERT INTO plan_subjects (item_id, position, subject, answer_mode, exam_date, start_time, end_time)
SELECT i.id, (t.ord - 1)::int, t.e->>'subject', COALESCE(t.e->>'answer_mode', ''),
       NULLIF(t.e->>'date', '')::date, NULLIF(t.e->>'start', '')::time, NULLIF(t.e->>'end', '')::time
FROM plan_items i, json_array_elements(i.subjects::json) WITH ORDINALITY AS t(e, ord)
WHERE t.e->>'subject' IS NOT NULL"#;

const COPY_SQLITE: &str = r#"
INSERT INTO plan_subjects (item_id, position, subject, answer_mode, exam_date, start_time, end_time)
SELECT i.id, CAST(j.key AS INTEGER), json_extract(j.value, '$.subject'),
       COALESCE(json_extract(j.value, '$.answer_mode'), ''),
       NULLIF(json_extract(j.value, '$.date'), ''),
       NULLIF(json_extract(j.value, '$.start'), '') || ':00',
       NULLIF(json_extract(j.value, '$.end'), '') || ':00'
FROM plan_items i, json_each(i.subjects) j
WHERE json_extract(j.value, '$.subject') IS NOT NULL"#;

const BACK_POSTGRES: &str = r#"
UPDATE plan_items SET subjects = COALESCE((
  SELECT json_agg(json_build_object('subject', s.subject, 'answer_mode', s.answer_mode,
           'date', to_char(s.exam_date, 'YYYY-MM-DD'), 'start', to_char(s.start_time, 'HH24:MI'),
           'end', to_char(s.end_time, 'HH24:MI')) ORDER BY s.position)
  FROM plan_subjects s WHERE s.item_id = plan_items.id), '[]'::json)"#;

const BACK_SQLITE: &str = r#"
UPDATE plan_items SET subjects = COALESCE((
  SELECT json_group_array(json_object('subject', s.subject, 'answer_mode', s.answer_mode,
           'date', s.exam_date, 'start', substr(s.start_time, 1, 5), 'end', substr(s.end_time, 1, 5)))
  FROM (SELECT * FROM plan_subjects WHERE item_id = plan_items.id ORDER BY position) s), '[]')"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PlanSubjects::Table)
                .col(pk_auto(PlanSubjects::Id))
                .col(integer(PlanSubjects::ItemId))
                .col(integer(PlanSubjects::Position))
                .col(string(PlanSubjects::Subject))
                .col(string(PlanSubjects::AnswerMode))
                .col(date_null(PlanSubjects::ExamDate))
                .col(time_null(PlanSubjects::StartTime))
                .col(time_null(PlanSubjects::EndTime))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_plan_subjects_item")
                        .from(PlanSubjects::Table, PlanSubjects::ItemId)
                        .to(PlanItems::Table, PlanItems::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_plan_subjects_item_subject")
                .table(PlanSubjects::Table)
                .col(PlanSubjects::ItemId)
                .col(PlanSubjects::Subject)
                .unique()
                .to_owned(),
        )
        .await?;
        // Sessions are found by date (all subjects sharing a window share a session).
        m.create_index(
            Index::create()
                .name("ix_plan_subjects_date")
                .table(PlanSubjects::Table)
                .col(PlanSubjects::ExamDate)
                .col(PlanSubjects::StartTime)
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let copy = match m.get_database_backend() {
            DatabaseBackend::Postgres => COPY_POSTGRES,
            _ => COPY_SQLITE,
        };
        db.execute_unprepared(copy).await?;
        db.execute_unprepared("ALTER TABLE plan_items DROP COLUMN subjects")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanItems::Table)
                .add_column(json(PlanItems::Subjects).default("[]"))
                .to_owned(),
        )
        .await?;
        let back = match m.get_database_backend() {
            DatabaseBackend::Postgres => BACK_POSTGRES,
            _ => BACK_SQLITE,
        };
        m.get_connection().execute_unprepared(back).await?;
        m.drop_table(Table::drop().table(PlanSubjects::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PlanItems {
    Table,
    Id,
    Subjects,
}

#[derive(DeriveIden)]
enum PlanSubjects {
    Table,
    Id,
    ItemId,
    Position,
    Subject,
    AnswerMode,
    ExamDate,
    StartTime,
    EndTime,
}
