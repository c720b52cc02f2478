//! Meeting mode and exports: presentation keys and text size, PNG images of a chosen size,
//! the clipboard, and CSV / Excel tables holding the same numbers as `care-levers run`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use care_levers::app::{CareLeversApp, DialogOutcome, View};
use care_levers::io::scenario_file;
use common::FakeDialogs;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

fn harness(
    dialogs: Arc<FakeDialogs>,
    size: egui::Vec2,
    render: bool,
) -> Harness<'static, CareLeversApp> {
    // The window waits 0.4 s for a write before leaving it behind; a test machine busy building
    // may take longer. These tests check what is written, not the waiting (the slow-save test
    // does that), so they wait for every write to finish.
    let app = CareLeversApp::with_services(scenario_file::norfolk_2014().unwrap(), dialogs, None)
        .with_bands(false)
        .with_save_wait(std::time::Duration::from_secs(60));
    let mut builder = Harness::builder().with_size(size);
    if render {
        builder = builder.wgpu();
    }
    let mut harness = builder.build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

fn press(harness: &mut Harness<'static, CareLeversApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// The smallest font size of any text drawn in the last frame, in points.
fn smallest_text(harness: &Harness<'static, CareLeversApp>) -> f32 {
    let mut smallest = f32::INFINITY;
    for clipped in &harness.output().shapes {
        visit(&clipped.shape, &mut smallest);
    }
    smallest
}

fn visit(shape: &egui::Shape, smallest: &mut f32) {
    match shape {
        egui::Shape::Text(text) => {
            for row in &text.galley.rows {
                for glyph in &row.row.glyphs {
                    if !glyph.chr.is_whitespace() {
                        *smallest = smallest.min(glyph.font_height);
                    }
                }
            }
        }
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| visit(s, smallest)),
        _ => {}
    }
}

#[test]
fn presentation_mode_steps_through_charts_and_scenarios_in_large_type() {
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness(dialogs.clone(), egui::vec2(1920.0, 1080.0), false);
    // A second scenario to step to.
    dialogs.answer(DialogOutcome::Picked(shipped(
        "norfolk_2014_target_770.ron",
    )));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    assert_eq!(harness.state().documents().len(), 2);

    // The measurement can tell: the normal window has small print.
    let normal = smallest_text(&harness);
    assert!(
        normal.is_finite() && normal < 18.0,
        "normal window smallest text {normal}"
    );

    press(&mut harness, Key::F5);
    let presentation = harness
        .state()
        .presentation()
        .expect("presentation mode on");
    assert_eq!(presentation.view(), View::ChildrenInCare);
    assert!(presentation.projector_theme);
    // Levers are hidden; the chart title and the scenario name are on screen.
    assert!(harness.query_by_label("Early-help investment").is_none());
    harness.get_by_label("Children in care by month, by placement");
    harness.get_by_label("Norfolk 2014: target 770");
    let smallest = smallest_text(&harness);
    assert!(
        smallest >= 18.0,
        "text of {smallest} points on a 1920×1080 slide"
    );

    press(&mut harness, Key::ArrowRight);
    harness.get_by_label("Placement spend against budget by financial year");
    press(&mut harness, Key::PageDown);
    harness.get_by_label("Cumulative net saving against cumulative investment");
    let smallest = smallest_text(&harness);
    assert!(
        smallest >= 18.0,
        "text of {smallest} points on the savings slide"
    );
    press(&mut harness, Key::ArrowLeft);
    press(&mut harness, Key::PageUp);
    harness.get_by_label("Children in care by month, by placement");

    // S steps to the next open scenario.
    press(&mut harness, Key::S);
    harness.get_by_label("Norfolk 2014: do nothing");
    press(&mut harness, Key::S);
    harness.get_by_label("Norfolk 2014: target 770");

    // L opens the lever overlay: a councillor's "what if we doubled it?".
    press(&mut harness, Key::L);
    let before = harness
        .state()
        .projection()
        .last_month()
        .unwrap()
        .looked_after;
    harness
        .get_by_role_and_label(Role::Slider, "Early-help investment")
        .set_value_accesskit(7_000_000.0);
    harness.run();
    let after = harness
        .state()
        .projection()
        .last_month()
        .unwrap()
        .looked_after;
    assert!(after < before, "more early help: {before} -> {after}");
    // R returns to the saved values.
    harness.get_by_label("Back to saved values (R)").click();
    harness.run();
    assert_eq!(
        harness.state().scenario().levers.early_help.value,
        3_500_000.0
    );

    press(&mut harness, Key::Escape);
    assert!(harness.state().presentation().is_none());
    harness.get_by_role_and_label(Role::Slider, "Early-help investment");
}

