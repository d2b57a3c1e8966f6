//! SeaORM entities: data only. The schema itself is defined by the `migration` crate.
pub mod audit_log;
pub mod candidate_profile;
pub mod correction;
pub mod file;
pub mod import;
pub mod institution;
pub mod occupation;
pub mod plan;
pub mod plan_item;
pub mod registration;
pub mod registration_event;
pub mod user;
pub mod wechat_binding;
