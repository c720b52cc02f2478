//! Uncertainty in the window: bands arrive from the worker thread without blocking, the
//! headline gains probabilities, and goal seek finds and applies a lever value.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::{FinancialYear, project};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::time::{Duration, Instant};

fn harness() -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario_file::norfolk_2014().unwrap());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        // Answers from the worker thread may add frames to a run.
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

/// Steps the window until `label` is on screen (the worker thread answers in its own time).
fn wait_for(harness: &mut Harness<'static, CareLeversApp>, label: &str) {
    let started = Instant::now();
    while harness.query_all_by_label_contains(label).next().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "`{label}` never appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

#[test]
fn bands_arrive_without_blocking_and_follow_the_levers() {
    let mut harness = harness();
    // The first frame does not wait for the 1,000 draws: the chances say "calculating" in the
    // same cards (so the headline does not jump), then the worker's answer fills them.
    harness.get_by_label_contains("Chance of 770 or fewer by Mar 2017");
    wait_for(&mut harness, "of 1,000 draws");
    harness
        .get_by_role_and_label(Role::Button, "Uncertainty")
        .click();
    harness.run();
    assert_eq!(harness.state().view, View::Uncertainty);
    harness.get_by_label_contains("Chance of overspending the budget");
    // Doing nothing, 770 is out of reach in every draw.
    harness.get_by_label_contains("(770 by Mar 2017): 0%");
    // A strong lever: the bands are worked out again for the new scenario.
    harness
        .get_by_role_and_label(Role::Slider, "Gatekeeping: fewer entries")
        .set_value_accesskit(50.0);
    harness.run();
    // The lever may start late and deliver part of its effect (lever delivery uncertainty), so
    // the chance of overspending in 2016-17 falls from 100% to 91%, not to nothing.
    wait_for(&mut harness, "2016-17: 91%");
}

#[test]
fn goal_seek_finds_applies_and_reports_what_cannot_be_done() {
    let mut harness = harness();
    // The bands in first, so nothing moves under the click.
    wait_for(&mut harness, "of 1,000 draws");
    harness
        .get_by_role_and_label(Role::Button, "Sensitivity")
        .click();
    harness.run();
    harness.get_by_label_contains("What would it take?");
    // Goal: no overspend in 2016-17, moving the front door.
    harness.get_by_label("Goal").click();
    harness.run();
    harness.get_by_label("no overspend").click();
    harness.run();
    harness.get_by_label("Find").click();
    harness.run();
    harness.get_by_label_contains("Gatekeeping: fewer entries at");
    harness.get_by_label("Apply").click();
    harness.run();
    let scenario = harness.state().scenario().clone();
    let value = scenario.levers.front_door.value;
    assert!(value > 20.0 && value < 50.0, "{value}");
    let overspend = project(&scenario)
        .year(FinancialYear::starting(2016))
        .unwrap()
        .overspend_gbp
        .unwrap();
    assert!(
        overspend <= 0.0 && overspend > -0.01 * 24.5e6,
        "{overspend}"
    );

    // Undo the applied value; then 770 children by March 2017 with early help alone is out of
    // reach: said so, with no Apply.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().levers.front_door.value, 0.0);
    harness.get_by_label("Goal").click();
    harness.run();
    harness.get_by_label("children in care").click();
    harness.run();
    harness.get_by_label("Lever to move").click();
    harness.run();
    // The choice in the open list (the slider of the same name is in the lever panel).
    let choice = harness
        .get_all_by_label("Early-help investment")
        .find(|node| node.accesskit_node().role() == Role::Button)
        .expect("the lever in the list");
    choice.click();
    harness.run();
    harness.get_by_label("Find").click();
    harness.run();
    harness.get_by_label_contains("Not possible with early-help investment alone");
    assert!(harness.query_by_label("Apply").is_none());
}
