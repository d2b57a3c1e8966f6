//! Registration import files in the template's layout (sheet 报名信息, header = `COLUMNS`), e.g. the 10 000-row
//! file of the import benchmark.
use api::registration::import::{
    COL_ID_NUMBER, COL_ID_TYPE, COL_JOB_TYPE, COL_LEVEL, COL_NAME, COL_OCCUPATION, COL_PHONE,
    COLUMNS,
};
use rust_xlsxwriter::{Workbook, XlsxError};
use std::collections::HashSet;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平",
];

/// A plausible Chinese name for the `i`-th row (names may repeat; ID numbers do not).
pub fn row_name(i: usize) -> String {
    let s = SURNAMES[i % SURNAMES.len()];
    let a = GIVEN[(i / SURNAMES.len()) % GIVEN.len()];
    let b = GIVEN[(i / (SURNAMES.len() * GIVEN.len())) % GIVEN.len()];
    format!("{s}{a}{b}")
}

/// `n` rows of new candidates, each with a distinct valid 居民身份证 number and mobile 13800138000, for the item
/// (occupation name, job type, level label), e.g. ("电工", "", "四级/中级工"). Cells are aligned with `COLUMNS`.
pub fn candidate_rows(n: usize, occupation: &str, job_type: &str, level: &str) -> Vec<Vec<String>> {
    let mut seen = HashSet::with_capacity(n);
    let mut rows = Vec::with_capacity(n);
    while rows.len() < n {
        // `random_resident_id` draws from ~13 million numbers: a few collisions in 10 000 are expected.
        let id = crate::fixtures::random_resident_id();
        if !seen.insert(id.clone()) {
            continue;
        }
        let mut cells = vec![String::new(); COLUMNS.len()];
        cells[COL_NAME] = row_name(rows.len());
        cells[COL_ID_TYPE] = "居民身份证".into();
        cells[COL_ID_NUMBER] = id;
        cells[COL_PHONE] = "13800138000".into();
        cells[COL_OCCUPATION] = occupation.into();
        cells[COL_JOB_TYPE] = job_type.into();
        cells[COL_LEVEL] = level.into();
        rows.push(cells);
    }
    rows
}

/// An .xlsx with sheet 报名信息: the header row (exactly `COLUMNS`) and `rows` as text cells (blank cells left
/// empty).
pub fn import_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报名信息")?;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, h.header)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
    }
    wb.save_to_buffer()
}

/// A cell: text, or a number (as Excel stores an ID typed into a general-format column).
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// An .xlsx with the template header and `rows` (each aligned with `COLUMNS`).
pub fn workbook(rows: &[Vec<Cell<'_>>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报名信息").expect("sheet name");
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, h.header).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) => ws.write_string(r, c, *t).expect("cell"),
                Cell::Number(n) => ws.write_number(r, c, *n).expect("cell"),
            };
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// A row of texts for one candidate applying for 电工 四级/中级工.
pub fn row<'a>(name: &'a str, id: &'a str, mobile: &'a str) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = COLUMNS.iter().map(|_| Cell::Text("")).collect();
    cells[0] = Cell::Text(name);
    cells[1] = Cell::Text("居民身份证");
    cells[2] = Cell::Text(id);
    cells[3] = Cell::Text(mobile);
    cells[6] = Cell::Text("汉族");
    cells[10] = Cell::Text("高中");
    cells[13] = Cell::Text("电工");
    cells[15] = Cell::Text("四级/中级工");
    cells
}
