//! The row-by-row checks of an import file, before anything is written: fields, the plan's item, the
//! template's example row, duplicates within the file.
use super::entrant::{self, EntrantInput};
use super::import::ImportRowResult;
use super::import::columns::{self as cols, COLUMNS};
use crate::domain::time::cst;
use crate::domain::{enums, validate};
use crate::spreadsheet::{self, Fault, Row};
use entity::plan_item;
use std::collections::HashMap;

fn item_key(occupation: &str, job_type: &str, level: &str) -> (String, String, String) {
    let job = match job_type.trim() {
        "--" | "—" | "无" | "-" => "",
        j => j,
    };
    (
        occupation.trim().to_string(),
        job.to_string(),
        level.trim().to_string(),
    )
}

/// The template's example row (row 2), which an importer must not take for a candidate.
pub(super) fn example_row(first: Option<&plan_item::Model>) -> Vec<String> {
    let mut row: Vec<String> = EXAMPLE.iter().map(|s| s.to_string()).collect();
    row.push(
        first
            .map(|i| i.occupation_name.clone())
            .unwrap_or_else(|| "电工".into()),
    );
    row.push(first.map(|i| i.job_type.clone()).unwrap_or_default());
    row.push(
        first
            .and_then(|i| enums::label(enums::CERT_LEVELS, &i.level))
            .unwrap_or("四级/中级工")
            .to_string(),
    );
    row
}

const EXAMPLE: [&str; 13] = [
    "张三（示例）",
    "居民身份证",
    "11010519491231002X",
    "13800138000",
    "女",
    "1949-12-31",
    "汉族",
    "非农业户口",
    "广东省广州市天河区某路1号",
    "企业职工",
    "大专",
    "广州某某公司",
    "5",
];

fn is_example(r: &Row) -> bool {
    r.cells.len() >= EXAMPLE.len() && r.cells.iter().zip(EXAMPLE).all(|(c, e)| c == e)
}

type RowError = (String, String);

/// The row as an entrant, with the refusals found on the way (empty required cells, a work-years that is no number).
fn input_of(r: &Row) -> (EntrantInput, Vec<RowError>) {
    let c = |i: usize| r.cells.get(i).cloned().unwrap_or_default();
    let opt = |i: usize| Some(c(i)).filter(|s| !s.is_empty());
    // The column spec finds the empty required cells and a 工龄 that is no whole number.
    let errs: Vec<RowError> = spreadsheet::check(COLUMNS, r)
        .into_iter()
        .map(|p| {
            let code = match p.fault {
                Fault::Missing => "required_missing",
                _ if p.column == cols::COL_WORK_YEARS => "invalid_work_years",
                _ => "invalid_cell",
            };
            (code.to_string(), p.message)
        })
        .collect();
    let work_years = opt(cols::COL_WORK_YEARS).and_then(|w| w.parse::<i32>().ok());
    let input = EntrantInput {
        name: c(cols::COL_NAME),
        id_type: c(cols::COL_ID_TYPE),
        id_number: c(cols::COL_ID_NUMBER),
        mobile: c(cols::COL_PHONE),
        gender: opt(cols::COL_GENDER),
        birth_date: opt(cols::COL_BIRTH_DATE),
        ethnicity: opt(cols::COL_ETHNICITY),
        hukou_type: opt(cols::COL_HUKOU_TYPE),
        hukou_address: opt(cols::COL_HUKOU_ADDRESS),
        candidate_source: opt(cols::COL_CANDIDATE_SOURCE),
        education: opt(cols::COL_EDUCATION),
        school_or_employer: opt(cols::COL_ORGANIZATION),
        work_years,
    };
    (input, errs)
}

/// The field rules' refusals of a row, leaving out those of required cells already reported as empty.
fn field_errors(
    r: &Row,
    input: EntrantInput,
    today: chrono::NaiveDate,
) -> Result<entrant::Entrant, Vec<RowError>> {
    let empty = |i: usize| r.cells.get(i).is_none_or(|c| c.is_empty());
    entrant::validate_all(input, today).map_err(|errs| {
        errs.into_iter()
            .map(|e| e.body())
            .filter(|b| match b.code.as_str() {
                "invalid_name" => !empty(cols::COL_NAME),
                "invalid_id_type" => !empty(cols::COL_ID_TYPE),
                "invalid_id_number" => !empty(cols::COL_ID_NUMBER),
                "invalid_mobile" => !empty(cols::COL_PHONE),
                _ => true,
            })
            .map(|b| {
                let numeric = r.numeric.get(cols::COL_ID_NUMBER).copied().unwrap_or(false);
                let hint = if numeric && b.code == "invalid_id_number" {
                    "（该单元格被 Excel 存成了数字，请把证件号码列设为文本格式后重新填写）"
                } else {
                    ""
                };
                (b.code, format!("{}{hint}", b.message))
            })
            .collect()
    })
}

