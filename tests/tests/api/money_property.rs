//! A property-style test of the money rules: seeded random interleavings of WeChat payments (including orders
//! opened before a remittance and paid after it), refunds, remittances recorded/confirmed/rejected, withdrawals
//! and surplus resolutions for a small plan; after every step the money held equals the money attributed to
//! registrations plus the surplus recorded, and the candidate, staff and finance views agree.
use entity::{pay_order, pay_refund, plan_item, registration, remittance, remittance_item};
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use skillcert_tests::payments::Payer;
use skillcert_tests::{TestApp, json_of};
use wechat_sim::{PayOptions, RefundOutcome, SimConfig};

use super::finance::remit;
use super::money::{views, yuan};

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Money held, attributed to registrations, and recorded as surplus (fen), read from the database.
async fn ledger(app: &TestApp) -> (i64, i64, i64) {
    let db = &app.state.db;
    let orders = pay_order::Entity::find().all(db).await.expect("orders");
    let refunds = pay_refund::Entity::find().all(db).await.expect("refunds");
    let rems = remittance::Entity::find()
        .all(db)
        .await
        .expect("remittances");
    let items = remittance_item::Entity::find()
        .all(db)
        .await
        .expect("items");
    let regs = registration::Entity::find().all(db).await.expect("regs");
    let fees: std::collections::HashMap<i32, i64> = plan_item::Entity::find()
        .all(db)
        .await
        .expect("items")
        .into_iter()
        .map(|i| (i.id, i.fee_fen))
        .collect();
    let refunded = |order_id: i32| {
        refunds
            .iter()
            .any(|r| r.order_id == order_id && r.status == "success")
    };
    let paid = orders.iter().filter(|o| o.status == "paid");
    let held: i64 = paid.clone().map(|o| o.amount_fen).sum::<i64>()
        - refunds
            .iter()
            .filter(|r| r.status == "success")
            .map(|r| r.amount_fen)
            .sum::<i64>()
        + rems
            .iter()
            .filter(|r| r.status == "confirmed")
            .map(|r| r.amount_fen)
            .sum::<i64>()
        - items
            .iter()
            .filter(|i| i.resolution.as_deref() == Some("returned"))
            .map(|i| i.fee_fen)
            .sum::<i64>();
    let attributed: i64 = regs
        .iter()
        .filter(|r| ["paid", "refunding"].contains(&r.payment_status.as_str()))
        .map(|r| fees.get(&r.item_id).copied().unwrap_or_default())
        .sum::<i64>()
        + items
            .iter()
            .filter(|i| i.outcome.as_deref() == Some("applied"))
            .map(|i| i.fee_fen)
            .sum::<i64>();
    let surplus: i64 = paid
        .filter(|o| o.late && !refunded(o.id))
        .map(|o| o.amount_fen)
        .sum::<i64>()
        + items
            .iter()
            .filter(|i| i.outcome.as_deref() == Some("surplus") && i.resolution.is_none())
            .map(|i| i.fee_fen)
            .sum::<i64>();
    // Every 线下已确认 registration that is due holds exactly one applied fee.
    for r in regs
        .iter()
        .filter(|r| r.payment_status == "offline_confirmed" && r.status == "approved")
    {
        let n = items
            .iter()
            .filter(|i| i.registration_id == r.id && i.outcome.as_deref() == Some("applied"))
            .count();
        assert_eq!(n, 1, "offline-confirmed {} has {n} applied fees", r.id);
    }
    (held, attributed, surplus)
}

/// The candidate's card, the staff 缴费 page (= the centre's plan list) and 缴费总览 agree.
async fn views_agree(app: &TestApp, staff: &str, finance: &str, plan: i64, payers: &[Payer]) {
    let (s, row) = views(app, staff, finance, plan).await;
    if !row.is_null() {
        assert_eq!(s["complete"], row["complete"], "{s}\n{row}");
        assert_eq!(s["outstanding"], row["unpaid_count"], "{s}\n{row}");
        assert_eq!(s["paid_wechat"], row["paid_count"], "{s}\n{row}");
        assert_eq!(s["offline_confirmed"], row["offline_count"], "{s}\n{row}");
        assert_eq!(s["surplus_fen"], row["surplus_fen"], "{s}\n{row}");
    }
    assert_eq!(s["complete"].as_bool(), Some(s["outstanding"] == 0), "{s}");
    for p in payers {
        let (_, r) = json_of(
            app.get(
                &format!("/api/registrations/{}", p.registration_id),
                Some(&p.token),
            )
            .await,
        )
        .await;
        let owing = s["outstanding_items"]
            .as_array()
            .and_then(|v| v.iter().find(|o| o["registration_id"] == r["id"]).cloned());
        let payable = owing
            .as_ref()
            .is_some_and(|o| o["in_remittance"] == false && o["payment_status"] != "refunding");
        assert_eq!(r["can_pay"].as_bool(), Some(payable), "{r}\n{s}");
        let in_remittance = owing.as_ref().is_some_and(|o| o["in_remittance"] == true);
        assert_eq!(
            r["in_remittance"].as_bool(),
            Some(in_remittance),
            "{r}\n{s}"
        );
    }
}

