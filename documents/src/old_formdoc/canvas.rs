//! Raster drawing primitives on an RGB page: clipped rectangle fills, anti-aliased text, image blits.

use ab_glyph::{Font as _, ScaleFont as _, point};
use image::{Rgb, RgbImage};

use super::font::Font;

/// Integer pixel rectangle (may extend past the page; drawing clips).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub(crate) const fn new(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    pub(crate) const fn right(&self) -> i32 {
        self.x + self.w
    }

    pub(crate) const fn bottom(&self) -> i32 {
        self.y + self.h
    }
}

/// A white page to draw on.
pub(crate) struct Canvas {
    img: RgbImage,
}

impl Canvas {
    pub(crate) fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            img: RgbImage::from_pixel(width, height, Rgb([255, 255, 255])),
        }
    }

    pub(crate) fn into_image(self) -> RgbImage {
        self.img
    }

    /// Clips `r` to the page; returns (x0, y0, x1, y1) or None when nothing is visible.
    fn clip(&self, r: Rect) -> Option<(u32, u32, u32, u32)> {
        let (w, h) = (self.img.width() as i64, self.img.height() as i64);
        let x0 = i64::from(r.x).clamp(0, w);
        let y0 = i64::from(r.y).clamp(0, h);
        let x1 = (i64::from(r.x) + i64::from(r.w)).clamp(0, w);
        let y1 = (i64::from(r.y) + i64::from(r.h)).clamp(0, h);
        (x0 < x1 && y0 < y1).then_some((x0 as u32, y0 as u32, x1 as u32, y1 as u32))
    }

    pub(crate) fn fill(&mut self, r: Rect, color: Rgb<u8>) {
        let Some((x0, y0, x1, y1)) = self.clip(r) else {
            return;
        };
        for y in y0..y1 {
            for x in x0..x1 {
                self.img.put_pixel(x, y, color);
            }
        }
    }

    /// Blends `color` over pixel (x, y) with coverage `alpha` (0..=1); ignores off-page pixels.
    fn blend(&mut self, x: i32, y: i32, color: Rgb<u8>, alpha: f32) {
        let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
            return;
        };
        let Some(px) = self.img.get_pixel_mut_checked(x, y) else {
            return;
        };
        let a = alpha.clamp(0.0, 1.0);
        for (dst, src) in px.0.iter_mut().zip(color.0) {
            let v = f32::from(*dst) * (1.0 - a) + f32::from(src) * a;
            *dst = v.round().clamp(0.0, 255.0) as u8;
        }
    }

    /// Draws one line of text with its baseline at `baseline`, starting at `x`.
    pub(crate) fn text(
        &mut self,
        font: &Font,
        x: f32,
        baseline: f32,
        text: &str,
        em: f32,
        color: Rgb<u8>,
    ) {
        let face = font.face();
        let scale = font.scale(em);
        let scaled = face.as_scaled(scale);
        let mut pen = x;
        for c in text.chars() {
            let id = face.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, point(pen, baseline));
            if let Some(outline) = face.outline_glyph(glyph) {
                let b = outline.px_bounds();
                let (bx, by) = (b.min.x as i32, b.min.y as i32);
                outline.draw(|gx, gy, cov| {
                    self.blend(bx + gx as i32, by + gy as i32, color, cov);
                });
            }
            pen += scaled.h_advance(id);
        }
    }

    /// Copies `src` with its top-left corner at (x, y), clipped to the page.
    pub(crate) fn blit(&mut self, src: &RgbImage, x: i32, y: i32) {
        for (sx, sy, px) in src.enumerate_pixels() {
            let (Ok(dx), Ok(dy)) = (u32::try_from(x + sx as i32), u32::try_from(y + sy as i32))
            else {
                continue;
            };
            if let Some(dst) = self.img.get_pixel_mut_checked(dx, dy) {
                *dst = *px;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_font;
    use super::*;

    const RED: Rgb<u8> = Rgb([200, 0, 0]);

    #[test]
    fn fill_is_clipped_to_the_page() {
        let mut c = Canvas::new(10, 10);
        c.fill(Rect::new(-5, 8, 30, 30), RED);
        c.fill(Rect::new(20, 20, 5, 5), RED);
        c.fill(Rect::new(3, 3, 0, 4), RED);
        let img = c.into_image();
        assert_eq!(*img.get_pixel(0, 9), RED);
        assert_eq!(*img.get_pixel(9, 8), RED);
        assert_eq!(*img.get_pixel(0, 7), Rgb([255, 255, 255]));
        assert_eq!(*img.get_pixel(3, 3), Rgb([255, 255, 255]));
    }

    #[test]
    fn text_draws_dark_pixels_near_the_baseline() {
        let font = test_font();
        let mut c = Canvas::new(200, 60);
        c.text(font, 10.0, 40.0, "职业鉴定", 24.0, Rgb([0, 0, 0]));
        c.text(font, -50.0, 500.0, "off page", 24.0, Rgb([0, 0, 0]));
        let img = c.into_image();
        let dark: Vec<(u32, u32)> = img
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0[0] < 100)
            .map(|(x, y, _)| (x, y))
            .collect();
        assert!(dark.len() > 100, "only {} dark pixels", dark.len());
        let (min_x, max_x) = (
            dark.iter().map(|p| p.0).min(),
            dark.iter().map(|p| p.0).max(),
        );
        let (min_y, max_y) = (
            dark.iter().map(|p| p.1).min(),
            dark.iter().map(|p| p.1).max(),
        );
        assert!(
            min_x >= Some(9) && max_x <= Some(10 + 4 * 24 + 2),
            "{min_x:?}..{max_x:?}"
        );
        assert!(
            min_y >= Some(15) && max_y <= Some(46),
            "{min_y:?}..{max_y:?}"
        );
    }

    #[test]
    fn blit_copies_and_clips() {
        let mut c = Canvas::new(10, 10);
        let src = RgbImage::from_pixel(4, 4, RED);
        c.blit(&src, 8, -2);
        let img = c.into_image();
        assert_eq!(*img.get_pixel(9, 0), RED);
        assert_eq!(*img.get_pixel(9, 1), RED);
        assert_eq!(*img.get_pixel(9, 2), Rgb([255, 255, 255]));
        assert_eq!(*img.get_pixel(7, 0), Rgb([255, 255, 255]));
    }
}
