//! One truth about money owed and paid (issue 9 item 1): a registration inside a pending remittance is not payable
//! in WeChat; a WeChat payment that lands anyway (order made before the remittance) is kept, and the
//! remittance's fee for it becomes a recorded surplus that finance returns or reapplies; every view agrees.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::payments::Payer;
use skillcert_tests::{TestApp, assert_error, json_of};
use wechat_sim::PayOptions;

use super::finance::{remit, wait_paid};

pub(crate) fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// The staff 缴费 summary and finance's 缴费总览 row of the plan.
pub(crate) async fn views(app: &TestApp, staff: &str, finance: &str, plan: i64) -> (Value, Value) {
    let (st, s) = json_of(
        app.get(&format!("/api/plans/{plan}/payments"), Some(staff))
            .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{s}");
    let (st, ov) = json_of(app.get("/api/finance/overview", Some(finance)).await).await;
    assert_eq!(st, StatusCode::OK, "{ov}");
    let row = ov["plans"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["plan_id"].as_i64() == Some(plan)))
        .cloned()
        .unwrap_or(Value::Null);
    (s, row)
}

async fn registration(app: &TestApp, p: &Payer) -> Value {
    let (st, r) = json_of(
        app.get(
            &format!("/api/registrations/{}", p.registration_id),
            Some(&p.token),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    r
}

#[tokio::test]
async fn a_remitted_registration_is_not_payable_and_a_payment_racing_the_remittance_leaves_a_surplus_finance_reapplies()
 {
    // Arrange: three approved candidates; c opened a WeChat order before the institution remitted for all three.
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019191", "结余测试学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().expect("id");
    let a = app.approved_payer(&staff, item).await;
    let b = app.approved_payer(&staff, item).await;
    let c = app.approved_payer(&staff, item).await;
    let fee = app.payment_status(&a).await["amount_fen"]
        .as_i64()
        .expect("fee");
    let early = app.start_payment(&c).await;
    let (st, r) = json_of(remit(&app, &staff, plan_id, &yuan(3 * fee), None, 1).await).await;
    assert_eq!(st, StatusCode::CREATED, "{r}");

    // The candidates see why there is no 去支付, and the server refuses it.
    let reg = registration(&app, &b).await;
    assert_eq!(
        (reg["can_pay"].as_bool(), reg["in_remittance"].as_bool()),
        (Some(false), Some(true)),
        "{reg}"
    );
    assert_error(
        app.pay_request(&b, &json!({})).await,
        StatusCode::CONFLICT,
        "in_remittance",
    )
    .await;

    // c pays with the order made before the remittance: the money is kept and attributed to c.
    let no = early["out_trade_no"].as_str().expect("no");
    app.sim
        .pay_order(no, PayOptions::default())
        .await
        .expect("pay");
    wait_paid(&app, &c).await;

    // Finance confirms ¥3×fee: two fees applied, the third recorded as a surplus, not lost.
    let finance = app
        .login_as_new("centre_finance", "finance_surplus", None)
        .await;
    let (st, conf) = json_of(
        app.post(
            &format!("/api/finance/remittances/{}/confirm", r["id"]),
            Some(&finance),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{conf}");
    let outcomes: Vec<(String, Option<&str>)> = conf["registrations"]
        .as_array()
        .expect("covered")
        .iter()
        .map(|g| {
            (
                g["registration_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                g["outcome"].as_str(),
            )
        })
        .collect();
    assert!(
        outcomes.contains(&(c.registration_id.clone(), Some("surplus"))),
        "{conf}"
    );
    assert_eq!(
        outcomes
            .iter()
            .filter(|(_, o)| *o == Some("applied"))
            .count(),
        2,
        "{conf}"
    );
    let (s, row) = views(&app, &staff, &finance, plan_id).await;
    assert_eq!(
        (s["complete"].as_bool(), row["complete"].as_bool()),
        (Some(true), Some(true)),
        "{s} {row}"
    );
    assert_eq!(
        (s["surplus_fen"].as_i64(), row["surplus_fen"].as_i64()),
        (Some(fee), Some(fee)),
        "{s} {row}"
    );
    let surplus_item = s["surplus_items"][0]["item_id"]
        .as_i64()
        .expect("surplus item");
    assert_eq!(s["surplus_items"][0]["note"], "考生已微信支付", "{s}");

    // c's WeChat payment is refunded: c owes again, and every view says so alike.
    let (st, v) = json_of(
        app.post(
            &format!("/api/finance/registrations/{}/refund", c.registration_id),
            Some(&finance),
            &json!({ "reason": "重复缴费退回" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    super::payments::wait_status(&app, &c, "refunded").await;
    let (s, row) = views(&app, &staff, &finance, plan_id).await;
    assert_eq!(
        (
            s["complete"].as_bool(),
            row["complete"].as_bool(),
            s["outstanding"].as_i64(),
            row["unpaid_count"].as_i64()
        ),
        (Some(false), Some(false), Some(1), Some(1)),
        "{s} {row}"
    );

    // Finance reapplies the surplus to c: paid up everywhere, nothing left over.
    let (st, done) = json_of(
        app.post(
            &format!("/api/finance/remittance-items/{surplus_item}/resolve"),
            Some(&finance),
            &json!({ "action": "reapply", "registration_id": c.registration_id }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{done}");
    assert_eq!(
        app.payment_status(&c).await["payment_status"],
        "offline_confirmed"
    );
    let (s, row) = views(&app, &staff, &finance, plan_id).await;
    assert_eq!(
        (
            s["complete"].as_bool(),
            row["complete"].as_bool(),
            s["surplus_fen"].as_i64(),
            row["surplus_fen"].as_i64()
        ),
        (Some(true), Some(true), Some(0), Some(0)),
        "{s} {row}"
    );
    assert_error(
        app.post(
            &format!("/api/finance/remittance-items/{surplus_item}/resolve"),
            Some(&finance),
            &json!({ "action": "return" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        app.audit_count("remittance_surplus_resolved", &surplus_item.to_string())
            .await,
        1
    );
}

#[tokio::test]
async fn the_order_export_holds_amounts_as_yuan_numbers_and_times_as_beijing_date_times() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::spawn().await;
    let (staff, _) = app.institution_with_staff("44019193", "导出测试学校").await;
    let (_, item) = app.open_plan(&staff).await;
    let p = app.approved_payer(&staff, item).await;
    super::finance::paid(&app, &p, PayOptions::default()).await;
    wait_paid(&app, &p).await;
    let view = app.payment_status(&p).await;
    let finance = app
        .login_as_new("centre_finance", "finance_export", None)
        .await;

    let resp = app
        .get("/api/finance/orders/export.xlsx", Some(&finance))
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = resp.bytes().await.expect("bytes").to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("sheet");

    let fee = view["amount_fen"].as_i64().expect("fee") as f64 / 100.0;
    assert_eq!(range.get_value((2, 3)), Some(&Data::Float(fee)));
    let paid_at = view["order"]["paid_at"].as_str().expect("paid_at");
    let beijing = chrono::DateTime::parse_from_rfc3339(paid_at)
        .expect("rfc3339")
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("+8"))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    for col in [4, 5] {
        match range.get_value((2, col)) {
            Some(Data::DateTime(d)) if col == 5 => {
                assert_eq!(Some(excel_serial(d.as_f64())), Some(beijing.clone()))
            }
            Some(Data::DateTime(_)) => {}
            other => panic!("column {col} is not a date-time: {other:?}"),
        }
    }
}

/// An Excel date-time serial (days since 1899-12-30) as `YYYY-MM-DD HH:MM:SS`.
fn excel_serial(v: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .expect("base")
        .and_hms_opt(0, 0, 0)
        .expect("midnight");
    (base + chrono::Duration::seconds((v * 86_400.0).round() as i64))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}
