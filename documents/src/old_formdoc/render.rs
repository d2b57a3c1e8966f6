//! Public entry points: paint the laid-out page, encode it as PNG, or wrap a JPEG of it in a PDF.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder as _, RgbImage};

use super::builder::Op;
use super::canvas::Canvas;
use super::layout::{self, PAGE_H, PAGE_W};
use super::{Font, FormDoc, RenderError, pdf, photo};

/// JPEG quality of the page image inside the PDF.
const PDF_JPEG_QUALITY: u8 = 90;

fn encode_err(e: impl std::fmt::Display) -> RenderError {
    RenderError::Encode(e.to_string())
}

/// Lays out and paints the page (photo decoded first, so a bad photo fails fast).
fn render_image(doc: &FormDoc, font: &Font) -> Result<RgbImage, RenderError> {
    let photo = doc.photo_jpeg.as_deref().map(photo::decode).transpose()?;
    let page = layout::layout(doc, font);
    let mut canvas = Canvas::new(PAGE_W as u32, PAGE_H as u32);
    for op in &page.ops {
        match op {
            Op::Fill(r, color) => canvas.fill(*r, *color),
            Op::Text {
                x,
                baseline,
                text,
                em,
                color,
                bold,
            } => {
                canvas.text(font, *x, *baseline, text, *em, *color);
                if *bold {
                    let dx = (em * 0.035).max(0.6);
                    canvas.text(font, x + dx, *baseline, text, *em, *color);
                }
            }
            Op::Photo(r) => {
                if let Some(img) = &photo {
                    let fitted = photo::fit(img, r.w.max(1) as u32, r.h.max(1) as u32);
                    canvas.blit(&fitted, r.x, r.y);
                }
            }
        }
    }
    Ok(canvas.into_image())
}

/// Renders the form as an A4 PNG (1240 × 1754 px, 150 dpi).
pub fn render_png(doc: &FormDoc, font: &Font) -> Result<Vec<u8>, RenderError> {
    let img = render_image(doc, font)?;
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(encode_err)?;
    Ok(out)
}

