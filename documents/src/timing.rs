//! Render times of the application form, the old hand-written renderer (`old_formdoc`, a copy of
//! `api/src/registration/formdoc` kept for this one comparison) against the typst engine, in the same run:
//! `cargo test --release -p documents --lib timing -- --ignored --nocapture`.
use crate::tests::{portrait_jpeg, sample_form};
use crate::{Documents, Input, templates};
use std::time::Instant;

const RUNS: u32 = 10;

fn avg(f: impl Fn() -> usize) -> (std::time::Duration, usize) {
    let bytes = f();
    let start = Instant::now();
    for _ in 0..RUNS {
        f();
    }
    (start.elapsed() / RUNS, bytes)
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn timing_old_renderer_against_typst() {
    let start = Instant::now();
    let font =
        crate::old_formdoc::load_font(&crate::old_formdoc::default_font_paths()).expect("font");
    println!("old: font load {:?}", start.elapsed());
    let doc = crate::old_formdoc::sample_doc(Some(portrait_jpeg()));
    let (png, n) = avg(|| {
        crate::old_formdoc::render_png(&doc, &font)
            .expect("png")
            .len()
    });
    println!("old: render_png {png:?} ({n} B)");
    let (pdf, n) = avg(|| {
        crate::old_formdoc::render_pdf(&doc, &font)
            .expect("pdf")
            .len()
    });
    println!("old: render_pdf {pdf:?} ({n} B)");

    let start = Instant::now();
    let docs = Documents::new(None, None).expect("engine");
    println!("typst: engine + fonts {:?}", start.elapsed());
    let input = || {
        Input::new(&sample_form("欧阳明轩"))
            .expect("input")
            .file("photo", portrait_jpeg())
    };
    let render = || {
        docs.render(templates::APPLICATION_FORM, input())
            .expect("render")
    };
    let (layout, _) = avg(|| render().page_count());
    println!("typst: compile (layout) {layout:?}");
    let (png, n) = avg(|| render().png().expect("png").len());
    println!("typst: compile + png {png:?} ({n} B)");
    let (pdf, n) = avg(|| render().pdf().expect("pdf").len());
    println!("typst: compile + pdf {pdf:?} ({n} B)");
}
