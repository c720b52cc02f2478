//! The window, driven through its accessibility tree with egui_kittest (no display needed).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use care_levers::model::{LeverKind, project};
use care_levers::report::figures::headline_figures;
use care_levers::report::format;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness() -> Harness<'static, CareLeversApp> {
    harness_of_height(800.0)
}

/// A window tall enough to show every lever and the opened assumptions without scrolling.
fn tall_harness() -> Harness<'static, CareLeversApp> {
    harness_of_height(3000.0)
}

fn harness_of_height(height: f32) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario_file::norfolk_2014().expect("built-in scenario"))
        .with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

/// The headline value shown for `label_start` (e.g. "Children in care").
fn headline_value(app: &CareLeversApp, label_start: &str) -> String {
    headline_figures(app.scenario(), app.projection())
        .into_iter()
        .find(|figure| figure.label.starts_with(label_start))
        .map(|figure| figure.value)
        .unwrap_or_else(|| panic!("no headline {label_start}"))
}

#[test]
fn dragging_a_lever_changes_the_headline_numbers_as_the_engine_says() {
    let mut harness = harness();
    let before = headline_value(harness.state(), "Children in care");
    assert_eq!(before, "1,364");
    harness.get_by_label(&before);
    assert_eq!(headline_value(harness.state(), "Payback"), "no investment");

    let slider = harness.get_by_role_and_label(Role::Slider, "Early-help investment");
    slider.set_value_accesskit(3_000_000.0);
    harness.run();

    let app = harness.state();
    assert_eq!(app.scenario().levers.early_help.value, 3_000_000.0);
    // What the engine says for the same scenario, independently of the app.
    let mut expected = scenario_file::norfolk_2014().unwrap();
    expected.levers.early_help.value = 3_000_000.0;
    let projection = project(&expected);
    let last = projection.last_month().unwrap();
    let shown = headline_value(app, "Children in care");
    assert_eq!(shown, format::count(last.looked_after));
    assert!(
        last.looked_after < 1364.0 - 50.0,
        "early help should cut numbers"
    );
    harness.get_by_label(&shown);
    let saving = format::net_saving(last.cumulative_net_saving_gbp);
    assert_eq!(headline_value(harness.state(), "Net saving"), saving);
    harness.get_by_label(&saving);
    // Investment means there is now something to pay back.
    assert_ne!(headline_value(harness.state(), "Payback"), "no investment");
}

#[test]
fn the_difference_mark_and_reset_return_a_lever_to_doing_nothing() {
    let mut harness = harness();
    let reset = harness.get_by_label("Reset Gatekeeping: fewer entries");
    assert!(
        reset.accesskit_node().is_disabled(),
        "reset is off while the lever is neutral"
    );
    harness
        .get_by_role_and_label(Role::Slider, "Gatekeeping: fewer entries")
        .set_value_accesskit(25.0);
    harness.run();
    assert!(
        harness
            .state()
            .scenario()
            .lever_is_pulled(LeverKind::FrontDoor)
    );
    assert_ne!(headline_value(harness.state(), "Children in care"), "1,364");
    harness
        .get_by_label("Reset Gatekeeping: fewer entries")
        .click();
    harness.run();
    assert!(
        !harness
            .state()
            .scenario()
            .lever_is_pulled(LeverKind::FrontDoor)
    );
    assert_eq!(headline_value(harness.state(), "Children in care"), "1,364");
    harness.get_by_label("1,364");
}

#[test]
fn the_residential_lever_resets_to_the_scenarios_own_baseline() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Slider, "New placements of 10+ in residential")
        .set_value_accesskit(4.0);
    harness.run();
    assert_eq!(
        harness.state().scenario().levers.residential_share.value,
        4.0
    );
    harness
        .get_by_label("Reset New placements of 10+ in residential")
        .click();
    harness.run();
    let scenario = harness.state().scenario();
    assert_eq!(
        scenario.levers.residential_share.value,
        scenario.entries.residential_percent_10_plus
    );
}

