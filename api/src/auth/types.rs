//! Request and response types of the auth endpoints.
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionRef {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// The logged-in account.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Me {
    pub id: i32,
    /// candidate | staff | centre_reviewer | centre_finance | admin
    pub role: String,
    pub name: String,
    pub login: String,
    pub login_masked: String,
    pub institution: Option<InstitutionRef>,
    pub must_change_password: bool,
    pub wechat_bound: bool,
    /// Logged in with the initial password: the recorded mobile number must be confirmed first (name and
    /// login are masked until then).
    pub identity_check_required: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResp {
    pub token: String,
    pub user: Me,
    /// True when this call also bound a waiting WeChat identity.
    pub wechat_bound_now: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterReq {
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub mobile: String,
    pub password: String,
    pub password_confirm: String,
    /// From a WeChat login whose openid was not bound yet.
    pub bind_ticket: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginReq {
    /// ID number (candidates) or username (staff, centre, admin).
    pub login: String,
    pub password: String,
    pub bind_ticket: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordReq {
    pub old_password: String,
    pub new_password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizeUrlResp {
    pub url: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct WechatOauthReq {
    pub code: String,
    pub state: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct WechatMiniReq {
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BindReq {
    pub bind_ticket: String,
}

/// Outcome of a WeChat login: `logged_in` (token + user), `bind_required` (bind_ticket), or `bound` (user).
#[derive(Debug, Serialize, ToSchema)]
pub struct WechatLoginResp {
    pub status: String,
    pub token: Option<String>,
    pub user: Option<Me>,
    pub bind_ticket: Option<String>,
}

/// The full mobile number the institution recorded (first login with the initial password).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdentityCheckReq {
    pub mobile: String,
}

/// 忘记密码: the ID number, the recorded mobile number and the new password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ForgotPasswordReq {
    pub login: String,
    pub mobile: String,
    pub new_password: String,
}
