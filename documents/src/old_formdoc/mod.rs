//! 职业技能等级认定个人申请表: renders a candidate's application form to an A4 PNG and a PDF.
#![allow(
    dead_code,
    reason = "a copy of the old renderer, kept only for the timing comparison"
)]
//!
//! The page is rasterised at 150 dpi (1240 × 1754 px) with one CJK font loaded by
//! [`load_font`]; the PDF wraps a JPEG of the same page. Load the font once and share it:
//! a Noto CJK collection is about 20 MB in memory.

mod builder;
mod canvas;
mod error;
mod font;
mod grid;
mod layout;
mod pdf;
mod photo;
mod render;
mod sfnt;
mod wrap;

pub use error::RenderError;
pub use font::{Font, default_font_paths, load_font};
pub use render::{render_pdf, render_png};

/// Content of one application form; every text may be empty, long values are wrapped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormDoc {
    /// Main title, e.g. 「职业技能等级认定个人申请表」.
    pub title: String,
    /// Line under the title, usually the plan name, e.g. 「20261220-广东省华立高级技工学校」.
    pub subtitle: String,
    /// 报考信息 pairs (label, value): 职业, 职业编码, 工种, 申报等级, 计划考试日期, 报名状态 …
    pub header: Vec<(String, String)>,
    /// 个人信息 pairs (label, value): 姓名, 证件类型, 证件号码 … in display order.
    pub fields: Vec<(String, String)>,
    /// Candidate photo (JPEG, PNG also accepted), 5:7 portrait; `None` draws an empty 「照片」 box.
    pub photo_jpeg: Option<Vec<u8>>,
    /// Declaration paragraph (本人承诺…), printed above the signature line.
    pub declaration: String,
    /// Small print at the bottom of the page, e.g. generation time and registration number.
    pub footer: String,
}

/// The font every font-dependent test uses; fails loudly when no Chinese font is installed.
#[cfg(test)]
pub(crate) fn test_font() -> &'static Font {
    static FONT: std::sync::OnceLock<Font> = std::sync::OnceLock::new();
    FONT.get_or_init(|| {
        load_font(&default_font_paths()).unwrap_or_else(|e| {
            panic!(
                "no usable Chinese font among default_font_paths() ({e}); install one, e.g. \
                 `apt-get install -y --no-install-recommends fonts-noto-cjk fonts-wqy-microhei`"
            )
        })
    })
}

/// A realistic filled form used by tests and the sample output.
#[cfg(test)]
pub(crate) fn sample_doc(photo_jpeg: Option<Vec<u8>>) -> FormDoc {
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    FormDoc {
        title: "职业技能等级认定个人申请表".into(),
        subtitle: "20261220-广东省华立高级技工学校".into(),
        header: pairs(&[
            ("职业", "电工"),
            ("职业编码", "6-31-01-03"),
            ("工种", "维修电工"),
            ("申报等级", "四级/中级工"),
            ("计划考试日期", "2026-12-20"),
            ("报名状态", "已提交，待审核"),
        ]),
        fields: pairs(&[
            ("姓名", "欧阳明轩"),
            ("证件类型", "居民身份证"),
            ("证件号码", "44010619900101123X"),
            ("性别", "男"),
            ("出生日期", "1990-01-01"),
            ("民族", "汉族"),
            ("手机号码", "13800138000"),
            ("户口性质", "非农业户口"),
            ("户口地址", "广东省广州市天河区珠江新城华夏路10号富力中心B座2301室（集体户）"),
            ("考生来源", "在校学生"),
            ("入学时间", "2024-09-01"),
            ("工龄", "2年"),
            ("所在学校或单位", "广东省华立高级技工学校机电工程系2024级电气自动化设备安装与维修1班"),
            ("文化程度", "中等职业学校（中专/职高/技校）"),
            ("上一级资格证书等级", "五级/初级工"),
            ("证书编号", "S000044010000245002123"),
            ("发证日期", "2025-06-30"),
        ]),
        photo_jpeg,
        declaration: "本人承诺：以上所填写的个人信息及提交的证明材料均真实、准确、有效，并已知悉本次\
                      职业技能等级认定的申报条件、考核方式及相关规定。如有虚假、隐瞒或违反考试纪律的行为，\
                      本人自愿承担取消认定资格、已取得证书作废等一切后果。"
            .into(),
        footer: "生成时间 2026-11-21 10:00 · 报名编号 BM2026112100018 · 本表由系统自动生成，打印后须本人签名"
            .into(),
    }
}
