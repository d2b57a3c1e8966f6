//! What an institution's staff may see of a candidate. An institution that enters a person who already has an
//! account (registered by themselves or entered by another institution) learns nothing from it: its staff see
//! what their own entries supplied (and the documents of the applications made with them), until the candidate
//! applies through the institution online or the institution's entry created the account; then they see the
//! profile. Every staff view of a candidate (registration, fields, form) goes through [`seen_by`].
use super::entrant::Entrant;
use crate::error::AppResult;
use entity::{candidate_profile, institution_entry, registration, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The fields an institution's entries supplied (the latest value of each).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Supplied {
    pub mobile: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub education: Option<String>,
    pub school_or_employer: Option<String>,
    pub work_years: Option<i32>,
    pub photo_file_id: Option<Uuid>,
}

impl Supplied {
    fn from_entry(e: &Entrant, photo: Option<Uuid>) -> Self {
        Self {
            mobile: Some(e.mobile.clone()),
            gender: e.gender.clone(),
            birth_date: e.birth_date,
            ethnicity: e.ethnicity.clone(),
            hukou_type: e.hukou_type.clone(),
            hukou_address: e.hukou_address.clone(),
            candidate_source: e.candidate_source.clone(),
            education: e.education.clone(),
            school_or_employer: e.school_or_employer.clone(),
            work_years: e.work_years,
            photo_file_id: photo,
        }
    }

    /// A later entry's values replace earlier ones; what it leaves empty stays.
    fn merged(self, newer: Self) -> Self {
        Self {
            mobile: newer.mobile.or(self.mobile),
            gender: newer.gender.or(self.gender),
            birth_date: newer.birth_date.or(self.birth_date),
            ethnicity: newer.ethnicity.or(self.ethnicity),
            hukou_type: newer.hukou_type.or(self.hukou_type),
            hukou_address: newer.hukou_address.or(self.hukou_address),
            candidate_source: newer.candidate_source.or(self.candidate_source),
            education: newer.education.or(self.education),
            school_or_employer: newer.school_or_employer.or(self.school_or_employer),
            work_years: newer.work_years.or(self.work_years),
            photo_file_id: newer.photo_file_id.or(self.photo_file_id),
        }
    }
}

/// How much of a candidate an institution sees.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// The account and profile as they are.
    Full,
    /// Only what the institution's entries supplied.
    Entered(Box<Supplied>),
}

/// Records what an institution's entry supplied for `user_id` (and whether it created the account).
pub async fn record_entry(
    db: &impl ConnectionTrait,
    institution_id: i32,
    user_id: i32,
    e: &Entrant,
    photo: Option<Uuid>,
    created: bool,
) -> AppResult<()> {
    let now = crate::now();
    let new = Supplied::from_entry(e, photo);
    match institution_entry::Entity::find_by_id((institution_id, user_id))
        .one(db)
        .await?
    {
        Some(old) => {
            let before: Supplied = serde_json::from_value(old.supplied.clone()).unwrap_or_default();
            let created_account = old.created_account || created;
            let mut am: institution_entry::ActiveModel = old.into();
            am.supplied =
                Set(serde_json::to_value(before.merged(new)).map_err(anyhow::Error::from)?);
            am.created_account = Set(created_account);
            am.updated_at = Set(now);
            am.update(db).await?;
        }
        None => {
            institution_entry::ActiveModel {
                institution_id: Set(institution_id),
                user_id: Set(user_id),
                supplied: Set(serde_json::to_value(new).map_err(anyhow::Error::from)?),
                created_account: Set(created),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The views of an institution on several candidates: two queries, whatever their number.
pub async fn views(
    db: &impl ConnectionTrait,
    institution_id: i32,
    user_ids: &[i32],
) -> AppResult<HashMap<i32, View>> {
    let applied: HashSet<i32> = registration::Entity::find()
        .select_only()
        .column(registration::Column::UserId)
        .filter(registration::Column::InstitutionId.eq(institution_id))
        .filter(registration::Column::UserId.is_in(user_ids.to_vec()))
        .filter(registration::Column::Source.eq("online"))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let entries: HashMap<i32, institution_entry::Model> = institution_entry::Entity::find()
        .filter(institution_entry::Column::InstitutionId.eq(institution_id))
        .filter(institution_entry::Column::UserId.is_in(user_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.user_id, e))
        .collect();
    Ok(user_ids
        .iter()
        .map(|id| {
            let view = match entries.get(id) {
                _ if applied.contains(id) => View::Full,
                Some(e) if e.created_account => View::Full,
                Some(e) => View::Entered(Box::new(
                    serde_json::from_value(e.supplied.clone()).unwrap_or_default(),
                )),
                None => View::Entered(Box::default()),
            };
            (*id, view)
        })
        .collect())
}

/// The account and profile as `view` lets them be seen: unchanged, or only the supplied fields.
pub fn apply(
    view: &View,
    u: user::Model,
    p: candidate_profile::Model,
) -> (user::Model, candidate_profile::Model) {
    let View::Entered(s) = view else {
        return (u, p);
    };
    let s = (**s).clone();
    let p = candidate_profile::Model {
        user_id: p.user_id,
        gender: s.gender,
        birth_date: s.birth_date,
        ethnicity: s.ethnicity,
        hukou_type: s.hukou_type,
        hukou_address: s.hukou_address,
        candidate_source: s.candidate_source,
        enrollment_date: None,
        work_years: s.work_years,
        school_or_employer: s.school_or_employer,
        education: s.education,
        prev_cert_level: None,
        prev_cert_number: None,
        prev_cert_date: None,
        photo_file_id: s.photo_file_id,
        // The ID card's chip photo is an ID image: another institution's entry never shows it.
        chip_photo_file_id: None,
        id_front_file_id: None,
        id_back_file_id: None,
        updated_at: p.updated_at,
    };
    (
        user::Model {
            mobile: s.mobile,
            ..u
        },
        p,
    )
}

/// The account and profile of one candidate as the viewer `s` may see them (staff: their institution's view).
pub async fn seen_by(
    db: &impl ConnectionTrait,
    s: &crate::auth::session::Session,
    u: user::Model,
    p: candidate_profile::Model,
) -> AppResult<(user::Model, candidate_profile::Model)> {
    match (s.role.as_str(), s.institution_id) {
        ("staff", Some(inst)) => {
            let view = views(db, inst, &[u.id])
                .await?
                .remove(&u.id)
                .unwrap_or(View::Entered(Box::default()));
            Ok(apply(&view, u, p))
        }
        _ => Ok((u, p)),
    }
}
