//! Page flow of the form (title, sections, declaration, footer) as drawing ops, shrunk to fit A4.

use image::Rgb;

use super::FormDoc;
use super::builder::{Align, Builder, Op};
use super::canvas::Rect;
use super::font::Font;
use super::grid::{self, Cols};

pub(crate) const PAGE_W: i32 = 1240;
pub(crate) const PAGE_H: i32 = 1754;
const MARGIN_X: i32 = 80;
const MARGIN_TOP: i32 = 96;
const MARGIN_BOTTOM: i32 = 40;
const EM_TITLE: f32 = 50.0;
const EM_SUB: f32 = 24.0;
pub(crate) const EM_BODY: f32 = 24.0;
const EM_FOOT: f32 = 18.0;
pub(crate) const PAD_X: i32 = 12;
const SECTION_H: f32 = 50.0;
/// Successive font scales tried until the content fits on one page.
const SCALES: [f32; 7] = [1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62];

pub(crate) const INK: Rgb<u8> = Rgb([17, 17, 17]);
pub(crate) const MUTED: Rgb<u8> = Rgb([90, 90, 90]);
pub(crate) const LABEL_FILL: Rgb<u8> = Rgb([240, 240, 240]);
const SECTION_FILL: Rgb<u8> = Rgb([222, 222, 222]);
pub(crate) const BORDER: Rgb<u8> = Rgb([0, 0, 0]);

/// Signature line printed under the declaration (the form is signed on paper).
const SIGN_LABEL: &str = "考生签名：";
const SIGN_DATE: &str =
    "日期：\u{3000}\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日";

/// A laid-out page: ops in paint order plus rectangles tests and callers care about.
#[derive(Debug)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by tests"))]
    pub title: Rect,
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by tests"))]
    pub photo: Rect,
    pub bottom: i32,
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by tests"))]
    pub scale: f32,
}

impl Builder<'_> {
    /// A full-width shaded section bar with a bold caption; returns its height.
    fn section(&mut self, cols: &Cols, y: i32, caption: &str) -> i32 {
        let h = (SECTION_H * self.k).round() as i32;
        let r = Rect::new(cols.x0, y, cols.end - cols.x0, h);
        self.ops.push(Op::Fill(r, SECTION_FILL));
        let area = Rect::new(r.x + PAD_X, y, r.w - 2 * PAD_X, h);
        self.text_lines(
            area,
            &[caption.to_string()],
            self.em(EM_BODY),
            INK,
            Align::Left,
            true,
        );
        self.frame(r, 2, BORDER);
        h
    }

    /// Declaration paragraph (first-line indent) plus a signature line; returns its height.
    fn declaration(&mut self, cols: &Cols, y: i32, text: &str) -> i32 {
        let em = self.em(EM_BODY);
        let lh = self.line_h(em);
        let pad_y = (14.0 * self.k).round() as i32;
        let inner = cols.end - cols.x0 - 2 * PAD_X;
        let indented = format!("\u{3000}\u{3000}{}", text.trim());
        let lines = if text.trim().is_empty() {
            Vec::new()
        } else {
            self.wrap(&indented, inner, em)
        };
        let text_h = lh * lines.len() as i32;
        let h = pad_y + text_h + lh + lh + pad_y;
        let area = Rect::new(cols.x0 + PAD_X, y + pad_y, inner, text_h);
        self.text_lines(area, &lines, em, INK, Align::Left, false);
        let sign = Rect::new(cols.x0 + PAD_X, y + h - pad_y - lh, inner - PAD_X, lh);
        self.text_lines(sign, &[SIGN_DATE.to_string()], em, INK, Align::Right, false);
        let line_end =
            sign.right() - self.font.width(SIGN_DATE, em).round() as i32 - (3.0 * em) as i32;
        let line_w = (9.0 * em) as i32;
        let label_area = Rect::new(sign.x, sign.y, line_end - line_w - sign.x, lh);
        self.text_lines(
            label_area,
            &[SIGN_LABEL.to_string()],
            em,
            INK,
            Align::Right,
            false,
        );
        let (asc, desc) = self.font.v_metrics(em);
        let underline_y = sign.y + ((lh as f32 - (asc - desc)) / 2.0 + asc).round() as i32 + 4;
        self.ops.push(Op::Fill(
            Rect::new(line_end - line_w, underline_y, line_w, 2),
            INK,
        ));
        self.frame(Rect::new(cols.x0, y, cols.end - cols.x0, h), 2, BORDER);
        h
    }
}

