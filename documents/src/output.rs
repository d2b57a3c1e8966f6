//! A laid-out document, exported as a PDF (real text, subset fonts embedded) or a PNG of all its pages.
use crate::engine::DocumentError;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder as _};
use typst::layout::Abs;
use typst::utils::Scalar;
use typst::visualize::Color;
use typst_layout::PagedDocument;
use typst_render::RenderOptions;

/// Pixels per point of the PNG: 150 dpi, so an A4 page is 1240 × 1754 pixels.
pub const PIXEL_PER_PT: f64 = 150.0 / 72.0;

/// A compiled document.
pub struct Rendered {
    pub(crate) doc: PagedDocument,
}

impl Rendered {
    pub fn page_count(&self) -> usize {
        self.doc.pages().len()
    }

    /// The PDF.
    pub fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        typst_pdf::pdf(&self.doc, &typst_pdf::PdfOptions::default()).map_err(|d| {
            let msg = d.iter().map(|d| d.message.as_str()).collect::<Vec<_>>();
            DocumentError::Export(msg.join("; "))
        })
    }

    /// One PNG of every page, top to bottom with a grey gap between pages (what a phone shows and saves).
    pub fn png(&self) -> Result<Vec<u8>, DocumentError> {
        let opts = RenderOptions {
            pixel_per_pt: Scalar::new(PIXEL_PER_PT),
            render_bleed: false,
        };
        let pixmap = match self.doc.pages() {
            [page] => typst_render::render(page, &opts),
            _ => typst_render::render_merged(
                &self.doc,
                &opts,
                Abs::pt(12.0),
                Some(Color::from_u8(0xd0, 0xd0, 0xd0, 0xff)),
            ),
        };
        // Pages are opaque, so the premultiplied RGBA is plain RGB; RGB with adaptive filters is a third smaller.
        let rgb: Vec<u8> = pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let mut out = Vec::new();
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive)
            .write_image(
                &rgb,
                pixmap.width(),
                pixmap.height(),
                ExtendedColorType::Rgb8,
            )
            .map_err(|e| DocumentError::Export(e.to_string()))?;
        Ok(out)
    }
}
