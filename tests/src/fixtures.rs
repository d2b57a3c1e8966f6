//! Test data: valid resident ID numbers, images with and without EXIF orientation.
use image::RgbImage;

/// A valid 居民身份证 number with a random sequence and birth date.
pub fn random_resident_id() -> String {
    let r = uuid::Uuid::new_v4().as_u128();
    let year = 1960 + (r % 40) as u32;
    let month = 1 + ((r >> 8) % 12) as u32;
    let day = 1 + ((r >> 16) % 28) as u32;
    let seq = (r >> 24) % 1000;
    let body = format!("440106{year:04}{month:02}{day:02}{seq:03}");
    let check = api::domain::idcard::check_char(body.as_bytes());
    format!("{body}{check}")
}

/// A JPEG whose top half is red and bottom half blue (so orientation can be checked).
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |_, y| {
        if y < h / 2 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut out, 90,
    ))
    .expect("encode");
    out
}

/// A phone-style photo: stored landscape `w`×`h` with EXIF orientation 6 (display rotated 90° clockwise).
pub fn phone_photo(w: u32, h: u32) -> Vec<u8> {
    // Stored sideways: the "top" (red) of the upright picture is on the left of the stored image.
    let img = RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut out, 85,
    ))
    .expect("encode");
    api::candidate::photo::with_exif_orientation(&out, 6)
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_pixel(w, h, image::Rgb([250, 250, 250]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

/// A phone-camera-sized JPEG (e.g. 4032×3024) with sensor-like noise, so that it stays several megabytes.
pub fn large_phone_photo(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let img = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 96) as u32;
        let base = |v: u32| (v + n).min(255) as u8;
        image::Rgb([base(x * 120 / w + 40), base(y * 120 / h + 40), base(100)])
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut out, 92,
    ))
    .expect("encode");
    out
}
