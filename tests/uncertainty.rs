//! Monte Carlo bands, sensitivity and goal seek.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::goal_seek::{Goal, parse_goal, parse_lever, seek};
use care_levers::model::monte_carlo::{Percentiles, monte_carlo};
use care_levers::model::sensitivity::tornado;
use care_levers::model::{FinancialYear, LeverKind, Month, Scenario, Uncertainty, project, run};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

fn norfolk() -> Scenario {
    scenario_file::norfolk_2014().unwrap()
}

fn shipped(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name);
    scenario_file::load(&path).unwrap().scenario
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn percentiles_are_ordered_every_month(
        seed in any::<u64>(),
        early_help in 0.0f64..=20_000_000.0,
        front_door in 0.0f64..=50.0,
        horizon in 1u32..=10,
    ) {
        let mut scenario = norfolk();
        scenario.target = None;
        scenario.horizon_years = horizon;
        scenario.levers.early_help.value = early_help;
        scenario.levers.front_door.value = front_door;
        let bands = monte_carlo(&scenario, 200, seed, 2);
        prop_assert_eq!(bands.draws, 200);
        prop_assert_eq!(bands.looked_after.len(), scenario.horizon_months());
        for series in [&bands.looked_after, &bands.spend_gbp] {
            for p in series.iter() {
                prop_assert!(p.p10 <= p.p25 && p.p25 <= p.p50 && p.p50 <= p.p75 && p.p75 <= p.p90,
                    "{:?}", p);
                prop_assert!(p.p10 >= 0.0 && p.p90.is_finite());
            }
        }
        for (_, probability) in &bands.overspend_probability {
            prop_assert!((0.0..=1.0).contains(probability));
        }
    }

    #[test]
    fn nearest_rank_percentiles_match_a_full_sort(values in prop::collection::vec(-1e6f64..1e6, 1..300)) {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let at = |q: f64| sorted[((q * (n - 1) as f64).round() as usize).min(n - 1)];
        let mut work = values;
        let p = Percentiles::of(&mut work);
        prop_assert_eq!((p.p10, p.p25, p.p50, p.p75, p.p90), (at(0.1), at(0.25), at(0.5), at(0.75), at(0.9)));
    }
}

#[test]
fn with_no_uncertainty_the_bands_collapse_onto_the_projection() {
    let mut scenario = shipped("norfolk_2014_target_770.ron");
    scenario.uncertainty = Uncertainty::none();
    let bands = monte_carlo(&scenario, 50, 7, 2);
    let deterministic = run(&scenario);
    for ((p, s), m) in bands
        .looked_after
        .iter()
        .zip(&bands.spend_gbp)
        .zip(&deterministic)
    {
        for value in [p.p10, p.p25, p.p50, p.p75, p.p90] {
            assert_eq!(value, m.looked_after, "{}", m.month);
        }
        for value in [s.p10, s.p90] {
            assert_eq!(value, m.spend_gbp);
        }
    }
    // One outcome, so probabilities are 0 or 1 and agree with the projection.
    let projection = project(&scenario);
    for (year, probability) in &bands.overspend_probability {
        let over = projection.year(*year).unwrap().overspend_gbp.unwrap() > 0.0;
        assert_eq!(*probability, if over { 1.0 } else { 0.0 }, "{year}");
    }
    let reached = projection.month(month("2017-03")).unwrap().looked_after <= 770.0;
    assert_eq!(
        bands.target_probability,
        Some(if reached { 1.0 } else { 0.0 })
    );
}

#[test]
fn the_same_seed_gives_the_same_result_whatever_the_threads() {
    let scenario = shipped("norfolk_2014_target_770.ron");
    let one = monte_carlo(&scenario, 300, 42, 1);
    let two = monte_carlo(&scenario, 300, 42, 2);
    assert_eq!(one, two);
    let other = monte_carlo(&scenario, 300, 43, 2);
    assert_ne!(one.looked_after, other.looked_after);
    // Uncertainty really spreads the outcome.
    let last = one.looked_after.last().unwrap();
    assert!(last.p90 - last.p10 > 20.0, "{last:?}");
    // Levers that deliver in full and on time leave the target within reach but not sure...
    let mut as_planned = scenario.clone();
    as_planned.uncertainty.lever_delivery =
        care_levers::model::LeverDelivery::all(care_levers::model::Delivery::AS_PLANNED);
    let probability = monte_carlo(&as_planned, 300, 42, 2)
        .target_probability
        .unwrap();
    assert!(probability > 0.05 && probability < 0.95, "{probability}");
    // ...while levers that may start late and deliver part of their effect put it out of
    // reach, as it was: 1,107 children in March 2017.
    assert!(one.target_probability.unwrap() < probability);
}