fn run_until_exported(harness: &mut Harness<'static, CareLeversApp>) {
    for _ in 0..100 {
        harness.step();
        if !harness.state().exporting_image() {
            break;
        }
    }
    assert!(
        !harness.state().exporting_image(),
        "the image was never made"
    );
    // Let the window go back to its size.
    harness.run_steps(10);
}

/// JSON numbers parsed by serde_json may be one unit in the last place off.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn assert_not_blank(image: &image::RgbaImage) {
    let first = image.get_pixel(0, 0);
    let different = image.pixels().filter(|p| *p != first).count();
    assert!(
        different > (image.width() * image.height()) as usize / 20,
        "the image is nearly blank: {different} pixels differ from the corner"
    );
}

/// Exports an image through File → Export, choosing `size` (none: as on screen) and answering
/// the file dialog with `name` in a fresh folder; returns the image written.
fn export_image(size: Option<&str>, name: &str) -> image::RgbaImage {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness(dialogs.clone(), egui::vec2(1280.0, 800.0), true);
    dialogs.answer(DialogOutcome::Picked(folder.path().join(name)));
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label("Export chart or window as PNG...")
        .click();
    harness.run();
    if let Some(size) = size {
        harness.get_by_label(size).click();
        harness.run();
    }
    harness.get_by_label("Choose file...").click();
    run_until_exported(&mut harness);
    let (title, text) = harness.state().message().cloned().expect("a notice");
    assert_eq!(title, "Image saved", "{text}");
    // ".png" is added when left off.
    let path = folder.path().join(name).with_extension("png");
    image::open(&path).unwrap().to_rgba8()
}

#[test]
fn a_chart_exports_as_a_png_of_the_chosen_size() {
    let image = export_image(Some("1920 × 1080 (full HD)"), "slide");
    assert_eq!((image.width(), image.height()), (1920, 1080));
    assert_not_blank(&image);
}

#[test]
fn the_chart_as_shown_exports_cropped_to_its_title_and_axes() {
    let image = export_image(None, "chart.png");
    // Narrower than the window (no levers) and shorter (no headline strip), but most of it.
    assert!(
        image.width() < 1280 && image.width() > 700,
        "{}",
        image.width()
    );
    assert!(
        image.height() < 800 && image.height() > 400,
        "{}",
        image.height()
    );
    assert_not_blank(&image);
}

