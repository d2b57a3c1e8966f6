//! The audit trail: security events and every change of candidate data, money or status, with actor, target,
//! before/after, time and client address. Written in the same transaction as the change it records.
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;

#[derive(Debug, Default)]
pub struct Event<'a> {
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub ip: Option<String>,
}

impl<'a> Event<'a> {
    /// An event `actor` causes on a record; add `before`/`after` with struct-update syntax.
    pub fn by(
        actor: i32,
        action: &'a str,
        target_type: &'a str,
        target_id: impl ToString,
        ip: impl Into<String>,
    ) -> Self {
        Self {
            actor_id: Some(actor),
            action,
            target_type,
            target_id: Some(target_id.to_string()),
            ip: Some(ip.into()),
            ..Default::default()
        }
    }

    /// An event a user causes on their own account (login, password change, profile change …).
    pub fn user(action: &'a str, user_id: i32, ip: impl Into<String>) -> Self {
        Self::by(user_id, action, "user", user_id, ip)
    }
}

pub async fn record(db: &impl ConnectionTrait, ev: Event<'_>) -> Result<(), sea_orm::DbErr> {
    audit_log::ActiveModel {
        actor_id: Set(ev.actor_id),
        action: Set(ev.action.to_string()),
        target_type: Set(ev.target_type.to_string()),
        target_id: Set(ev.target_id),
        before: Set(ev.before.map(|v| v.to_string())),
        after: Set(ev.after.map(|v| v.to_string())),
        ip: Set(ev.ip),
        created_at: Set(crate::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
