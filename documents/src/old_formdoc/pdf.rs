//! Minimal PDF 1.4 writer: one A4 page showing one JPEG (`/DCTDecode`) image at full page size.

/// A4 page size in PDF points (210 × 297 mm).
const A4_PT: (f32, f32) = (595.28, 841.89);

/// Encodes `s` as a PDF text string: UTF-16BE with BOM, hex form (safe for any characters).
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// Builds a one-page A4 PDF whose page is the baseline JPEG `jpeg` (`width`×`height` px, RGB).
pub(crate) fn single_image_pdf(jpeg: &[u8], width: u32, height: u32, title: &str) -> Vec<u8> {
    let (pw, ph) = A4_PT;
    let content = format!("q\n{pw} 0 0 {ph} 0 0 cm\n/Im0 Do\nQ\n");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /DisplayDocTitle true >> >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] \
             /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        )
        .into_bytes(),
        [
            format!(
                "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} \
                 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
                jpeg.len()
            )
            .as_bytes(),
            jpeg,
            b"\nendstream",
        ]
        .concat(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()).into_bytes(),
        format!("<< /Title {} /Producer (formdoc) >>", text_string(title)).into_bytes(),
    ];

    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        table.push_str(&format!("{off:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Returns the position of `needle` in `hay`.
    pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    /// Checks header, trailer, and that every xref entry points at its `N 0 obj`.
    pub(crate) fn assert_well_formed(pdf: &[u8]) {
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        let sx = find(pdf, b"startxref\n").expect("startxref") + 10;
        let end = sx + pdf[sx..].iter().position(|&b| b == b'\n').expect("newline");
        let xref: usize = std::str::from_utf8(&pdf[sx..end])
            .expect("utf8")
            .parse()
            .expect("offset");
        assert!(pdf[xref..].starts_with(b"xref\n0 7\n"));
        let entries = &pdf[xref + 9..];
        for i in 0..7usize {
            let e = &entries[i * 20..i * 20 + 20];
            assert_eq!(e.len(), 20);
            if i == 0 {
                assert_eq!(e, b"0000000000 65535 f \n");
                continue;
            }
            let off: usize = std::str::from_utf8(&e[..10])
                .expect("utf8")
                .parse()
                .expect("digits");
            assert!(
                pdf[off..].starts_with(format!("{i} 0 obj\n").as_bytes()),
                "object {i}"
            );
        }
    }

    #[test]
    fn writes_a_well_formed_single_page_pdf() {
        let jpeg = b"\xFF\xD8fake-jpeg-bytes\xFF\xD9";
        let pdf = single_image_pdf(jpeg, 1240, 1754, "职业技能等级认定个人申请表");
        assert_well_formed(&pdf);
        assert!(
            find(
                &pdf,
                b"/Filter /DCTDecode /Length 19 >>\nstream\n\xFF\xD8fake"
            )
            .is_some()
        );
        assert!(find(&pdf, b"/Width 1240 /Height 1754").is_some());
        assert!(find(&pdf, b"/MediaBox [0 0 595.28 841.89]").is_some());
        assert!(find(&pdf, text_string("职业技能等级认定个人申请表").as_bytes()).is_some());
        assert!(find(&pdf, b"/Count 1").is_some());
    }

    #[test]
    fn title_is_utf16_hex() {
        assert_eq!(text_string("职A"), "<FEFF804C0041>");
        assert_eq!(text_string(""), "<FEFF>");
        assert_eq!(text_string("😀"), "<FEFFD83DDE00>");
    }
}
