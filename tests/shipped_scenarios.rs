//! The shipped Norfolk scenarios reproduce the council's published figures.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::{FinancialYear, Month, Projection, Scenario, project};
use std::path::Path;

fn load(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name);
    let loaded = scenario_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        loaded.unknown_fields.is_empty(),
        "{name} has unknown fields: {:?}",
        loaded.unknown_fields
    );
    loaded.scenario
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn within(value: f64, target: f64, tolerance: f64) -> bool {
    (value - target).abs() <= target.abs() * tolerance
}

fn spend_over(projection: &Projection, years: &[i32], baseline: bool) -> f64 {
    years
        .iter()
        .map(|&y| {
            let year = projection.year(FinancialYear::starting(y)).unwrap();
            if baseline {
                year.baseline_spend_gbp
            } else {
                year.spend_gbp
            }
        })
        .sum()
}

#[test]
fn norfolk_2014_do_nothing_reaches_1360_and_costs_12m_more() {
    let scenario = load("norfolk_2014_do_nothing.ron");
    let projection = project(&scenario);
    assert_eq!(projection.opening_looked_after, 1137.0);
    let march_2017 = projection.month(month("2017-03")).unwrap();
    assert!(
        within(march_2017.looked_after, 1360.0, 0.03),
        "March 2017: {}",
        march_2017.looked_after
    );
    let opening_rate = projection.opening_annual_spend_gbp;
    assert!(
        within(opening_rate, 27.1e6, 0.10),
        "opening spend {opening_rate}"
    );
    let budget = projection
        .year(FinancialYear::starting(2014))
        .unwrap()
        .budget_gbp;
    assert_eq!(budget, Some(24.5e6));
    let three_years = spend_over(&projection, &[2014, 2015, 2016], false);
    let extra = three_years - 3.0 * opening_rate;
    assert!(
        within(extra, 12e6, 0.20),
        "extra spend over three years {extra}"
    );
    // Doing nothing has no investment and no savings.
    assert_eq!(projection.total_investment_gbp(), 0.0);
    assert_eq!(projection.total_net_saving_gbp(), 0.0);
}

#[test]
fn norfolk_2014_target_reaches_770_saving_34m() {
    let scenario = load("norfolk_2014_target_770.ron");
    let projection = project(&scenario);
    let march_2017 = projection.month(month("2017-03")).unwrap();
    assert!(
        within(march_2017.looked_after, 770.0, 0.03),
        "March 2017: {}",
        march_2017.looked_after
    );
    let gross: f64 = projection.years.iter().map(|y| y.gross_saving_gbp).sum();
    assert!(within(gross, 34e6, 0.20), "gross saving {gross}");
    // Its twin is the do-nothing file's projection.
    let do_nothing = project(&load("norfolk_2014_do_nothing.ron"));
    let twin_end = march_2017.baseline_looked_after;
    let do_nothing_end = do_nothing.month(month("2017-03")).unwrap().looked_after;
    assert!((twin_end - do_nothing_end).abs() < 1e-9);
    let target = scenario.target.unwrap();
    assert_eq!(target.looked_after, 770.0);
}

#[test]
fn norfolk_2017_programme_matches_the_councils_figures() {
    let scenario = load("norfolk_2017_programme.ron");
    let projection = project(&scenario);
    assert_eq!(projection.opening_looked_after, 1107.0);
    // £12m invested over four years.
    let invested = projection.total_investment_gbp();
    assert!(within(invested, 12e6, 0.05), "investment {invested}");
    let after_programme: f64 = projection
        .years
        .iter()
        .filter(|y| y.financial_year >= FinancialYear::starting(2021))
        .map(|y| y.investment_gbp)
        .sum();
    assert_eq!(after_programme, 0.0);
    // Without action, about £5m a year more by 2021-22 than 2017-18.
    let growth = spend_over(&projection, &[2021], true) - spend_over(&projection, &[2017], true);
    assert!(within(growth, 5e6, 0.20), "twin spend growth {growth}");
    // Up to 400 fewer children by March 2021.
    let march_2021 = projection.month(month("2021-03")).unwrap();
    let fewer = march_2021.baseline_looked_after - march_2021.looked_after;
    assert!((340.0..=400.0).contains(&fewer), "{fewer} fewer children");
    // The £1m overspend forecast for 2017-18 without action.
    let first_year = projection.year(FinancialYear::starting(2017)).unwrap();
    let twin_overspend = first_year.baseline_spend_gbp - first_year.budget_gbp.unwrap();
    assert!(
        within(twin_overspend, 1e6, 0.10),
        "twin overspend {twin_overspend}"
    );
}

#[test]
fn every_shipped_scenario_round_trips() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let scenario = load(name);
        let text = scenario_file::to_text(&scenario).unwrap();
        let again = scenario_file::parse(&text, name).unwrap();
        assert_eq!(again.scenario, scenario, "{name}");
        assert!(again.unknown_fields.is_empty());
    }
}

#[test]
fn the_built_in_scenario_is_the_shipped_file() {
    let built_in = scenario_file::norfolk_2014().unwrap();
    assert_eq!(built_in, load("norfolk_2014_do_nothing.ron"));
}
