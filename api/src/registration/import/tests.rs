//! End-to-end tests: template round trip, header matching, cell conversion and blank rows.

use super::test_support::{Fx, build, build_sheets, data_row, header, s, sample_cells};
use super::test_support::{sample_example, sample_lists};
use super::*;
use crate::spreadsheet::{self, Column, ReadError, Row, Spec, Table};

fn read_ok(bytes: &[u8]) -> Vec<Row> {
    read_rows(bytes, 10_000).expect("readable")
}

#[test]
fn template_round_trip_returns_the_example_row() {
    let bytes =
        write_template("2026年第一批电工", &sample_lists(), &sample_example()).expect("write");
    let rows = read_ok(&bytes);
    assert_eq!(
        rows,
        vec![Row {
            row: 2,
            cells: sample_cells(),
            numeric: vec![false; COLUMNS.len()],
        }]
    );
}

#[test]
fn template_without_example_reads_as_empty() {
    let bytes = write_template("计划", &sample_lists(), &ExampleRow::default()).expect("write");
    assert_eq!(read_rows(&bytes, 10), Err(ReadError::Empty));
}

#[test]
fn shuffled_columns_and_extra_columns_are_mapped_by_header() {
    // Reverse the template order and insert an extra 备注 column in the middle.
    let mut head: Vec<Fx> = header().into_iter().rev().collect();
    let mut row: Vec<Fx> = data_row().into_iter().rev().collect();
    head.insert(5, s("备注"));
    row.insert(5, s("请忽略"));
    // Header decorations are tolerated.
    head[0] = s(" 等级* ");
    head[1] = s("工种（必填）");
    let bytes = build("Sheet1", &[head, row]);
    let rows = read_ok(&bytes);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].cells, sample_cells());
    assert_eq!(rows[0].row, 2);
}

#[test]
fn missing_columns_are_reported_by_name() {
    let head: Vec<Fx> = COLUMNS
        .iter()
        .filter(|c| !matches!(c.header, "证件号码" | "工种"))
        .map(|c| s(c.header))
        .collect();
    let bytes = build("Sheet1", &[head, data_row()]);
    let err = read_rows(&bytes, 10).expect_err("mismatch");
    assert_eq!(
        err,
        ReadError::TemplateMismatch {
            missing: vec!["证件号码".to_string(), "工种".to_string()]
        }
    );
    assert!(err.to_string().contains("证件号码、工种"));
    // Also when the header row is the only row.
    let only_header = build("Sheet1", &[vec![s("姓名")]]);
    assert!(matches!(
        read_rows(&only_header, 10),
        Err(ReadError::TemplateMismatch { missing }) if missing.len() == COLUMNS.len() - 1
    ));
}

#[test]
fn numeric_id_and_phone_cells() {
    let mut row = data_row();
    // What Excel stores after an 18-digit ID was typed into a General cell.
    row[COL_ID_NUMBER] = Fx::N(4.401_061_990_010_12e17);
    row[COL_PHONE] = Fx::N(13_800_138_000.0);
    row[COL_WORK_YEARS] = Fx::N(5.0);
    let bytes = build("报名信息", &[header(), row]);
    let rows = read_ok(&bytes);
    assert!(rows[0].numeric[COL_ID_NUMBER]);
    assert_eq!(rows[0].cells[COL_ID_NUMBER], "440106199001012000");
    assert_eq!(rows[0].cells[COL_PHONE], "13800138000");
    assert_eq!(rows[0].cells[COL_WORK_YEARS], "5");

    // A text ID keeps the flag off.
    let bytes = build("报名信息", &[header(), data_row()]);
    assert!(!read_ok(&bytes)[0].numeric[COL_ID_NUMBER]);
}

