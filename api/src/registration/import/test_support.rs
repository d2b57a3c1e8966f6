//! Test-only helpers: the plan's sample lists and a valid candidate row in the template's layout.

pub(super) use crate::spreadsheet::test_support::*;

use super::{COLUMNS, ExampleRow, TemplateLists};

/// Realistic drop-down lists.
pub(super) fn sample_lists() -> TemplateLists {
    let v = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    TemplateLists {
        id_types: v(&[
            "居民身份证",
            "港澳居民来往内地通行证",
            "台湾居民来往大陆通行证",
            "护照",
        ]),
        genders: v(&["男", "女"]),
        ethnicities: v(crate::domain::enums::ETHNICITIES),
        hukou_types: v(&["城镇", "农村"]),
        candidate_sources: v(&["在校学生", "企业职工", "社会人员", "退役军人"]),
        education_levels: v(&[
            "初中及以下",
            "高中/中专/技校",
            "大专",
            "本科",
            "研究生及以上",
        ]),
        occupations: v(&["电工", "焊工", "育婴员"]),
        job_types: v(&["电工（不分工种）", "焊条电弧焊工", "气体保护焊工"]),
        levels: v(&["五级/初级工", "四级/中级工", "三级/高级工"]),
    }
}

/// One valid candidate, already in normalised form.
pub(super) fn sample_cells() -> Vec<String> {
    [
        "张三",
        "居民身份证",
        "44010619900101123X",
        "13800138000",
        "男",
        "1990-01-01",
        "汉族",
        "城镇",
        "广东省广州市越秀区XX路1号",
        "企业职工",
        "大专",
        "广州市某某有限公司",
        "5",
        "电工",
        "电工（不分工种）",
        "四级/中级工",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The template's example row.
pub(super) fn sample_example() -> ExampleRow {
    ExampleRow(sample_cells())
}

/// The template header as fixture cells.
pub(super) fn header() -> Vec<Fx> {
    COLUMNS.iter().map(|c| s(c.header)).collect()
}

/// A valid data row as fixture cells.
pub(super) fn data_row() -> Vec<Fx> {
    sample_cells().iter().map(|c| s(c)).collect()
}
