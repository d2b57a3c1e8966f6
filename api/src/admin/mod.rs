//! Administration: institutions, staff and centre accounts, and the audit trail (administrator only).
mod account_status;
mod accounts;
mod audit_labels;
mod audit_log;
mod audit_targets;
mod institutions;

pub use accounts::{CreateUserReq, create_account};

use crate::auth::roles::{ADMIN, Allow, CENTRE};
use salvo::Router;

pub fn router() -> Router {
    Router::with_path("admin")
        // The centre picks institutions in its filters.
        .push(
            Router::with_path("institutions")
                .allow(CENTRE)
                .get(institutions::list_institutions),
        )
        .push(
            Router::new()
                .allow(ADMIN)
                .push(Router::with_path("institutions").post(institutions::create_institution))
                .push(
                    Router::with_path("users")
                        .get(accounts::list_users)
                        .post(accounts::create_user),
                )
                .push(Router::with_path("institutions/{id}").put(institutions::update_institution))
                .push(Router::with_path("users/{id}/status").put(account_status::set_user_status))
                .push(
                    Router::with_path("users/{id}/reset-password")
                        .post(account_status::reset_password),
                )
                .push(Router::with_path("users/{id}/unlock").post(account_status::unlock))
                .push(Router::with_path("audit").get(audit_log::list_audit))
                .push(Router::with_path("audit/actions").get(audit_log::list_audit_actions)),
        )
}
