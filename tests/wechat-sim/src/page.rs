//! The HTML of the simulated consent page and of WeChat's error page.

use crate::User;
use crate::util::html_escape as esc;

/// What the authorize page echoes back into its forms.
pub(crate) struct AuthorizeParams<'a> {
    pub appid: &'a str,
    pub redirect_uri: &'a str,
    pub scope: &'a str,
    pub state: &'a str,
}

const STYLE: &str = "body{margin:0;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;\
background:#ededed;color:#191919}main{max-width:480px;margin:0 auto;padding:16px}\
h1{font-size:18px;text-align:center;margin:8px 0 16px}section{background:#fff;border-radius:8px;padding:16px;\
margin-bottom:12px}.meta{font-size:13px;color:#666;word-break:break-all}.meta code{color:#191919}\
button{display:block;width:100%;padding:12px;margin:8px 0;border:0;border-radius:6px;font-size:16px;\
background:#07c160;color:#fff}button.pick-user{background:#f2f2f2;color:#191919;text-align:left}\
input[type=text]{width:100%;box-sizing:border-box;padding:10px;font-size:16px;border:1px solid #ddd;\
border-radius:6px}label{display:block;margin:10px 0;font-size:14px}.empty{color:#999;font-size:14px}\
.err{text-align:center;padding:48px 16px}.err .code{font-size:20px;margin-bottom:8px}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no\">\n\
<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        title = esc(title),
    )
}

fn hidden_inputs(p: &AuthorizeParams<'_>) -> String {
    [
        ("appid", p.appid),
        ("redirect_uri", p.redirect_uri),
        ("scope", p.scope),
        ("state", p.state),
    ]
    .iter()
    .map(|(name, value)| {
        format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
            esc(value)
        )
    })
    .collect()
}

/// The consent page: pick an existing user, or create one (optionally a snapshot-page virtual user).
pub(crate) fn authorize_page(
    p: &AuthorizeParams<'_>,
    users: &[User],
    default_nickname: &str,
) -> String {
    let hidden = hidden_inputs(p);
    let scope_label = if p.scope == "snsapi_userinfo" {
        "获取你的昵称、头像"
    } else {
        "获取你的身份标识 (openid)"
    };
    let mut body = format!(
        "<h1>微信授权（模拟器）</h1>\n<section class=\"meta\">\n\
<div>AppID：<code id=\"appid\">{appid}</code></div>\n\
<div>授权范围：<code id=\"scope\">{scope}</code>（{scope_label}）</div>\n\
<div>回调地址：<code id=\"redirect-uri\">{redirect}</code></div>\n</section>\n",
        appid = esc(p.appid),
        scope = esc(p.scope),
        redirect = esc(p.redirect_uri),
    );
    body.push_str("<section>\n<div>选择已有微信用户</div>\n");
    if users.is_empty() {
        body.push_str("<p class=\"empty\" id=\"no-users\">暂无微信用户，请在下方新建。</p>\n");
    } else {
        body.push_str(
            "<form method=\"post\" action=\"/connect/oauth2/authorize/confirm\" id=\"pick-form\">\n",
        );
        body.push_str(&hidden);
        for u in users {
            let openid = esc(&u.openid);
            let tag = if u.snapshot {
                "（快照页虚拟用户）"
            } else {
                ""
            };
            body.push_str(&format!(
                "<button type=\"submit\" class=\"pick-user\" data-openid=\"{openid}\" name=\"openid\" \
value=\"{openid}\">{nickname}{tag} 授权登录</button>\n",
                nickname = esc(&u.nickname),
            ));
        }
        body.push_str("</form>\n");
    }
    body.push_str("</section>\n<section>\n<div>新建微信用户</div>\n");
    body.push_str(
        "<form method=\"post\" action=\"/connect/oauth2/authorize/confirm\" id=\"create-form\">\n",
    );
    body.push_str(&hidden);
    body.push_str(&format!(
        "<label>昵称 <input type=\"text\" name=\"nickname\" value=\"{}\"></label>\n\
<label><input type=\"checkbox\" name=\"snapshot\" value=\"1\"> 快照页虚拟用户 (is_snapshotuser=1)</label>\n\
<button type=\"submit\" id=\"create-user\">新建微信用户并授权</button>\n</form>\n</section>\n",
        esc(default_nickname),
    ));
    layout("微信授权（模拟器）", &body)
}

/// WeChat's error page for a bad authorize link, e.g. `10003 redirect_uri 参数错误`.
pub(crate) fn error_page(errcode: u32, message: &str) -> String {
    let body = format!(
        "<section class=\"err\" id=\"wx-error\" data-errcode=\"{errcode}\">\n\
<div class=\"code\">{errcode} {message}</div>\n\
<div class=\"meta\">微信授权（模拟器）：请检查授权链接参数</div>\n</section>\n",
        message = esc(message),
    );
    layout("微信授权（模拟器）", &body)
}
