//! Import files for tests: a workbook in the template's layout, with rows given as cell texts.
use api::registration::xlsx::COLUMNS;
use rust_xlsxwriter::Workbook;

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
        ws.write_string(0, c as u16, *h).expect("header");
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
