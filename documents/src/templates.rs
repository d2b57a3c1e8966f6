//! The built-in templates and the typed data each one reads (its contract with the code that fills it).
use serde::Serialize;

/// `application_form.typ`: the 个人申请表. File `photo` (JPEG/PNG, 5:7) is optional.
pub const APPLICATION_FORM: &str = "application_form.typ";
/// `table.typ`: a titled table over as many pages as it needs, the header row repeated on each page.
pub const TABLE: &str = "table.typ";

/// Every built-in template (file name, source); `common.typ` is the look they share.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("common.typ", include_str!("../templates/common.typ")),
    (
        APPLICATION_FORM,
        include_str!("../templates/application_form.typ"),
    ),
    (TABLE, include_str!("../templates/table.typ")),
];

/// One label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// Data of [`APPLICATION_FORM`].
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationForm {
    /// 职业技能等级认定个人申请表
    pub title: String,
    /// The plan name, under the title.
    pub subtitle: String,
    /// 报考信息 (two per row when short).
    pub header: Vec<Field>,
    /// 个人信息, beside the photo first.
    pub fields: Vec<Field>,
    /// 考生承诺, above the signature line.
    pub declaration: String,
    /// Small print at the foot of the page (生成时间 …).
    pub footer: String,
}

/// A column of [`Table`].
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub label: String,
    /// Relative width (1 = one share of the free width).
    pub width: f64,
}

/// Data of [`TABLE`].
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub title: String,
    pub subtitle: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Small print at the foot of each page, before the page number.
    pub footer: String,
}
