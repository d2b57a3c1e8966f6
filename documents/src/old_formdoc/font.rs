//! Loading a CJK font (`.ttf`/`.otf`/`.ttc`), choosing the Simplified Chinese face, measuring text.

use std::path::{Path, PathBuf};

use ab_glyph::{Font as _, FontRef, FontVec, PxScale, ScaleFont as _};

use super::error::RenderError;
use super::sfnt;

/// Characters a usable face must have glyphs for (common in these forms).
const PROBE: [char; 4] = ['职', '鉴', '姓', '书'];

/// A parsed font face: owns the font file bytes and remembers the chosen face index.
pub struct Font {
    face: FontVec,
    index: u32,
    family: String,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("index", &self.index)
            .field("family", &self.family)
            .finish_non_exhaustive()
    }
}

impl Font {
    /// Parses font bytes, picking the best Chinese face of a collection.
    pub fn from_bytes(data: Vec<u8>) -> Result<Font, RenderError> {
        let (index, family) = choose_face(&data)?;
        let face = FontVec::try_from_vec_and_index(data, index)
            .map_err(|e| RenderError::BadFont(e.to_string()))?;
        Ok(Font {
            face,
            index,
            family,
        })
    }

    /// Index of the chosen face inside the file (0 for plain `.ttf`/`.otf`).
    pub fn face_index(&self) -> u32 {
        self.index
    }

    /// Family name of the chosen face, as stored in the font (may be empty).
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Whether the face has a real glyph (not `.notdef`) for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_id(c).0 != 0
    }

    pub(crate) fn face(&self) -> &FontVec {
        &self.face
    }

    /// ab_glyph scale for a size given in pixels per em.
    pub(crate) fn scale(&self, em: f32) -> PxScale {
        let upem = self.face.units_per_em().unwrap_or(1000.0);
        PxScale::from(em * self.face.height_unscaled() / upem)
    }

    /// Horizontal advance of `c` in pixels at `em` pixels per em.
    pub(crate) fn advance(&self, c: char, em: f32) -> f32 {
        let scaled = self.face.as_scaled(self.scale(em));
        scaled.h_advance(self.face.glyph_id(c))
    }

    /// Width of a single-line string in pixels.
    pub(crate) fn width(&self, text: &str, em: f32) -> f32 {
        text.chars().map(|c| self.advance(c, em)).sum()
    }

    /// Ascent and (negative) descent in pixels.
    pub(crate) fn v_metrics(&self, em: f32) -> (f32, f32) {
        let scaled = self.face.as_scaled(self.scale(em));
        (scaled.ascent(), scaled.descent())
    }
}

/// Picks the face with all probe glyphs and the best name score (lowest index on ties).
fn choose_face(data: &[u8]) -> Result<(u32, String), RenderError> {
    let count = sfnt::face_count(data);
    let mut best: Option<(i32, u32, String)> = None;
    let mut parse_error = None;
    for index in 0..count.max(1) {
        let face = match FontRef::try_from_slice_and_index(data, index) {
            Ok(face) => face,
            Err(e) => {
                parse_error.get_or_insert_with(|| e.to_string());
                continue;
            }
        };
        if PROBE.iter().any(|&c| face.glyph_id(c).0 == 0) {
            continue;
        }
        let names = sfnt::face_names(data, index);
        let score = sfnt::name_score(&names);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            let family = names.into_iter().next().unwrap_or_default();
            best = Some((score, index, family));
        }
    }
    match (best, parse_error) {
        (Some((_, index, family)), _) => Ok((index, family)),
        (None, Some(err)) if count <= 1 => Err(RenderError::BadFont(err)),
        (None, _) => Err(RenderError::BadFont("字体不含中文字形".into())),
    }
}

/// Loads the first candidate that exists and parses as a font with Chinese glyphs.
pub fn load_font(candidates: &[PathBuf]) -> Result<Font, RenderError> {
    let mut last_error = None;
    for path in candidates {
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        match Font::from_bytes(data) {
            Ok(font) => return Ok(font),
            Err(e) => last_error = Some(with_path(e, path)),
        }
    }
    Err(last_error.unwrap_or(RenderError::NoFont))
}

