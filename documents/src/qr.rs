//! QR codes for templates, drawn by the `qrcode` crate as SVG (sharp at any size, in the PDF and the PNG).
use crate::engine::DocumentError;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code of `payload` (error correction M, with the standard quiet zone).
pub fn svg(payload: &str) -> Result<String, DocumentError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| DocumentError::Qr(e.to_string()))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .min_dimensions(200, 200)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_is_drawn_and_an_oversized_payload_is_refused() {
        let s = svg("TK-2026-0001").expect("svg");
        assert!(s.contains("<svg") && s.contains("<path"), "{s}");
        assert!(matches!(svg(&"x".repeat(5000)), Err(DocumentError::Qr(_))));
    }
}
