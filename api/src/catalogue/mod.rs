//! The occupation catalogue (职业目录): national codes, job types, assessable levels and their subjects.
pub mod handlers;
pub mod import;
pub mod rules;
pub mod types;

use crate::auth::roles::{ADMIN, ANY, Allow};
use salvo::Router;
use salvo::http::request::SecureMaxSize;

pub fn router() -> Router {
    Router::new()
        .push(
            Router::with_path("catalogue/occupations")
                .allow(ANY)
                .get(handlers::list_occupations)
                .push(Router::with_path("{id}").get(handlers::get_occupation)),
        )
        .push(
            Router::with_path("admin/occupations")
                .allow(ADMIN)
                .post(handlers::create_occupation)
                .push(Router::with_path("export.xlsx").get(import::export_catalogue))
                .push(
                    Router::with_path("import")
                        .hoop(SecureMaxSize::new(import::MAX_BYTES + 128 * 1024))
                        .post(import::import_catalogue),
                )
                .push(Router::with_path("{id}").put(handlers::update_occupation)),
        )
}
