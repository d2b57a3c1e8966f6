//! The registration import template: the plan's drop-down lists and example row on the spec of [`COLUMNS`], and
//! the 填写说明 sheet.

use super::columns::{
    COL_CANDIDATE_SOURCE, COL_EDUCATION, COL_ETHNICITY, COL_GENDER, COL_HUKOU_TYPE, COL_ID_TYPE,
    COL_JOB_TYPE, COL_LEVEL, COL_OCCUPATION, COLUMNS, DATA_SHEET, TEMPLATE_DATA_ROWS,
};
use crate::spreadsheet::{Column, Template, XlsxError};

/// Drop-down values (display labels such as "居民身份证", "汉族", "四级/中级工") for the template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateLists {
    /// 证件类型 labels.
    pub id_types: Vec<String>,
    /// 性别 labels.
    pub genders: Vec<String>,
    /// 民族 labels.
    pub ethnicities: Vec<String>,
    /// 户口性质 labels.
    pub hukou_types: Vec<String>,
    /// 考生来源 labels.
    pub candidate_sources: Vec<String>,
    /// 文化程度 labels.
    pub education_levels: Vec<String>,
    /// 职业 labels offered by the plan.
    pub occupations: Vec<String>,
    /// 工种 labels (all job types of the plan's occupations).
    pub job_types: Vec<String>,
    /// 等级 labels.
    pub levels: Vec<String>,
}

/// Example row values aligned with `COLUMNS` (written in grey italic on row 2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleRow(pub Vec<String>);

/// [`COLUMNS`] with the plan's drop-down values.
fn columns_with(lists: &TemplateLists) -> Vec<Column<'_>> {
    COLUMNS
        .iter()
        .enumerate()
        .map(|(idx, column)| {
            let list = match idx {
                COL_ID_TYPE => &lists.id_types,
                COL_GENDER => &lists.genders,
                COL_ETHNICITY => &lists.ethnicities,
                COL_HUKOU_TYPE => &lists.hukou_types,
                COL_CANDIDATE_SOURCE => &lists.candidate_sources,
                COL_EDUCATION => &lists.education_levels,
                COL_OCCUPATION => &lists.occupations,
                COL_JOB_TYPE => &lists.job_types,
                COL_LEVEL => &lists.levels,
                _ => return *column,
            };
            column.with_list(list)
        })
        .collect()
}

/// Writes the import template for a plan as .xlsx bytes: 报名信息, 填写说明 and the hidden 选项 sheet.
pub fn write_template(
    plan_name: &str,
    lists: &TemplateLists,
    example: &ExampleRow,
) -> Result<Vec<u8>, XlsxError> {
    let columns = columns_with(lists);
    let title = format!("{} 报名信息导入模板", plan_name.trim());
    Template {
        title: &title,
        sheet: DATA_SHEET,
        columns: &columns,
        example: &example.0,
        rows: TEMPLATE_DATA_ROWS,
    }
    .write(|workbook| super::instructions::write(workbook.add_worksheet(), plan_name, &columns))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{sample_example, sample_lists, unzip};
    use super::*;

    #[test]
    fn lists_are_cleaned() {
        let lists = TemplateLists {
            genders: vec![" 男 ".into(), "女".into(), "".into(), "男".into()],
            ..TemplateLists::default()
        };
        let columns = columns_with(&lists);
        let cols = crate::spreadsheet::lists(&columns);
        assert_eq!(cols.len(), 9);
        let genders = cols.iter().find(|(c, _)| *c == COL_GENDER).expect("gender");
        assert_eq!(genders.1, vec!["男", "女"]);
    }

    #[test]
    fn template_xml_has_validations_text_columns_and_hidden_sheet() {
        let bytes =
            write_template("2026年第一批", &sample_lists(), &sample_example()).expect("write");
        let files = unzip(&bytes);
        let sheet1 = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert!(sheet1.contains("<dataValidation"), "no data validation");
        // Drop-downs point at the hidden sheet and cover rows 2..=10001.
        assert!(
            sheet1.contains("选项'!$C$2:$C$59"),
            "民族 list range missing"
        );
        assert!(sheet1.contains("sqref=\"G2:G10001\""), "民族 range rows");
        assert!(sheet1.contains("sqref=\"P2:P10001\""), "等级 range rows");
        assert!(sheet1.contains("YYYY-MM-DD"), "date input hint");
        assert!(sheet1.contains("<pane ySplit=\"1\""), "frozen header");
        // Text format (numFmtId 49 = "@") is the default style of the ID/phone/date columns.
        let styles = files.get("xl/styles.xml").expect("styles");
        assert!(
            styles.contains("numFmtId=\"49\""),
            "built-in text number format"
        );
        for col in ["3", "4", "6"] {
            assert!(
                sheet1.contains(&format!("<col min=\"{col}\" max=\"{col}\"")),
                "col {col}"
            );
        }
        let col_defs: Vec<&str> = sheet1.split("<col ").skip(1).collect();
        let styled = col_defs.iter().filter(|c| c.contains("style=")).count();
        assert_eq!(
            styled, 3,
            "exactly 证件号码/手机号码/出生日期 carry a column style"
        );

        let workbook = files.get("xl/workbook.xml").expect("workbook");
        assert!(workbook.contains("name=\"报名信息\""));
        assert!(workbook.contains("name=\"填写说明\""));
        assert!(
            workbook.contains("name=\"选项\" sheetId=\"3\" state=\"hidden\""),
            "{workbook}"
        );
        let options = files.get("xl/worksheets/sheet3.xml").expect("sheet3");
        assert!(
            options.contains("<c r=\"C59\""),
            "58 民族 values end at C59"
        );
        let strings = files.get("xl/sharedStrings.xml").expect("strings");
        assert!(strings.contains("四级/中级工") && strings.contains("2026年第一批"));
    }

    #[test]
    fn empty_lists_get_no_drop_down() {
        let lists = TemplateLists {
            levels: vec!["四级/中级工".into()],
            ..TemplateLists::default()
        };
        let bytes = write_template("计划", &lists, &ExampleRow::default()).expect("write");
        let files = unzip(&bytes);
        let sheet1 = files.get("xl/worksheets/sheet1.xml").expect("sheet1");
        assert_eq!(sheet1.matches("type=\"list\"").count(), 1);
        assert!(
            sheet1.contains("$I$2:$I$2"),
            "等级 is the 9th list column: {sheet1}"
        );
    }
}
