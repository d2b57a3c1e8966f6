//! Drawing-op builder: wrapped, aligned text lines and cell borders in page pixels.

use image::Rgb;

use super::canvas::Rect;
use super::font::Font;
use super::wrap::wrap;

/// Line height as a multiple of the em size.
const LINE: f32 = 1.5;

/// One drawing instruction, in page pixels.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Fill(Rect, Rgb<u8>),
    Text {
        x: f32,
        baseline: f32,
        text: String,
        em: f32,
        color: Rgb<u8>,
        bold: bool,
    },
    Photo(Rect),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// Collects ops; borders are kept apart so they are painted over fills and text.
pub(crate) struct Builder<'a> {
    pub font: &'a Font,
    pub k: f32,
    pub ops: Vec<Op>,
    pub borders: Vec<Op>,
}

impl Builder<'_> {
    pub(crate) fn em(&self, base: f32) -> f32 {
        base * self.k
    }

    pub(crate) fn line_h(&self, em: f32) -> i32 {
        (em * LINE).round() as i32
    }

    pub(crate) fn wrap(&self, text: &str, width: i32, em: f32) -> Vec<String> {
        wrap(text, width as f32, |c| self.font.advance(c, em))
    }

    /// Like `wrap`, but evens out line lengths (for short labels: 「上一级资格」/「证书等级」).
    pub(crate) fn wrap_balanced(&self, text: &str, width: i32, em: f32) -> Vec<String> {
        let lines = self.wrap(text, width, em);
        if lines.len() < 2 {
            return lines;
        }
        let (mut lo, mut hi) = (width / lines.len() as i32, width);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.wrap(text, mid, em).len() <= lines.len() {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        self.wrap(text, hi, em)
    }

    /// Lays out `lines` vertically centred in `area`, aligned horizontally within it.
    pub(crate) fn text_lines(
        &mut self,
        area: Rect,
        lines: &[String],
        em: f32,
        color: Rgb<u8>,
        align: Align,
        bold: bool,
    ) {
        let lh = self.line_h(em);
        let (asc, desc) = self.font.v_metrics(em);
        let top = area.y as f32 + (area.h - lh * lines.len() as i32) as f32 / 2.0;
        for (i, line) in lines.iter().enumerate() {
            let w = self.font.width(line, em);
            let x = match align {
                Align::Left => area.x as f32,
                Align::Center => area.x as f32 + (area.w as f32 - w) / 2.0,
                Align::Right => area.right() as f32 - w,
            };
            let line_top = top + (i as i32 * lh) as f32;
            let baseline = (line_top + (lh as f32 - (asc - desc)) / 2.0 + asc).round();
            let text = line.clone();
            self.ops.push(Op::Text {
                x: x.round(),
                baseline,
                text,
                em,
                color,
                bold,
            });
        }
    }

    /// Border of `r` with the stroke centred on its edges (shared edges coincide).
    pub(crate) fn frame(&mut self, r: Rect, stroke: i32, color: Rgb<u8>) {
        let (h0, h1) = (stroke / 2, stroke - stroke / 2);
        let (x0, y0, x1, y1) = (r.x - h0, r.y - h0, r.right() + h1, r.bottom() + h1);
        for edge in [
            Rect::new(x0, y0, x1 - x0, stroke),
            Rect::new(x0, r.bottom() - h0, x1 - x0, stroke),
            Rect::new(x0, y0, stroke, y1 - y0),
            Rect::new(r.right() - h0, y0, stroke, y1 - y0),
        ] {
            self.borders.push(Op::Fill(edge, color));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_font;
    use super::*;

    #[test]
    fn labels_wrap_into_balanced_lines() {
        let b = Builder {
            font: test_font(),
            k: 1.0,
            ops: Vec::new(),
            borders: Vec::new(),
        };
        let lines = b.wrap_balanced("上一级资格证书等级", 150, 24.0);
        assert_eq!(lines, vec!["上一级资格", "证书等级"]);
        assert_eq!(
            b.wrap_balanced("计划考试日期", 150, 24.0),
            vec!["计划考试日期"]
        );
    }

    #[test]
    fn frames_of_neighbours_share_their_edge() {
        let mut b = Builder {
            font: test_font(),
            k: 1.0,
            ops: Vec::new(),
            borders: Vec::new(),
        };
        b.frame(Rect::new(10, 10, 50, 20), 2, Rgb([0, 0, 0]));
        b.frame(Rect::new(60, 10, 50, 20), 2, Rgb([0, 0, 0]));
        let right_of_first = &b.borders[3];
        let left_of_second = &b.borders[6];
        assert_eq!(right_of_first, left_of_second);
        assert_eq!(
            b.borders[0],
            Op::Fill(Rect::new(9, 9, 52, 2), Rgb([0, 0, 0]))
        );
    }

    #[test]
    fn text_lines_are_centred_and_stacked() {
        let mut b = Builder {
            font: test_font(),
            k: 1.0,
            ops: Vec::new(),
            borders: Vec::new(),
        };
        let lines = vec!["职业".to_string(), "鉴定".to_string()];
        b.text_lines(
            Rect::new(0, 0, 200, 100),
            &lines,
            20.0,
            Rgb([0, 0, 0]),
            Align::Center,
            false,
        );
        let xs: Vec<(f32, f32)> = b
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { x, baseline, .. } => Some((*x, *baseline)),
                _ => None,
            })
            .collect();
        assert_eq!(xs.len(), 2);
        assert!((xs[0].0 - 80.0).abs() <= 1.0, "{xs:?}");
        assert_eq!(xs[1].1 - xs[0].1, 30.0);
        assert!(xs[0].1 > 35.0 && xs[1].1 < 80.0, "{xs:?}");
    }
}
