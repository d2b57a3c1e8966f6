//! Seed data of `make load` (the `loadserver` binary): the registration-opening peak's open plans, a candidate,
//! and open payment orders with the notifications WeChat would send for them (signed with the simulator's key).
use crate::TestApp;
use crate::payments::{notification, paid_transaction};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// A notification: (headers, body).
pub type Note = (Vec<(String, String)>, String);

/// Publishes `institutions × plans_each` plans of three items each (the list candidates open first).
pub async fn open_plans(app: &TestApp, institutions: usize, plans_each: usize) {
    for i in 0..institutions {
        let (staff, _) = app
            .institution_with_staff(
                &format!("{}", 90_000_000 + i),
                &format!("压测职业培训学校{i}"),
            )
            .await;
        for k in 0..plans_each {
            let plan = app.draft_plan(&staff, -1, 5 + k as i64).await;
            for level in ["level4", "level3", "level5"] {
                app.add_item(&staff, &plan, "6-31-01-03", "", level, &[])
                    .await;
            }
            app.publish(&staff, &plan["id"]).await;
        }
    }
}

/// `n` approved, unpaid registrations, each with an open order, and the notification that pays it.
pub async fn paid_notifications(app: &TestApp, n: usize) -> anyhow::Result<Vec<Note>> {
    let (staff, _) = app.institution_with_staff("44019901", "压测学校").await;
    let (plan, item) = app.open_plan(&staff).await;
    let plan_id = plan["id"].as_i64().unwrap_or_default() as i32;
    let inst = plan["institution_id"].as_i64().unwrap_or_default() as i32;
    let fee = entity::plan_item::Entity::find_by_id(item as i32)
        .one(&app.state.db)
        .await?
        .map(|i| i.fee_fen)
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let mut notes = Vec::with_capacity(n);
    while notes.len() < n {
        let id = crate::fixtures::random_resident_id();
        if !seen.insert(id.clone()) {
            continue;
        }
        let u = api::auth::registration::insert_candidate(
            &app.state.db,
            api::auth::registration::NewCandidate {
                name: "压测考生".into(),
                id_type: "resident_id".into(),
                id_number: id,
                mobile: None,
                password_hash: "x".into(),
                must_change_password: false,
                entered_by: None,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let reg = uuid::Uuid::new_v4();
        let now = api::now();
        entity::registration::ActiveModel {
            id: Set(reg),
            plan_id: Set(plan_id),
            item_id: Set(item as i32),
            user_id: Set(u.id),
            institution_id: Set(inst),
            status: Set("approved".into()),
            payment_status: Set("unpaid".into()),
            reason: Set(None),
            source: Set("manual".into()),
            documents: Set(serde_json::json!([])),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&app.state.db)
        .await?;
        let no = format!(
            "SKLOAD{:010}{}",
            notes.len(),
            &reg.simple().to_string()[..8]
        );
        let openid = format!("oLoad{:023}", notes.len());
        entity::pay_order::ActiveModel {
            registration_id: Set(reg),
            user_id: Set(u.id),
            plan_id: Set(plan_id),
            institution_id: Set(inst),
            out_trade_no: Set(no.clone()),
            app_id: Set(app.state.settings.wechat.mp_app_id.clone()),
            channel: Set("mp".into()),
            openid: Set(openid.clone()),
            amount_fen: Set(fee),
            description: Set("报名费".into()),
            attach: Set(String::new()),
            status: Set("open".into()),
            prepay_id: Set(None),
            prepay_at: Set(None),
            expires_at: Set(now + chrono::Duration::hours(1)),
            transaction_id: Set(None),
            paid_at: Set(None),
            payer_openid: Set(None),
            bank_type: Set(None),
            late: Set(false),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await?;
        notes.push(notification(
            &paid_transaction(app, &no, fee, &openid),
            "transaction",
            wechat_sim::SIM_APIV3_KEY,
        ));
    }
    Ok(notes)
}

/// The notifications as a Lua table for wrk's scripts: `return { {headers = {...}, body = "..."}, ... }`.
pub fn lua_table(notes: &[Note]) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::from("return {\n");
    for (headers, body) in notes {
        out.push_str("{headers = {");
        for (k, v) in headers {
            out.push_str(&format!("[{}] = {}, ", q(k), q(v)));
        }
        out.push_str(&format!(
            "[\"Content-Type\"] = \"application/json\"}}, body = {}}},\n",
            q(body)
        ));
    }
    out.push_str("}\n");
    out
}
