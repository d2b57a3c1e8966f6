//! The names of the records an audit page refers to: one query per kind of target, whatever the page size.
use crate::domain::enums;
use crate::error::AppResult;
use entity::{
    audit_log, correction, institution, occupation, pay_order, pay_refund, plan, plan_item,
    registration, remittance, user,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// `(target_type, target_id)` → a readable name.
pub type Names = HashMap<(String, String), String>;

fn ids_of<T: std::str::FromStr + Eq + std::hash::Hash>(
    rows: &[audit_log::Model],
    kind: &str,
) -> Vec<T> {
    let set: HashSet<T> = rows
        .iter()
        .filter(|r| r.target_type == kind)
        .filter_map(|r| r.target_id.as_deref()?.parse().ok())
        .collect();
    set.into_iter().collect()
}

fn texts_of(rows: &[audit_log::Model], kind: &str) -> Vec<String> {
    ids_of::<String>(rows, kind)
}

async fn user_names(db: &impl ConnectionTrait, ids: Vec<i32>) -> AppResult<HashMap<i32, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|u| (u.id, u.name)).collect())
}

/// Resolves the names of every target of `rows`.
pub async fn names(db: &impl ConnectionTrait, rows: &[audit_log::Model]) -> AppResult<Names> {
    let mut out = Names::new();
    let mut put = |kind: &str, id: String, name: String| {
        out.insert((kind.to_string(), id), name);
    };
    // People: accounts, and the candidates behind registrations, corrections and orders.
    let regs = registration::Entity::find()
        .filter(registration::Column::Id.is_in(ids_of::<Uuid>(rows, "registration")))
        .all(db)
        .await?;
    let corrections = correction::Entity::find()
        .filter(correction::Column::Id.is_in(ids_of::<Uuid>(rows, "correction")))
        .all(db)
        .await?;
    let orders = pay_order::Entity::find()
        .filter(pay_order::Column::OutTradeNo.is_in(texts_of(rows, "pay_order")))
        .all(db)
        .await?;
    let refunds = pay_refund::Entity::find()
        .filter(pay_refund::Column::OutRefundNo.is_in(texts_of(rows, "pay_refund")))
        .all(db)
        .await?;
    let refund_regs = registration::Entity::find()
        .filter(registration::Column::Id.is_in(refunds.iter().map(|r| r.registration_id)))
        .all(db)
        .await?;
    let remittances = remittance::Entity::find()
        .filter(remittance::Column::Id.is_in(ids_of::<i32>(rows, "remittance")))
        .all(db)
        .await?;
    let mut people: Vec<i32> = ids_of(rows, "user");
    people.extend(rows.iter().filter_map(|r| r.actor_id));
    people.extend(regs.iter().chain(&refund_regs).map(|r| r.user_id));
    people.extend(corrections.iter().map(|c| c.user_id));
    people.extend(orders.iter().map(|o| o.user_id));
    let people = user_names(db, people).await?;
    let mut plan_ids: Vec<i32> = ids_of(rows, "plan");
    plan_ids.extend(regs.iter().map(|r| r.plan_id));
    plan_ids.extend(remittances.iter().map(|r| r.plan_id));
    let plans: HashMap<i32, String> = plan::Entity::find()
        .filter(plan::Column::Id.is_in(plan_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut inst_ids: Vec<i32> = ids_of(rows, "institution");
    inst_ids.extend(remittances.iter().map(|r| r.institution_id));
    let insts: HashMap<i32, String> = institution::Entity::find()
        .filter(institution::Column::Id.is_in(inst_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let person = |id: i32| people.get(&id).cloned().unwrap_or_default();
    for (id, name) in &people {
        put("user", id.to_string(), name.clone());
    }
    for (id, name) in &plans {
        put("plan", id.to_string(), name.clone());
    }
    for (id, name) in &insts {
        put("institution", id.to_string(), name.clone());
    }
    for r in &regs {
        let plan = plans.get(&r.plan_id).cloned().unwrap_or_default();
        put(
            "registration",
            r.id.to_string(),
            format!("{} · {plan}", person(r.user_id)),
        );
    }
    for r in &refunds {
        let who = refund_regs.iter().find(|g| g.id == r.registration_id);
        put(
            "pay_refund",
            r.out_refund_no.clone(),
            who.map(|g| person(g.user_id)).unwrap_or_default(),
        );
    }
    for c in &corrections {
        put("correction", c.id.to_string(), person(c.user_id));
    }
    for o in &orders {
        put("pay_order", o.out_trade_no.clone(), person(o.user_id));
    }
    for r in &remittances {
        let (inst, plan) = (insts.get(&r.institution_id), plans.get(&r.plan_id));
        put(
            "remittance",
            r.id.to_string(),
            format!(
                "{} · {}",
                inst.cloned().unwrap_or_default(),
                plan.cloned().unwrap_or_default()
            ),
        );
    }
    for i in plan_item::Entity::find()
        .filter(plan_item::Column::Id.is_in(ids_of::<i32>(rows, "plan_item")))
        .all(db)
        .await?
    {
        let level = enums::label(enums::CERT_LEVELS, &i.level).unwrap_or_default();
        put(
            "plan_item",
            i.id.to_string(),
            format!("{}{level}", i.occupation_name),
        );
    }
    for o in occupation::Entity::find()
        .filter(occupation::Column::Id.is_in(ids_of::<i32>(rows, "occupation")))
        .all(db)
        .await?
    {
        put(
            "occupation",
            o.id.to_string(),
            format!("{} {}", o.code, o.name),
        );
    }
    // These targets are named by their id: a login name, a bill date.
    for kind in ["login", "reconciliation"] {
        for t in texts_of(rows, kind) {
            put(kind, t.clone(), t);
        }
    }
    Ok(out)
}
