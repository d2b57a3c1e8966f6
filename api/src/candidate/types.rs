//! Request and response types of the candidate profile.
use crate::files::FileRef;
use salvo::oapi::ToSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, ToSchema)]
pub struct MissingField {
    pub field: String,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Completeness {
    /// True when the profile has everything an application needs.
    pub complete: bool,
    pub missing: Vec<MissingField>,
}

/// 用户中心: 基础信息 and 证件信息.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    pub name: String,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub mobile: Option<String>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub enrollment_date: Option<String>,
    pub work_years: Option<i32>,
    pub school_or_employer: Option<String>,
    pub education: Option<String>,
    pub prev_cert_level: Option<String>,
    pub prev_cert_number: Option<String>,
    pub prev_cert_date: Option<String>,
    pub photo: Option<FileRef>,
    pub id_front: Option<FileRef>,
    pub id_back: Option<FileRef>,
    /// The ID card's chip photo from an institution's reader (kept as an ID image; not the official photo).
    pub chip_photo: Option<FileRef>,
    pub completeness: Completeness,
}

/// Editable profile fields (name and ID change only through a correction request).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UpdateProfileReq {
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub mobile: Option<String>,
    pub ethnicity: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_address: Option<String>,
    pub candidate_source: Option<String>,
    pub enrollment_date: Option<String>,
    pub work_years: Option<i32>,
    pub school_or_employer: Option<String>,
    pub education: Option<String>,
    pub prev_cert_level: Option<String>,
    pub prev_cert_number: Option<String>,
    pub prev_cert_date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PhotoResp {
    pub photo: FileRef,
    pub original_width: u32,
    pub original_height: u32,
    /// The EXIF orientation was applied.
    pub rotated: bool,
    /// The image was cropped to 5:7.
    pub cropped: bool,
}

/// A multipart upload: one part named `file` (JPG or PNG).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The image file.
    #[salvo(schema(format = Binary))]
    pub file: String,
}
