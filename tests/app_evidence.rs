//! The evidence library in the window: a lever's evidence, picking a programme, the evidence
//! check of a plan and its evidence-based version (issue 19).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::evidence::Library;
use care_levers::model::{LeverKind, Scenario};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn plan_2014() -> Scenario {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_scenarios/norfolk_2014_target_770.ron");
    scenario_file::load(&path).unwrap().scenario
}

/// A window tall enough to show every lever's evidence without scrolling.
fn harness(scenario: Scenario) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 3600.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_evidence_check_flags_the_2014_plans_early_help_and_front_door_claims() {
    let mut harness = harness(plan_2014());
    harness.get_by_label_contains(
        "Evidence check: 3 levers claim more than published evaluations support",
    );
    harness.get_by_label_contains(
        "Claims more than the evidence: Early-help investment. This plan assumes 25% fewer entries from £3.5m a year",
    );
    harness.get_by_label_contains(
        "Claims more than the evidence: Gatekeeping: fewer entries. This plan assumes 42% fewer entries",
    );
    harness.check_accessibility();

    // One click opens the evidence-based version beside the plan and compares them.
    harness
        .get_by_label("Compare with an evidence-based version")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.view, View::Compare);
    let names: Vec<&str> = app
        .documents()
        .iter()
        .map(|document| document.scenario.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Norfolk 2014: target 770",
            "Norfolk 2014: target 770 (evidence-based)"
        ]
    );
    assert_eq!(
        app.scenario().name,
        "Norfolk 2014: target 770 (evidence-based)"
    );
    harness.check_accessibility();
}

#[test]
fn picking_a_programme_sets_the_lever_and_shows_its_evidence() {
    let mut scenario = plan_2014();
    scenario.levers.front_door.value = 0.0;
    let mut harness = harness(scenario);
    let library = Library::shipped().unwrap();
    let programme = library.reference(LeverKind::FrontDoor).unwrap();

    // The lever's evidence opens from its heading.
    harness
        .query_all_by_label("Evidence: The file's own assumptions")
        .nth(1)
        .expect("the front door's evidence heading")
        .click();
    harness.run();
    harness
        .get_by_label("Gatekeeping: fewer entries programme")
        .click();
    harness.run();
    harness.get_by_label(&programme.name).click();
    harness.run();

    let lever = &harness.state().scenario().levers.front_door;
    assert_eq!(lever.programme.as_deref(), Some(programme.id.as_str()));
    assert_eq!(lever.value, programme.effect.central);
    assert!(!lever.programme_edited);
    harness.get_by_label(&format!("Evidence: From the library: {}", programme.name));
    harness.get_by_label_contains("Effect: 15 (0 to 30) % fewer entries");
    harness.get_by_label_contains("Source: ");
    harness.check_accessibility();

    // Undo puts the file's own assumptions back.
    harness.state_mut().undo();
    harness.run();
    assert_eq!(harness.state().scenario().levers.front_door.programme, None);
}

/// Compared scenarios' spend against the reference's, split into volume, mix and price year by
/// year (issue 30: spend against the plan a budget was set on), under the comparison table.
#[test]
fn compared_spend_is_split_into_volume_mix_and_price() {
    let mut harness = harness(plan_2014());
    harness
        .get_by_label("Compare with an evidence-based version")
        .click();
    harness.run();
    let reference_name = harness.state().workspace().reference().display_name();
    let header = format!("Why spend differs from {reference_name}: volume, mix and price");
    // Under the charts and the table: scrolled to, as a user would.
    harness.get_by_label(&header).scroll_to_me();
    harness.run();
    harness.get_by_label(&header).click();
    harness.run();
    harness.check_accessibility();
    let app = harness.state();
    let reference = app.workspace().reference();
    let other = app
        .documents()
        .iter()
        .find(|d| d.id != reference.id)
        .unwrap();
    let split = care_levers::model::bridge::between(
        (&reference.scenario, reference.last_projection()),
        (&other.scenario, other.last_projection()),
    );
    let (_, first) = split.first().unwrap();
    for amount in [first.volume_gbp, first.price_gbp, first.total_gbp] {
        let shown = care_levers::report::format::money_change(amount);
        assert!(
            harness.query_all_by_label(&shown).count() > 0,
            "{shown} not shown"
        );
    }
}