#[test]
fn date_cells_and_date_strings_are_normalised() {
    let typed = [
        Fx::D(2001, 2, 3, "yyyy-mm-dd"),
        Fx::D(2001, 2, 3, "yyyy\"年\"m\"月\"d\"日\""),
        Fx::D(2001, 2, 3, "m/d/yyyy"),
        s("2001/2/3"),
        s("2001.2.3"),
        s("20010203"),
        s("2001-2-3"),
        s("2001年2月3日"),
        Fx::N(20_010_203.0),
    ];
    let mut rows = vec![header()];
    for value in typed.iter().cloned() {
        let mut row = data_row();
        row[COL_BIRTH_DATE] = value;
        rows.push(row);
    }
    let mut odd = data_row();
    odd[COL_BIRTH_DATE] = s("2001-02-30");
    rows.push(odd);
    let got = read_ok(&build("报名信息", &rows));
    assert_eq!(got.len(), typed.len() + 1);
    for r in &got[..typed.len()] {
        assert_eq!(r.cells[COL_BIRTH_DATE], "2001-02-03", "row {}", r.row);
    }
    assert_eq!(got[typed.len()].cells[COL_BIRTH_DATE], "2001-02-30");
}

#[test]
fn full_width_id_and_phone_become_half_width() {
    let mut row = data_row();
    row[COL_ID_NUMBER] = s("４４０１０６１９９００１０１１２３ｘ");
    row[COL_PHONE] = s("１３８ ００１３ ８０００");
    let rows = read_ok(&build("报名信息", &[header(), row]));
    assert_eq!(rows[0].cells[COL_ID_NUMBER], "44010619900101123X");
    assert_eq!(rows[0].cells[COL_PHONE], "13800138000");
}

#[test]
fn blank_rows_are_skipped_and_row_numbers_kept() {
    let blank_but_spaces: Vec<Fx> = COLUMNS.iter().map(|_| s("  ")).collect();
    let mut only_extra = vec![Fx::Blank; COLUMNS.len()];
    only_extra.push(s("备注只在多余列里")); // extra column only → blank candidate row
    let mut head = header();
    head.push(s("备注"));
    let rows = vec![
        vec![],     // row 1 empty: header is the first non-empty row
        head,       // row 2
        data_row(), // row 3
        blank_but_spaces,
        vec![],
        only_extra, // row 6
        data_row(), // row 7
    ];
    let got = read_ok(&build("Sheet1", &rows));
    assert_eq!(got.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3, 7]);
}

#[test]
fn header_only_or_blank_sheet_is_empty() {
    assert_eq!(
        read_rows(&build("Sheet1", &[header()]), 10),
        Err(ReadError::Empty)
    );
    assert_eq!(read_rows(&build("Sheet1", &[]), 10), Err(ReadError::Empty));
    let spaces = vec![header(), COLUMNS.iter().map(|_| s(" ")).collect()];
    assert_eq!(
        read_rows(&build("Sheet1", &spaces), 10),
        Err(ReadError::Empty)
    );
}

#[test]
fn data_sheet_is_preferred_over_the_first_sheet() {
    let intro: Vec<Vec<Fx>> = vec![vec![s("说明")]];
    let data = vec![header(), data_row()];
    let bytes = build_sheets(&[("说明", &intro), ("报名信息", &data)]);
    assert_eq!(read_ok(&bytes).len(), 1);
    // Without a 报名信息 sheet the first worksheet is used.
    let bytes = build_sheets(&[("考生", &data), ("说明", &intro)]);
    assert_eq!(read_ok(&bytes)[0].cells, sample_cells());
}

#[test]
fn a_report_with_a_title_line_reads_back_as_a_table() {
    let rows = vec![vec!["张三".to_string(), "电工".to_string()]];
    let columns = [Column::text("姓名"), Column::text("职业")];
    let bytes = Table::text("报表", "某计划 报名报表", &columns, rows)
        .write()
        .expect("xlsx");
    let read =
        spreadsheet::read(&bytes, &Spec::new(&columns, 10)).expect("the title line is skipped");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].cells, vec!["张三".to_string(), "电工".to_string()]);
    assert_eq!(read[0].row, 3, "title on row 1, header on row 2");
}
