//! Request and response types of exam plans.
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};

/// Basic information of a plan. There is no name: it is derived from the exam date and the institution.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PlanReq {
    /// YYYY-MM-DD
    pub exam_date: String,
    /// RFC 3339 date-times with offset
    pub reg_start: String,
    pub reg_end: String,
    pub review_deadline: String,
    pub payment_deadline: String,
    pub ticket_start: String,
    pub ticket_end: String,
    #[serde(default)]
    pub announcement: String,
    #[serde(default)]
    pub notice: String,
    #[serde(default)]
    pub conditions: String,
    /// How many different occupations one candidate may apply for in this plan (default 2).
    pub max_occupations: Option<i32>,
}

/// One subject of an item with its answer mode / site type and its exam time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Subject {
    /// theory | practical | review
    pub subject: String,
    /// ata | paper | practical
    pub answer_mode: String,
    /// YYYY-MM-DD
    pub date: Option<String>,
    /// HH:MM
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ItemReq {
    pub occupation_id: i32,
    #[serde(default)]
    pub job_type: String,
    pub level: String,
    pub fee_fen: i64,
    #[serde(default)]
    pub expected_count: i32,
    #[serde(default)]
    pub required_documents: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<Subject>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionRef {
    pub id: i32,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanItemResp {
    pub id: i32,
    pub occupation_id: i32,
    pub occupation_code: String,
    pub occupation_name: String,
    pub job_type: String,
    pub level: String,
    pub level_label: String,
    pub fee_fen: i64,
    pub expected_count: i32,
    pub required_documents: Vec<String>,
    pub subjects: Vec<Subject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_count: Option<u64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanResp {
    pub id: i32,
    pub institution: InstitutionRef,
    pub name: String,
    pub status: String,
    pub stage: String,
    pub reg_start: String,
    pub reg_end: String,
    pub review_deadline: String,
    pub payment_deadline: String,
    pub exam_date: String,
    pub ticket_start: String,
    pub ticket_end: String,
    pub announcement: String,
    pub notice: String,
    pub conditions: String,
    pub max_occupations: i32,
    pub items: Vec<PlanItemResp>,
    pub registration_count: u64,
    pub created_at: String,
    pub updated_at: String,
    pub published_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanSummary {
    pub id: i32,
    pub name: String,
    pub institution: InstitutionRef,
    pub status: String,
    pub stage: String,
    pub reg_start: String,
    pub reg_end: String,
    pub exam_date: String,
    pub item_count: u64,
    pub registration_count: u64,
    pub published_at: Option<String>,
}

/// A plan item open to candidates, as listed in 职业技能报考信息.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenItem {
    pub plan_id: i32,
    pub plan_name: String,
    pub institution_name: String,
    pub item_id: i32,
    pub occupation_code: String,
    pub occupation_name: String,
    pub job_type: String,
    pub level: String,
    pub level_label: String,
    pub fee_fen: i64,
    pub reg_start: String,
    pub reg_end: String,
    pub exam_date: String,
    pub can_apply: bool,
    /// null | not_started | closed
    pub closed_reason: Option<String>,
}

/// A published plan as candidates see it (公示信息).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicPlan {
    pub id: i32,
    pub name: String,
    pub institution_name: String,
    pub reg_start: String,
    pub reg_end: String,
    pub exam_date: String,
    pub announcement: String,
    pub notice: String,
    pub conditions: String,
    pub max_occupations: i32,
    pub items: Vec<PlanItemResp>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConfirmReq {
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonReq {
    #[serde(default)]
    pub reason: String,
}
