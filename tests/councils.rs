//! Every English council from public data (issue 11): the shipped tables, the fitted starting
//! scenario, the command line, and "New for a council" in the window.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::CareLeversApp;
use care_levers::data::councils::CouncilData;
use care_levers::io::councils::{backtest_all_councils, scenario_for_council};
use care_levers::io::scenario_file;
use care_levers::model::fit::{FitOptions, fit_council};
use care_levers::model::{Month, PlacementType, StockTotals, project, run};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::process::Command;

#[test]
fn the_shipped_tables_hold_every_council_and_norfolks_counts() {
    let data = CouncilData::shipped().unwrap();
    let with_counts = data.councils_with_counts();
    assert!(with_counts.len() >= 150, "{}", with_counts.len());
    let norfolk = data.find("norfolk").unwrap();
    assert_eq!(norfolk.code, "926");
    assert_eq!(data.find("926").unwrap().name, "Norfolk");
    assert_eq!(norfolk.latest_looked_after, Some(1069.0));
    let figures = data.figures("926").unwrap();
    assert_eq!(figures.looked_after["2017"]["total"], 1107.0);
    assert!(
        data.find("northampton").is_err(),
        "ambiguous: North, West and the old county"
    );
    assert!(data.find("Atlantis").is_err());
    // Searching by region or part of a name.
    assert!(
        data.search("east of england")
            .iter()
            .any(|c| c.name == "Norfolk")
    );
    let found = data.search("nor");
    assert!(found.len() > 3);
    // Names that start with the text come first, councils found by their region last.
    assert_eq!(found[0].name, "Norfolk");
}

#[test]
fn a_councils_published_figures_are_reproduced_at_the_start() {
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    let figures = data.figures("926").unwrap();
    // UASC mixed in, as published totals are: UASC apart is checked below.
    let fitted = fit_council(
        figures,
        data.england(),
        &template,
        2020,
        FitOptions {
            uasc_apart: false,
            ..FitOptions::default()
        },
    )
    .unwrap();
    let s = &fitted.scenario;
    assert_eq!(s.start_month, Month::new(2020, 4).unwrap());
    // 1,105 children at 31 March 2020, as published.
    let stock = &s.opening_looked_after;
    assert!((stock.total_children() - 1105.0).abs() < 1e-6);
    // Residential and supported as published (102 and 104), scaled with the other published
    // placements to the total: the published shares are kept.
    let published_sum: f64 = 812.0 + 102.0 + 104.0 + 37.0 + 32.0 + 14.0;
    let scale = 1105.0 / published_sum;
    assert!((stock.in_placement(PlacementType::Residential) - 102.0 * scale).abs() < 0.01);
    assert!((stock.in_placement(PlacementType::Supported) - 104.0 * scale).abs() < 0.01);
    let foster: f64 = [
        PlacementType::InHouseFoster,
        PlacementType::Ifa,
        PlacementType::Kinship,
    ]
    .iter()
    .map(|&p| stock.in_placement(p))
    .sum();
    assert!((foster - 812.0 * scale).abs() < 0.01);
    // Ages as published: 53 + 150 under 5, 197 aged 5-9, 453 aged 10-15, 252 aged 16 and over.
    let scale_ages = 1105.0 / (53.0 + 150.0 + 197.0 + 453.0 + 252.0);
    assert!(
        (stock.in_age_band(care_levers::model::AgeBand::Age10To15) - 453.0 * scale_ages).abs()
            < 0.01
    );
    // Entries: the mean of three years' starts (454, 342 in the years to 2019 and 2020; 484 in 2018).
    assert!((s.entries.per_year - (484.0 + 454.0 + 342.0) / 3.0).abs() < 0.1);
    // A year from the start gives the calibrated number of leavers (the mean of three years'
    // ceased: 429, 459, 435), within a child.
    let mut one_year = s.clone();
    one_year.horizon_years = 1;
    let leavers: f64 = run(&one_year).iter().map(|m| m.exits).sum();
    let wanted = s.entries.per_year; // GAP_KEPT = 0: leavers fitted to the starts.
    assert!((leavers - wanted).abs() < 1.0, "{leavers} against {wanted}");
    // Every count to 2025 is an actual, and every number names its source.
    assert_eq!(s.actuals.looked_after.len(), 16);
    for field in [
        "opening_looked_after",
        "entries.per_year",
        "entries.demand_trend_percent_per_year",
        "exits",
        "costs.weekly_gbp",
        "costs.other_cla_gbp_per_year",
        "placement_moves",
        "actuals",
    ] {
        assert!(s.source_for(field).is_some(), "no source for {field}");
    }
    // No budget is invented: the council's last outturn is carried, with its source.
    assert!(!s.budget.is_entered());
    let outturn = s.budget.last_outturn.as_ref().unwrap();
    // From 31 March 2020: the outturn of the year to it, nothing later.
    assert_eq!(outturn.financial_year.to_string(), "2019-20");
    assert_eq!(
        outturn.gross_spend_gbp,
        figures.spend["2019-20"]["total_cla_gross_gbp"]
    );
    assert!(outturn.source.contains("section 251"));
    assert!(s.description.contains("Filled in"));
    assert!(s.validate().is_ok());
}

