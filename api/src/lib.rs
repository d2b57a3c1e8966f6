//! The skill-certification API: a salvo service over SeaORM, a shared cache and file storage.
pub mod admin;
pub mod audit;
pub mod auth;
pub mod blocking;
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
pub mod payment;
pub mod plan;
pub mod registration;
pub mod spreadsheet;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod text_guard;

/// The allocator of the service's binaries (`#[global_allocator] static A: api::Allocator = api::Allocator;`):
/// mimalloc gives freed memory back to the system, where glibc's per-thread arenas kept the 19 MiB of each
/// password hash (1.5 GB resident after 150 logins); measured by `make load`.
pub use mimalloc::MiMalloc as Allocator;

/// Now, with its offset (stored as such).
pub fn now() -> sea_orm::prelude::DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}

/// Fills `buf` from the OS CSPRNG (identifiers such as order numbers must not be guessable).
pub fn util_random(buf: &mut [u8]) {
    if let Err(e) = getrandom::fill(buf) {
        // The OS generator does not fail on supported platforms; fall back to a UUID's randomness.
        tracing::error!(error = %e, "getrandom failed");
        for (i, b) in buf.iter_mut().enumerate() {
            *b = uuid::Uuid::new_v4().as_bytes()[i % 16];
        }
    }
}