async fn run(seed: u64, steps: usize) {
    let mut cfg = SimConfig::default();
    cfg.pay.refund_auto_complete_ms = None;
    let app = TestApp::spawn_with_sim(cfg, |_| {}).await;
    let (staff, _) = app.institution_with_staff("44019192", "随机缴费学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().expect("id");
    let mut payers = Vec::new();
    for _ in 0..4 {
        payers.push(app.approved_payer(&staff, item).await);
    }
    let finance = app
        .login_as_new("centre_finance", "finance_prop", None)
        .await;
    let mut rng = Rng(seed);
    let mut open_orders: Vec<String> = Vec::new();
    for step in 0..steps {
        let p = &payers[rng.below(payers.len())];
        let action = rng.below(10);
        match action {
            // Pay now, or open an order to pay later (maybe after a remittance covers the registration).
            0 | 1 => {
                let (st, a) = json_of(app.pay_request(p, &json!({})).await).await;
                if st == StatusCode::OK {
                    let no = a["out_trade_no"].as_str().unwrap_or_default().to_string();
                    if action == 0 {
                        let _ = app.sim.pay_order(&no, PayOptions::default()).await;
                    } else {
                        open_orders.push(no);
                    }
                }
            }
            2 if !open_orders.is_empty() => {
                let no = open_orders.swap_remove(rng.below(open_orders.len()));
                let _ = app.sim.pay_order(&no, PayOptions::default()).await;
            }
            3 => {
                app.post(
                    &format!("/api/finance/registrations/{}/refund", p.registration_id),
                    Some(&finance),
                    &json!({ "reason": "随机退款" }),
                )
                .await;
            }
            4 => {
                let open = pay_refund::Entity::find()
                    .all(&app.state.db)
                    .await
                    .expect("refunds");
                for r in open.iter().filter(|r| r.status == "processing") {
                    let _ = app
                        .sim
                        .complete_refund(&r.out_refund_no, RefundOutcome::Success)
                        .await;
                }
            }
            5 => {
                let (s, _) = views(&app, &staff, &finance, plan_id).await;
                let open: Vec<&Value> = s["outstanding_items"]
                    .as_array()
                    .map(|v| {
                        v.iter()
                            .filter(|o| {
                                o["in_remittance"] == false && o["payment_status"] != "refunding"
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let chosen: Vec<&Value> = open.into_iter().filter(|_| rng.below(3) > 0).collect();
                if !chosen.is_empty() {
                    let fen: i64 = chosen.iter().filter_map(|o| o["fee_fen"].as_i64()).sum();
                    let ids: Vec<&str> = chosen
                        .iter()
                        .filter_map(|o| o["registration_id"].as_str())
                        .collect();
                    remit(&app, &staff, plan_id, &yuan(fen), Some(ids.join(",")), 1).await;
                }
            }
            6 | 7 => {
                let (_, list) = json_of(
                    app.get("/api/finance/remittances?status=pending", Some(&finance))
                        .await,
                )
                .await;
                if let Some(r) = list
                    .as_array()
                    .filter(|l| !l.is_empty())
                    .map(|l| &l[rng.below(l.len())])
                {
                    let (path, body) = if action == 6 {
                        ("confirm", json!({}))
                    } else {
                        ("reject", json!({ "reason": "随机驳回" }))
                    };
                    app.post(
                        &format!("/api/finance/remittances/{}/{path}", r["id"]),
                        Some(&finance),
                        &body,
                    )
                    .await;
                }
            }
            8 if rng.below(4) == 0 => {
                app.post(
                    &format!("/api/registrations/{}/withdraw", p.registration_id),
                    Some(&p.token),
                    &json!({}),
                )
                .await;
            }
            9 => {
                let (s, _) = views(&app, &staff, &finance, plan_id).await;
                if let Some(x) = s["surplus_items"].as_array().and_then(|v| v.first()) {
                    let body = if rng.below(2) == 0 {
                        json!({ "action": "return" })
                    } else {
                        json!({ "action": "reapply", "registration_id": p.registration_id })
                    };
                    app.post(
                        &format!("/api/finance/remittance-items/{}/resolve", x["item_id"]),
                        Some(&finance),
                        &body,
                    )
                    .await;
                }
            }
            _ => {}
        }
        let (held, attributed, surplus) = ledger(&app).await;
        assert_eq!(
            held,
            attributed + surplus,
            "seed {seed} step {step} action {action}: held {held} ≠ attributed {attributed} + surplus {surplus}"
        );
        views_agree(&app, &staff, &finance, plan_id, &payers).await;
    }
}

#[tokio::test]
async fn random_interleavings_of_payments_refunds_remittances_and_withdrawals_never_lose_money() {
    for seed in [0x9E37_79B9_7F4A_7C15, 0xD1B5_4A32_D192_ED03] {
        run(seed, 150).await;
    }
}
