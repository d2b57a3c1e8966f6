//! SeaORM entities: data only. The schema itself is defined by the `migration` crate.
pub mod audit_log;
pub mod candidate_profile;
pub mod file;
pub mod institution;
pub mod occupation;
pub mod user;
pub mod wechat_binding;