#[test]
fn nothing_after_the_start_leaks_into_a_backtest_scenario() {
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    let figures = data.figures("926").unwrap();
    let options = FitOptions {
        later_counts: false,
        horizon_years: 3,
        ..FitOptions::default()
    };
    let at_2017 = fit_council(figures, data.england(), &template, 2017, options).unwrap();
    assert!(
        at_2017
            .scenario
            .actuals
            .looked_after
            .iter()
            .all(|c| c.month <= Month::new(2017, 3).unwrap())
    );
    // Changing every figure after 2017 changes nothing in the scenario.
    let mut altered = figures.clone();
    for table in [
        &mut altered.looked_after,
        &mut altered.starts,
        &mut altered.ceased,
    ] {
        for (year, values) in table.iter_mut() {
            if year.as_str() > "2017" {
                for value in values.values_mut() {
                    *value *= 3.0;
                }
            }
        }
    }
    for (year, values) in altered.spend.iter_mut() {
        if year.as_str() > "2016-17" {
            for value in values.values_mut() {
                *value *= 3.0;
            }
        }
    }
    let again = fit_council(&altered, data.england(), &template, 2017, options).unwrap();
    assert_eq!(again.scenario, at_2017.scenario);
    // Nor does changing England's later medians (prices are the council's own, or England's,
    // up to 2016-17 only).
    let mut england = data.england().clone();
    for medians in [
        &mut england.fostering_unit_cost,
        &mut england.residential_unit_cost,
        &mut england.all_unit_cost,
    ] {
        for (year, value) in medians.iter_mut() {
            if year.as_str() > "2016-17" {
                *value *= 3.0;
            }
        }
    }
    let again = fit_council(&altered, &england, &template, 2017, options).unwrap();
    assert_eq!(again.scenario, at_2017.scenario);
}

/// A council's opening year reconciles with what it spent: placements (priced from its own LAIT
/// unit costs), unaccompanied children and its other children-looked-after spend add up to its
/// S251 children-looked-after gross spend of the year before, uplifted one year (issue 30).
#[test]
fn a_councils_opening_year_reconciles_with_its_s251_spend() {
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    for (code, year, fy) in [
        ("370", 2025, "2024-25"),
        ("926", 2022, "2021-22"),
        ("886", 2022, "2021-22"),
    ] {
        let figures = data.figures(code).unwrap();
        let fitted = fit_council(
            figures,
            data.england(),
            &template,
            year,
            FitOptions::default(),
        )
        .unwrap()
        .scenario;
        let s251 = figures.spend[fy]["total_cla_gross_gbp"];
        // The first year's children at the outturn year's prices (each type a year back at
        // its own growth, the rest at inflation) cost what the council spent.
        let then = care_levers::model::fit::at_prices_of(&fitted, 1);
        let first = care_levers::model::project(&then).years[0].clone();
        assert_eq!(first.months_covered, 12);
        let gross = first.spend_gbp + first.uasc_grant_gbp + first.other_cla_spend_gbp;
        // Within 0.1%: the other spend is rounded to £1,000 and spread by days (a year of 365
        // or 366 days against 365.25).
        assert!(
            (gross - s251).abs() < s251 * 0.001,
            "{code} at {year}: {gross} against S251 {s251}"
        );
        // At its own prices the first year grows from the outturn as the prices do: by more
        // than general inflation where placement prices grow faster.
        let now = care_levers::model::project(&fitted).years[0].clone();
        assert!(now.spend_gbp > first.spend_gbp, "{code}");
        assert!(fitted.costs.other_cla_gbp_per_year > 0.0, "{code}");
        // Prices are the council's own: residential its LAIT unit cost, uplifted a year at the
        // residential price growth fitted from its history.
        let residential = figures.spend[fy]["unit_cost_residential_gbp_per_week"];
        let growth = fitted.costs.price_growth_percent_per_year.as_ref().unwrap()
            [care_levers::model::PlacementType::Residential];
        assert!((-5.0..=20.0).contains(&growth), "{code}: {growth}");
        let priced = fitted
            .costs
            .average_weekly_gbp(care_levers::model::PlacementType::Residential);
        assert!(
            (priced - residential * (1.0 + growth / 100.0)).abs() <= 1.0,
            "{code}: {priced} vs {residential} at {growth}%"
        );
        assert!(fitted.sources["costs.other_cla_gbp_per_year"].contains("section 251"));
    }
}

