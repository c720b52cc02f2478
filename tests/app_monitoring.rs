//! The budget monitoring view (issue 32): a placement list read, the forecast outturn shown and
//! saved, a saving tracked, driven through the accessibility tree; the command line's forecast is
//! the window's, and nothing the window keeps or exports names a child.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use care_levers::app::{CareLeversApp, View};
use care_levers::io::placement_list::simulate::simulate;
use care_levers::io::scenario_file;
use care_levers::model::episodes::Date;
use care_levers::model::outturn::monthly_forecast;
use care_levers::model::scenario::SavingLine;
use care_levers::model::{FinancialYear, LeverKind, Scenario};
use care_levers::report::outturn as words;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// Derbyshire's 2025 scenario with a budget for 2025-26 and a foster recruitment lever pulled.
fn scenario() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios/derbyshire_2025_council_homes.ron");
    let mut scenario = scenario_file::load(&path).unwrap().scenario;
    scenario
        .budget
        .by_financial_year_gbp
        .insert(FinancialYear { start_year: 2025 }, 45_000_000.0);
    scenario.levers.foster_recruitment.value = 20.0;
    scenario
}

/// A simulated list of 600 placements at 30 September 2025, written as CSV into `folder`.
fn list_in(
    folder: &Path,
) -> (
    PathBuf,
    care_levers::io::placement_list::simulate::SimulatedList,
) {
    let sim = simulate(600, 21, Date::from_ymd(2025, 9, 30).unwrap());
    let path = folder.join("placements.csv");
    std::fs::write(&path, &sim.csv).unwrap();
    (path, sim)
}

fn harness_for(scenario: Scenario, list: &Path) -> Harness<'static, CareLeversApp> {
    let mut app = CareLeversApp::new(scenario).with_bands(false);
    app.read_placement_list(list);
    harness_of(app)
}

/// The window of `app`, tall enough to show the whole view.
fn harness_of(app: CareLeversApp) -> Harness<'static, CareLeversApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 3000.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