fn with_path(e: RenderError, path: &Path) -> RenderError {
    match e {
        RenderError::BadFont(msg) => RenderError::BadFont(format!("{}：{msg}", path.display())),
        other => other,
    }
}

/// Well-known locations of Chinese fonts on Debian/Ubuntu, Fedora/Arch/Alpine, macOS and Windows.
pub fn default_font_paths() -> Vec<PathBuf> {
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
        "C:\\Windows\\Fonts\\msyh.ttc",
        "C:\\Windows\\Fonts\\simhei.ttf",
        "C:\\Windows\\Fonts\\simsun.ttc",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_font;
    use super::*;

    const NOTO_SANS: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    const WQY: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    #[test]
    fn missing_path_is_no_font() {
        let r = load_font(&[PathBuf::from("/nonexistent/definitely-not-a-font.ttc")]);
        assert!(matches!(r, Err(RenderError::NoFont)), "{r:?}");
        assert!(matches!(load_font(&[]), Err(RenderError::NoFont)));
    }

    #[test]
    fn non_font_file_is_bad_font() {
        let path =
            std::env::temp_dir().join(format!("formdoc-not-a-font-{}.ttf", std::process::id()));
        std::fs::write(&path, b"this is not a font at all").expect("write temp file");
        let r = load_font(std::slice::from_ref(&path));
        let _ = std::fs::remove_file(&path);
        match r {
            Err(RenderError::BadFont(msg)) => assert!(msg.contains("formdoc-not-a-font"), "{msg}"),
            other => panic!("expected BadFont, got {other:?}"),
        }
    }

    #[test]
    fn bad_candidate_is_skipped_when_a_later_one_works() {
        let mut paths = vec![
            PathBuf::from("/nonexistent.ttf"),
            PathBuf::from("/etc/hostname"),
        ];
        paths.extend(default_font_paths());
        let font = load_font(&paths).expect("a default font should load after bad candidates");
        assert!(font.has_glyph('职'));
    }

    #[test]
    fn chosen_face_has_chinese_glyphs() {
        let font = test_font();
        for c in ['职', '鉴', '认', '证', '号'] {
            assert!(
                font.has_glyph(c),
                "face {} ({}) lacks {c}",
                font.face_index(),
                font.family()
            );
        }
        assert!(font.advance('职', 20.0) > 15.0);
        assert!(font.width("AB", 20.0) < font.width("职业", 20.0));
    }

    #[test]
    fn noto_collection_picks_simplified_chinese_face() {
        let font = load_font(&[PathBuf::from(NOTO_SANS)])
            .unwrap_or_else(|e| panic!("{NOTO_SANS} must be installed (fonts-noto-cjk): {e}"));
        assert!(font.family().contains(" SC"), "picked {:?}", font);
        assert!(!font.family().contains("Mono"), "picked {:?}", font);
        assert!(font.has_glyph('职') && font.has_glyph('鉴'));
    }

    #[test]
    fn wqy_microhei_uses_face_zero() {
        let font = load_font(&[PathBuf::from(WQY)])
            .unwrap_or_else(|e| panic!("{WQY} must be installed (fonts-wqy-microhei): {e}"));
        assert_eq!(font.face_index(), 0, "{font:?}");
        assert!(font.has_glyph('职') && font.has_glyph('鉴'));
    }

    #[test]
    fn latin_only_font_is_rejected() {
        let dejavu = PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        if !dejavu.exists() {
            eprintln!(
                "note: {} not installed; Latin-only rejection not exercised",
                dejavu.display()
            );
            return;
        }
        match load_font(&[dejavu]) {
            Err(RenderError::BadFont(msg)) => assert!(msg.contains("中文"), "{msg}"),
            other => panic!("expected BadFont, got {other:?}"),
        }
    }

    #[test]
    fn font_is_shareable_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Font>();
    }
}
