//! Plan against outcome in the window: counted figures as markers on the charts (meeting mode
//! too), the view that lists them beside the plan, and the headline that says what happened.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::project;
use care_levers::report::format;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn harness_on(file: &str, size: egui::Vec2) -> Harness<'static, CareLeversApp> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(file);
    let scenario = scenario_file::load(&path).unwrap().scenario;
    let app = CareLeversApp::new(scenario).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_view_lists_every_count_beside_the_plan_and_the_chart_marks_them() {
    let mut harness = harness_on("norfolk_2014_target_770.ron", egui::vec2(1366.0, 3000.0));
    // The children-in-care chart marks the counts, in its legend too.
    harness.get_by_label("Counted (what happened)");
    // The headline says what happened against the plan.
    harness.get_by_label("Counted, Mar 2017");
    harness.get_by_label("against a plan of 768");
    harness
        .get_by_role_and_label(Role::Button, "Plan against outcome")
        .click();
    harness.run();
    assert_eq!(harness.state().view, View::PlanAgainstOutcome);
    harness.get_by_label(View::PlanAgainstOutcome.title());
    let scenario = harness.state().scenario().clone();
    let projection = project(&scenario);
    for counted in &scenario.actuals.looked_after {
        // Every count is listed by its day, as papers give it ("31 March 2017"), with its own
        // number.
        assert!(
            harness
                .query_all_by_label(&care_levers::report::chart::month_end_label(counted.month))
                .next()
                .is_some(),
            "{} not listed",
            counted.month
        );
        assert!(
            harness
                .query_all_by_label(&format::count(counted.total))
                .next()
                .is_some()
        );
    }
    // March 2017: 1,107 against the plan, with the difference in number and per cent.
    let march = projection
        .months
        .iter()
        .find(|m| m.month.to_string() == "2017-03")
        .unwrap();
    let difference = 1107.0 - march.looked_after;
    let text = format!(
        "{} ({:+.0}%)",
        format::count_change(difference),
        difference / march.looked_after * 100.0
    );
    harness.get_by_label(&text);
    // Counts outside the projection are listed, not dropped.
    assert!(harness.query_all_by_label("outside the projection").count() >= 8);
    // Spend counted in 2013-14, before the projection.
    harness.get_by_label("2013-14");
    harness.check_accessibility();
}

#[test]
fn meeting_mode_shows_the_counts_on_the_chart() {
    let mut harness = harness_on("norfolk_2014_target_770.ron", egui::vec2(1920.0, 1080.0));
    harness.key_press(egui::Key::F5);
    harness.run();
    assert!(harness.state().presentation().is_some());
    harness.get_by_label("Counted (what happened)");
}
