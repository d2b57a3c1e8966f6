//! Writes the visible 「填写说明」 sheet: per-column requirements, allowed values and notes.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::columns::{
    COL_BIRTH_DATE, COL_HUKOU_ADDRESS, COL_ID_NUMBER, COL_JOB_TYPE, COL_NAME, COL_ORGANIZATION,
    COL_PHONE, COL_WORK_YEARS, COLUMNS, TEMPLATE_DATA_ROWS,
};
use crate::spreadsheet::style::{self, col_num};
use crate::spreadsheet::{self, Column};

/// Name of the instructions sheet.
pub(super) const HELP_SHEET: &str = "填写说明";

/// Lists longer than this (in characters) are summarised instead of spelled out.
const INLINE_LIST_CHARS: usize = 120;

/// Table header of the per-column section.
const TABLE_HEADER: [&str; 5] = ["序号", "列名", "是否必填", "填写要求 / 可选值", "说明"];

/// Requirement text of a column.
fn requirement(idx: usize) -> &'static str {
    if COLUMNS.get(idx).is_some_and(|c| c.required) {
        "必填"
    } else if idx == COL_JOB_TYPE {
        "条件必填"
    } else {
        "选填"
    }
}

/// Format rule of a free-text column.
fn free_text_rule(idx: usize) -> &'static str {
    match idx {
        COL_NAME => "与证件上的姓名一致",
        COL_ID_NUMBER => "居民身份证为 18 位号码，末位 X 大写",
        COL_PHONE => "11 位手机号码",
        COL_BIRTH_DATE => "YYYY-MM-DD，例如 1990-01-01",
        COL_HUKOU_ADDRESS => "按户口簿填写",
        COL_ORGANIZATION => "在校生填写学校名称，在职人员填写单位名称",
        COL_WORK_YEARS => "整数，单位：年",
        _ => "按实际情况填写",
    }
}

/// Extra explanation of a column.
fn note(idx: usize) -> &'static str {
    match idx {
        COL_ID_NUMBER => "本列已设为文本格式；若改为数值，18 位号码的后三位会变成 0，导致导入失败",
        COL_PHONE => "本列已设为文本格式",
        COL_BIRTH_DATE => {
            "本列已设为文本格式；也可写作 1990/1/1、1990.1.1、19900101 或 1990年1月1日"
        }
        COL_JOB_TYPE => "所选职业设有工种时必填；职业没有工种时留空",
        _ => "",
    }
}

/// Allowed values of a drop-down column: spelled out when short, else summarised.
fn allowed_values(values: &[&str]) -> String {
    let joined = values.join("、");
    if values.is_empty() {
        "本计划未设置可选值，可留空".to_string()
    } else if joined.chars().count() <= INLINE_LIST_CHARS {
        format!("从下拉列表中选择：{joined}")
    } else {
        format!("从下拉列表中选择（共 {} 项）", values.len())
    }
}

/// General notes shown under the column table.
fn general_notes() -> Vec<String> {
    vec![
        "第 2 行（灰色斜体）是示例行，导入时会被自动跳过、不会导入；可以保留，也可以删除后从第 2 行起填写考生。"
            .to_string(),
        "请勿修改或删除表头（第 1 行）的文字；列的顺序可以调整，多出的列会被忽略。".to_string(),
        "表头为红色字的列为必填项；每行填写一名考生，空行会被自动跳过。".to_string(),
        "证件号码、手机号码、出生日期列已设为“文本”格式，请勿改为数值或日期格式。".to_string(),
        "从其他表格复制数据时，请使用“选择性粘贴 → 数值”，以免覆盖单元格格式和下拉选项。"
            .to_string(),
        format!(
            "下拉选项对第 2～{} 行有效；单次可导入的最大行数以系统提示为准。",
            TEMPLATE_DATA_ROWS + 1
        ),
        "仅读取「报名信息」工作表；请保存为 Excel 工作簿（.xlsx）后上传。".to_string(),
    ]
}

/// Writes the instructions sheet for a plan, given the template's columns with their drop-down values.
pub(super) fn write(
    ws: &mut Worksheet,
    plan_name: &str,
    columns: &[Column<'_>],
) -> Result<(), XlsxError> {
    let lists = spreadsheet::lists(columns);
    ws.set_name(HELP_SHEET)?;
    let title_fmt = style::title().set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let centred = cell.clone().set_align(FormatAlign::Center);
    let required = centred
        .clone()
        .set_bold()
        .set_font_color(rust_xlsxwriter::Color::RGB(style::DARK_RED));
    let note_fmt = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let last_col = col_num(TABLE_HEADER.len() - 1)?;

    let title = format!("{} —— 报名信息导入模板填写说明", plan_name.trim());
    ws.merge_range(0, 0, 0, last_col, style::clip(&title), &title_fmt)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "请在「报名信息」工作表中填写考生信息，填写完成后保存并上传该文件。",
        &note_fmt,
    )?;

    let header = style::header();
    for (i, text) in TABLE_HEADER.iter().enumerate() {
        ws.write_string_with_format(3, col_num(i)?, *text, &header)?;
    }
    let mut row = 4u32;
    for (idx, column) in columns.iter().enumerate() {
        let rule = match lists.iter().find(|(c, _)| *c == idx) {
            Some((_, values)) => allowed_values(values),
            None => free_text_rule(idx).to_string(),
        };
        let req = requirement(idx);
        ws.write_number_with_format(row, 0, f64::from(row - 3), &centred)?;
        ws.write_string_with_format(row, 1, column.header, &cell)?;
        let req_fmt = if req == "选填" { &centred } else { &required };
        ws.write_string_with_format(row, 2, req, req_fmt)?;
        ws.write_string_with_format(row, 3, rule, &cell)?;
        ws.write_string_with_format(row, 4, note(idx), &cell)?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "注意事项", &Format::new().set_bold())?;
    for (i, text) in general_notes().iter().enumerate() {
        row += 1;
        let line = format!("{}. {text}", i + 1);
        ws.merge_range(row, 0, row, last_col, &line, &note_fmt)?;
    }

    for (col, width) in [(0u16, 6.0), (1, 16.0), (2, 10.0), (3, 60.0), (4, 50.0)] {
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(4, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_follow_the_rules() {
        let req: Vec<&str> = (0..COLUMNS.len()).map(requirement).collect();
        assert_eq!(req.iter().filter(|r| **r == "必填").count(), 6);
        assert_eq!(requirement(COL_JOB_TYPE), "条件必填");
        assert_eq!(requirement(COL_NAME), "必填");
        assert_eq!(requirement(COL_WORK_YEARS), "选填");
    }

    #[test]
    fn long_lists_are_summarised() {
        assert_eq!(allowed_values(&["男", "女"]), "从下拉列表中选择：男、女");
        let many: Vec<String> = (0..58).map(|i| format!("民族{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(allowed_values(&refs), "从下拉列表中选择（共 58 项）");
        assert!(allowed_values(&[]).contains("未设置"));
    }

    #[test]
    fn notes_say_the_example_row_is_skipped() {
        assert!(general_notes()[0].contains("示例行，导入时会被自动跳过"));
        assert!(
            !general_notes()
                .iter()
                .any(|n| n.contains("当作一名考生导入"))
        );
        assert!(general_notes().iter().any(|n| n.contains("10001")));
    }
}
