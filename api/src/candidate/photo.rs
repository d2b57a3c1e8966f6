//! Image normalisation (pure, CPU-bound; call it through `crate::blocking`). The personal photo becomes an upright
//! 5:7 portrait within 500×700 px and 1 MB; ID-document images are checked and re-encoded (which also strips
//! EXIF/GPS data). Formats are sniffed from the bytes, never taken from the file name or Content-Type.
use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, imageops::FilterType,
};
use std::borrow::Cow;
use std::io::Cursor;

pub const PHOTO_MAX_W: u32 = 500;
pub const PHOTO_MAX_H: u32 = 700;
pub const PHOTO_MIN_W: u32 = 200;
pub const PHOTO_MIN_H: u32 = 280;
pub const PHOTO_MAX_BYTES: usize = 1024 * 1024;
/// Decoding refuses anything larger than this many pixels (decompression bombs).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Document images are stored within this many bytes and (first try) this longest side.
pub const DOC_MAX_BYTES: usize = 2 * 1024 * 1024;
const DOC_MAX_SIDE: u32 = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Unsupported,
    Corrupt,
    TooManyPixels,
    TooSmall { width: u32, height: u32 },
}

#[derive(Debug)]
pub struct Normalised {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub original_width: u32,
    pub original_height: u32,
    pub rotated: bool,
    pub cropped: bool,
}

pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else {
        None
    }
}

/// Decodes with limits and applies the EXIF orientation; returns the image and whether it was rotated.
fn decode_upright(bytes: &[u8]) -> Result<(DynamicImage, bool), Refusal> {
    let format = sniff(bytes).ok_or(Refusal::Unsupported)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal_of)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(refusal_of)?;
    let rotated = orientation != image::metadata::Orientation::NoTransforms;
    img.apply_orientation(orientation);
    Ok((img, rotated))
}

fn refusal_of(e: image::ImageError) -> Refusal {
    match e {
        image::ImageError::Limits(_) => Refusal::TooManyPixels,
        image::ImageError::Unsupported(_) => Refusal::Unsupported,
        _ => Refusal::Corrupt,
    }
}

/// Flattens transparency onto white (a PNG with alpha must not turn black as JPEG).
fn on_white(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

fn encode_jpeg(img: &RgbImage, max_bytes: usize) -> Result<Vec<u8>, Refusal> {
    for quality in [90u8, 80, 70, 60, 50] {
        let mut out = Vec::new();
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        img.write_with_encoder(enc).map_err(|_| Refusal::Corrupt)?;
        if out.len() <= max_bytes {
            return Ok(out);
        }
    }
    Err(Refusal::TooManyPixels)
}

/// The personal photo: upright, centre-cropped to 5:7, scaled to at most 500×700, JPEG ≤ 1 MB.
pub fn normalise_photo(bytes: &[u8]) -> Result<Normalised, Refusal> {
    let (img, rotated) = decode_upright(bytes)?;
    let (w, h) = (img.width(), img.height());
    // Largest 5:7 rectangle inside the image, centred.
    let (cw, ch) = if u64::from(w) * 7 > u64::from(h) * 5 {
        (h * 5 / 7, h)
    } else {
        (w, w * 7 / 5)
    };
    if cw < PHOTO_MIN_W || ch < PHOTO_MIN_H {
        return Err(Refusal::TooSmall {
            width: w,
            height: h,
        });
    }
    let cropped = (cw, ch) != (w, h);
    let mut img = img.crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch);
    if cw > PHOTO_MAX_W || ch > PHOTO_MAX_H {
        img = img.resize_exact(PHOTO_MAX_W, PHOTO_MAX_H, FilterType::CatmullRom);
    }
    let rgb = on_white(&img);
    let jpeg = encode_jpeg(&rgb, PHOTO_MAX_BYTES)?;
    Ok(Normalised {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
        original_width: w,
        original_height: h,
        rotated,
        cropped,
    })
}

/// A document image (ID card, diploma, voucher; typically a phone photo of several MB): upright, longest side at
/// most 2000 px, JPEG within 2 MB. A picture that still does not fit (rare: extreme detail) is scaled down further
/// rather than refused.
pub fn normalise_document(bytes: &[u8]) -> Result<Normalised, Refusal> {
    let (img, rotated) = decode_upright(bytes)?;
    let (w, h) = (img.width(), img.height());
    if w < 100 || h < 100 {
        return Err(Refusal::TooSmall {
            width: w,
            height: h,
        });
    }
    let mut last = Refusal::TooManyPixels;
    for side in [DOC_MAX_SIDE, 1600, 1200] {
        let scaled = if w.max(h) > side {
            Cow::Owned(img.resize(side, side, FilterType::CatmullRom))
        } else {
            Cow::Borrowed(&img)
        };
        let rgb = on_white(&scaled);
        match encode_jpeg(&rgb, DOC_MAX_BYTES) {
            Ok(jpeg) => {
                return Ok(Normalised {
                    jpeg,
                    width: rgb.width(),
                    height: rgb.height(),
                    original_width: w,
                    original_height: h,
                    rotated,
                    cropped: false,
                });
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Test and fixture helper: inserts an EXIF APP1 segment with the given orientation right after a JPEG's SOI.
pub fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    // TIFF header (little endian), one IFD with one entry: tag 0x0112 (Orientation), type SHORT, count 1.
    let mut tiff = vec![
        b'I', b'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00,
    ];
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Test and fixture helper: a PNG that is only a valid header declaring `w`×`h` (a decompression bomb in spirit).
pub fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut crc = 0xFFFF_FFFFu32;
    for &b in &ihdr {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&(!crc).to_be_bytes());
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        // Top half red, bottom half blue: lets a test see which way is up.
        let img = RgbImage::from_fn(w, h, |_, y| {
            if y < h / 2 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        let mut out = Vec::new();
        let _ = img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out, 85,
        ));
        out
    }

    #[test]
    fn a_landscape_phone_photo_tagged_rotate_90_becomes_an_upright_500_by_700_portrait() {
        // Stored 1600×1200 landscape with orientation 6 (rotate 90° clockwise to display): upright it is 1200×1600.
        let bytes = with_exif_orientation(&jpeg(1600, 1200), 6);
        let n = normalise_photo(&bytes).expect("a usable photo");
        assert!(n.rotated && n.cropped);
        assert_eq!((n.width, n.height), (500, 700));
        assert_eq!((n.original_width, n.original_height), (1200, 1600));
        assert!(n.jpeg.len() <= PHOTO_MAX_BYTES);
    }

    #[test]
    fn refusals_have_their_own_reasons() {
        assert_eq!(
            normalise_photo(b"%PDF-1.7 not an image").err(),
            Some(Refusal::Unsupported)
        );
        let mut broken = jpeg(800, 1000);
        broken.truncate(200);
        assert_eq!(normalise_photo(&broken).err(), Some(Refusal::Corrupt));
        assert_eq!(
            normalise_photo(&jpeg(150, 210)).err(),
            Some(Refusal::TooSmall {
                width: 150,
                height: 210
            })
        );
    }

    #[test]
    fn a_png_claiming_huge_dimensions_is_refused_before_decoding() {
        assert_eq!(
            normalise_photo(&png_header_only(30000, 30000)).err(),
            Some(Refusal::TooManyPixels)
        );
    }
}
