//! End-to-end tests for rejected uploads, row limits, huge sparse sheets and a 10 000-row file.

use std::time::Instant;

use super::test_support::{Fx, build, data_row, header, rewrite, s, sample_cells};
use super::test_support::{sample_example, sample_lists, zip_of};
use super::*;
use crate::spreadsheet::ReadError;

#[test]
fn non_zip_uploads_are_not_xlsx() {
    let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let csv = "姓名,证件类型,证件号码\n张三,居民身份证,44010619900101123X\n".as_bytes();
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for bytes in [&pdf[..], &xls[..], csv, &random[..], &[]] {
        assert_eq!(read_rows(bytes, 10), Err(ReadError::NotXlsx));
    }
}

#[test]
fn broken_zips_are_corrupt() {
    let good = write_template("计划", &sample_lists(), &sample_example()).expect("write");
    let sheet1 = super::test_support::unzip(&good)["xl/worksheets/sheet1.xml"].clone();
    let sheet1_cut = sheet1.as_bytes()[..sheet1.find("<c r=\"B2\"").expect("B2") + 8].to_vec();
    let mut random_after_magic = b"PK\x03\x04".to_vec();
    random_after_magic.extend((0..4096u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 11) as u8));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("random bytes after the ZIP magic", random_after_magic),
        ("truncated zip", good[..good.len() / 2].to_vec()),
        (
            "zip with one text file",
            zip_of(&[("readme.txt", "你好".as_bytes())]),
        ),
        ("empty zip", zip_of(&[])),
        (
            "workbook.xml that is not XML",
            rewrite(&good, "xl/workbook.xml", Some(b"<workbook><sheets><sheet")),
        ),
        (
            "worksheet cut in the middle of a cell",
            rewrite(&good, "xl/worksheets/sheet1.xml", Some(&sheet1_cut)),
        ),
        (
            "worksheet part missing",
            rewrite(&good, "xl/worksheets/sheet1.xml", None),
        ),
    ];
    for (label, bytes) in cases {
        match read_rows(&bytes, 10) {
            Err(ReadError::Corrupt(detail)) => eprintln!("{label}: Corrupt({detail})"),
            other => panic!("{label}: expected Corrupt, got {other:?}"),
        }
    }
}

#[test]
fn max_rows_is_enforced_with_the_real_count() {
    let mut rows = vec![header()];
    rows.extend((0..5).map(|_| data_row()));
    let bytes = build("Sheet1", &rows);
    assert_eq!(
        read_rows(&bytes, 4),
        Err(ReadError::TooManyRows { limit: 4, found: 5 })
    );
    assert_eq!(read_rows(&bytes, 5).expect("fits").len(), 5);
}

#[test]
fn stray_cell_far_away_does_not_blow_up() {
    // A dense grid up to XFD1048576 would be ~17 billion cells; streaming ignores it.
    let bytes = {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let ws = workbook.add_worksheet();
        for (c, column) in COLUMNS.iter().enumerate() {
            let c = u16::try_from(c).expect("col");
            ws.write_string(0, c, column.header).expect("head");
            ws.write_string(1, c, sample_cells()[usize::from(c)].as_str())
                .expect("cell");
        }
        ws.write_string(1_048_575, 16_383, "x").expect("far cell");
        workbook.save_to_buffer().expect("save")
    };
    let start = Instant::now();
    let rows = read_rows(&bytes, 10).expect("readable");
    assert_eq!(rows.len(), 1);
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn tenk_rows_read_back_correctly() {
    const N: usize = 10_000;
    let mut rows = Vec::with_capacity(N + 1);
    rows.push(header());
    for i in 0..N {
        let mut row = data_row();
        row[COL_NAME] = s(&format!("考生{i:05}"));
        row[COL_ID_NUMBER] = s(&format!("440106199001{i:05}X"));
        row[COL_PHONE] = Fx::N(13_800_000_000.0 + i as f64);
        row[COL_BIRTH_DATE] = Fx::D(1990, 1 + (i % 12) as u8, 1 + (i % 28) as u8, "yyyy-mm-dd");
        rows.push(row);
    }
    let bytes = build("报名信息", &rows);

    let (start, cpu_start) = (Instant::now(), thread_cpu_ms());
    let got = read_rows(&bytes, N).expect("10k rows");
    let (elapsed, cpu) = (start.elapsed(), thread_cpu_ms() - cpu_start);
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    eprintln!(
        "tenk: read {} rows ({} KiB xlsx) in {:.1} ms wall, ~{cpu} ms CPU [{profile}]",
        got.len(),
        bytes.len() / 1024,
        elapsed.as_secs_f64() * 1000.0
    );

    assert_eq!(got.len(), N);
    for (i, r) in got.iter().enumerate() {
        assert_eq!(r.row as usize, i + 2);
        assert_eq!(r.cells[COL_NAME], format!("考生{i:05}"));
        assert_eq!(r.cells[COL_ID_NUMBER], format!("440106199001{i:05}X"));
        assert_eq!(
            r.cells[COL_PHONE],
            (13_800_000_000u64 + i as u64).to_string()
        );
        let date = format!("1990-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        assert_eq!(r.cells[COL_BIRTH_DATE], date);
        assert_eq!(r.cells[COL_LEVEL], "四级/中级工");
    }
    assert_eq!(
        read_rows(&bytes, N - 1),
        Err(ReadError::TooManyRows {
            limit: N - 1,
            found: N
        })
    );
}

/// CPU time of the current thread in ms (Linux, 10 ms resolution; 0 elsewhere), immune to load.
fn thread_cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    let after = stat.rsplit(')').next().unwrap_or_default();
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks * 10
}
