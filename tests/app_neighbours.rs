//! The Similar councils view (issue 20): the scenario's council beside its statistical
//! neighbours, in a chart and in words.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::Scenario;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(scenario: Scenario) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn norfolk_beside_its_neighbours_in_words_and_a_chart() {
    let mut harness = harness(scenario_file::norfolk_2014().unwrap());
    harness
        .get_by_role_and_label(Role::Button, "Similar councils")
        .click();
    harness.run();
    assert_eq!(harness.state().view, View::SimilarCouncils);
    harness.get_by_label_contains(
        "At 31 March 2025 Norfolk had 62.2 children in care per 10,000 children",
    );
    harness.get_by_label_contains(
        "At its neighbours' median rate it would have about 60 fewer children in care",
    );
    harness.get_by_label_contains("Suffolk, Cornwall, Devon");
    harness.check_accessibility();
    harness
        .get_by_label("Children starting care per 10,000 children")
        .click();
    harness.run();
    harness.get_by_label_contains(
        "In the year to 31 March 2025 Norfolk had 19.7 children starting care",
    );
    harness.check_accessibility();
}

#[test]
fn a_scenario_that_names_no_council_says_how_to_name_it() {
    let mut harness = harness(scenario_file::blank_council().unwrap());
    harness
        .get_by_role_and_label(Role::Button, "Similar councils")
        .click();
    harness.run();
    harness.get_by_label_contains("does not name its council");
    harness.check_accessibility();
}
