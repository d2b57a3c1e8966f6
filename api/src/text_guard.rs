//! One gate for free text: every JSON body sent to the API is checked for control and bidirectional-override
//! characters before a handler sees it (multipart forms call [`check_form`] after parsing with their own limit).
use crate::domain::text::{first_unclean_field, is_clean, is_multiline};
use crate::error::{AppError, AppResult};
use salvo::http::form::FormData;
use salvo::prelude::*;

fn refuse(field: &str) -> AppError {
    AppError::bad(
        "control_characters",
        format!("「{field}」含有控制字符或不可见的方向字符，请删除后重试"),
    )
}

/// Refuses a JSON body with control characters in any string; unreadable bodies are left to the handler.
#[handler]
pub async fn refuse_control_characters(
    req: &mut Request,
    depot: &mut Depot,
    res: &mut Response,
    ctrl: &mut FlowCtrl,
) {
    let is_json = req.content_type().is_some_and(|m| m.subtype() == "json");
    // WeChat's notifications are signed ciphertext, read by their own handler with its own size limit.
    if !is_json || req.uri().path().ends_with("notify") {
        return;
    }
    let refusal = match req.payload().await {
        // The body is consumed by reading it: a body too large to read is refused here, as the handler would.
        Err(e) => Some(AppError::from(e)),
        Ok(body) => serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| first_unclean_field(&v))
            .map(|field| refuse(&field)),
    };
    if let Some(e) = refusal {
        e.write(req, depot, res).await;
        ctrl.skip_rest();
    }
}

/// The same rule for the text fields of a parsed multipart form.
pub fn check_form(form: &FormData) -> AppResult<()> {
    match form
        .fields
        .iter_all()
        .find(|(k, vs)| vs.iter().any(|v| !is_clean(v, is_multiline(k))))
    {
        Some((k, _)) => Err(refuse(k)),
        None => Ok(()),
    }
}
