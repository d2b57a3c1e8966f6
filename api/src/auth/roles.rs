//! Who may call what: every authenticated route group declares its roles once, in its feature's `router()`,
//! with `.allow(ROLES)`. That one call installs the gate (anonymous → 401, another role → 403, before the
//! handler reads anything) and states the roles in the OpenAPI document as the `session` security requirement,
//! so the isolation test reads the same table the gate enforces. Handlers still narrow by tenant (own
//! institution, own registration); they no longer decide which roles may enter.
use crate::state::DepotExt;
use salvo::oapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use salvo::oapi::{OpenApi, RouterExt};
use salvo::prelude::*;

/// The name of the bearer-session security scheme in the OpenAPI document.
pub const SCHEME: &str = "session";

pub const CANDIDATE: &[&str] = &["candidate"];
pub const STAFF: &[&str] = &["staff"];
pub const REVIEWER: &[&str] = &["centre_reviewer"];
pub const FINANCE: &[&str] = &["centre_finance"];
pub const ADMIN: &[&str] = &["admin"];
/// The centre's roles and the administrator (they read every institution's data).
pub const CENTRE: &[&str] = &["centre_reviewer", "centre_finance", "admin"];
/// Staff (their own institution) and the centre.
pub const STAFF_OR_CENTRE: &[&str] = &["staff", "centre_reviewer", "centre_finance", "admin"];
pub const FINANCE_OR_ADMIN: &[&str] = &["centre_finance", "admin"];
/// Any signed-in account; the handler narrows to what the caller owns.
pub const ANY: &[&str] = &[
    "candidate",
    "staff",
    "centre_reviewer",
    "centre_finance",
    "admin",
];

/// The gate installed by [`Allow::allow`].
struct Gate(&'static [&'static str]);

#[async_trait]
impl Handler for Gate {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let refusal = match depot.session() {
            Ok(s) => s.require_role(self.0).err(),
            Err(e) => Some(e),
        };
        if let Some(e) = refusal {
            e.write(req, depot, res).await;
            ctrl.skip_rest();
        }
    }
}

pub trait Allow {
    /// Only `roles` may reach the routes of this router (and of its children).
    #[must_use]
    fn allow(self, roles: &'static [&'static str]) -> Self;
}

impl Allow for Router {
    fn allow(self, roles: &'static [&'static str]) -> Self {
        self.hoop(Gate(roles))
            .oapi_security(SecurityRequirement::new(SCHEME, roles.iter().copied()))
    }
}

/// Declares the bearer-session scheme that the role requirements refer to.
pub fn document(doc: OpenApi) -> OpenApi {
    doc.add_security_scheme(
        SCHEME,
        SecurityScheme::Http(
            Http::new(HttpAuthScheme::Bearer)
                .description("登录返回的会话令牌；所需角色列在各接口的 security 中"),
        ),
    )
}

/// Every operation behind a role gate can answer 401 (no session) and 403 (another role): the gate writes both
/// into the document, whatever the handler's own `status_codes` list says. Run after the routers are merged.
pub fn document_refusals(mut doc: OpenApi) -> OpenApi {
    use salvo::oapi::{RefOr, Response};
    for item in doc.paths.values_mut() {
        for op in item.operations.values_mut() {
            if op.securities.as_ref().is_none_or(|s| s.is_empty()) {
                continue;
            }
            // The error body's content, as the handler's other refusals describe it.
            let content = op.responses.values().find_map(|r| match r {
                RefOr::Type(r) if !r.contents.is_empty() && r.description != "Ok" => {
                    Some(r.contents.clone())
                }
                _ => None,
            });
            for (code, what) in [("401", "未登录或会话已失效"), ("403", "无权限：角色不符")]
            {
                if op.responses.contains_key(code) {
                    continue;
                }
                let mut resp = Response::new(what);
                if let Some(c) = &content {
                    resp.contents = c.clone();
                }
                op.responses.insert(code.to_string(), RefOr::Type(resp));
            }
        }
    }
    doc
}
