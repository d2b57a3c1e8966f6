//! Integration tests: the real application over HTTP, against SQLite (or PostgreSQL with DATABASE_URL), the
//! in-process cache (or Redis with REDIS_URL), and the WeChat simulator.
mod account_status;
mod accounts;
mod admin;
mod cache;
mod catalogue;
mod corrections;
mod entry;
mod finance;
mod forms;
mod imports;
mod open_plans;
mod open_plans_bytes;
mod payment_notify;
mod payments;
mod photo;
mod plans;
mod platform;
mod profile;
mod reconciliation;
mod registrations;
mod review;
mod sessions;
mod wechat;
