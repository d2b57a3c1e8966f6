//! The fonts documents are set in: every font of a configured folder, or the system's Noto CJK / WenQuanYi files.
//! Loaded once per process (a Noto CJK collection is about 20 MB) and shared by every engine.
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use typst::foundations::Bytes;
use typst::text::Font;

/// Characters a face must have for Chinese documents (common in forms).
const PROBE: [char; 4] = ['职', '鉴', '姓', '书'];

/// Where Debian/Ubuntu, Fedora and Arch put Noto CJK and WenQuanYi (the static OTC files: typst cannot use the
/// CFF2 variable `NotoSansCJK-VF`).
pub const SYSTEM_FONTS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
];

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("字体目录不存在或无法读取 / font folder cannot be read: {path}: {reason}")]
    Folder { path: PathBuf, reason: String },
    #[error(
        "未找到可用的中文字体 / no usable Chinese font among: {}. Install fonts-noto-cjk or \
         fonts-wqy-microhei, or put a CJK .ttf/.otf/.ttc file into a folder named by documents.font_dir \
         (APP__DOCUMENTS__FONT_DIR)",
        tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoChineseFont { tried: Vec<PathBuf> },
}

/// Loaded font faces, and the families that cover Chinese in the order templates should ask for them.
pub struct FontSet {
    pub(crate) fonts: Vec<Font>,
    pub(crate) chinese_families: Vec<String>,
    files: Vec<PathBuf>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field("faces", &self.fonts.len())
            .field("chinese_families", &self.chinese_families)
            .field("files", &self.files)
            .finish()
    }
}

impl FontSet {
    /// Loads every font in `folder` (recursively), or the [`SYSTEM_FONTS`] that exist when `folder` is `None`.
    /// Fails when no face covers Chinese, naming the paths tried.
    pub fn load(folder: Option<&Path>) -> Result<FontSet, FontError> {
        let candidates = match folder {
            Some(dir) => font_files(dir)?,
            None => SYSTEM_FONTS.iter().map(PathBuf::from).collect(),
        };
        let mut set = FontSet {
            fonts: Vec::new(),
            chinese_families: Vec::new(),
            files: Vec::new(),
        };
        for path in &candidates {
            let Ok(data) = std::fs::read(path) else {
                continue;
            };
            let before = set.fonts.len();
            set.fonts.extend(Font::iter(Bytes::new(data)));
            if set.fonts.len() > before {
                set.files.push(path.clone());
            }
        }
        set.chinese_families = chinese_families(&set.fonts);
        if set.chinese_families.is_empty() {
            let tried = match folder {
                Some(dir) if candidates.is_empty() => vec![dir.to_path_buf()],
                _ => candidates,
            };
            return Err(FontError::NoChineseFont { tried });
        }
        Ok(set)
    }

    /// [`FontSet::load`] once per folder and process; a failure is not remembered, so a font installed later
    /// is found by the next call.
    pub fn shared(folder: Option<&Path>) -> Result<Arc<FontSet>, FontError> {
        type Loaded = Vec<(Option<PathBuf>, Arc<FontSet>)>;
        static LOADED: Mutex<Loaded> = Mutex::new(Vec::new());
        let key = folder.map(Path::to_path_buf);
        let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, set)) = loaded.iter().find(|(k, _)| *k == key) {
            return Ok(set.clone());
        }
        let set = Arc::new(FontSet::load(folder)?);
        loaded.push((key, set.clone()));
        Ok(set)
    }

    /// Families with Chinese glyphs, Simplified Chinese faces first.
    pub fn chinese_families(&self) -> &[String] {
        &self.chinese_families
    }

    /// The font files loaded.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// `.ttf/.otf/.ttc/.otc` files under `dir`, sorted; variable CFF2 fonts (`*-VF.*`) are left out.
fn font_files(dir: &Path) -> Result<Vec<PathBuf>, FontError> {
    let err = |e: std::io::Error| FontError::Folder {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(err)? {
            let path = entry.map_err(err)?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            let ext = name.rsplit('.').next().unwrap_or_default();
            if matches!(ext, "ttf" | "otf" | "ttc" | "otc") && !name.contains("-vf.") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Families of faces covering [`PROBE`]: Simplified Chinese (`SC`) faces first, monospaced ones last.
fn chinese_families(fonts: &[Font]) -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for font in fonts {
        let info = font.info();
        let covers = PROBE.iter().all(|&c| info.coverage.contains(c as u32));
        if covers && !families.contains(&info.family) {
            families.push(info.family.clone());
        }
    }
    let rank = |f: &String| {
        let mono = f.contains("Mono");
        let sc = f.ends_with(" SC") || f.contains(" SC ");
        (mono, !sc)
    };
    families.sort_by_key(rank);
    families
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_fonts_cover_chinese_with_a_simplified_chinese_face_first() {
        let set = FontSet::shared(None).expect("install fonts-noto-cjk or fonts-wqy-microhei");
        let first = &set.chinese_families()[0];
        assert!(
            first.ends_with(" SC") || first.starts_with("WenQuanYi"),
            "{:?}",
            set.chinese_families()
        );
    }

    #[test]
    fn a_missing_font_folder_is_a_clear_error_naming_it() {
        let err = FontSet::load(Some(Path::new("/nonexistent/skillcert-fonts")))
            .expect_err("no such folder");
        let msg = err.to_string();
        assert!(msg.contains("/nonexistent/skillcert-fonts"), "{msg}");
        assert!(msg.contains("字体目录"), "{msg}");
    }

    #[test]
    fn a_folder_without_chinese_fonts_names_what_it_tried() {
        let dir = std::env::temp_dir().join(format!("documents-no-cjk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("junk.ttf"), b"not a font").expect("write");
        let err = FontSet::load(Some(&dir)).expect_err("no Chinese font");
        let _ = std::fs::remove_dir_all(&dir);
        let msg = err.to_string();
        assert!(msg.contains("未找到可用的中文字体"), "{msg}");
        assert!(msg.contains("junk.ttf"), "{msg}");
        assert!(msg.contains("documents.font_dir"), "{msg}");
    }
}