#[test]
fn copy_chart_puts_an_image_on_the_clipboard() {
    let mut harness = harness(
        Arc::new(FakeDialogs::default()),
        egui::vec2(1280.0, 800.0),
        true,
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Copy chart to the clipboard").click();
    let mut copied = None;
    for _ in 0..30 {
        harness.step();
        for command in &harness.output().platform_output.commands {
            if let egui::OutputCommand::CopyImage(image) = command {
                copied = Some(image.size);
            }
        }
        if copied.is_some() {
            break;
        }
    }
    let [width, height] = copied.expect("an image was copied");
    assert!(width > 700 && height > 400, "{width} × {height}");
}

fn run_json(file: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .arg("run")
        .arg(file)
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn csv_and_excel_exports_hold_the_same_numbers_as_run() {
    let folder = tempfile::tempdir().unwrap();
    let file = shipped("norfolk_2014_target_770.ron");
    let csv_path = folder.path().join("plan.csv");
    let xlsx_path = folder.path().join("plan.xlsx");
    let output = Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(["export", file.to_str().unwrap(), "--csv"])
        .arg(&csv_path)
        .arg("--xlsx")
        .arg(&xlsx_path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = run_json(&file);
    let months = json["months"].as_array().unwrap();
    let years = json["years"].as_array().unwrap();

    // CSV: monthly and financial-year tables.
    let mut monthly = csv::Reader::from_path(&csv_path).unwrap();
    let header = monthly.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = monthly.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), months.len());
    for (row, month) in rows.iter().zip(months) {
        assert_eq!(&row[0], month["month"].as_str().unwrap());
        for field in ["looked_after", "spend_gbp", "investment_gbp"] {
            let column = header.iter().position(|h| h == field).unwrap();
            let value: f64 = row[column].parse().unwrap();
            assert!(same(value, month[field].as_f64().unwrap()), "{field}");
        }
    }
    let years_path = folder.path().join("plan_years.csv");
    let mut yearly = csv::Reader::from_path(&years_path).unwrap();
    let header = yearly.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = yearly.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), years.len());
    for (row, year) in rows.iter().zip(years) {
        for (column, field) in header.iter().enumerate().skip(1) {
            // Blank in the CSV where JSON has null (the first year's change, a budget not
            // entered).
            if row[column].is_empty() {
                assert!(year[field].is_null(), "years.{field}");
                continue;
            }
            let value: f64 = row[column].parse().unwrap();
            assert!(same(value, year[field].as_f64().unwrap()), "years.{field}");
        }
    }

    // Excel: the same numbers, and the assumptions with their sources.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let sheet = workbook.worksheet_range("Monthly").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for (row, month) in sheet.rows().skip(1).zip(months) {
        assert_eq!(row[0].to_string(), month["month"].as_str().unwrap());
        for field in ["looked_after", "baseline_looked_after", "spend_gbp"] {
            let column = header.iter().position(|h| h == field).unwrap();
            let Data::Float(value) = row[column] else {
                panic!("{field} is not a number");
            };
            assert!(same(value, month[field].as_f64().unwrap()), "{field}");
        }
    }
    assert_eq!(sheet.rows().count(), months.len() + 1);
    let sheet = workbook.worksheet_range("Financial years").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for (row, year) in sheet.rows().skip(1).zip(years) {
        assert_eq!(row[0].to_string(), year["financial_year"].as_str().unwrap());
        for (column, field) in header.iter().enumerate().skip(1) {
            // An empty cell where JSON has null.
            if row[column] == Data::Empty {
                assert!(year[field].is_null(), "years.{field}");
                continue;
            }
            let Data::Float(value) = row[column] else {
                panic!("{field} is not a number");
            };
            assert!(same(value, year[field].as_f64().unwrap()), "years.{field}");
        }
    }
    let sheet = workbook.worksheet_range("Assumptions").unwrap();
    let find = |field: &str| {
        sheet
            .rows()
            .find(|r| r[0] == Data::String(field.to_string()))
            .unwrap_or_else(|| panic!("no row {field}"))
            .to_vec()
    };
    let row = find("levers.front_door.value");
    assert_eq!(row[1], Data::Float(42.0));
    assert!(row[2].to_string().contains("senior panel"), "{}", row[2]);
    let row = find("costs.weekly_gbp.residential");
    assert_eq!(row[1], Data::Float(2900.0));
    assert!(row[2].to_string().contains("PSSRU"), "{}", row[2]);
}

#[test]
fn export_needs_somewhere_to_write() {
    let output = Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args([
            "export",
            shipped("norfolk_2014_do_nothing.ron").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--csv"));
}

#[test]
fn the_app_exports_csv_and_excel_through_the_file_menu() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness(dialogs.clone(), egui::vec2(1280.0, 800.0), false);
    dialogs.answer(DialogOutcome::Picked(folder.path().join("tables")));
    dialogs.answer(DialogOutcome::Picked(folder.path().join("book")));
    for item in ["Export tables as CSV...", "Export Excel workbook..."] {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        harness.get_by_label("OK").click();
        harness.run();
    }
    assert!(folder.path().join("tables.csv").is_file());
    assert!(folder.path().join("tables_years.csv").is_file());
    assert!(folder.path().join("book.xlsx").metadata().unwrap().len() > 1000);
}