#[test]
fn every_council_gets_a_checked_scenario_that_projects_ten_years_sensibly() {
    let data = CouncilData::shipped().unwrap();
    let mut made = 0;
    for council in data.councils_with_counts() {
        match scenario_for_council(&council.code, None) {
            Ok(fitted) => {
                let mut scenario = fitted.scenario;
                assert!(
                    scenario.validate().is_ok(),
                    "{}: {:?}",
                    council.name,
                    scenario.validate()
                );
                let text = scenario_file::to_text(&scenario).unwrap();
                assert_eq!(
                    scenario_file::parse(&text, "council.ron").unwrap().scenario,
                    scenario
                );
                scenario.horizon_years = 10;
                let projection = project(&scenario);
                for month in &projection.months {
                    for p in PlacementType::ALL {
                        let n = month.by_placement[p];
                        assert!(
                            n.is_finite() && n >= 0.0,
                            "{} {}",
                            council.name,
                            month.month
                        );
                    }
                    assert!(month.spend_gbp.is_finite() && month.spend_gbp >= 0.0);
                }
                made += 1;
            }
            Err(error) => {
                // Only a council with no children to project is refused, and it says so.
                let text = error.to_string();
                assert!(
                    text.contains("no children in care"),
                    "{}: {text}",
                    council.name
                );
            }
        }
    }
    assert!(made >= 150, "{made}");
}

#[test]
fn the_all_council_backtest_compares_with_naive_forecasts() {
    let result = backtest_all_councils(&[2017], 3, 50, 1).unwrap();
    assert_eq!(result.summary.len(), 3);
    for horizon in &result.summary {
        assert!(horizon.councils >= 140, "{horizon:?}");
        assert!(horizon.model_mape > 0.0 && horizon.model_mape < 50.0);
        assert!(horizon.no_change_mape > 0.0);
        assert!((0.0..=1.0).contains(&horizon.band_coverage));
    }
    // Norfolk from 2017: the count at the origin is 1,107 and the naive forecast keeps it.
    let norfolk = result
        .forecasts
        .iter()
        .find(|f| f.code == "926" && f.years_ahead == 1)
        .unwrap();
    assert_eq!(norfolk.at_origin, 1107.0);
    assert_eq!(norfolk.no_change, 1107.0);
    assert_eq!(norfolk.counted, 1182.0);
}

