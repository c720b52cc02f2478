//! The invest-to-save view (issue 31): is a council home worth it? Driven through the
//! accessibility tree; the command line's figures are the window's.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::Scenario;
use care_levers::model::scenario::CouncilHomes;
use care_levers::report::format;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn shipped(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

/// `care-levers ARGS...`, which must succeed.
fn care_levers(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `care-levers run FILE` as JSON.
fn run_json(path: &Path) -> serde_json::Value {
    let output = care_levers(&["run".as_ref(), path.as_os_str()]);
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The open scenario's council homes, if any.
fn homes(harness: &Harness<'static, CareLeversApp>) -> Option<CouncilHomes> {
    harness
        .state()
        .scenario()
        .price_levers
        .council_homes
        .clone()
}

fn harness_for(scenario: Scenario) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 2400.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, View::InvestToSave.label())
        .click();
    harness.run();
    harness
}

#[test]
fn the_homes_case_is_shown_with_the_figures_the_command_line_gives() {
    let path = shipped("derbyshire_2025_council_homes.ron");
    let scenario = scenario_file::load(&path).unwrap().scenario;
    let mut harness = harness_for(scenario);
    harness.get_by_label(View::InvestToSave.title());
    harness.get_by_label("Two council homes, 8 beds");
    harness.get_by_label_contains("pay back their £3.0m of capital by");
    harness.get_by_role_and_label(Role::SpinButton, "Beds filled once steady");
    harness.check_accessibility();

    // The command line's case, worded as the window words it.
    let json = run_json(&path);
    let case = &json["price_levers"]["council_homes"];
    for key in [
        "net_saving_gbp",
        "saving_before_capital_gbp",
        "net_present_value_gbp",
    ] {
        let shown = format::net_saving(case[key].as_f64().unwrap());
        assert!(
            harness.query_all_by_label(&shown).count() > 0,
            "{key}: {shown}"
        );
    }
    for key in ["fees_avoided_gbp", "running_cost_gbp", "capital_charge_gbp"] {
        let shown = format::money(case[key].as_f64().unwrap());
        assert!(
            harness.query_all_by_label(&shown).count() > 0,
            "{key}: {shown}"
        );
    }

    // Less occupancy, less saving: typed into the plan, the case follows.
    let before = harness.state().projection().years.last().unwrap().spend_gbp;
    let mut plan = homes(&harness).unwrap();
    plan.plan.steady_occupancy_percent = 60.0;
    harness
        .state_mut()
        .apply(care_levers::model::Edit::CouncilHomes(Some(Box::new(plan))));
    harness.run();
    let after = harness.state().projection().years.last().unwrap().spend_gbp;
    assert!(after > before, "{after} against {before}");
}

#[test]
fn homes_are_opened_and_removed_from_the_view_and_a_full_plan_is_flagged() {
    let mut harness = harness_for(scenario_file::norfolk_2014().unwrap());
    harness.get_by_label_contains("Levers on price");
    harness
        .get_by_role_and_label(Role::Button, "Open council homes…")
        .click();
    harness.run();
    assert!(homes(&harness).is_some());
    harness.get_by_label("Two council homes, 8 beds");
    harness.check_accessibility();

    // Every bed full from the first month: beyond the evidence.
    let mut plan = homes(&harness).unwrap();
    plan.plan.months_to_registration = 0;
    plan.plan.ramp_months = 0;
    plan.plan.steady_occupancy_percent = 100.0;
    harness
        .state_mut()
        .apply(care_levers::model::Edit::CouncilHomes(Some(Box::new(plan))));
    harness.run();
    harness.get_by_label_contains("every bed full from day one");

    harness
        .get_by_role_and_label(Role::Button, "Remove the council homes")
        .click();
    harness.run();
    assert!(homes(&harness).is_none());
    harness.get_by_role_and_label(Role::Button, "Open council homes…");
}

/// The case goes into the CSV tables and the Excel workbook: the same figures as `run`.
#[test]
fn the_case_is_exported_to_csv_and_excel() {
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("homes.csv");
    let xlsx = folder.path().join("homes.xlsx");
    let path = shipped("derbyshire_2025_council_homes.ron");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(["export", path.to_str().unwrap(), "--csv"])
        .arg(&csv)
        .arg("--xlsx")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cases = std::fs::read_to_string(folder.path().join("homes_invest_to_save.csv")).unwrap();
    assert!(cases.starts_with("lever,measure,financial_year,value\n"));
    assert!(
        cases.contains("council_homes,capital_gbp,,3000000\n"),
        "{cases}"
    );
    assert!(
        cases.contains("council_homes,payback_month,,2029-02\n"),
        "{cases}"
    );
    assert_eq!(
        cases.matches("council_homes,net_saving_gbp,20").count(),
        5,
        "a row for each of the five years"
    );
    let workbook = std::fs::File::open(&xlsx).unwrap();
    let mut archive = zip::ZipArchive::new(workbook).unwrap();
    let mut names = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/workbook.xml").unwrap(), &mut names)
        .unwrap();
    assert!(names.contains("name=\"Invest to save\""), "{names}");

    // A scenario without price levers writes no such table.
    let plain = folder.path().join("plain.csv");
    let norfolk = shipped("norfolk_2014_do_nothing.ron");
    care_levers(&[
        "export".as_ref(),
        norfolk.as_os_str(),
        "--csv".as_ref(),
        plain.as_os_str(),
    ]);
    assert!(!folder.path().join("plain_invest_to_save.csv").exists());
}

/// A cap on external prices from the view: its case shows, accessibly, and removing it leaves
/// the scenario as it was.
#[test]
fn a_price_cap_is_set_and_removed_from_the_view() {
    let norfolk = scenario_file::norfolk_2014().unwrap();
    let before = care_levers::model::project(&norfolk);
    let mut harness = harness_for(norfolk);
    harness
        .get_by_role_and_label(Role::Button, "Cap external prices…")
        .click();
    harness.run();
    assert!(harness.state().scenario().price_levers.price_cap.is_some());
    harness.get_by_label("A cap on external prices");
    harness.get_by_role_and_label(Role::CheckBox, "capped too");
    harness.check_accessibility();
    // Norfolk's prices rise at its 2% inflation, as the typical cap does: nothing saved.
    let saved: f64 = harness
        .state()
        .projection()
        .months
        .iter()
        .map(|m| m.price_levers.cap_saving_gbp)
        .sum();
    assert_eq!(saved, 0.0);
    harness
        .get_by_role_and_label(Role::Button, "Remove the cap")
        .click();
    harness.run();
    assert!(harness.state().scenario().price_levers.price_cap.is_none());
    assert_eq!(harness.state().projection(), &before);
}

/// Step-down's own case: the scenario against itself without the step-down lever, shown in the
/// view and given by the command line.
#[test]
fn step_down_has_its_own_case() {
    let path = shipped("norfolk_2014_target_770.ron");
    let scenario = scenario_file::load(&path).unwrap().scenario;
    assert!(scenario.lever_is_pulled(care_levers::model::LeverKind::ResidentialStepDown));
    let projection = care_levers::model::project(&scenario);
    let case = care_levers::model::price_levers::step_down_case(&scenario, &projection).unwrap();
    let mut without = scenario.clone();
    without.levers.residential_step_down.value = 0.0;
    let alone = care_levers::model::project(&without);
    let saving = alone.total_spend_gbp() - projection.total_spend_gbp();
    assert!((case.placement_saving_gbp - saving).abs() < 1e-3 * saving.abs().max(1.0));
    assert!(case.fewer_in_residential_at_end > 0.0);
    let harness = harness_for(scenario);
    harness.get_by_label("Step-down to specialist foster care");
    harness.check_accessibility();
    let json = run_json(&path);
    let net = json["price_levers"]["step_down"]["net_saving_gbp"]
        .as_f64()
        .unwrap();
    assert!((net - case.net_saving_gbp).abs() < 1e-6);
}
