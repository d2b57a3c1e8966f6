//! Label/value table: two pairs per row when values are short, a photo cell spanning the first rows.

use super::builder::{Align, Builder, Op};
use super::canvas::Rect;
use super::layout::{BORDER, EM_BODY, INK, LABEL_FILL, PAD_X};

const LABEL_W: i32 = 170;
const PHOTO_COL_W: i32 = 200;
/// Photo box, 5:7 like the uploaded photo (about 25 × 36 mm at 150 dpi).
pub(crate) const PHOTO_W: i32 = 150;
pub(crate) const PHOTO_H: i32 = 210;
const PHOTO_MARGIN: i32 = 22;
const MIN_ROW: f32 = 60.0;
const PAD_Y: f32 = 9.0;
/// Horizontal padding inside label cells (6 characters fit on one line at full size).
const LABEL_PAD: i32 = 10;

/// Column geometry of the table: label | value | label | value | photo.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cols {
    pub x0: i32,
    pub label: i32,
    pub value: i32,
    pub photo: i32,
    pub end: i32,
}

impl Cols {
    pub(crate) fn new(x0: i32, width: i32) -> Cols {
        let value = (width - 2 * LABEL_W - PHOTO_COL_W) / 2;
        Cols {
            x0,
            label: LABEL_W,
            value,
            photo: PHOTO_COL_W,
            end: x0 + width,
        }
    }
}

#[derive(Debug)]
struct Cell {
    x: i32,
    w: i32,
    label: bool,
    lines: Vec<String>,
}

#[derive(Debug)]
struct Row {
    cells: Vec<Cell>,
    h: i32,
}

fn cell(b: &Builder<'_>, x: i32, w: i32, label: bool, text: &str) -> Cell {
    let em = b.em(EM_BODY);
    let lines = if label {
        b.wrap_balanced(text, w - 2 * LABEL_PAD, em)
    } else {
        b.wrap(text, w - 2 * PAD_X, em)
    };
    Cell { x, w, label, lines }
}

/// Emits the rows for `pairs` starting at `y0`; returns the bottom y and the photo box if any.
pub(crate) fn grid(
    b: &mut Builder<'_>,
    cols: &Cols,
    pairs: &[(String, String)],
    y0: i32,
    with_photo: bool,
) -> (i32, Option<Rect>) {
    let em = b.em(EM_BODY);
    let lh = b.line_h(em);
    let pad_y = (PAD_Y * b.k).round() as i32;
    let min_row = (MIN_ROW * b.k).round() as i32;
    let need = if with_photo {
        PHOTO_H + 2 * PHOTO_MARGIN
    } else {
        0
    };
    let left_v = cols.x0 + cols.label;
    let right_l = left_v + cols.value;
    let right_v = right_l + cols.label;

    let mut rows: Vec<Row> = Vec::new();
    let mut zone_rows = 0;
    let (mut y, mut i) = (y0, 0);
    while let Some((label, value)) = pairs.get(i) {
        let in_zone = y - y0 < need;
        let right = if in_zone {
            cols.end - cols.photo
        } else {
            cols.end
        };
        let fits = |v: &str, w: i32| b.font.width(v.trim(), em) <= (w - 2 * PAD_X) as f32;
        let cells = match pairs.get(i + 1) {
            Some((l2, v2)) if fits(value, cols.value) && fits(v2, right - right_v) => {
                i += 2;
                vec![
                    cell(b, cols.x0, cols.label, true, label),
                    cell(b, left_v, cols.value, false, value),
                    cell(b, right_l, cols.label, true, l2),
                    cell(b, right_v, right - right_v, false, v2),
                ]
            }
            _ => {
                i += 1;
                vec![
                    cell(b, cols.x0, cols.label, true, label),
                    cell(b, left_v, right - left_v, false, value),
                ]
            }
        };
        let most = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0) as i32;
        let h = min_row.max(most * lh + 2 * pad_y);
        rows.push(Row { cells, h });
        zone_rows += usize::from(in_zone);
        y += h;
    }

    let mut zone_h = 0;
    if with_photo {
        if zone_rows == 0 {
            let w = cols.end - cols.photo - cols.x0;
            rows.insert(
                0,
                Row {
                    cells: vec![Cell {
                        x: cols.x0,
                        w,
                        label: false,
                        lines: Vec::new(),
                    }],
                    h: need,
                },
            );
            zone_rows = 1;
        }
        zone_h = rows[..zone_rows].iter().map(|r| r.h).sum::<i32>();
        if zone_h < need {
            let extra = need - zone_h;
            let each = extra / zone_rows as i32;
            for r in &mut rows[..zone_rows] {
                r.h += each;
            }
            rows[zone_rows - 1].h += extra - each * zone_rows as i32;
            zone_h = need;
        }
    }

    let mut y = y0;
    for row in &rows {
        for c in &row.cells {
            let r = Rect::new(c.x, y, c.w, row.h);
            if c.label {
                b.ops.push(Op::Fill(r, LABEL_FILL));
            }
            let pad = if c.label { LABEL_PAD } else { PAD_X };
            let area = Rect::new(c.x + pad, y, c.w - 2 * pad, row.h);
            let align = if c.label { Align::Center } else { Align::Left };
            b.text_lines(area, &c.lines, em, INK, align, false);
            b.frame(r, 2, BORDER);
        }
        y += row.h;
    }
    if !with_photo {
        return (y, None);
    }
    let photo_cell = Rect::new(cols.end - cols.photo, y0, cols.photo, zone_h);
    b.frame(photo_cell, 2, BORDER);
    let photo = Rect::new(
        photo_cell.x + (photo_cell.w - PHOTO_W) / 2,
        y0 + (zone_h - PHOTO_H) / 2,
        PHOTO_W,
        PHOTO_H,
    );
    (y, Some(photo))
}