#[test]
fn assumptions_open_and_change_the_projection() {
    let mut harness = tall_harness();
    assert!(
        harness
            .query_by_label("Weekly cost: Residential children's home")
            .is_none()
    );
    harness.get_by_label("Assumptions").click();
    harness.run();
    let cost = harness.get_by_label("Weekly cost: Residential children's home");
    cost.set_value_accesskit(4000.0);
    harness.run();
    let app = harness.state();
    assert_eq!(app.scenario().costs.weekly_gbp.residential, 4000.0);
    let mut expected = scenario_file::norfolk_2014().unwrap();
    expected.costs.weekly_gbp.residential = 4000.0;
    let overspend = project(&expected).years[0].overspend_gbp.unwrap();
    assert_eq!(headline_value(app, "Overspend"), format::money(overspend));
    // Horizon is among the assumptions, from 1 to 10 years.
    harness
        .get_by_role_and_label(Role::Slider, "Horizon in years")
        .set_value_accesskit(10.0);
    harness.run();
    assert_eq!(harness.state().projection().months.len(), 120);
}

#[test]
fn every_chart_and_the_table_can_be_shown() {
    let mut harness = tall_harness();
    // Open the assumptions too, so that every control is on screen for the accessibility check
    // that each harness.run() makes.
    harness.get_by_label("Assumptions").click();
    harness.run();
    for view in View::ALL {
        harness
            .get_by_role_and_label(Role::Button, view.label())
            .click();
        harness.run();
        assert_eq!(harness.state().view, view);
        harness.get_by_label(view.title());
        // Every control on screen (levers, assumptions, tabs, chart) has an accessible name.
        harness.check_accessibility();
    }
    // The table shows the same numbers as the engine's financial years.
    harness.get_by_role_and_label(Role::Button, "Table").click();
    harness.run();
    let years = &harness.state().projection().years;
    let last = years.last().unwrap();
    harness.get_by_label(&last.financial_year.to_string());
    harness.get_by_label(&format::overspend_short(last.overspend_gbp.unwrap()));
}

#[test]
fn levers_work_from_the_keyboard() {
    let mut harness = harness();
    let slider = harness.get_by_role_and_label(Role::Slider, "Extra in-house foster carers");
    slider.focus();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().scenario().levers.foster_recruitment.value,
        2.0
    );
}

#[test]
fn each_main_chart_can_be_read_in_words_and_figures() {
    let mut harness = harness();
    let scenario = harness.state().scenario().clone();
    let projection = project(&scenario);
    for (view, chart) in [
        (
            View::ChildrenInCare,
            care_levers::report::chart::children_in_care(
                &scenario,
                &projection,
                care_levers::report::format::Figures::Exact,
            ),
        ),
        (
            View::MoneyByYear,
            care_levers::report::chart::spend_against_budget(&scenario, &projection),
        ),
        (
            View::SavingsAndPayback,
            care_levers::report::chart::savings_and_payback(&scenario, &projection),
        ),
        (
            View::FosterCare,
            care_levers::report::chart::foster_care(
                &scenario,
                &projection,
                care_levers::report::format::Figures::Exact,
            ),
        ),
    ] {
        harness
            .get_by_role_and_label(Role::Button, view.label())
            .click();
        harness.run();
        harness
            .get_by_label("This chart in words and figures")
            .click();
        harness.run();
        // The same words and table a paper would carry.
        harness.get_by_label(&chart.alt_text);
        for cell in [
            &chart.table.rows[0][0],
            &chart.table.rows[0][1],
            &chart.table.header[1],
        ] {
            assert!(
                harness.query_all_by_label(cell).count() >= 1,
                "{cell} is not in the table"
            );
        }
        harness.check_accessibility();
    }
    // The children's table says where the plan stood at 31 March 2017, as the engine does.
    harness
        .get_by_role_and_label(Role::Button, View::ChildrenInCare.label())
        .click();
    harness.run();
    harness.get_by_label("31 March 2017");
}

#[test]
fn the_guide_opens_from_f1_the_help_menu_and_beside_each_view() {
    let mut harness = harness();
    assert!(harness.query_by_label("What Care Levers does").is_none());
    harness.key_press(egui::Key::F1);
    harness.run();
    harness.get_by_label("What Care Levers does");
    harness.get_by_label("The levers");
    harness.check_accessibility();
    // Closed, then opened at the money view's section from the "?" beside its title.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(harness.query_by_label("What Care Levers does").is_none());
    harness
        .get_by_role_and_label(Role::Button, View::MoneyByYear.label())
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "About this view")
        .click();
    harness.run();
    harness.get_by_label("Money by year and savings");
    harness.check_accessibility();
    // And from the Help menu.
    harness.get_by_label("Close window").click();
    harness.run();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Guide (F1)").click();
    harness.run();
    harness.get_by_label("How sure are we? The bands");
}

