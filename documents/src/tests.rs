//! Rendering the built-in templates: real text in the PDF (read back with poppler's `pdftotext`), the PNG's size,
//! pagination with repeated headers, literal data, QR codes that decode, template overrides.
use crate::templates::{self, ApplicationForm, Column, Field, Table};
use crate::{DocumentError, Documents, Input};
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn documents() -> &'static Documents {
    static DOCS: OnceLock<Documents> = OnceLock::new();
    DOCS.get_or_init(|| Documents::new(None, None).expect("system CJK fonts (make deps)"))
}

/// The text of a PDF, pages separated by form feeds (`pdftotext` from poppler-utils, installed by `make deps`).
fn pdf_text(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (apt-get install poppler-utils)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("write the PDF");
    let out = child.wait_with_output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

fn field(label: &str, value: &str) -> Field {
    Field {
        label: label.into(),
        value: value.into(),
    }
}

fn sample_form(name: &str) -> ApplicationForm {
    ApplicationForm {
        title: "职业技能等级认定个人申请表".into(),
        subtitle: "20261220-广东省华立高级技工学校".into(),
        header: vec![
            field("评价机构", "广东省华立高级技工学校"),
            field("职业（工种）", "电工（维修电工）"),
            field("职业编码", "6-31-01-03"),
            field("申报等级", "四级/中级工"),
            field("计划考试日期", "2026-12-20"),
            field("报名状态", "申请通过"),
            field("报名编号", "3F2A9C0B71D4"),
        ],
        fields: vec![
            field("姓名", name),
            field("证件类型", "居民身份证"),
            field("证件号码", "44010619900101123X"),
            field("性别", "男"),
            field("出生日期", "1990-01-01"),
            field("民族", "汉族"),
            field("手机号码", "13800138000"),
            field("户口性质", "非农业户口"),
            field(
                "户口地址",
                "广东省广州市天河区珠江新城华夏路10号富力中心B座2301室（集体户）",
            ),
            field("考生来源", "在校学生"),
            field("入学时间", "2024-09-01"),
            field("工龄（年）", "2"),
            field(
                "所在学校或单位",
                "广东省华立高级技工学校机电工程系2024级电气自动化设备安装与维修1班",
            ),
            field("文化程度", "中等职业学校（中专/职高/技校）"),
            field("上一级资格证书等级", "五级/初级工"),
            field("上一级证书编号", "S000044010000245002123"),
            field("上一级证书发证日期", "2025-06-30"),
        ],
        declaration:
            "本人承诺：以上填写的信息及提交的证件资料真实、准确、完整，如有虚假，本人自愿承担由此\
                      产生的一切后果，并接受取消认定资格及所获证书的处理。"
                .into(),
        footer: "生成时间 2026-11-21 10:00 · 本表由系统生成，打印后须本人签名".into(),
    }
}

/// A 500 × 700 JPEG: blue backdrop, a face-coloured ellipse.
fn portrait_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(500, 700, |x, y| {
        let (fx, fy) = ((x as f32 - 250.0) / 120.0, (y as f32 - 290.0) / 160.0);
        if fx * fx + fy * fy < 1.0 {
            image::Rgb([236, 200, 170])
        } else {
            image::Rgb([67, 142, 219])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encode");
    out
}

fn form(name: &str, photo: bool) -> crate::Rendered {
    let mut input = Input::new(&sample_form(name)).expect("input");
    if photo {
        input = input.file("photo", portrait_jpeg());
    }
    documents()
        .render(templates::APPLICATION_FORM, input)
        .expect("the form renders")
}

#[test]
fn the_application_form_pdf_has_the_candidates_name_id_number_and_occupation_as_text() {
    let doc = form("欧阳明轩", true);
    assert_eq!(doc.page_count(), 1);
    let pdf = doc.pdf().expect("pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "职业技能等级认定个人申请表",
        "欧阳明轩",
        "44010619900101123X",
        "电工（维修电工）",
        "6-31-01-03",
        "考生签名",
        "生成时间 2026-11-21 10:00",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert!(
        pdf.windows(9).any(|w| w == b"/FontFile"),
        "the font is embedded"
    );
    assert!(pdf.len() < 400_000, "PDF is {} bytes", pdf.len());
}

#[test]
fn the_application_form_png_is_an_a4_page_at_150_dpi_with_the_photo() {
    let png = form("欧阳明轩", true).png().expect("png");
    let img = image::load_from_memory(&png).expect("a PNG").to_rgb8();
    assert_eq!(img.dimensions(), (1240, 1754));
    assert_eq!(img.get_pixel(5, 5).0, [255, 255, 255], "white paper");
    let blue = img
        .pixels()
        .filter(|p| p.0[0].abs_diff(67) < 12 && p.0[1].abs_diff(142) < 12 && p.0[2] > 200)
        .count();
    assert!(blue > 5_000, "the photo's backdrop shows ({blue} pixels)");
    assert!(png.len() < 1_500_000, "PNG is {} bytes", png.len());
}

#[test]
fn a_rare_character_in_a_name_is_covered_by_a_loaded_font_and_extracted() {
    let name = "王𬌗"; // U+2C317, CJK Extension E
    assert!(
        documents()
            .fonts()
            .fonts
            .iter()
            .any(|f| f.info().coverage.contains(0x2C317)),
        "no loaded font draws U+2C317"
    );
    let text = pdf_text(&form(name, false).pdf().expect("pdf"));
    assert!(text.contains(name), "{text}");
}

#[test]
fn a_hostile_name_renders_literally() {
    for name in [r#"#"]}"#, "*bold* $x$ #panic()", "#set page(width: 1cm)"] {
        let doc = form(name, false);
        assert_eq!(doc.page_count(), 1, "{name}");
        let text = pdf_text(&doc.pdf().expect("pdf"));
        assert!(text.contains(name), "{name:?} not in:\n{text}");
    }
}

#[test]
fn a_300_row_table_paginates_with_the_header_row_on_every_page() {
    let table = Table {
        title: "考场签到表".into(),
        subtitle: "20261220-广东省华立高级技工学校 · 第一考场".into(),
        columns: [
            ("序号", 0.6),
            ("姓名", 1.0),
            ("证件号码", 2.0),
            ("签名", 1.4),
        ]
        .into_iter()
        .map(|(label, width)| Column {
            label: label.into(),
            width,
        })
        .collect(),
        rows: (1..=300)
            .map(|i| {
                vec![
                    i.to_string(),
                    format!("考生{i:03}"),
                    format!("440106199001{i:06}"),
                    String::new(),
                ]
            })
            .collect(),
        footer: "打印于 2026-12-19".into(),
    };
    let doc = documents()
        .render(templates::TABLE, Input::new(&table).expect("input"))
        .expect("table renders");
    // table.typ: A4 (297 mm) less 18 mm top and 20 mm bottom margins = 259 mm; every row, the header row too, is
    // 8 mm; page 1 also holds the 16 mm title block. So page 1 has floor((259 − 16 − 8) / 8) = 29 rows and each
    // further page floor((259 − 8) / 8) = 31.
    let (first, rest): (usize, usize) = (29, 31);
    let expected = 1 + (300 - first).div_ceil(rest);
    assert_eq!(doc.page_count(), expected);
    let text = pdf_text(&doc.pdf().expect("pdf"));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), expected);
    for (i, page) in pages.iter().enumerate() {
        for label in ["序号", "姓名", "证件号码", "签名"] {
            assert!(page.contains(label), "page {} lacks {label}", i + 1);
        }
        let number = format!("第 {} 页 / 共 {expected} 页", i + 1);
        assert!(page.contains(&number), "page {} lacks {number:?}", i + 1);
    }
    // typst sets a quarter em between Chinese and Latin characters, which pdftotext reads as a space.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert!(squash(pages[0]).contains("考生001"), "{}", pages[0]);
    assert!(squash(pages[expected - 1]).contains("考生300"));
    let png = image::load_from_memory(&doc.png().expect("png")).expect("PNG");
    assert_eq!(png.width(), 1240, "one page wide, pages stacked");
    assert!(png.height() > 1754 * expected as u32);
}

#[test]
fn a_qr_code_in_a_rendered_png_decodes_to_the_exact_payload() {
    const QR_CARD: &str = r#"#import "common.typ": *
#show: setup.with(title: data.title)
#heading-block(data.title, none)
#align(center, image(files.at("qr"), width: 40mm))
"#;
    let docs = Documents::with_templates(
        None,
        None,
        &[templates::BUILT_IN[0], ("qr_card.typ", QR_CARD)],
    )
    .expect("engine");
    let payload = "https://skillcert.example/v/TK-2026-0001?sig=AbC_123-xyz";
    #[derive(serde::Serialize)]
    struct Card {
        title: &'static str,
    }
    let input = Input::new(&Card { title: "准考证" })
        .and_then(|i| i.qr("qr", payload))
        .expect("input");
    let png = docs.render("qr_card.typ", input).expect("renders").png();
    let img = image::load_from_memory(&png.expect("png"))
        .expect("PNG")
        .to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        img.width() as usize,
        img.height() as usize,
        |x, y| img.get_pixel(x as u32, y as u32).0[0],
    );
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    let (_, content) = grids[0].decode().expect("decodes");
    assert_eq!(content, payload);
}

#[test]
fn a_template_in_the_override_folder_wins_and_others_stay_built_in() {
    let dir = std::env::temp_dir().join(format!("documents-override-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("table.typ"),
        "#import \"common.typ\": *\n#show: setup\n本中心的版式：#data.title\n",
    )
    .expect("write");
    let docs = Documents::new(None, Some(&dir)).expect("engine");
    assert_eq!(docs.overridden(), vec![templates::TABLE]);
    let table = Table {
        title: "自定义".into(),
        subtitle: String::new(),
        columns: Vec::new(),
        rows: Vec::new(),
        footer: String::new(),
    };
    let pdf = docs
        .render(templates::TABLE, Input::new(&table).expect("input"))
        .and_then(|d| d.pdf())
        .expect("override renders");
    assert!(pdf_text(&pdf).contains("本中心的版式：自定义"));
    let form = docs
        .render(
            templates::APPLICATION_FORM,
            Input::new(&sample_form("张三")).expect("input"),
        )
        .and_then(|d| d.pdf())
        .expect("built-in renders");
    assert!(pdf_text(&form).contains("个人申请表"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_template_folder_or_an_unknown_template_is_refused() {
    let err = Documents::new(None, Some(std::path::Path::new("/nonexistent/templates")))
        .expect_err("no folder");
    assert!(err.to_string().contains("/nonexistent/templates"), "{err}");
    for name in ["nope.typ", "../etc/passwd", "/abs.typ", "x"] {
        let r = documents().render(name, Input::new(&()).expect("input"));
        assert!(
            matches!(
                r,
                Err(DocumentError::UnknownTemplate(_) | DocumentError::Template { .. })
            ),
            "{name}"
        );
    }
}

/// Writes the application form (PDF, PNG, without photo) and the 300-row table when DOCUMENTS_SAMPLE_DIR is set,
/// to look at them.
#[test]
fn sample_output() {
    let Ok(dir) = std::env::var("DOCUMENTS_SAMPLE_DIR") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let doc = form("欧阳明轩", true);
    std::fs::write(dir.join("form.pdf"), doc.pdf().expect("pdf")).expect("write");
    std::fs::write(dir.join("form.png"), doc.png().expect("png")).expect("write");
    let bare = form("王𬌗", false).png().expect("png");
    std::fs::write(dir.join("form-nophoto.png"), bare).expect("write");
}