#[test]
fn councils_and_new_on_the_command_line() {
    let binary = env!("CARGO_BIN_EXE_care-levers");
    let output = Command::new(binary).arg("councils").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(csv.starts_with("code,ons_code,name,region"), "{csv}");
    assert!(
        csv.contains("926,E10000020,Norfolk,East of England,2025,1069"),
        "{csv}"
    );
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("Open Government Licence")
    );
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("kent.ron");
    let output = Command::new(binary)
        .args(["new", "--council", "Kent", "--at", "2019", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let loaded = scenario_file::load(&out).unwrap().scenario;
    assert_eq!(loaded.start_month, Month::new(2019, 4).unwrap());
    let output = Command::new(binary)
        .args(["check"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    for (council, at, message) in [
        ("Atlantis", "2019", "no council matches"),
        ("Kent", "2030", "is not one of them"),
        ("Isles of Scilly", "2022", "no children in care"),
    ] {
        let output = Command::new(binary)
            .args(["new", "--council", council, "--at", at, "--out"])
            .arg(folder.path().join("x.ron"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{council}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{council}: {stderr}");
    }
}

/// The window on Norfolk 2014 with File > New for a council... open.
fn council_picker() -> Harness<'static, CareLeversApp> {
    council_picker_sized(900.0)
}

/// [`council_picker`] in a window `height` points tall (tall enough for every assumption).
fn council_picker_sized(height: f32) -> Harness<'static, CareLeversApp> {
    let app = CareLeversApp::new(scenario_file::norfolk_2014().unwrap()).with_bands(false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, height))
        // The notice of what was filled in scrolls, and takes a few frames to settle.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New for a council...").click();
    harness.run();
    harness
}

#[test]
fn new_for_a_council_in_the_window_filters_as_you_type_and_opens_the_scenario() {
    let mut harness = council_picker();
    harness.get_by_label("New for a council");
    harness.get_by_role_and_label(Role::Button, "Barnsley");
    harness.get_by_label("Search councils").click();
    harness.run();
    harness.get_by_label("Search councils").type_text("norf");
    harness.run();
    assert!(
        harness.query_by_label("Barnsley").is_none(),
        "the list is filtered"
    );
    harness.check_accessibility();
    harness
        .get_by_role_and_label(Role::Button, "Norfolk")
        .click();
    harness.run();
    assert_eq!(
        harness.state().scenario().name,
        "Norfolk: from 31 March 2025"
    );
    assert_eq!(
        harness.state().scenario().start_month,
        Month::new(2025, 4).unwrap()
    );
    // What was filled in is said at once.
    harness.get_by_label_contains("Norfolk: from 31 March 2025: check before relying on it");
}

#[test]
fn a_council_formed_since_2022_starts_from_its_2025_count_with_a_note() {
    let data = CouncilData::shipped().unwrap();
    for name in ["Cumberland", "Westmorland and Furness"] {
        let council = data.find(name).unwrap();
        let fitted = scenario_for_council(name, None).unwrap();
        let s = &fitted.scenario;
        assert_eq!(s.start_month, Month::new(2025, 4).unwrap(), "{name}");
        let counted = council.latest_looked_after.unwrap();
        let uasc = s.uasc.as_ref().map_or(0.0, |u| u.opening_total());
        assert!(
            (s.opening_looked_after.total_children() + uasc - counted).abs() < 1e-6,
            "{name}"
        );
        assert!(
            fitted
                .notes
                .iter()
                .any(|n| n.contains("part of former Cumbria")),
            "{name}: {:?}",
            fitted.notes
        );
        assert!(s.description.contains("About this council"), "{name}");
        assert!(s.validate().is_ok(), "{name}");
    }
}

#[test]
fn unaccompanied_asylum_seeking_children_are_counted_apart() {
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    let figures = data.figures("886").unwrap(); // Kent
    let published =
        |table: &care_levers::model::fit::Figures, year: &str| -> f64 { table[year]["uasc"] };
    let fitted = fit_council(
        figures,
        data.england(),
        &template,
        2024,
        FitOptions::default(),
    )
    .unwrap();
    let s = &fitted.scenario;
    let uasc = s.uasc.as_ref().expect("Kent's UASC apart");
    // The published count at 31 March 2024, apart from the others; together the total.
    let total = figures.looked_after["2024"]["total"];
    assert!((uasc.opening_total() - published(&figures.looked_after, "2024")).abs() < 1e-6);
    assert!((s.opening_looked_after.total_children() + uasc.opening_total() - total).abs() < 1e-6);
    // Arrivals: the mean of UASC starts over three years, out of the entries.
    let mean = ["2022", "2023", "2024"]
        .iter()
        .map(|y| published(&figures.starts, y))
        .sum::<f64>()
        / 3.0;
    assert!(
        (uasc.arrivals_per_year - mean).abs() < 0.06,
        "{} vs {mean}",
        uasc.arrivals_per_year
    );
    // Kent's UASC are far above 0.07% of its children: the higher Home Office rate, £143 a night.
    assert_eq!(uasc.grant_gbp_per_week, 143.0 * 7.0);
    assert!(s.source_for("uasc").unwrap().contains("23 December 2022"));
    // Their number holds steady with no change (arrivals replace leavers), within a few.
    let projection = project(s);
    let first = projection.months[0].uasc_looked_after;
    let last = projection.months.last().unwrap().uasc_looked_after;
    assert!((last - first).abs() / first < 0.15, "{first} then {last}");
    // Net spend is gross less the grant.
    let year = &projection.years[0];
    assert!(year.uasc_grant_gbp > 0.0 && year.uasc_gross_spend_gbp > 0.0);
    // Mixed in, as before: no UASC apart and the same total at the start.
    let mixed = fit_council(
        figures,
        data.england(),
        &template,
        2024,
        FitOptions {
            uasc_apart: false,
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(mixed.scenario.uasc.is_none());
    assert!((mixed.scenario.opening_looked_after.total_children() - total).abs() < 1e-6);
}

/// Councils reorganised away (Bournemouth, Poole, Northamptonshire) are marked as former; their
/// successors and ordinary councils are not.
#[test]
fn former_councils_are_told_apart_from_current_ones() {
    let data = CouncilData::shipped().unwrap();
    let find = |name: &str| {
        data.search(name)
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    for former in ["Bournemouth", "Poole", "Northamptonshire"] {
        assert!(find(former).is_former(), "{former}");
    }
    for current in [
        "Bournemouth, Christchurch and Poole",
        "North Northamptonshire",
        "Norfolk",
        "Kent",
        "City of London",
    ] {
        assert!(!find(current).is_former(), "{current}");
    }
    let former = data
        .search("")
        .into_iter()
        .filter(|c| c.is_former())
        .count();
    assert!((3..=20).contains(&former), "{former} former councils");
}

/// Doing nothing keeps a council's mix where it was counted (docs/model.md 9.5): without the
/// fitted moves its children's homes and supported accommodation drift to England's first
/// placements.
#[test]
fn doing_nothing_keeps_a_councils_placement_mix() {
    use care_levers::model::PlacementType::{Residential, Supported};
    let shares = |by: &care_levers::model::placement::ByPlacement<f64>| {
        let total = by.total();
        [
            by[Residential] / total * 100.0,
            by[Supported] / total * 100.0,
        ]
    };
    let mut drifted = 0.0_f64;
    for code in ["370", "926", "886", "330"] {
        let fitted = care_levers::io::councils::scenario_for_council_in(
            CouncilData::shipped().unwrap(),
            code,
            Some(2022),
        )
        .unwrap()
        .scenario;
        assert!(!fitted.placement_moves.is_none(), "{code}");
        assert!(fitted.sources["placement_moves"].contains("placement types"));
        let opening = shares(&fitted.opening_looked_after.by_placement());
        let three_years_on = |s: &care_levers::model::Scenario| {
            shares(&care_levers::model::project(s).months[35].by_placement)
        };
        let held = three_years_on(&fitted);
        for k in 0..2 {
            assert!(
                (held[k] - opening[k]).abs() < 0.3,
                "{code}: {held:?} against {opening:?}"
            );
        }
        let mut without = fitted.clone();
        without.placement_moves = Default::default();
        let free = three_years_on(&without);
        drifted = drifted.max(
            (free[0] - opening[0])
                .abs()
                .max((free[1] - opening[1]).abs()),
        );
    }
    assert!(drifted > 1.0, "without the moves the mix drifts: {drifted}");
}

/// A council's scenario carries no budget: the headline says so and offers to enter one; a
/// budget typed into the table gives the overspend (docs/model.md 9.2).
#[test]
fn a_council_opened_in_the_window_shows_budget_not_entered_until_one_is_typed() {
    let mut harness = council_picker();
    harness
        .get_by_role_and_label(Role::Button, "Barnsley")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "OK").click();
    harness.run();
    let scenario = harness.state().scenario().clone();
    assert!(!scenario.budget.is_entered());
    let outturn = scenario.budget.last_outturn.as_ref().unwrap();
    assert_eq!(outturn.financial_year.to_string(), "2024-25");
    harness.get_by_label("Budget not entered");
    harness.get_by_label_contains("2024-25's outturn");
    harness.check_accessibility();
    // The money view explains each year's change in spend: volume, mix and price.
    harness
        .get_by_role_and_label(Role::Button, care_levers::app::View::MoneyByYear.label())
        .click();
    harness.run();
    harness.get_by_label_contains("Change in placement spend, 2026-27:");
    harness.check_accessibility();
    harness
        .get_by_role_and_label(Role::Button, "Enter budget")
        .click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Budget 2025-26");
    field.click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Budget 2025-26")
        .type_text("30m");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.check_accessibility();
    let scenario = harness.state().scenario().clone();
    let year = scenario.start_month.financial_year();
    assert_eq!(scenario.budget.for_year(year), Some(30e6));
    let first = project(&scenario).years[0].clone();
    let overspend = first.overspend_gbp.unwrap();
    let (word, amount) = care_levers::report::format::overspend(overspend);
    harness.get_by_label(&format!("{word} {year}"));
    harness.get_by_label(&amount);
    assert!(harness.query_by_label("Budget not entered").is_none());
}

/// Unaccompanied children cost a council more than the Home Office grant (every costing found:
/// 50-60% covered, docs/research/placement_prices_and_uasc_grant.md 5); before issue 30 Kent's
/// scenario made money on them.
#[test]
fn the_uasc_grant_covers_part_of_what_the_children_cost() {
    let kent = scenario_for_council("Kent", Some(2022)).unwrap().scenario;
    let first = project(&kent).years[0].clone();
    assert!(first.uasc_grant_gbp > 0.0);
    let coverage = first.uasc_grant_gbp / first.uasc_gross_spend_gbp;
    assert!((0.55..=0.65).contains(&coverage), "{coverage}");
    assert!(kent.sources["uasc"].contains("grant covers 62%"));
}

/// From 2024 (the LGA's count of placements over £10,000 a week was published in November
/// 2023) a council's residential care has a high-cost tier: 1.6% of its children, at 2.6 times
/// the residential unit cost, the rest re-priced so the average is still the council's unit cost.
#[test]
fn residential_care_has_a_high_cost_tier_from_2024_that_keeps_the_councils_unit_cost() {
    use care_levers::model::PlacementType::Residential;
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    for code in ["370", "926", "886"] {
        let figures = data.figures(code).unwrap();
        let fit = |year| {
            fit_council(
                figures,
                data.england(),
                &template,
                year,
                FitOptions::default(),
            )
            .unwrap()
            .scenario
        };
        let s = fit(2025);
        let tier = s.costs.high_cost.unwrap();
        let residential = s.opening_looked_after.in_placement(Residential);
        let all = s.opening_looked_after.total_children()
            + s.uasc.as_ref().map_or(0.0, |u| u.opening_total());
        let children = s.costs.high_cost_children(residential);
        assert!(
            (children - (0.016 * all).min(0.3 * residential)).abs() < 0.01 * residential,
            "{code}: {children} of {residential} in homes, {all} in all"
        );
        // The average is still the LAIT unit cost uplifted a year (to the pound, rounding).
        let lait = figures.spend["2024-25"]["unit_cost_residential_gbp_per_week"];
        let growth = s.costs.price_growth_percent_per_year.unwrap()[Residential];
        let average = s.costs.average_weekly_gbp(Residential);
        assert!(
            (average - lait * (1.0 + growth / 100.0)).abs() <= 3.0,
            "{code}: {average}"
        );
        assert!(tier.weekly_gbp > 10_000.0, "{code}: {}", tier.weekly_gbp);
        assert!(s.costs.weekly_gbp[Residential] < average);
        assert!(s.sources["costs.high_cost"].contains("LGA"));
        // In the months: the tier's children are reported.
        let first = &project(&s).months[0];
        assert!(first.high_cost_looked_after > 0.0);
        // Before the count was published: none.
        assert_eq!(fit(2022).costs.high_cost, None, "{code}");
    }
}

/// A council's price growth by type, high-cost tier and placement moves are edited in the
/// Assumptions like any other number.
#[test]
fn a_councils_price_growth_is_edited_in_the_assumptions() {
    let mut harness = council_picker_sized(3200.0);
    harness
        .get_by_role_and_label(Role::Button, "Barnsley")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "OK").click();
    harness.run();
    harness.get_by_label("Assumptions").click();
    harness.run();
    let label = format!(
        "Price growth: {}",
        care_levers::model::PlacementType::Residential.label()
    );
    harness.get_by_label(&label).set_value_accesskit(5.0);
    harness.run();
    harness
        .get_by_label("Moving from foster care to homes (10+)")
        .set_value_accesskit(0.0);
    harness.run();
    harness.check_accessibility();
    let scenario = harness.state().scenario().clone();
    let growth = scenario.costs.price_growth_percent_per_year.unwrap();
    assert_eq!(growth[care_levers::model::PlacementType::Residential], 5.0);
    assert_eq!(
        scenario.placement_moves.into_residential_percent_per_year,
        0.0
    );
    harness.get_by_label("Residential over £10k a week: share");
}