#[test]
fn goal_seek_reaches_770_within_one_percent() {
    let scenario = norfolk();
    let goal = Goal::LookedAfter {
        target: 770.0,
        month: month("2017-03"),
    };
    // The target file's other levers, with the front door left to find.
    let mut strategy = shipped("norfolk_2014_target_770.ron");
    strategy.levers.front_door.value = 0.0;
    let result = seek(&strategy, LeverKind::FrontDoor, goal).unwrap();
    assert!(result.reached, "{result:?}");
    strategy.levers.front_door.value = result.value;
    let reached = project(&strategy)
        .month(month("2017-03"))
        .unwrap()
        .looked_after;
    assert!((reached - 770.0).abs() <= 7.7, "{reached}");
    assert!((result.achieved - reached).abs() < 1e-9);
    // One lever alone cannot: reported, with the closest value.
    let alone = seek(&scenario, LeverKind::EarlyHelp, goal).unwrap();
    assert!(!alone.reached);
    assert_eq!(alone.value, LeverKind::EarlyHelp.spec().max);
    assert!(alone.achieved > 770.0 * 1.01);
}

#[test]
fn goal_seek_finds_the_least_lever_that_ends_an_overspend() {
    let scenario = norfolk();
    let year = FinancialYear::starting(2016);
    let goal = Goal::Overspend {
        at_most_gbp: 0.0,
        year,
    };
    let result = seek(&scenario, LeverKind::FrontDoor, goal).unwrap();
    assert!(result.reached);
    let mut applied = scenario.clone();
    applied.levers.front_door.value = result.value;
    let overspend = project(&applied).year(year).unwrap().overspend_gbp.unwrap();
    assert!(
        overspend <= 0.0 && overspend > -0.01 * 24.5e6,
        "{overspend}"
    );
    // A little less of the lever and the overspend is back.
    applied.levers.front_door.value = result.value * 0.98;
    assert!(project(&applied).year(year).unwrap().overspend_gbp.unwrap() > 0.0);
    // Outside the horizon: an error, not a guess.
    let later = Goal::Overspend {
        at_most_gbp: 0.0,
        year: FinancialYear::starting(2030),
    };
    assert!(seek(&scenario, LeverKind::FrontDoor, later).is_err());
}

#[test]
fn goals_and_levers_parse_from_the_command_line_forms() {
    assert_eq!(
        parse_goal("looked_after=770@2017-03").unwrap(),
        Goal::LookedAfter {
            target: 770.0,
            month: month("2017-03")
        }
    );
    assert!(parse_goal("overspend=0@2016-17").is_ok());
    assert!(parse_goal("looked_after=770").is_err());
    assert!(parse_goal("happiness=1@2017-03").is_err());
    assert_eq!(
        parse_lever("levers.front_door.value").unwrap(),
        LeverKind::FrontDoor
    );
    assert_eq!(parse_lever("permanence").unwrap(), LeverKind::Permanence);
    assert!(parse_lever("levers.nothing.value").is_err());
}

#[test]
fn the_tornado_puts_the_biggest_swing_first() {
    let scenario = shipped("norfolk_2014_target_770.ron");
    let result = tornado(&scenario, |kind, value| format!("{kind:?} {value}"));
    // Every lever; every uncertain assumption with a range; and, for each pulled lever, its
    // effect achieved and its start delay.
    let assumptions = scenario
        .uncertainty
        .ranges()
        .iter()
        .filter(|(_, range)| !range.is_point())
        .count();
    let pulled = LeverKind::ALL
        .iter()
        .filter(|&&kind| scenario.lever_is_pulled(kind))
        .count();
    assert_eq!(result.swings.len(), 7 + assumptions + 2 * pulled);
    assert!(
        result
            .swings
            .iter()
            .any(|s| s.name == "Gatekeeping: fewer entries: effect achieved")
    );
    for pair in result.swings.windows(2) {
        assert!(pair[0].net_saving_spread() >= pair[1].net_saving_spread());
    }
    // Each lever's swing is what the engine gives at its two ends.
    let front_door = result
        .swings
        .iter()
        .find(|s| s.name == LeverKind::FrontDoor.spec().label)
        .unwrap();
    let mut high = scenario.clone();
    high.levers.front_door.value = 50.0;
    assert_eq!(
        front_door.net_saving_gbp.1,
        project(&high).total_net_saving_gbp()
    );
    assert!(front_door.looked_after.1 < front_door.looked_after.0);
}

