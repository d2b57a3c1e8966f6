//! Exam plans (认定计划): staff create, configure, confirm and publish them; candidates browse the open ones.
pub mod business;
pub mod handlers;
pub mod items;
pub mod open_list;
pub mod public;
pub mod rules;
pub mod service;
pub mod subjects;
pub mod types;

use crate::auth::roles::{Allow, CENTRE, REVIEWER, STAFF, STAFF_OR_CENTRE};
use salvo::Router;

pub fn router() -> Router {
    Router::new()
        // The centre reads a plan's detail (its own list is /centre/plans); every change is the staff's.
        .push(
            Router::with_path("staff/plans/{id}")
                .allow(STAFF_OR_CENTRE)
                .get(handlers::get_plan),
        )
        .push(
            Router::with_path("staff/plans")
                .allow(STAFF)
                .get(handlers::list_plans)
                .post(handlers::create_plan)
                .push(
                    Router::with_path("{id}")
                        .put(handlers::update_plan)
                        .delete(handlers::delete_plan)
                        .push(Router::with_path("items").post(items::create_item))
                        .push(
                            Router::with_path("items/{item_id}")
                                .put(items::update_item)
                                .delete(items::delete_item),
                        )
                        .push(Router::with_path("confirm").post(business::confirm_plan))
                        .push(Router::with_path("publish").post(business::publish_plan))
                        .push(Router::with_path("submit").post(business::submit_plan))
                        .push(Router::with_path("end").post(business::end_plan)),
                ),
        )
        .push(
            Router::with_path("centre/plans")
                .push(Router::new().allow(CENTRE).get(business::list_centre_plans))
                .push(
                    Router::with_path("{id}/reopen")
                        .allow(REVIEWER)
                        .post(business::reopen_plan),
                ),
        )
}

/// The published plans' announcements (公示信息) and the list of open items: public notices, the same for every
/// reader, answered without a session (so without the session check's cache round trip) and shareable as links.
/// Mounted before the `/api` authentication hoop.
pub fn public_router() -> Router {
    Router::with_path("plans")
        .push(Router::with_path("open").get(public::list_open_items))
        .push(Router::with_path("{id}").get(public::get_public_plan))
}
