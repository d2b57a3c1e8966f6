//! Request and response types of the occupation catalogue.
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};

/// One assessable level of an occupation and the subjects it is assessed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LevelSpec {
    /// level5 … level1, or special (专项能力)
    pub level: String,
    /// theory | practical | review
    pub subjects: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OccupationResp {
    pub id: i32,
    /// National classification code, e.g. 6-31-01-03.
    pub code: String,
    pub name: String,
    pub job_types: Vec<String>,
    pub levels: Vec<LevelSpec>,
    pub active: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OccupationReq {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub job_types: Vec<String>,
    pub levels: Vec<LevelSpec>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}
