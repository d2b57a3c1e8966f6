//! The skill-certification API: a salvo service over SeaORM, a shared cache and file storage.
pub mod admin;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod candidate;
pub mod catalogue;
pub mod config;
pub mod correction;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod health;
pub mod integrations;
pub mod meta;
pub mod plan;
pub mod registration;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;

/// Now, with its offset (stored as such).
pub fn now() -> sea_orm::prelude::DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}
