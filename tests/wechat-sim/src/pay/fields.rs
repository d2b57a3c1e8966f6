//! Small JSON field helpers for validating request bodies, answering WeChat's `PARAM_ERROR` shapes.
use serde_json::{Map, Value, json};

use super::wire::{Call, PayError};
use salvo::prelude::*;

/// Parses the body as a JSON object.
pub(crate) fn json_object(body: &[u8]) -> Result<Value, PayError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(PayError::param("", None, "请求体须为 JSON 对象")),
        Err(e) => Err(PayError::param(
            "",
            None,
            &format!("请求体不是合法的 JSON：{e}"),
        )),
    }
}

/// The body `mchid` (required) must equal the `Authorization` one.
pub(crate) fn check_body_mchid(body: &Value, call: &Call) -> Result<(), PayError> {
    let mchid = req_str(body, "/mchid")?;
    if mchid != call.mchid {
        return Err(PayError::invalid(format!(
            "请求体中的商户号 {mchid} 与 Authorization 中的商户号 {} 不一致",
            call.mchid
        )));
    }
    Ok(())
}

/// The `mchid` query parameter (required) must equal the `Authorization` one.
pub(crate) fn check_query_mchid(req: &Request, call: &Call) -> Result<(), PayError> {
    let mchid = req.query::<String>("mchid").unwrap_or_default();
    if mchid.is_empty() {
        return Err(PayError::query_param("mchid", "", "此字段为必填项"));
    }
    if mchid != call.mchid {
        return Err(PayError::invalid(format!(
            "查询参数中的商户号 {mchid} 与 Authorization 中的商户号 {} 不一致",
            call.mchid
        )));
    }
    Ok(())
}

/// A required string field (non-empty).
pub(crate) fn req_str<'a>(body: &'a Value, field: &str) -> Result<&'a str, PayError> {
    match body.pointer(field) {
        None | Some(Value::Null) => Err(PayError::param(field, None, "此字段为必填项")),
        Some(Value::String(s)) if s.is_empty() => {
            Err(PayError::param(field, Some(&json!(s)), "此字段不能为空"))
        }
        Some(Value::String(s)) => Ok(s),
        Some(v) => Err(PayError::param(field, Some(v), "此字段须为字符串")),
    }
}

/// An optional string field (an empty string is returned as such; callers validate its content).
pub(crate) fn opt_str<'a>(body: &'a Value, field: &str) -> Result<Option<&'a str>, PayError> {
    match body.pointer(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(PayError::param(field, Some(v), "此字段须为字符串")),
    }
}

/// A required integer field.
pub(crate) fn req_int(body: &Value, field: &str) -> Result<i64, PayError> {
    match body.pointer(field) {
        None | Some(Value::Null) => Err(PayError::param(field, None, "此字段为必填项")),
        Some(v) => v
            .as_i64()
            .ok_or_else(|| PayError::param(field, Some(v), "此字段须为整数")),
    }
}

/// Checks a string's length in characters.
pub(crate) fn check_len(field: &str, s: &str, min: usize, max: usize) -> Result<(), PayError> {
    let n = s.chars().count();
    if n < min || n > max {
        return Err(PayError::param(
            field,
            Some(&json!(s)),
            &format!("长度须在 {min} 到 {max} 之间（实际 {n}）"),
        ));
    }
    Ok(())
}

/// Rejects keys of `obj` not in `allowed` ("参数中含有非法的额外参数").
pub(crate) fn no_extra_keys(obj: &Map<String, Value>, allowed: &[&str]) -> Result<(), PayError> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(extra) => Err(PayError::param(
            &format!("/{extra}"),
            obj.get(extra),
            "参数中含有非法的额外参数",
        )),
        None => Ok(()),
    }
}

/// An absolute http(s) URL without query string (notify_url rules; plain http is accepted by the simulator).
pub(crate) fn check_notify_url(field: &str, value: &str) -> Result<(), PayError> {
    let ok = value.chars().count() <= 255
        && url::Url::parse(value).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host().is_some() && u.query().is_none()
        })
        && !value.contains('?');
    if ok {
        Ok(())
    } else {
        Err(PayError::param(
            field,
            Some(&json!(value)),
            "须为不带查询参数的绝对 http(s) 地址，长度不超过 255",
        ))
    }
}
