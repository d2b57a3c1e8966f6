//! Enumerations and public client configuration.
use crate::domain::enums::{self, Pairs};
use crate::error::AppResult;
use crate::state::DepotExt;
use salvo::oapi::ToSchema;
use salvo::prelude::*;
use serde::Serialize;

pub fn router() -> Router {
    Router::with_path("meta")
        .push(Router::with_path("enums").get(get_enums))
        .push(Router::with_path("config").get(get_config))
}

#[derive(Serialize, ToSchema)]
pub struct EnumItem {
    pub value: String,
    pub label: String,
}

/// Every enumeration of the profile and accounts (value is stored, label is shown).
#[derive(Serialize, ToSchema)]
pub struct EnumsResp {
    pub id_types: Vec<EnumItem>,
    pub genders: Vec<EnumItem>,
    pub ethnicities: Vec<EnumItem>,
    pub hukou_types: Vec<EnumItem>,
    pub candidate_sources: Vec<EnumItem>,
    pub education_levels: Vec<EnumItem>,
    pub cert_levels: Vec<EnumItem>,
    pub roles: Vec<EnumItem>,
    /// Assessment levels of occupations (same values as cert_levels).
    pub levels: Vec<EnumItem>,
    pub subjects: Vec<EnumItem>,
    pub answer_modes: Vec<EnumItem>,
    pub plan_statuses: Vec<EnumItem>,
    pub plan_stages: Vec<EnumItem>,
    pub registration_statuses: Vec<EnumItem>,
    pub payment_statuses: Vec<EnumItem>,
    pub registration_sources: Vec<EnumItem>,
    pub correction_statuses: Vec<EnumItem>,
    /// Suggested names of the documents a plan item may require.
    pub required_documents: Vec<EnumItem>,
}

fn items(p: Pairs) -> Vec<EnumItem> {
    p.iter()
        .map(|(v, l)| EnumItem {
            value: (*v).into(),
            label: (*l).into(),
        })
        .collect()
}

/// The enumerations used by forms.
#[endpoint(tags("meta"))]
pub async fn get_enums() -> Json<EnumsResp> {
    Json(EnumsResp {
        id_types: items(enums::ID_TYPES),
        genders: items(enums::GENDERS),
        ethnicities: enums::ETHNICITIES
            .iter()
            .map(|e| EnumItem {
                value: (*e).into(),
                label: (*e).into(),
            })
            .collect(),
        hukou_types: items(enums::HUKOU_TYPES),
        candidate_sources: items(enums::CANDIDATE_SOURCES),
        education_levels: items(enums::EDUCATION_LEVELS),
        cert_levels: items(enums::CERT_LEVELS),
        roles: items(enums::ROLES),
        levels: items(enums::CERT_LEVELS),
        subjects: items(enums::SUBJECTS),
        answer_modes: items(enums::ANSWER_MODES),
        plan_statuses: items(enums::PLAN_STATUSES),
        plan_stages: items(enums::PLAN_STAGES),
        registration_statuses: items(enums::REGISTRATION_STATUSES),
        payment_statuses: items(enums::PAYMENT_STATUSES),
        registration_sources: items(enums::REGISTRATION_SOURCES),
        correction_statuses: items(enums::CORRECTION_STATUSES),
        required_documents: items(enums::REQUIRED_DOCUMENTS),
    })
}

#[derive(Serialize, ToSchema)]
pub struct ClientConfig {
    /// WeChat web login is configured.
    pub wechat_login: bool,
    /// WeChat is the simulator (development): offer WeChat login outside WeChat too.
    pub wechat_simulated: bool,
    pub mini_program: bool,
    /// WeChat Pay is configured (the 去支付 button is shown).
    pub wechat_pay: bool,
    /// With the simulator only: the stand-in `WeixinJSBridge` script for a normal browser.
    pub pay_bridge_url: Option<String>,
}

/// What the H5 needs to know about this deployment.
#[endpoint(tags("meta"))]
pub async fn get_config(depot: &mut Depot) -> AppResult<Json<ClientConfig>> {
    let st = depot.state()?;
    let w = &st.settings.wechat;
    Ok(Json(ClientConfig {
        wechat_login: !w.mp_app_id.is_empty(),
        wechat_simulated: w.simulated,
        mini_program: !w.mini_app_id.is_empty(),
        wechat_pay: st.pay.is_some(),
        pay_bridge_url: Some(w.pay.bridge_url.clone()).filter(|u| w.simulated && !u.is_empty()),
    }))
}
