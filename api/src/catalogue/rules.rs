//! Validation of catalogue entries and the starting set taken from the 2022 national classification.
use super::types::{LevelSpec, OccupationReq};
use crate::domain::enums;
use crate::error::{AppError, AppResult};
use entity::occupation;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

/// `d-dd-dd-dd`, the shape of the classification's occupation codes.
pub fn valid_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 4
        && parts
            .iter()
            .zip([1, 2, 2, 2])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A validated entry: trimmed, job types unique, levels known and unique, subjects known and unique.
pub fn validate(req: OccupationReq) -> AppResult<OccupationReq> {
    let code = req.code.trim().to_string();
    if !valid_code(&code) {
        return Err(AppError::bad(
            "invalid_occupation_code",
            "职业编码格式应为 X-XX-XX-XX，例如 6-31-01-03",
        ));
    }
    let name = req.name.trim().to_string();
    if !(2..=50).contains(&name.chars().count()) {
        return Err(AppError::bad(
            "invalid_occupation_name",
            "职业名称应为2至50个字",
        ));
    }
    let mut job_types: Vec<String> = Vec::new();
    for j in req
        .job_types
        .iter()
        .map(|j| j.trim())
        .filter(|j| !j.is_empty())
    {
        if j.chars().count() > 50 || job_types.iter().any(|x| x == j) {
            return Err(AppError::bad(
                "invalid_job_types",
                format!("工种/职业方向「{j}」过长或重复"),
            ));
        }
        job_types.push(j.to_string());
    }
    if req.levels.is_empty() {
        return Err(AppError::bad("invalid_levels", "请至少选择一个认定等级"));
    }
    let mut levels: Vec<LevelSpec> = Vec::new();
    for l in req.levels {
        if !enums::contains(enums::CERT_LEVELS, &l.level)
            || levels.iter().any(|x| x.level == l.level)
        {
            return Err(AppError::bad("invalid_levels", "认定等级无效或重复"));
        }
        let mut subjects: Vec<String> = Vec::new();
        for s in l.subjects {
            if !enums::contains(enums::SUBJECTS, &s) || subjects.contains(&s) {
                return Err(AppError::bad("invalid_subjects", "考核科目无效或重复"));
            }
            subjects.push(s);
        }
        if subjects.is_empty() {
            return Err(AppError::bad(
                "invalid_subjects",
                "每个等级至少需要一个考核科目",
            ));
        }
        levels.push(LevelSpec {
            level: l.level,
            subjects,
        });
    }
    Ok(OccupationReq {
        code,
        name,
        job_types,
        levels,
        active: req.active,
    })
}

#[derive(Deserialize)]
struct SeedEntry {
    code: String,
    name: String,
    job_types: Vec<String>,
    levels: Vec<String>,
}

/// Adds the occupations of the starting set that are missing (by code); never changes an existing entry, so the
/// administrator's edits survive restarts.
pub async fn ensure_seed(db: &impl ConnectionTrait) -> AppResult<usize> {
    let entries: Vec<SeedEntry> = serde_json::from_str(include_str!("seed.json"))
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut added = 0;
    for e in entries {
        let exists = occupation::Entity::find()
            .filter(occupation::Column::Code.eq(&e.code))
            .one(db)
            .await?;
        if exists.is_some() {
            continue;
        }
        let levels: Vec<LevelSpec> = e
            .levels
            .iter()
            .map(|l| LevelSpec {
                level: l.clone(),
                subjects: enums::default_subjects(l)
                    .iter()
                    .map(|s| (*s).to_string())
                    .collect(),
            })
            .collect();
        let now = crate::now();
        occupation::ActiveModel {
            code: Set(e.code),
            name: Set(e.name),
            job_types: Set(serde_json::json!(e.job_types)),
            levels: Set(serde_json::json!(levels)),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_the_classification_shape() {
        assert!(valid_code("6-31-01-03"));
        assert!(!valid_code("6-31-01"));
        assert!(!valid_code("63-1-01-03"));
        assert!(!valid_code("6-31-01-0a"));
    }

    #[test]
    fn the_starting_set_parses_and_its_codes_are_valid_and_unique() {
        let entries: Vec<SeedEntry> =
            serde_json::from_str(include_str!("seed.json")).expect("seed.json");
        assert!(entries.len() >= 15);
        let mut codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        assert!(codes.iter().all(|c| valid_code(c)));
        assert!(codes.contains(&"6-31-01-03"), "电工");
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), entries.len());
    }
}
