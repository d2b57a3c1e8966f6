//! Clients of outside services, each reached only through configured base URLs.
pub mod wechat_oauth;
pub mod wechat_pay;
