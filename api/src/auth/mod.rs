//! Accounts and identity: registration, password and WeChat login, sessions, lockout, password change.
pub mod handlers;
pub mod identity;
pub mod limits;
pub mod middleware;
pub mod password;
pub mod registration;
pub mod roles;
pub mod service;
pub mod session;
pub mod types;
pub mod wechat;

use salvo::Router;

pub fn router() -> Router {
    Router::with_path("auth")
        .push(Router::with_path("register").post(handlers::register))
        .push(Router::with_path("login").post(handlers::login))
        .push(Router::with_path("logout").post(handlers::logout))
        .push(Router::with_path("me").get(handlers::me))
        .push(Router::with_path("password").post(handlers::change_password))
        .push(Router::with_path("identity-check").post(identity::identity_check))
        .push(Router::with_path("forgot-password").post(identity::forgot_password))
        .push(
            Router::with_path("wechat")
                .push(Router::with_path("authorize-url").get(wechat::authorize_url))
                .push(Router::with_path("oauth").post(wechat::oauth_login))
                .push(Router::with_path("mini").post(wechat::mini_login))
                .push(Router::with_path("bind").post(wechat::bind))
                .push(Router::with_path("binding").delete(wechat::unbind)),
        )
}