#[test]
fn the_command_line_adds_percentiles_and_seeks() {
    let binary = env!("CARGO_BIN_EXE_care-levers");
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join("norfolk_2014_target_770.ron");
    let output = Command::new(binary)
        .args([
            "run",
            file.to_str().unwrap(),
            "--draws",
            "200",
            "--seed",
            "9",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bands = &json["uncertainty"];
    assert_eq!(bands["draws"], 200);
    let last = &bands["months"][35]["looked_after"];
    assert!(last["p10"].as_f64().unwrap() <= last["p90"].as_f64().unwrap());
    assert!(bands["target_probability"].is_number());
    assert_eq!(bands["years"].as_array().unwrap().len(), 3);

    let output = Command::new(binary)
        .args([
            "seek",
            file.to_str().unwrap(),
            "--lever",
            "levers.front_door.value",
            "--target",
            "looked_after=770@2017-03",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("levers.front_door.value = "));
    let output = Command::new(binary)
        .args([
            "seek",
            file.to_str().unwrap(),
            "--lever",
            "permanence",
            "--target",
            "looked_after=100@2017-03",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be reached"));
}

/// Where prices grow by type, the Monte Carlo draws their growth too (docs/model.md 9.2):
/// the spend band widens with the range and no children's band moves; a scenario without price
/// growth by type draws exactly as before.
#[test]
fn the_monte_carlo_draws_price_growth_where_prices_grow_by_type() {
    let council = care_levers::io::councils::scenario_for_council("Barnsley", Some(2022))
        .unwrap()
        .scenario;
    assert!(council.costs.price_growth_percent_per_year.is_some());
    // Nothing else uncertain: the price growth alone.
    let mut council = council;
    let range = council.uncertainty.price_growth_points;
    council.uncertainty = Uncertainty::none();
    council.uncertainty.price_growth_points = range;
    if let Some(uasc) = council.uasc.as_mut() {
        uasc.arrivals_change_percent = care_levers::model::Range::new(0.0, 0.0);
    }
    let mut fixed = council.clone();
    fixed.uncertainty.price_growth_points = care_levers::model::Range::new(0.0, 0.0);
    let (wide, narrow) = (
        monte_carlo(&council, 400, 7, 1),
        monte_carlo(&fixed, 400, 7, 1),
    );
    let last = wide.spend_gbp.len() - 1;
    let spread = |b: &care_levers::model::Bands| b.spend_gbp[last].p90 - b.spend_gbp[last].p10;
    assert!(spread(&narrow) < 1.0, "{}", spread(&narrow));
    // Five Aprils of -2 to +6 points: P10 to P90 at least a tenth of the month's spend.
    assert!(
        spread(&wide) > 0.1 * narrow.spend_gbp[last].p50,
        "{} against {}",
        spread(&wide),
        narrow.spend_gbp[last].p50
    );
    // Skewed up, as prices have outrun their trend: the median spend is higher too.
    assert!(wide.spend_gbp[last].p50 > narrow.spend_gbp[last].p50);
    // The children are not moved by prices.
    assert_eq!(wide.looked_after, narrow.looked_after);
    // A scenario growing every price at one rate is untouched by the range.
    let norfolk = scenario_file::norfolk_2014().unwrap();
    let mut other = norfolk.clone();
    other.uncertainty.price_growth_points = care_levers::model::Range::new(-10.0, 20.0);
    assert_eq!(
        monte_carlo(&norfolk, 50, 3, 1),
        monte_carlo(&other, 50, 3, 1)
    );
}
