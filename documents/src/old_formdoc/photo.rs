//! Decoding the candidate photo (EXIF orientation, size limits) and fitting it to the photo box.

use std::io::Cursor;

use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageDecoder as _, ImageReader, Limits, Rgb, RgbImage};

use super::error::RenderError;

/// Largest accepted photo side in pixels; larger input is rejected, not decoded.
const MAX_SIDE: u32 = 6000;

fn bad(e: impl std::fmt::Display) -> RenderError {
    RenderError::BadPhoto(e.to_string())
}

/// Decodes a JPEG (or PNG) photo, applies its EXIF orientation, flattens alpha onto white.
pub(crate) fn decode(bytes: &[u8]) -> Result<RgbImage, RenderError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(bad)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(bad)?;
    let orientation = decoder.orientation().map_err(bad)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(bad)?;
    img.apply_orientation(orientation);
    if img.width() == 0 || img.height() == 0 {
        return Err(bad("图片尺寸为零"));
    }
    if !img.color().has_alpha() {
        return Ok(img.to_rgb8());
    }
    let rgba = img.to_rgba8();
    Ok(RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u32::from(p[3]);
        let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    }))
}

/// Centre-crops `img` to the aspect ratio of `w`×`h`, then resizes it to exactly that size.
pub(crate) fn fit(img: &RgbImage, w: u32, h: u32) -> RgbImage {
    let (sw, sh) = (u64::from(img.width()), u64::from(img.height()));
    let (tw, th) = (u64::from(w.max(1)), u64::from(h.max(1)));
    let (cw, ch) = if sw * th > sh * tw {
        ((sh * tw / th).max(1), sh)
    } else {
        (sw, (sw * th / tw).max(1))
    };
    let (cw, ch) = (cw as u32, ch as u32);
    let x = (img.width() - cw) / 2;
    let y = (img.height() - ch) / 2;
    let cropped = imageops::crop_imm(img, x, y, cw, ch).to_image();
    imageops::resize(&cropped, w.max(1), h.max(1), FilterType::CatmullRom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::{ExtendedColorType, ImageEncoder as _, Rgba, RgbaImage};

    pub(crate) fn jpeg(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                ExtendedColorType::Rgb8,
            )
            .expect("encode test jpeg");
        out
    }

    #[test]
    fn decodes_a_jpeg() {
        let img =
            decode(&jpeg(&RgbImage::from_pixel(50, 70, Rgb([10, 120, 200])))).expect("decode");
        assert_eq!(img.dimensions(), (50, 70));
        let p = img.get_pixel(25, 35).0;
        assert!(
            p.iter()
                .zip([10u8, 120, 200])
                .all(|(a, b)| a.abs_diff(b) < 8),
            "{p:?}"
        );
    }

    #[test]
    fn random_bytes_are_a_bad_photo() {
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(decode(&junk), Err(RenderError::BadPhoto(_))));
        assert!(matches!(decode(&[]), Err(RenderError::BadPhoto(_))));
        let truncated = jpeg(&RgbImage::from_pixel(50, 70, Rgb([1, 2, 3])));
        assert!(matches!(
            decode(&truncated[..40]),
            Err(RenderError::BadPhoto(_))
        ));
    }

    #[test]
    fn transparent_png_is_flattened_onto_white() {
        let mut png = Vec::new();
        let img = RgbaImage::from_pixel(4, 4, Rgba([0, 0, 0, 0]));
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(img.as_raw(), 4, 4, ExtendedColorType::Rgba8)
            .expect("encode png");
        let out = decode(&png).expect("decode png");
        assert_eq!(*out.get_pixel(1, 1), Rgb([255, 255, 255]));
    }

    #[test]
    fn fit_crops_to_aspect_and_resizes() {
        // Wide source: left/right thirds red, middle green -> the crop keeps mostly green.
        let src = RgbImage::from_fn(300, 100, |x, _| {
            if (100..200).contains(&x) {
                Rgb([0, 255, 0])
            } else {
                Rgb([255, 0, 0])
            }
        });
        let out = fit(&src, 50, 70);
        assert_eq!(out.dimensions(), (50, 70));
        assert_eq!(out.get_pixel(25, 35).0[1], 255);
        let tall = fit(&RgbImage::new(10, 1000), 150, 210);
        assert_eq!(tall.dimensions(), (150, 210));
        assert_eq!(fit(&RgbImage::new(1, 1), 0, 0).dimensions(), (1, 1));
    }
}
