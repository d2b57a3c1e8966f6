//! Request and response types of registrations (报名).
use crate::files::FileRef;
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocInput {
    /// One of the item's required document names.
    pub name: String,
    pub file_id: Uuid,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ApplyReq {
    pub item_id: i32,
    #[serde(default)]
    pub documents: Vec<DocInput>,
    #[serde(default)]
    pub notice_confirmed: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EditReq {
    #[serde(default)]
    pub documents: Vec<DocInput>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegPlan {
    pub id: i32,
    pub name: String,
    pub exam_date: String,
    pub reg_start: String,
    pub reg_end: String,
    pub stage: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegItem {
    pub id: i32,
    pub occupation_code: String,
    pub occupation_name: String,
    pub job_type: String,
    pub level: String,
    pub level_label: String,
    pub fee_fen: i64,
    pub required_documents: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegCandidate {
    pub user_id: i32,
    pub name: String,
    pub id_type: Option<String>,
    pub id_number_masked: String,
    /// The full number, only for the candidate and the institution's staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    pub mobile_masked: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegDocument {
    pub name: String,
    pub file: Option<FileRef>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub actor_name: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationResp {
    pub id: Uuid,
    pub plan: RegPlan,
    pub item: RegItem,
    pub candidate: RegCandidate,
    pub status: String,
    pub payment_status: String,
    pub reason: Option<String>,
    pub source: String,
    pub documents: Vec<RegDocument>,
    /// Required documents of the item that the registration lacks (approving then needs a confirmation).
    pub missing_documents: Vec<String>,
    pub can_edit: bool,
    pub can_withdraw: bool,
    /// 申请通过, 待支付, a fee, before the payment deadline (the candidate's own view only).
    pub can_pay: bool,
    /// Covered by the institution's pending remittance: owes, but not payable in WeChat (why 去支付 is absent).
    pub in_remittance: bool,
    pub can_export_form: bool,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryEntry>>,
    /// Every profile field with the photo and ID images (the review detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::candidate::types::Profile>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationPage {
    pub total: u64,
    pub items: Vec<RegistrationResp>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewReq {
    pub ids: Vec<Uuid>,
    /// approve | return | reject (any other action is refused)
    pub action: super::state::Action,
    /// Required for return and reject; `null` or absent for approve.
    #[serde(default)]
    pub reason: Option<String>,
    /// Approve even though required documents are missing (the reviewer confirmed it; it is recorded).
    #[serde(default)]
    pub confirm_missing_documents: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewFailure {
    pub id: Uuid,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewResp {
    pub done: Vec<Uuid>,
    pub failed: Vec<ReviewFailure>,
}
