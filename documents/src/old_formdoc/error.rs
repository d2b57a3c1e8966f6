//! Error type of the application-form renderer, with Chinese messages for end users.

/// Why a form could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// None of the candidate font files exists.
    #[error("未找到可用的中文字体文件")]
    NoFont,
    /// A font file exists but cannot be used (unparsable, or no Chinese glyphs).
    #[error("字体文件无法使用：{0}")]
    BadFont(String),
    /// The candidate photo could not be decoded.
    #[error("照片无法读取：{0}")]
    BadPhoto(String),
    /// Encoding the PNG, JPEG or PDF output failed.
    #[error("文件生成失败：{0}")]
    Encode(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_chinese_and_carry_detail() {
        assert_eq!(RenderError::NoFont.to_string(), "未找到可用的中文字体文件");
        let e = RenderError::BadPhoto("格式不支持".into());
        assert_eq!(e.to_string(), "照片无法读取：格式不支持");
        assert!(RenderError::BadFont("x".into()).to_string().contains('x'));
        assert!(RenderError::Encode("y".into()).to_string().contains('y'));
    }
}
