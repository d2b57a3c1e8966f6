//! The candidate's 用户中心: profile fields, completeness, the personal photo and ID-document images.
pub mod fields;
pub mod photo;
pub mod profile;
pub mod profile_memo;
pub mod types;
pub mod uploads;

use crate::auth::roles::{Allow, CANDIDATE};
use salvo::Router;
use salvo::http::request::SecureMaxSize;

pub fn router() -> Router {
    Router::with_path("profile")
        .allow(CANDIDATE)
        .get(profile::get_profile)
        .put(profile::update_profile)
        .push(
            Router::with_path("photo")
                .hoop(SecureMaxSize::new(uploads::PHOTO_UPLOAD_MAX + 128 * 1024))
                .post(uploads::upload_photo),
        )
        .push(
            Router::with_path("id-images/{side}")
                .hoop(SecureMaxSize::new(uploads::DOC_UPLOAD_MAX + 128 * 1024))
                .post(uploads::upload_id_image)
                .delete(uploads::delete_id_image),
        )
}
