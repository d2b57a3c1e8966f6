//! A plan item's subjects: rows of `plan_subjects`, shown by the API as `Subject` (date `YYYY-MM-DD`, times
//! `HH:MM`). Read for many items in one query; replaced on an item edit keeping the row (and so the id that
//! sessions, seats and scores point at) of every subject that stays on the item.
use super::types::Subject;
use crate::error::{AppError, AppResult};
use chrono::{NaiveDate, NaiveTime};
use entity::plan_subject;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

pub fn to_api(m: &plan_subject::Model) -> Subject {
    let hm = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    Subject {
        subject: m.subject.clone(),
        answer_mode: m.answer_mode.clone(),
        date: m.exam_date.map(|d| d.format("%Y-%m-%d").to_string()),
        start: hm(m.start_time),
        end: hm(m.end_time),
    }
}

/// The subjects of each of `item_ids`, in their order (items without subjects are absent).
pub async fn of_items(
    db: &impl ConnectionTrait,
    item_ids: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, Vec<Subject>>> {
    let ids: Vec<i32> = item_ids.into_iter().collect();
    let mut out: HashMap<i32, Vec<Subject>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = plan_subject::Entity::find()
        .filter(plan_subject::Column::ItemId.is_in(ids))
        .order_by_asc(plan_subject::Column::ItemId)
        .order_by_asc(plan_subject::Column::Position)
        .all(db)
        .await?;
    for r in &rows {
        out.entry(r.item_id).or_default().push(to_api(r));
    }
    Ok(out)
}

/// The subjects of one item, in order.
pub async fn of_item(db: &impl ConnectionTrait, item_id: i32) -> AppResult<Vec<Subject>> {
    Ok(of_items(db, [item_id])
        .await?
        .remove(&item_id)
        .unwrap_or_default())
}

fn bad_time() -> AppError {
    AppError::bad("invalid_subjects", "考试日期或时间格式不正确")
}

fn date_of(s: &Option<String>) -> AppResult<Option<NaiveDate>> {
    s.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad_time()))
        .transpose()
}

fn time_of(s: &Option<String>) -> AppResult<Option<NaiveTime>> {
    s.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| bad_time()))
        .transpose()
}

/// Makes the item's subjects exactly `subjects` (already validated by `rules::validate_subjects`): a subject
/// that stays keeps its row and id, a new one gets a row, a dropped one loses its row.
pub async fn replace(
    db: &impl ConnectionTrait,
    item_id: i32,
    subjects: &[Subject],
) -> AppResult<()> {
    let old = plan_subject::Entity::find()
        .filter(plan_subject::Column::ItemId.eq(item_id))
        .all(db)
        .await?;
    let gone: Vec<i32> = old
        .iter()
        .filter(|o| !subjects.iter().any(|s| s.subject == o.subject))
        .map(|o| o.id)
        .collect();
    if !gone.is_empty() {
        plan_subject::Entity::delete_many()
            .filter(plan_subject::Column::Id.is_in(gone))
            .exec(db)
            .await?;
    }
    for (pos, s) in subjects.iter().enumerate() {
        let (date, start, end) = (date_of(&s.date)?, time_of(&s.start)?, time_of(&s.end)?);
        let position = i32::try_from(pos).unwrap_or(i32::MAX);
        match old.iter().find(|o| o.subject == s.subject) {
            Some(o) => {
                let same = o.position == position
                    && o.answer_mode == s.answer_mode
                    && o.exam_date == date
                    && o.start_time == start
                    && o.end_time == end;
                if !same {
                    let mut am: plan_subject::ActiveModel = o.clone().into();
                    am.position = Set(position);
                    am.answer_mode = Set(s.answer_mode.clone());
                    am.exam_date = Set(date);
                    am.start_time = Set(start);
                    am.end_time = Set(end);
                    am.update(db).await?;
                }
            }
            None => {
                plan_subject::ActiveModel {
                    item_id: Set(item_id),
                    position: Set(position),
                    subject: Set(s.subject.clone()),
                    answer_mode: Set(s.answer_mode.clone()),
                    exam_date: Set(date),
                    start_time: Set(start),
                    end_time: Set(end),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}