/// Renders the form as a one-page A4 PDF holding the page as a JPEG; PDF title = `doc.title`.
pub fn render_pdf(doc: &FormDoc, font: &Font) -> Result<Vec<u8>, RenderError> {
    let img = render_image(doc, font)?;
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, PDF_JPEG_QUALITY)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(encode_err)?;
    Ok(pdf::single_image_pdf(
        &jpeg,
        img.width(),
        img.height(),
        &doc.title,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::pdf::tests::{assert_well_formed, find};
    use super::super::{sample_doc, test_font};
    use super::*;
    use image::Rgb;

    fn solid_jpeg(color: Rgb<u8>) -> Vec<u8> {
        let img = RgbImage::from_pixel(500, 700, color);
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(img.as_raw(), 500, 700, ExtendedColorType::Rgb8)
            .expect("encode");
        out
    }

    /// A synthetic ID photo: blue backdrop, face-coloured ellipse, dark shoulders.
    fn portrait_jpeg() -> Vec<u8> {
        let img = RgbImage::from_fn(500, 700, |x, y| {
            let (fx, fy) = ((x as f32 - 250.0) / 120.0, (y as f32 - 290.0) / 160.0);
            if fx * fx + fy * fy < 1.0 {
                Rgb([236, 200, 170])
            } else if y > 520 && (x as f32 - 250.0).abs() < 60.0 + (y as f32 - 520.0) * 1.4 {
                Rgb([40, 45, 60])
            } else {
                Rgb([67, 142, 219])
            }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(img.as_raw(), 500, 700, ExtendedColorType::Rgb8)
            .expect("encode");
        out
    }

    fn decode(png: &[u8]) -> RgbImage {
        image::load_from_memory(png)
            .expect("output PNG decodes")
            .to_rgb8()
    }

    #[test]
    fn png_is_a4_with_dark_title_and_small() {
        let font = test_font();
        let doc = sample_doc(Some(portrait_jpeg()));
        let png = render_png(&doc, font).expect("render");
        assert!(png.len() < 1_500_000, "PNG is {} bytes", png.len());
        let img = decode(&png);
        assert_eq!(img.dimensions(), (1240, 1754));
        let page = layout::layout(&doc, font);
        let t = page.title;
        let dark = (t.y..t.bottom())
            .flat_map(|y| (t.x..t.right()).map(move |x| (x as u32, y as u32)))
            .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 80)
            .count();
        assert!(dark > 2000, "title area has only {dark} dark pixels");
        assert_eq!(
            *img.get_pixel(5, 5),
            Rgb([255, 255, 255]),
            "white background"
        );
    }

    #[test]
    fn photo_box_shows_the_photo_colour() {
        let font = test_font();
        let color = Rgb([200, 30, 40]);
        let doc = sample_doc(Some(solid_jpeg(color)));
        let img = decode(&render_png(&doc, font).expect("render"));
        let r = layout::layout(&doc, font).photo;
        assert!(r.w > 100 && r.h > 140, "{r:?}");
        assert!(
            r.right() <= 1240 - 80 && r.y < 700,
            "photo should sit top-right: {r:?}"
        );
        for (fx, fy) in [(0.5, 0.5), (0.2, 0.2), (0.8, 0.9)] {
            let (x, y) = (
                r.x + (r.w as f32 * fx) as i32,
                r.y + (r.h as f32 * fy) as i32,
            );
            let p = img.get_pixel(x as u32, y as u32).0;
            assert!(
                p.iter().zip(color.0).all(|(a, b)| a.abs_diff(b) < 12),
                "{p:?} at {x},{y}"
            );
        }
        let without = decode(&render_png(&sample_doc(None), font).expect("render"));
        let p = without.get_pixel((r.x + 10) as u32, (r.y + 10) as u32).0;
        assert_eq!(p, [255, 255, 255], "empty photo box is white");
    }

    #[test]
    fn pdf_is_single_page_with_jpeg_and_title() {
        let font = test_font();
        let doc = sample_doc(Some(portrait_jpeg()));
        let pdf_bytes = render_pdf(&doc, font).expect("render");
        assert!(pdf_bytes.starts_with(b"%PDF-"));
        assert!(pdf_bytes.trim_ascii_end().ends_with(b"%%EOF"));
        assert_well_formed(&pdf_bytes);
        assert!(find(&pdf_bytes, b"/Filter /DCTDecode").is_some());
        let start = find(&pdf_bytes, b"stream\n\xFF\xD8").expect("JPEG stream follows") + 7;
        let len = find(&pdf_bytes[start..], b"\nendstream").expect("endstream");
        let page =
            image::load_from_memory(&pdf_bytes[start..start + len]).expect("embedded JPEG decodes");
        assert_eq!((page.width(), page.height()), (1240, 1754));
        assert!(
            find(&pdf_bytes, b"/Title <FEFF804C4E1A6280").is_some(),
            "title 职业技…"
        );
        assert!(
            pdf_bytes.len() < 1_500_000,
            "PDF is {} bytes",
            pdf_bytes.len()
        );
    }

    #[test]
    fn bad_photo_is_reported() {
        let font = test_font();
        let junk: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect();
        let doc = sample_doc(Some(junk));
        assert!(matches!(
            render_png(&doc, font),
            Err(RenderError::BadPhoto(_))
        ));
        assert!(matches!(
            render_pdf(&doc, font),
            Err(RenderError::BadPhoto(_))
        ));
    }

    #[test]
    fn empty_and_huge_documents_still_render() {
        let font = test_font();
        let img = decode(&render_png(&FormDoc::default(), font).expect("empty doc"));
        assert_eq!(img.dimensions(), (1240, 1754));
        let mut doc = sample_doc(None);
        let long = "很长的内容".repeat(60);
        doc.fields
            .extend((0..30).map(|i| (format!("附加项目{i}"), long.clone())));
        doc.declaration = doc.declaration.repeat(8);
        let img = decode(&render_png(&doc, font).expect("huge doc"));
        assert_eq!(img.dimensions(), (1240, 1754));
    }

    /// Writes sample.png / sample.pdf when FORMDOC_SAMPLE_DIR is set.
    #[test]
    fn sample_output() {
        let custom = std::env::var("FORMDOC_SAMPLE_FONT").ok().map(|p| {
            super::super::load_font(&[std::path::PathBuf::from(p)])
                .expect("FORMDOC_SAMPLE_FONT loads")
        });
        let font = custom.as_ref().unwrap_or_else(|| test_font());
        let doc = sample_doc(Some(portrait_jpeg()));
        let png = render_png(&doc, font).expect("png");
        let pdf_bytes = render_pdf(&doc, font).expect("pdf");
        if let Ok(dir) = std::env::var("FORMDOC_SAMPLE_DIR") {
            let dir = std::path::Path::new(&dir);
            std::fs::write(dir.join("sample.png"), &png).expect("write sample.png");
            std::fs::write(dir.join("sample.pdf"), &pdf_bytes).expect("write sample.pdf");
            let empty = render_png(&sample_doc(None), font).expect("png");
            std::fs::write(dir.join("sample-nophoto.png"), empty).expect("write");
        }
    }

    #[test]
    fn timing() {
        let font = test_font();
        let doc = sample_doc(Some(portrait_jpeg()));
        let runs = if cfg!(debug_assertions) { 1 } else { 5 };
        let start = std::time::Instant::now();
        let mut sizes = (0, 0);
        for _ in 0..runs {
            sizes.0 = render_png(&doc, font).expect("png").len();
        }
        let png = start.elapsed() / runs;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            sizes.1 = render_pdf(&doc, font).expect("pdf").len();
        }
        let pdf_t = start.elapsed() / runs;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            let _ = render_image(&doc, font).expect("paint");
        }
        println!("timing: layout+paint only {:?}", start.elapsed() / runs);
        println!(
            "timing: render_png {png:?} ({} B), render_pdf {pdf_t:?} ({} B)",
            sizes.0, sizes.1
        );
        assert!(png.as_secs() < 20 && pdf_t.as_secs() < 20);
    }
}
