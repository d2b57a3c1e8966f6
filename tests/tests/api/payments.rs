//! Candidate payment through the simulator: order, bridge, notification, reuse, expiry, lost notifications,
//! duplicates and concurrency, forged notifications, refunds, two API processes.
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use skillcert_tests::payments::{notification, paid_transaction};
use skillcert_tests::{TestApp, assert_error, json_of};
use std::time::Duration;
use wechat_sim::{NotifyMode, PayOptions};

/// Polls until the registration's payment status is `want` (notifications arrive asynchronously).
pub(crate) async fn wait_status(
    app: &TestApp,
    p: &skillcert_tests::payments::Payer,
    want: &str,
) -> serde_json::Value {
    for _ in 0..100 {
        let v = app.payment_status(p).await;
        if v["payment_status"] == want {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "payment status never became {want}: {}",
        app.payment_status(p).await
    );
}

pub(crate) async fn order(app: &TestApp, no: &str) -> entity::pay_order::Model {
    entity::pay_order::Entity::find()
        .filter(entity::pay_order::Column::OutTradeNo.eq(no))
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("order")
}

pub(crate) async fn setup() -> (TestApp, String, i64) {
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019001", "缴费测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    (app, staff, item)
}

#[tokio::test]
async fn a_candidate_pays_through_the_bridge_and_the_notification_marks_it_paid() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let (_, reg) = json_of(
        app.get(
            &format!("/api/registrations/{}", p.registration_id),
            Some(&p.token),
        )
        .await,
    )
    .await;
    assert_eq!(reg["can_pay"], true, "{reg}");
    let start = app.start_payment(&p).await;
    let no = start["out_trade_no"].as_str().expect("no").to_string();
    assert!(
        (6..=32).contains(&no.len()) && no.chars().all(|c| c.is_ascii_alphanumeric()),
        "{no}"
    );
    assert_eq!(start["amount_fen"], reg["item"]["fee_fen"]);
    let params = &start["params"];
    assert_eq!(params["signType"], "RSA");
    assert!(
        params["package"]
            .as_str()
            .expect("package")
            .starts_with("prepay_id=wx")
    );
    // What the user does in WeChat: the bridge sends the signed parameters; the simulator checks paySign.
    let (st, r) = json_of(
        app.http
            .post(format!("{}/sim/pay/jsapi-confirm", app.sim_url))
            .json(params)
            .send()
            .await
            .expect("bridge"),
    )
    .await;
    assert_eq!(
        (st, r["err_msg"].as_str()),
        (StatusCode::OK, Some("get_brand_wcpay_request:ok")),
        "{r}"
    );
    let v = wait_status(&app, &p, "paid").await;
    assert_eq!(v["order"]["status"], "paid");
    assert!(
        v["order"]["transaction_id"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(app.audit_count("payment_paid", &no).await, 1);
    // A paid registration cannot be paid again.
    assert_error(
        app.pay_request(&p, &json!({})).await,
        StatusCode::CONFLICT,
        "already_paid",
    )
    .await;
    // A tampered paySign is refused by the bridge.
    let mut forged = params.clone();
    forged["paySign"] = json!("AAAA");
    let (_, r) = json_of(
        app.http
            .post(format!("{}/sim/pay/jsapi-confirm", app.sim_url))
            .json(&forged)
            .send()
            .await
            .expect("bridge"),
    )
    .await;
    assert_eq!(r["err_msg"], "get_brand_wcpay_request:fail");
}

#[tokio::test]
async fn asking_again_reuses_the_open_order_and_renews_an_old_prepay_id() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let b = app.start_payment(&p).await;
    assert_eq!(a["out_trade_no"], b["out_trade_no"]);
    assert_eq!(
        a["params"]["package"], b["params"]["package"],
        "a prepay id younger than 2 hours is reused"
    );
    // Two hours later WeChat's prepay id is dead: the same order gets a fresh one.
    let no = a["out_trade_no"].as_str().expect("no");
    let o = order(&app, no).await;
    let mut am: entity::pay_order::ActiveModel = o.into();
    am.prepay_at = sea_orm::Set(Some(api::now() - chrono::Duration::hours(3)));
    sea_orm::ActiveModelTrait::update(am, &app.state.db)
        .await
        .expect("age");
    let c = app.start_payment(&p).await;
    assert_eq!(c["out_trade_no"], a["out_trade_no"]);
    assert_ne!(c["params"]["package"], a["params"]["package"]);
    let orders = entity::pay_order::Entity::find()
        .all(&app.state.db)
        .await
        .expect("db");
    assert_eq!(orders.len(), 1, "one order per registration");
    // Someone else cannot pay (or see) this registration.
    let (other, _) = app.ready_candidate().await;
    assert_error(
        app.post(
            &format!("/api/registrations/{}/payment", p.registration_id),
            Some(&other),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(
            &format!("/api/registrations/{}/payment", p.registration_id),
            Some(&other),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn an_expired_order_is_closed_at_wechat_and_here_and_a_new_one_is_made() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let no = a["out_trade_no"].as_str().expect("no").to_string();
    let mut am: entity::pay_order::ActiveModel = order(&app, &no).await.into();
    am.expires_at = sea_orm::Set(api::now() - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(am, &app.state.db)
        .await
        .expect("expire");
    let round = api::payment::jobs::run_once(&app.state).await;
    assert_eq!(round.closed, Some(1));
    assert_eq!(order(&app, &no).await.status, "closed");
    assert_eq!(
        app.sim.order_state(&no).expect("sim order")["trade_state"],
        "CLOSED"
    );
    let b = app.start_payment(&p).await;
    assert_ne!(b["out_trade_no"], a["out_trade_no"]);
    // A payment that reaches us for the closed order is kept and refunded, not lost.
    let (h, body) = notification(
        &paid_transaction(&app, &no, order(&app, &no).await.amount_fen, &p.openid),
        "transaction",
        wechat_sim::SIM_APIV3_KEY,
    );
    assert_eq!(
        app.deliver("/api/pay/notify", &h, &body).await,
        StatusCode::NO_CONTENT
    );
    let late = order(&app, &no).await;
    assert!(late.late && late.status == "paid", "{late:?}");
    let refund = entity::pay_refund::Entity::find()
        .filter(entity::pay_refund::Column::OrderId.eq(late.id))
        .one(&app.state.db)
        .await
        .expect("db");
    assert!(refund.is_some(), "a late payment is queued for a refund");
    assert_eq!(
        app.payment_status(&p).await["payment_status"],
        "unpaid",
        "the registration still owes its fee"
    );
}

#[tokio::test]
async fn a_lost_notification_is_settled_by_query_and_by_the_job() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    let no = a["out_trade_no"].as_str().expect("no");
    app.sim
        .pay_order(
            no,
            PayOptions {
                notify: NotifyMode::None,
                ..Default::default()
            },
        )
        .await
        .expect("pay");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(app.payment_status(&p).await["payment_status"], "unpaid");
    let (st, v) = json_of(
        app.post(
            &format!("/api/registrations/{}/payment/refresh", p.registration_id),
            Some(&p.token),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st, v["payment_status"].as_str()),
        (StatusCode::OK, Some("paid")),
        "{v}"
    );
    // The same through the background job, for a second candidate (its settle delay set to zero).
    let app2 = TestApp::spawn_with(|s| s.jobs.settle_after_secs = 0).await;
    let (staff2, _) = app2
        .institution_with_staff("44019002", "补单测试学校")
        .await;
    let (_, item2) = app2.open_plan(&staff2).await;
    let q = app2.approved_payer(&staff2, item2).await;
    let b = app2.start_payment(&q).await;
    app2.sim
        .pay_order(
            b["out_trade_no"].as_str().expect("no"),
            PayOptions {
                notify: NotifyMode::None,
                ..Default::default()
            },
        )
        .await
        .expect("pay");
    let round = api::payment::jobs::run_once(&app2.state).await;
    assert_eq!(round.settled, Some(1));
    assert_eq!(app2.payment_status(&q).await["payment_status"], "paid");
}

#[tokio::test]
async fn rejection_and_withdrawal_of_paid_registrations_refund_them() {
    let (app, staff, item) = setup().await;
    for action in ["reject", "withdraw"] {
        let p = app.approved_payer(&staff, item).await;
        let a = app.start_payment(&p).await;
        app.sim
            .pay_order(
                a["out_trade_no"].as_str().expect("no"),
                PayOptions::default(),
            )
            .await
            .expect("pay");
        wait_status(&app, &p, "paid").await;
        let id = json!(p.registration_id);
        if action == "reject" {
            let done = app
                .review(&staff, &[&id], "reject", "资格不符，不予受理")
                .await;
            assert_eq!(done["done"].as_array().map(Vec::len), Some(1), "{done}");
        } else {
            let (st, r) = json_of(
                app.post(
                    &format!("/api/registrations/{}/withdraw", p.registration_id),
                    Some(&p.token),
                    &json!({}),
                )
                .await,
            )
            .await;
            assert_eq!(st, StatusCode::OK, "{r}");
        }
        // The simulator completes the refund shortly and notifies; the candidate then sees 已退款.
        let v = wait_status(&app, &p, "refunded").await;
        assert_eq!(v["refund"]["status"], "success", "{action}: {v}");
        assert_eq!(v["refund"]["amount_fen"], a["amount_fen"]);
    }
}

#[tokio::test]
async fn a_failed_refund_is_retried_with_the_same_number() {
    let (app, staff, item) = setup().await;
    let p = app.approved_payer(&staff, item).await;
    let a = app.start_payment(&p).await;
    app.sim
        .pay_order(
            a["out_trade_no"].as_str().expect("no"),
            PayOptions::default(),
        )
        .await
        .expect("pay");
    wait_status(&app, &p, "paid").await;
    app.sim.set_fault("refund", "SYSTEM_ERROR", 1);
    let finance = app.login_as_new("centre_finance", "finance_r1", None).await;
    let (st, v) = json_of(
        app.post(
            &format!("/api/finance/registrations/{}/refund", p.registration_id),
            Some(&finance),
            &json!({ "reason": "考生申请退费" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["payment_status"], "refunding");
    assert_eq!(
        v["refund"]["status"], "pending",
        "WeChat answered 500: still to be applied"
    );
    let no = v["refund"]["out_refund_no"].clone();
    api::payment::jobs::run_once(&app.state).await;
    let v = wait_status(&app, &p, "refunded").await;
    assert_eq!(v["refund"]["out_refund_no"], no);
    // Not twice, and only 已支付 registrations.
    assert_error(
        app.post(
            &format!("/api/finance/registrations/{}/refund", p.registration_id),
            Some(&finance),
            &json!({ "reason": "再退一次" }),
        )
        .await,
        StatusCode::CONFLICT,
        "not_refundable",
    )
    .await;
    assert_error(
        app.post(
            &format!("/api/finance/registrations/{}/refund", p.registration_id),
            Some(&p.token),
            &json!({ "reason": "我要退款" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Refunded while still approved, the fee is owed again: the candidate may pay anew (a new order).
    let (_, reg) = json_of(
        app.get(
            &format!("/api/registrations/{}", p.registration_id),
            Some(&p.token),
        )
        .await,
    )
    .await;
    assert_eq!(reg["can_pay"], true, "{reg}");
    let b = app.start_payment(&p).await;
    assert_ne!(b["out_trade_no"], a["out_trade_no"]);
    app.sim
        .pay_order(
            b["out_trade_no"].as_str().expect("no"),
            PayOptions::default(),
        )
        .await
        .expect("pay");
    wait_status(&app, &p, "paid").await;
}

#[tokio::test]
async fn no_order_is_made_before_approval_after_the_deadline_or_without_wechat_pay() {
    let (app, staff, item) = setup().await;
    // Not yet approved.
    let (token, _) = app.ready_candidate().await;
    let reg = app.applied(&token, item).await;
    let (_, me) = json_of(app.get("/api/auth/me", Some(&token)).await).await;
    app.bind_openid(me["id"].as_i64().expect("id") as i32).await;
    let rid = reg["id"].as_str().expect("id");
    assert_eq!(reg["can_pay"], false);
    assert_error(
        app.post(
            &format!("/api/registrations/{rid}/payment"),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "payment_not_allowed",
    )
    .await;
    // WeChat answers 500 once: a clear 502, and asking again works with the same order.
    let p = app.approved_payer(&staff, item).await;
    app.sim.set_fault("jsapi", "SYSTEM_ERROR", 1);
    assert_error(
        app.pay_request(&p, &json!({})).await,
        StatusCode::BAD_GATEWAY,
        "wechat_pay_unavailable",
    )
    .await;
    let a = app.start_payment(&p).await;
    assert_eq!(
        entity::pay_order::Entity::find()
            .all(&app.state.db)
            .await
            .expect("db")
            .len(),
        1
    );
    // Past the plan's payment deadline: no 去支付, no order.
    let q = app.approved_payer(&staff, item).await;
    let plan_id = order(&app, a["out_trade_no"].as_str().expect("no"))
        .await
        .plan_id;
    let p_model = entity::plan::Entity::find_by_id(plan_id)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("plan");
    let mut am: entity::plan::ActiveModel = p_model.into();
    am.payment_deadline = sea_orm::Set(api::now() - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(am, &app.state.db)
        .await
        .expect("deadline");
    let (_, r) = json_of(
        app.get(
            &format!("/api/registrations/{}", q.registration_id),
            Some(&q.token),
        )
        .await,
    )
    .await;
    assert_eq!(r["can_pay"], false, "{r}");
    assert_error(
        app.post(
            &format!("/api/registrations/{}/payment", q.registration_id),
            Some(&q.token),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "payment_closed",
    )
    .await;
    // A deployment without a merchant.
    let bare = TestApp::spawn_with(|s| s.wechat.pay.mch_id = String::new()).await;
    let (staff2, _) = bare
        .institution_with_staff("44019004", "未开通支付学校")
        .await;
    let (_, item2) = bare.open_plan(&staff2).await;
    let r = bare.approved_payer(&staff2, item2).await;
    let (_, cfg) = json_of(bare.get("/api/meta/config", None).await).await;
    assert_eq!(cfg["wechat_pay"], false);
    assert_error(
        bare.post(
            &format!("/api/registrations/{}/payment", r.registration_id),
            Some(&r.token),
            &json!({}),
        )
        .await,
        StatusCode::SERVICE_UNAVAILABLE,
        "wechat_pay_disabled",
    )
    .await;
}
