//! Registrations (报名): the candidate's wizard and 我的报名, the institution's entry routes and review, and the
//! plan's registration report.
mod account_reset;
pub mod candidate;
pub mod disclosure;
pub mod eligibility;
pub mod entrant;
pub mod entry;
pub mod entry_support;
pub mod form;
pub mod import;
mod import_rows;
pub mod orphans;
pub mod render;
pub mod report;
pub mod review;
mod review_docs;
pub mod service;
pub mod state;
pub mod types;

use crate::auth::roles::{ANY, Allow, CANDIDATE, STAFF, STAFF_OR_CENTRE};
use crate::candidate::uploads::DOC_UPLOAD_MAX;
use salvo::Router;
use salvo::http::request::SecureMaxSize;

pub fn router() -> Router {
    Router::new()
        .push(
            Router::with_path("registrations")
                .push(
                    Router::new()
                        .allow(CANDIDATE)
                        .post(candidate::apply)
                        .push(
                            Router::with_path("documents")
                                .hoop(SecureMaxSize::new(DOC_UPLOAD_MAX + 128 * 1024))
                                .post(candidate::upload_document),
                        )
                        .push(
                            Router::with_path("mine")
                                .get(candidate::list_mine)
                                .push(Router::with_path("items").get(eligibility::list_my_items)),
                        )
                        .push(
                            Router::with_path("eligibility/{item_id}")
                                .get(eligibility::get_eligibility),
                        )
                        .push(
                            Router::with_path("{id}")
                                .get(candidate::get_registration)
                                .put(candidate::edit_registration)
                                .push(
                                    Router::with_path("withdraw")
                                        .post(candidate::withdraw_registration),
                                ),
                        ),
                )
                // The candidate, the plan's institution and the centre print the form.
                .push(
                    Router::with_path("{id}")
                        .allow(ANY)
                        .push(Router::with_path("form").get(form::get_form))
                        .push(Router::with_path("form.png").get(form::download_png))
                        .push(Router::with_path("form.pdf").get(form::download_pdf)),
                ),
        )
        .push(
            Router::with_path("staff")
                .push(
                    Router::with_path("plans/{id}")
                        .allow(STAFF_OR_CENTRE)
                        .push(
                            Router::with_path("registrations").get(review::list_plan_registrations),
                        )
                        .push(Router::with_path("report").get(report::get_report))
                        .push(Router::with_path("report.xlsx").get(report::download_report)),
                )
                .push(
                    Router::with_path("registrations/{id}")
                        .allow(STAFF_OR_CENTRE)
                        .get(review::get_staff_registration),
                )
                .push(
                    Router::new()
                        .allow(STAFF)
                        .push(Router::with_path("plans/{id}/entries").post(entry::create_entry))
                        .push(
                            Router::with_path("plans/{id}/import-template")
                                .get(import::download_template),
                        )
                        .push(
                            Router::with_path("plans/{id}/imports")
                                .hoop(SecureMaxSize::new(import::IMPORT_MAX_BYTES + 128 * 1024))
                                .post(import::import_file),
                        )
                        .push(Router::with_path("imports").get(import::list_imports))
                        .push(Router::with_path("imports/{id}/report").get(import::download_report))
                        .push(Router::with_path("id-card").post(entry::read_id_card))
                        .push(
                            Router::with_path("entry-photo")
                                .hoop(SecureMaxSize::new(
                                    crate::candidate::uploads::PHOTO_UPLOAD_MAX + 128 * 1024,
                                ))
                                .post(entry_support::upload_entry_photo),
                        )
                        .push(
                            Router::with_path("candidates/{id}/reset-password")
                                .post(account_reset::reset_candidate_password),
                        )
                        .push(
                            Router::with_path("registrations/review")
                                .post(review::review_registrations),
                        ),
                ),
        )
}
