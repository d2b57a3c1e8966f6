//! A password reset by the institution that entered the candidate: for a candidate who cannot use 忘记密码
//! (no mobile number recorded, a wrong one, or a lost phone). The staff member checks the person in front of
//! them and hands over a random temporary password, shown once, which must be replaced at the next login.
//! Only the institution whose entry created the account may do this; anyone else is told the account is not
//! theirs to reset.
use crate::audit::{self, Event};
use crate::auth::identity::PASSWORD_RESET_BY_INSTITUTION;
use crate::auth::limits::Limiter;
use crate::auth::{password, session};
use crate::error::{AppError, AppResult};
use crate::state::DepotExt;
use entity::user;
use salvo::oapi::ToSchema;
use salvo::oapi::extract::PathParam;
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use serde::Serialize;
use serde_json::json;
use std::time::Duration;

#[derive(Debug, Serialize, ToSchema)]
pub struct InstitutionResetResp {
    /// The temporary password, shown this once; the candidate must change it at the next login.
    pub temporary_password: String,
}

/// Ten characters, five letters then five digits, without look-alikes (no i, l, o, 0, 1).
fn temporary_password() -> AppResult<String> {
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
    const DIGITS: &[u8] = b"23456789";
    let mut buf = [0u8; 10];
    getrandom::fill(&mut buf).map_err(|e| AppError::Internal(anyhow::anyhow!("getrandom: {e}")))?;
    Ok(buf
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let set = if i < 5 { LETTERS } else { DIGITS };
            set[*b as usize % set.len()] as char
        })
        .collect())
}

/// Reset the password of a candidate this institution entered (a temporary password, shown once).
#[endpoint(tags("registrations"), status_codes(200, 403, 404))]
pub async fn reset_candidate_password(
    id: PathParam<i32>,
    depot: &mut Depot,
) -> AppResult<Json<InstitutionResetResp>> {
    let st = depot.state()?;
    let s = depot.session()?;
    s.require_role(&["staff"])?;
    let u = user::Entity::find_by_id(id.into_inner())
        .one(&st.db)
        .await?
        .filter(|u| u.role == "candidate")
        .ok_or_else(|| AppError::not_found("not_found", "账号不存在"))?;
    if s.institution_id.is_none() || u.entered_by_institution_id != s.institution_id {
        return Err(AppError::forbidden(
            "not_entered_here",
            "该考生账号不是本机构录入的，请考生使用忘记密码或联系评价中心",
        ));
    }
    let temporary = temporary_password()?;
    let hash = password::hash(temporary.clone()).await?;
    let txn = st.db.begin().await?;
    let mut am: user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(true);
    am.updated_at = Set(crate::now());
    let u = am.update(&txn).await?;
    let ev = Event {
        after: Some(json!({ "must_change_password": true, "institution_id": s.institution_id })),
        ..Event::by(
            s.user_id,
            PASSWORD_RESET_BY_INSTITUTION,
            "user",
            u.id,
            depot.client_ip(),
        )
    };
    audit::record(&txn, ev).await?;
    txn.commit().await?;
    let ttl = Duration::from_secs(st.settings.auth.session_ttl_secs);
    session::end_all(&st.cache, ttl, u.id).await?;
    let limiter = Limiter {
        cache: &st.cache,
        cfg: &st.settings.auth,
    };
    limiter.unlock(&u.login).await?;
    Ok(Json(InstitutionResetResp {
        temporary_password: temporary,
    }))
}
