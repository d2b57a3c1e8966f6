//! Corrections of candidate data (考生信息修改): requested by the institution, decided by the centre.
pub mod fields;
pub mod handlers;
pub mod review;
pub mod types;

use crate::auth::roles::{Allow, REVIEWER, STAFF, STAFF_OR_CENTRE};
use salvo::Router;

pub fn router() -> Router {
    Router::new()
        .push(
            Router::with_path("staff/candidates")
                .allow(STAFF)
                .get(handlers::search_candidates)
                .push(Router::with_path("{user_id}").get(handlers::get_candidate_fields)),
        )
        .push(
            Router::with_path("corrections")
                .push(
                    Router::new()
                        .allow(STAFF_OR_CENTRE)
                        .get(handlers::list_corrections)
                        .push(Router::with_path("{id}").get(handlers::get_correction)),
                )
                .push(Router::new().allow(STAFF).post(handlers::create_correction))
                .push(
                    Router::with_path("{id}")
                        .allow(REVIEWER)
                        .push(Router::with_path("approve").post(review::approve_correction))
                        .push(Router::with_path("reject").post(review::reject_correction)),
                ),
        )
}
