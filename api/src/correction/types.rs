//! Request and response types of correction requests.
use super::fields::Change;
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateRegSummary {
    pub plan_name: String,
    pub occupation_name: String,
    pub level_label: String,
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateHit {
    pub user_id: i32,
    pub name: String,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub mobile_masked: String,
    pub registrations: Vec<CandidateRegSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldValue {
    pub field: String,
    pub label: String,
    pub value: Option<String>,
    pub editable: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateFields {
    pub user_id: i32,
    pub fields: Vec<FieldValue>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CorrectionReq {
    pub user_id: i32,
    pub changes: HashMap<String, Option<String>>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectReq {
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionCandidate {
    pub user_id: i32,
    pub name: String,
    pub id_number_masked: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionResp {
    pub id: Uuid,
    pub candidate: CorrectionCandidate,
    pub institution_name: String,
    pub requested_by_name: String,
    pub changes: Vec<Change>,
    pub reason: String,
    pub status: String,
    pub review_reason: Option<String>,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<String>,
    pub created_at: String,
}
