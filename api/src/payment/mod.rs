//! Fees and payments (issue 4): WeChat Pay JSAPI orders and notifications, refunds, institutions' remittances,
//! the plans' payment completeness, centre finance's overview and the daily reconciliation, background jobs.
pub mod finance;
pub mod finance_orders;
pub mod jobs;
pub mod notify;
pub mod orders;
pub mod reconcile;
pub mod reconcile_api;
pub mod refund;
pub mod remittance;
pub mod remittance_review;
pub mod remittance_view;
pub mod settle;
pub mod standing;
pub mod summary;
pub mod surplus;
pub mod types;

use crate::auth::roles::{
    ANY, Allow, CANDIDATE, CENTRE, FINANCE, FINANCE_OR_ADMIN, STAFF, STAFF_OR_CENTRE,
};
use salvo::prelude::*;

pub fn router() -> Router {
    Router::new()
        // WeChat's notifications are signed, not signed in.
        .push(Router::with_path("pay/notify").post(notify::pay_notify))
        .push(Router::with_path("pay/refund-notify").post(notify::refund_notify))
        .push(
            Router::with_path("registrations/{id}/payment")
                .push(
                    Router::new()
                        .allow(ANY)
                        .get(orders::get_payment)
                        .push(Router::with_path("refresh").post(orders::refresh_payment)),
                )
                .push(Router::new().allow(CANDIDATE).post(orders::start_payment)),
        )
        .push(
            Router::new()
                .allow(STAFF_OR_CENTRE)
                .push(Router::with_path("plans/{id}/payments").get(summary::get_plan_payment))
                .push(
                    Router::with_path("plans/{id}/remittances")
                        .get(remittance::list_plan_remittances),
                )
                .push(Router::with_path("remittances/{id}").get(remittance::get_remittance)),
        )
        .push(
            Router::with_path("plans/{id}/remittances")
                .allow(STAFF)
                .post(remittance::create_remittance),
        )
        .push(
            Router::with_path("finance")
                .push(
                    Router::new()
                        .allow(FINANCE)
                        .push(
                            Router::with_path("remittances/{id}/confirm")
                                .post(remittance_review::confirm_remittance),
                        )
                        .push(
                            Router::with_path("remittances/{id}/reject")
                                .post(remittance_review::reject_remittance),
                        )
                        .push(
                            Router::with_path("remittance-items/{id}/resolve")
                                .post(surplus::resolve_surplus),
                        )
                        .push(
                            Router::with_path("registrations/{id}/refund")
                                .post(finance::finance_refund),
                        )
                        .push(
                            Router::with_path("reconciliations")
                                .post(reconcile_api::run_reconciliation),
                        ),
                )
                .push(
                    Router::with_path("overview")
                        .allow(CENTRE)
                        .get(finance::overview),
                )
                .push(
                    Router::new()
                        .allow(FINANCE_OR_ADMIN)
                        .push(Router::with_path("remittances").get(remittance::list_remittances))
                        .push(Router::with_path("orders").get(finance_orders::list_orders))
                        .push(
                            Router::with_path("orders/export.xlsx")
                                .get(finance_orders::export_orders),
                        )
                        .push(
                            Router::with_path("reconciliations")
                                .get(reconcile_api::list_reconciliations),
                        )
                        .push(
                            Router::with_path("reconciliations/{date}")
                                .get(reconcile_api::get_reconciliation),
                        )
                        .push(
                            Router::with_path("reconciliations/{date}/export.xlsx")
                                .get(reconcile_api::export_reconciliation),
                        ),
                ),
        )
}

pub fn refund_label(s: &str) -> &'static str {
    match s {
        "pending" => "待退款",
        "processing" => "退款中",
        "success" => "已退款",
        "abnormal" => "退款异常",
        "closed" => "退款关闭",
        _ => "",
    }
}

/// Names by id for the rows being shown (plans, institutions, people): one query each.
pub(crate) mod names {
    use crate::error::AppResult;
    use entity::{institution, plan, user};
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
    use std::collections::HashMap;

    pub async fn plans(
        db: &impl ConnectionTrait,
        ids: Vec<i32>,
    ) -> AppResult<HashMap<i32, String>> {
        let rows = plan::Entity::find()
            .filter(plan::Column::Id.is_in(ids))
            .all(db)
            .await?;
        Ok(rows.into_iter().map(|p| (p.id, p.name)).collect())
    }

    pub async fn institutions(
        db: &impl ConnectionTrait,
        ids: Vec<i32>,
    ) -> AppResult<HashMap<i32, String>> {
        let rows = institution::Entity::find()
            .filter(institution::Column::Id.is_in(ids))
            .all(db)
            .await?;
        Ok(rows.into_iter().map(|i| (i.id, i.name)).collect())
    }

    pub async fn users(
        db: &impl ConnectionTrait,
        ids: Vec<i32>,
    ) -> AppResult<HashMap<i32, String>> {
        let rows = user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(db)
            .await?;
        Ok(rows.into_iter().map(|u| (u.id, u.name)).collect())
    }
}
