//! Stored files: saving an upload, signed expiring links for `<img src>`, and serving a file only to its owner
//! (or the centre/admin, or the holder of a valid signed link).
use crate::error::{AppError, AppResult};
use crate::state::{AppState, DepotExt};
use entity::file;
use hmac::{Hmac, Mac};
use salvo::oapi::ToSchema;
use salvo::oapi::extract::{PathParam, QueryParam};
use salvo::prelude::*;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::Serialize;
use sha2::Sha256;
use uuid::Uuid;

pub fn router() -> Router {
    Router::with_path("files/{id}").get(get_file)
}

/// A stored file as the API shows it; `url` works in `<img src>` until it expires.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FileRef {
    pub id: Uuid,
    pub url: String,
    pub content_type: String,
    pub size: i64,
    pub width: i32,
    pub height: i32,
}

fn signature(secret: &str, id: &Uuid, exp: i64) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(format!("{id}.{exp}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn verify_signature(secret: &str, id: &Uuid, exp: i64, sig: &str) -> bool {
    let Ok(sig) = hex::decode(sig) else {
        return false;
    };
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(format!("{id}.{exp}").as_bytes());
    mac.verify_slice(&sig).is_ok()
}

pub fn file_ref(st: &AppState, f: &file::Model) -> FileRef {
    let exp = chrono::Utc::now().timestamp() + st.settings.auth.file_link_ttl_secs;
    let sig = signature(st.settings.auth.link_secret.expose(), &f.id, exp);
    FileRef {
        id: f.id,
        url: format!("/api/files/{}?exp={exp}&sig={sig}", f.id),
        content_type: f.content_type.clone(),
        size: f.size,
        width: f.width,
        height: f.height,
    }
}

pub struct NewFile<'a> {
    pub owner_id: i32,
    pub kind: &'a str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Writes the bytes to storage and records the file (the row is written on `db`, e.g. inside a transaction).
pub async fn save(
    st: &AppState,
    db: &impl ConnectionTrait,
    f: NewFile<'_>,
) -> AppResult<file::Model> {
    let id = Uuid::new_v4();
    let key = format!("{}/{}/{id}.jpg", f.kind, f.owner_id);
    let size = f.bytes.len() as i64;
    st.storage.put(&key, f.bytes).await?;
    let m = file::ActiveModel {
        id: Set(id),
        owner_id: Set(f.owner_id),
        kind: Set(f.kind.to_string()),
        content_type: Set("image/jpeg".into()),
        size: Set(size),
        width: Set(f.width as i32),
        height: Set(f.height as i32),
        storage_key: Set(key),
        created_at: Set(crate::now()),
        attached_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(m)
}

/// Download a stored file: with a valid signed link, or as its owner (centre and admin may read any). Whether the
/// id is malformed, absent or someone else's, the answer is the same, so that ids cannot be probed.
#[endpoint(tags("files"))]
pub async fn get_file(
    id: PathParam<String>,
    exp: QueryParam<i64, false>,
    sig: QueryParam<String, false>,
    depot: &mut Depot,
    res: &mut Response,
) -> AppResult<()> {
    let st = depot.state()?;
    let hidden = || AppError::not_found("not_found", "文件不存在或无权查看");
    let id = Uuid::parse_str(&id.into_inner()).ok();
    let signed_ok = match (id, exp.into_inner(), sig.into_inner()) {
        (Some(id), Some(exp), Some(sig)) => {
            exp >= chrono::Utc::now().timestamp()
                && verify_signature(st.settings.auth.link_secret.expose(), &id, exp, &sig)
        }
        _ => false,
    };
    // Without a signed link the caller must be logged in before the id is even looked up.
    let reader = if signed_ok {
        None
    } else {
        Some(depot.session()?)
    };
    let f = file::Entity::find_by_id(id.ok_or_else(hidden)?)
        .one(&st.db)
        .await?
        .ok_or_else(hidden)?;
    if let Some(s) = reader {
        let privileged = matches!(
            s.role.as_str(),
            "admin" | "centre_reviewer" | "centre_finance"
        );
        if s.user_id != f.owner_id && !privileged {
            return Err(hidden());
        }
    }
    let bytes = st.storage.get(&f.storage_key).await?;
    send(
        res,
        bytes,
        &f.content_type,
        "inline",
        "private, max-age=600",
    );
    Ok(())
}

/// Sends bytes as a download (every .xlsx, PDF and PNG the API hands out) with an RFC 5987 file name, so that
/// Chinese names survive; nothing is cached on the way.
pub fn send_download(res: &mut Response, bytes: Vec<u8>, content_type: &str, file_name: &str) {
    send(
        res,
        bytes,
        content_type,
        &attachment(file_name),
        "private, no-store",
    );
}

/// `attachment` with an ASCII fallback name and the real one percent-encoded as UTF-8 (RFC 5987 / RFC 6266).
fn attachment(file_name: &str) -> String {
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"download\"; filename*=UTF-8''{encoded}")
}

/// The one place a file response gets its headers.
fn send(res: &mut Response, bytes: Vec<u8>, content_type: &str, disposition: &str, cache: &str) {
    let headers = res.headers_mut();
    for (k, v) in [
        ("content-type", content_type),
        ("content-disposition", disposition),
        ("cache-control", cache),
        ("x-content-type-options", "nosniff"),
    ] {
        if let Ok(v) = v.parse() {
            headers.insert(k, v);
        }
    }
    res.body(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_bind_the_file_and_the_expiry() {
        let id = Uuid::new_v4();
        let sig = signature("k", &id, 100);
        assert!(verify_signature("k", &id, 100, &sig));
        assert!(!verify_signature("k", &id, 101, &sig));
        assert!(!verify_signature("other", &id, 100, &sig));
        assert!(!verify_signature("k", &Uuid::new_v4(), 100, &sig));
        assert!(!verify_signature("k", &id, 100, "zz"));
    }

    #[test]
    fn downloads_carry_the_utf8_file_name_and_are_not_cached() {
        let mut res = Response::new();
        send_download(&mut res, b"PK".to_vec(), "application/pdf", "报名表 1.pdf");
        let header = |k: &str| res.headers()[k].to_str().unwrap_or_default().to_string();
        assert_eq!(
            header("content-disposition"),
            "attachment; filename=\"download\"; filename*=UTF-8''%E6%8A%A5%E5%90%8D%E8%A1%A8%201.pdf"
        );
        assert_eq!(header("content-type"), "application/pdf");
        assert_eq!(header("cache-control"), "private, no-store");
        assert_eq!(header("x-content-type-options"), "nosniff");
    }
}