#[test]
fn the_levers_panel_folds_away_and_comes_back() {
    let mut harness = harness();
    let slider = "Early-help investment";
    let sliders = |h: &Harness<'static, CareLeversApp>| {
        h.query_all_by_role_and_label(Role::Slider, slider).count()
    };
    assert_eq!(sliders(&harness), 1);
    harness
        .get_by_role_and_label(Role::Button, "Hide the levers")
        .click();
    harness.run();
    assert_eq!(sliders(&harness), 0);
    harness
        .get_by_role_and_label(Role::Button, "Show the levers")
        .click();
    harness.run();
    assert_eq!(sliders(&harness), 1);
}

/// The window's charts and the papers' come from the same descriptions: every series a view's
/// legend names is a series of the `report::chart` description, and every series of the
/// description is in the legend.
#[test]
fn the_window_names_each_charts_series_as_its_description_does() {
    let mut harness = harness();
    // A second plan open beside the first is drawn over the children chart.
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios/norfolk_2017_programme.ron");
    harness.state_mut().open_file(&other, true);
    harness.run();
    // The first plan active again, the second drawn over it.
    harness
        .get_by_role_and_label(Role::Button, View::ChildrenInCare.label())
        .click();
    harness.run();
    let scenario = harness.state().scenario().clone();
    let projection = project(&scenario);
    let views = [
        (
            View::ChildrenInCare,
            vec![care_levers::app::children_chart(
                harness.state().workspace(),
                None,
            )],
        ),
        (
            View::MoneyByYear,
            vec![
                care_levers::report::chart::spend_against_budget(&scenario, &projection),
                care_levers::report::chart::spend_change(&scenario, &projection),
            ],
        ),
        (
            View::SavingsAndPayback,
            vec![care_levers::report::chart::savings_and_payback(
                &scenario,
                &projection,
            )],
        ),
        (
            View::FosterCare,
            vec![care_levers::report::chart::foster_care(
                &scenario,
                &projection,
                care_levers::report::format::Figures::Exact,
            )],
        ),
    ];
    let comparison = views[0].1[0]
        .series
        .iter()
        .find(|s| matches!(s.role, care_levers::report::chart::Role::Comparison(_)))
        .map(|s| s.name.clone());
    assert!(
        comparison.is_some(),
        "the other plan is drawn over the children chart"
    );
    for (view, charts) in views {
        harness
            .get_by_role_and_label(Role::Button, view.label())
            .click();
        harness.run();
        for chart in charts {
            let text = egui::Color32::WHITE;
            let legend = care_levers::app::legend_entries(&chart, text);
            let mut legend_names: Vec<&str> = legend.iter().map(|(n, ..)| n.as_str()).collect();
            legend_names.retain(|n| *n != care_levers::app::OVERSPEND);
            let series_names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(legend_names, series_names, "{view:?}");
            for name in series_names {
                assert!(
                    harness.query_all_by_label(name).count() >= 1,
                    "{view:?}: the legend does not show {name}"
                );
            }
        }
    }
}

/// Escape closes a modal as Cancel would: the council list, and "Save changes?" (which keeps
/// the scenario and its changes).
#[test]
fn escape_closes_a_modal_as_cancel_does() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New for a council...").click();
    harness.run();
    harness.get_by_label("Search councils");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Search councils").is_none());

    // A change, then File → New from the Norfolk template: "Save changes?".
    let slider = harness.get_by_role_and_label(Role::Slider, "Early-help investment");
    slider.set_value_accesskit(1_000_000.0);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("New from the Norfolk template")
        .click();
    harness.run();
    harness.get_by_label("Save changes?");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Save changes?").is_none());
    assert_eq!(
        harness.state().scenario().levers.early_help.value,
        1_000_000.0,
        "Escape cancels: the scenario and its change stay"
    );
}