fn type_into(harness: &mut Harness<'static, CareLeversApp>, label: &str, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, label);
    field.click();
    harness.run();
    // Whatever was typed before is replaced.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn the_forecast_is_shown_saved_and_the_same_as_the_command_lines() {
    let folder = tempfile::tempdir().unwrap();
    let (list_path, sim) = list_in(folder.path());
    let mut harness = harness_for(scenario(), &list_path);
    // Reading the list opens the view.
    harness.get_by_label(View::BudgetMonitoring.title());
    harness.get_by_label_contains("600 placements kept, 0 findings");
    type_into(&mut harness, "Forecast at (dd/mm/yyyy)", "30/09/2025");

    // The headline is the model's forecast, worded by `report`.
    let as_at = Date::from_ymd(2025, 9, 30).unwrap();
    let expected = monthly_forecast(
        harness.state().scenario(),
        &sim.placements,
        as_at,
        None,
        None,
    );
    harness.get_by_label(&words::headline(&expected));
    harness.get_by_label(&words::monitoring_table(&expected).caption);
    harness.get_by_label_contains("Placements costing over £10,000 a week at 30/09/2025");
    // Derbyshire's own scenario set beside a list that is not Derbyshire's, with the way to
    // reconcile them.
    harness.get_by_label_contains("Start a scenario from this list to project from");
    harness.check_accessibility();

    // Saved: the totals go into the scenario, and nothing else.
    harness
        .get_by_role_and_label(Role::Button, "Save this month's forecast")
        .click();
    harness.run();
    let snapshots = harness.state().scenario().monitoring.snapshots.clone();
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0], expected.snapshot());
    // Where it came from is named in the file, as every figure's source is.
    assert!(
        harness
            .state()
            .scenario()
            .source_for("monitoring.snapshots")
            .is_some_and(|s| s.contains("placement list"))
    );

    // The command line, given the same list and scenario, says the same.
    let file = folder.path().join("scenario.ron");
    scenario_file::save(&file, harness.state().scenario()).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("SIM-"),
        "a child reference in the scenario file"
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(["forecast".as_ref(), list_path.as_os_str()])
        .args(["--as-at", "30/09/2025", "--json", "--scenario"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let cli = json["forecast"]["forecast_gbp"].as_f64().unwrap();
    assert!(
        (cli - snapshots[0].forecast_gbp).abs() < 1e-6,
        "{cli} against {}",
        snapshots[0].forecast_gbp
    );
    // Saved a month before, the next month's forecast moves from it.
    assert!(
        json["previous"].is_null(),
        "the saved forecast is of the same day"
    );
    type_into(&mut harness, "Forecast at (dd/mm/yyyy)", "31/10/2025");
    harness.get_by_label_contains("since the forecast at 30/09/2025");
}

#[test]
fn a_saving_is_added_tracked_and_its_delivery_typed() {
    let folder = tempfile::tempdir().unwrap();
    let (list_path, _) = list_in(folder.path());
    let mut harness = harness_for(scenario(), &list_path);
    harness.get_by_label_contains("No savings are entered");
    // The first choice is the lever pulled; the year the first projected.
    type_into(&mut harness, "Planned £", "250k");
    harness
        .get_by_role_and_label(Role::Button, "Add saving")
        .click();
    harness.run();
    let savings = harness.state().scenario().monitoring.savings.clone();
    assert_eq!(savings.len(), 1);
    assert_eq!(
        savings[0].line,
        SavingLine::Lever(LeverKind::FosterRecruitment)
    );
    assert_eq!(savings[0].planned_gbp, 250_000.0);
    assert_eq!(savings[0].delivered_gbp, None);
    harness.get_by_label_contains("£250k of savings planned");
    harness.check_accessibility();
    // The service's own forecast of delivery replaces the model's.
    type_into(&mut harness, "Extra in-house foster carers", "200000");
    harness.get_by_label("Planned £").click();
    harness.run();
    assert_eq!(
        harness.state().scenario().monitoring.savings[0].delivered_gbp,
        Some(200_000.0)
    );
    harness.get_by_label_contains("£200k forecast delivered, £50k slipping");
}

#[test]
fn a_scenario_is_started_from_the_list() {
    let folder = tempfile::tempdir().unwrap();
    let (list_path, _) = list_in(folder.path());
    let mut harness = harness_for(scenario(), &list_path);
    type_into(&mut harness, "Forecast at (dd/mm/yyyy)", "30/09/2025");
    harness
        .get_by_role_and_label(Role::Button, "Start a scenario from this list")
        .click();
    harness.run();
    let started = harness.state().scenario();
    assert!(
        started.name.ends_with("from the list at 30/09/2025"),
        "{}",
        started.name
    );
    assert_eq!(started.start_month.to_string(), "2025-10");
    // Its year beside the forecast, in words.
    harness.get_by_label_contains("The projection's 2025-26 comes to");
}

/// The list read through the file dialog, kept beside the saved scenario only when the officer
/// asks, and read again from there in a later session.
#[test]
fn the_list_is_read_through_the_dialog_and_kept_beside_only_when_asked() {
    use care_levers::app::{DialogKind, DialogOutcome};
    use std::sync::Arc;
    let folder = tempfile::tempdir().unwrap();
    let (list_path, _) = list_in(folder.path());
    let dialogs = Arc::new(common::FakeDialogs::default());
    let app = CareLeversApp::with_services(scenario(), dialogs.clone(), None)
        .with_bands(false)
        .with_save_wait(std::time::Duration::from_secs(60));
    let mut harness = harness_of(app);
    harness
        .get_by_role_and_label(Role::Button, View::BudgetMonitoring.label())
        .click();
    harness.run();
    dialogs.answer(DialogOutcome::Picked(list_path.clone()));
    harness
        .get_by_role_and_label(Role::Button, "Read the placement list…")
        .click();
    harness.run();
    assert_eq!(dialogs.asked().last(), Some(&DialogKind::PlacementList));
    harness.get_by_label_contains("600 placements kept");

    // Not saved yet: the list cannot go beside a file that does not exist.
    harness
        .get_by_role_and_label(Role::Button, "Keep the list beside the scenario file")
        .click();
    harness.run();
    harness.get_by_label("Save the scenario first");
    harness.key_press(egui::Key::Escape);
    harness.run();

    let plan = folder.path().join("plan.ron");
    dialogs.answer(DialogOutcome::Picked(plan.clone()));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(plan.is_file());
    // Saved without the list: only totals (none yet) are in the file, and no copy beside it.
    let kept = folder.path().join("plan_placement_list.csv");
    assert!(!kept.exists());
    harness
        .get_by_role_and_label(Role::Button, "Keep the list beside the scenario file")
        .click();
    harness.run();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        std::fs::read(&list_path).unwrap()
    );
    assert_eq!(
        harness.state().scenario().monitoring.list_file.as_deref(),
        Some("plan_placement_list.csv")
    );
    harness.get_by_label_contains("A copy is kept beside the scenario file");
}

/// A budget given to a line shows that line's variance, and the rest of the budget as not given
/// to a line; the new placements are spread over the lines by the scenario's mix.
#[test]
fn a_line_given_a_budget_shows_its_variance() {
    let folder = tempfile::tempdir().unwrap();
    let (list_path, _) = list_in(folder.path());
    let mut harness = harness_for(scenario(), &list_path);
    type_into(&mut harness, "Forecast at (dd/mm/yyyy)", "30/09/2025");
    harness.get_by_label("Budget by line for 2025-26").click();
    harness.run();
    type_into(&mut harness, "Residential children's home", "£20m");
    harness.get_by_label("Forecast at (dd/mm/yyyy)").click();
    harness.run();
    let year = FinancialYear { start_year: 2025 };
    let budgets = harness.state().scenario().monitoring.line_budgets[&year];
    assert_eq!(
        budgets[care_levers::model::PlacementType::Residential],
        Some(20_000_000.0)
    );
    harness.get_by_label("Budget not given to a line");
    harness.get_by_label("£25.0m");
    harness.check_accessibility();
    // The saved forecast keeps the lines' budgets, and the table of it says the same.
    harness
        .get_by_role_and_label(Role::Button, "Save this month's forecast")
        .click();
    harness.run();
    let saved = harness.state().scenario().monitoring.snapshots[0].clone();
    assert_eq!(saved.line_budgets_gbp, budgets);
    assert!(saved.new_by_type_gbp.is_some());
}
