//! The start page, shown when Care Levers opens with no file: a council from the inline list,
//! a recent file and Norfolk's examples each open a scenario in place of the page.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, RecoveryStore};
use care_levers::io::scenario_file;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::sync::Arc;

mod common;

fn start_page(recent: Vec<PathBuf>) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::with_services(
        scenario_file::norfolk_2014().unwrap(),
        Arc::new(common::FakeDialogs::default()),
        None::<RecoveryStore>,
    )
    .with_bands(false)
    .with_recent_files(recent)
    .with_start_page();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 728.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn with_no_file_the_start_page_is_shown_and_a_council_chosen_from_it_opens() {
    let mut harness = start_page(Vec::new());
    assert!(harness.state().showing_start_page());
    harness.get_by_label("Start from your council");
    harness.get_by_label("Norfolk's worked example");
    harness.check_accessibility();
    // Search, then choose.
    harness.get_by_label("Search councils").click();
    harness.run();
    harness.get_by_label("Search councils").type_text("Rutland");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Rutland")
        .click();
    harness.run();
    assert!(!harness.state().showing_start_page());
    let name = &harness.state().scenario().name;
    assert!(name.contains("Rutland"), "{name}");
}

#[test]
fn a_recent_file_and_an_example_open_from_the_start_page() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("our_plan.ron");
    let mut plan = scenario_file::norfolk_2014().unwrap();
    plan.name = "Our plan for 2027".into();
    scenario_file::save(&path, &plan).unwrap();
    let mut harness = start_page(vec![path.clone()]);
    harness
        .get_by_role_and_label(Role::Button, "our_plan.ron")
        .click();
    harness.run();
    assert!(!harness.state().showing_start_page());
    assert_eq!(harness.state().scenario().name, "Our plan for 2027");

    let mut harness = start_page(Vec::new());
    harness
        .get_by_role_and_label(Role::Button, "Norfolk 2014: the target of 770")
        .click();
    harness.run();
    assert!(!harness.state().showing_start_page());
    assert_eq!(harness.state().scenario().name, "Norfolk 2014: target 770");
    assert!(harness.state().scenario().target.is_some());
}