/// Lays out the whole page at font scale `k`.
fn layout_at(doc: &FormDoc, font: &Font, k: f32) -> Page {
    let mut b = Builder {
        font,
        k,
        ops: Vec::new(),
        borders: Vec::new(),
    };
    let width = PAGE_W - 2 * MARGIN_X;
    let cols = Cols::new(MARGIN_X, width);
    let mut y = (MARGIN_TOP as f32 * k) as i32;

    let em = b.em(EM_TITLE);
    let title_lines = b.wrap(&doc.title, width, em);
    let title = Rect::new(MARGIN_X, y, width, b.line_h(em) * title_lines.len() as i32);
    b.text_lines(title, &title_lines, em, INK, Align::Center, true);
    y = title.bottom() + (8.0 * k) as i32;

    let em = b.em(EM_SUB);
    let sub_lines = b.wrap(&doc.subtitle, width, em);
    let sub = Rect::new(MARGIN_X, y, width, b.line_h(em) * sub_lines.len() as i32);
    b.text_lines(sub, &sub_lines, em, MUTED, Align::Center, false);
    y = sub.bottom() + (26.0 * k) as i32;

    let table_top = y;
    if !doc.header.is_empty() {
        y += b.section(&cols, y, "报考信息");
        y = grid::grid(&mut b, &cols, &doc.header, y, false).0;
    }
    y += b.section(&cols, y, "个人信息");
    let (after, photo_box) = grid::grid(&mut b, &cols, &doc.fields, y, true);
    y = after;
    let photo = photo_box.unwrap_or_default();
    if doc.photo_jpeg.is_some() {
        b.ops.push(Op::Photo(photo));
    } else {
        let em = b.em(EM_BODY);
        b.text_lines(
            photo,
            &["照片".to_string()],
            em,
            MUTED,
            Align::Center,
            false,
        );
    }
    b.frame(photo, 1, MUTED);
    y += b.section(&cols, y, "考生承诺");
    y += b.declaration(&cols, y, &doc.declaration);
    b.frame(
        Rect::new(cols.x0, table_top, cols.end - cols.x0, y - table_top),
        3,
        BORDER,
    );

    let em = b.em(EM_FOOT);
    let foot_lines = b.wrap(&doc.footer, width, em);
    let foot_h = b.line_h(em) * foot_lines.len() as i32;
    let foot_y = (y + (20.0 * k) as i32).max(PAGE_H - MARGIN_BOTTOM - 24 - foot_h);
    b.text_lines(
        Rect::new(MARGIN_X, foot_y, width, foot_h),
        &foot_lines,
        em,
        MUTED,
        Align::Center,
        false,
    );

    let mut ops = b.ops;
    ops.append(&mut b.borders);
    Page {
        ops,
        title,
        photo,
        bottom: (foot_y + foot_h).max(y),
        scale: k,
    }
}

/// Lays out the page, shrinking the type until everything fits (smallest scale otherwise).
pub(crate) fn layout(doc: &FormDoc, font: &Font) -> Page {
    let mut page = layout_at(doc, font, SCALES[0]);
    for k in SCALES.into_iter().skip(1) {
        if page.bottom <= PAGE_H - MARGIN_BOTTOM {
            break;
        }
        page = layout_at(doc, font, k);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::super::{sample_doc, test_font};
    use super::*;

    /// Pixel box of a text op: (x0, y0, x1, y1).
    fn text_box(font: &Font, op: &Op) -> Option<(f32, f32, f32, f32)> {
        let Op::Text {
            x,
            baseline,
            text,
            em,
            ..
        } = op
        else {
            return None;
        };
        let (asc, desc) = font.v_metrics(*em);
        Some((
            *x,
            baseline - asc * 0.9,
            x + font.width(text, *em),
            baseline - desc * 0.9,
        ))
    }

    /// No two text boxes overlap, none leaves the margins or crosses a vertical cell border.
    fn assert_clean(font: &Font, page: &Page) {
        let boxes: Vec<_> = page
            .ops
            .iter()
            .filter_map(|op| text_box(font, op))
            .collect();
        assert!(boxes.len() > 40);
        let borders: Vec<Rect> = page
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Fill(r, c) if *c == BORDER && r.w <= 3 => Some(*r),
                _ => None,
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(
                a.0 >= MARGIN_X as f32 && a.2 <= (PAGE_W - MARGIN_X) as f32,
                "{a:?}"
            );
            for b in &boxes[i + 1..] {
                let overlap =
                    a.0 < b.2 - 1.0 && b.0 < a.2 - 1.0 && a.1 < b.3 - 1.0 && b.1 < a.3 - 1.0;
                assert!(!overlap, "text boxes overlap: {a:?} {b:?}");
            }
            for v in &borders {
                let crosses = (v.x as f32) < a.2
                    && a.0 < v.right() as f32
                    && (v.y as f32) < a.3
                    && a.1 < v.bottom() as f32;
                assert!(!crosses, "text {a:?} crosses vertical border {v:?}");
            }
        }
    }

    #[test]
    fn sample_fits_at_full_size_and_is_clean() {
        let font = test_font();
        let page = layout(&sample_doc(None), font);
        assert_eq!(page.scale, 1.0);
        assert!(
            page.bottom <= PAGE_H - MARGIN_BOTTOM,
            "bottom {}",
            page.bottom
        );
        assert_clean(font, &page);
    }

    #[test]
    fn overfull_content_is_shrunk_and_still_clean() {
        let font = test_font();
        let mut doc = sample_doc(None);
        doc.fields
            .extend((0..14).map(|i| (format!("备注{i}"), "补充说明内容".repeat(12))));
        let page = layout(&doc, font);
        assert!(page.scale < 1.0, "scale {}", page.scale);
        assert!(
            page.bottom <= PAGE_H - MARGIN_BOTTOM,
            "bottom {}",
            page.bottom
        );
        assert_clean(font, &page);
    }
}