/// A row that passed validation, waiting to be written.
pub(super) struct Valid {
    pub(super) idx: usize,
    pub(super) entrant: entrant::Entrant,
    pub(super) item: plan_item::Model,
}

fn failed(r: &Row, code: &str, message: String) -> ImportRowResult {
    let id_number = r
        .cells
        .get(cols::COL_ID_NUMBER)
        .cloned()
        .unwrap_or_default();
    ImportRowResult {
        row: r.row,
        name: r.cells.get(cols::COL_NAME).cloned().unwrap_or_default(),
        id_number_masked: validate::mask_id(&id_number),
        id_number,
        status: "failed".into(),
        code: Some(code.into()),
        message: Some(message),
    }
}

/// One refusal for a row: the first error's code, every error's message.
fn failed_all(r: &Row, errs: &[RowError]) -> ImportRowResult {
    let code = errs.first().map(|e| e.0.as_str()).unwrap_or("invalid_row");
    let message: Vec<&str> = errs.iter().map(|e| e.1.as_str()).collect();
    failed(r, code, message.join("；"))
}

/// Checks every row (fields, item, duplicates within the file) without touching the database.
pub(super) fn validate_rows(
    rows: &[Row],
    items: &[plan_item::Model],
) -> (Vec<ImportRowResult>, Vec<Valid>) {
    let today = crate::now().with_timezone(&cst()).date_naive();
    let by_key: HashMap<(String, String, String), &plan_item::Model> = items
        .iter()
        .map(|i| {
            (
                item_key(
                    &i.occupation_name,
                    &i.job_type,
                    enums::label(enums::CERT_LEVELS, &i.level).unwrap_or_default(),
                ),
                i,
            )
        })
        .collect();
    let mut results = Vec::with_capacity(rows.len());
    let mut valid = Vec::new();
    let mut seen: HashMap<(String, i32), u32> = HashMap::new();
    for (idx, r) in rows.iter().enumerate() {
        if is_example(r) {
            results.push(failed(
                r,
                "example_row",
                "模板示例行，已自动跳过（未导入）".into(),
            ));
            continue;
        }
        let (input, mut errs) = input_of(r);
        let entrant = match field_errors(r, input, today) {
            Ok(e) => Some(e),
            Err(more) => {
                errs.extend(more);
                None
            }
        };
        let c = |i: usize| r.cells.get(i).cloned().unwrap_or_default();
        let key = item_key(
            &c(cols::COL_OCCUPATION),
            &c(cols::COL_JOB_TYPE),
            &c(cols::COL_LEVEL),
        );
        let item = by_key.get(&key).map(|i| (*i).clone());
        if item.is_none() && !key.0.is_empty() && !key.2.is_empty() {
            errs.push((
                "item_not_in_plan".to_string(),
                format!(
                    "本计划没有报考项目「{} {} {}」",
                    key.0,
                    if key.1.is_empty() { "--" } else { &key.1 },
                    key.2
                ),
            ));
        }
        let checked = match (entrant, item) {
            (Some(e), Some(i)) if errs.is_empty() => Ok((e, i)),
            _ => Err(errs),
        };
        match checked {
            Err(errs) => results.push(failed_all(r, &errs)),
            Ok((e, item)) => {
                if let Some(first) = seen.get(&(e.id_number.clone(), item.id)) {
                    results.push(failed(
                        r,
                        "duplicate_in_file",
                        format!("与第 {first} 行重复"),
                    ));
                    continue;
                }
                seen.insert((e.id_number.clone(), item.id), r.row);
                results.push(ImportRowResult {
                    row: r.row,
                    name: e.name.clone(),
                    id_number_masked: validate::mask_id(&e.id_number),
                    id_number: e.id_number.clone(),
                    status: "pending".into(),
                    code: None,
                    message: None,
                });
                valid.push(Valid {
                    idx,
                    entrant: e,
                    item,
                });
            }
        }
    }
    (results, valid)
}
