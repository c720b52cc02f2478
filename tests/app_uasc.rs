//! Unaccompanied asylum-seeking children in the window (issue 20): their own band on the
//! children chart, and the headline's spend net of the Home Office grant, said so.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::CareLeversApp;
use care_levers::io::councils::scenario_for_council;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn kents_unaccompanied_children_have_their_own_band_and_the_grant_is_named() {
    let kent = scenario_for_council("Kent", Some(2024)).unwrap().scenario;
    assert!(kent.uasc.is_some());
    let app = CareLeversApp::new(kent).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness.get_by_label("Unaccompanied asylum-seeking children");
    harness.get_by_label_contains("Home Office grant for UASC");
    harness.check_accessibility();
}
