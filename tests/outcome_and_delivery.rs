//! Plans against what happened (issue 10): counted figures in scenario files, backtests, and
//! bands that include whether each lever delivers (its effect achieved and its start delay).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::monte_carlo::{monte_carlo, monte_carlo_with_twin};
use care_levers::model::outcome::{backtest, plan_against_outcome};
use care_levers::model::scenario::deliver;
use care_levers::model::{
    AgeBand, CountedLookedAfter, Delivery, LeverDelivery, LeverKind, Month, PlacementType,
    Scenario, Uncertainty, project,
};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

fn load(name: &str) -> Scenario {
    scenario_file::load(&shipped(name)).unwrap().scenario
}

const SHIPPED: [&str; 3] = [
    "norfolk_2014_do_nothing.ron",
    "norfolk_2014_target_770.ron",
    "norfolk_2017_programme.ron",
];

#[test]
fn full_effect_and_no_delay_reproduce_the_bands_from_before_delivery_was_drawn() {
    for name in SHIPPED {
        let mut scenario = load(name);
        scenario.uncertainty.lever_delivery = LeverDelivery::all(Delivery::AS_PLANNED);
        let golden_path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(format!(
                "before_delivery_{}.json",
                name.trim_end_matches(".ron")
            ));
        let golden: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(golden_path).unwrap()).unwrap();
        // Bands: 200 draws, seed 7, exactly as before (any number of threads).
        let bands = monte_carlo(&scenario, 200, 7, 3);
        let months = golden["uncertainty"]["months"].as_array().unwrap();
        assert_eq!(months.len(), bands.looked_after.len(), "{name}");
        for (i, month) in months.iter().enumerate() {
            for (series, mine) in [
                ("looked_after", &bands.looked_after[i]),
                ("spend_gbp", &bands.spend_gbp[i]),
            ] {
                let theirs = &month[series];
                for (key, value) in [
                    ("p10", mine.p10),
                    ("p25", mine.p25),
                    ("p50", mine.p50),
                    ("p75", mine.p75),
                    ("p90", mine.p90),
                ] {
                    assert_eq!(
                        theirs[key].as_f64().unwrap(),
                        value,
                        "{name} month {i} {series} {key}"
                    );
                }
            }
        }
        assert_eq!(
            golden["uncertainty"]["target_probability"].as_f64(),
            bands.target_probability,
            "{name}"
        );
        // The projection itself never depended on the ranges.
        let projection = project(&scenario);
        for (theirs, mine) in golden["months"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&projection.months)
        {
            assert_eq!(theirs["looked_after"].as_f64().unwrap(), mine.looked_after);
            assert_eq!(theirs["spend_gbp"].as_f64().unwrap(), mine.spend_gbp);
        }
    }
}

fn lever_values() -> impl Strategy<Value = Vec<(LeverKind, f64)>> {
    prop::collection::vec(
        (prop::sample::select(LeverKind::ALL.to_vec()), 0.0..1.0f64),
        0..5,
    )
    .prop_map(|picks| {
        picks
            .into_iter()
            .map(|(kind, share)| {
                let spec = kind.spec();
                (kind, spec.min + share * (spec.max - spec.min))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn delivery_as_planned_changes_nothing(levers in lever_values(), delay in 1u32..24) {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        for (kind, value) in levers {
            *scenario.levers.timing_mut(kind).value = value;
        }
        for kind in LeverKind::ALL {
            let mut delivered = scenario.clone();
            deliver(&mut delivered, kind, 100.0, 0.0);
            prop_assert_eq!(&delivered, &scenario);
        }
        // With no uncertainty at all, every draw is the deterministic projection.
        let mut certain = scenario.clone();
        certain.uncertainty = Uncertainty::none();
        let projection = project(&certain);
        let bands = monte_carlo(&certain, 5, u64::from(delay), 1);
        for (band, month) in bands.looked_after.iter().zip(&projection.months) {
            prop_assert_eq!(band.p10, month.looked_after);
            prop_assert_eq!(band.p90, month.looked_after);
        }
        // A pulled lever that starts late or does less moves the projection towards doing
        // nothing, never past it.
        for kind in LeverKind::ALL {
            if !scenario.lever_is_pulled(kind) {
                continue;
            }
            let mut late = scenario.clone();
            deliver(&mut late, kind, 100.0, f64::from(delay));
            prop_assert_eq!(
                late.levers.timing(kind).start,
                scenario.levers.timing(kind).start.plus_months(i64::from(delay))
            );
            let mut half = scenario.clone();
            deliver(&mut half, kind, 50.0, 0.0);
            prop_assert_ne!(&half, &scenario);
        }
    }
}

#[test]
fn the_2014_plans_band_contains_what_happened_and_no_band_is_too_wide_to_use() {
    let plan = load("norfolk_2014_target_770.ron");
    let bands = monte_carlo(&plan, 1000, 2014, 2);
    let march_2017 = Month::new(2017, 3).unwrap();
    let i = bands.months.iter().position(|m| *m == march_2017).unwrap();
    let band = bands.looked_after[i];
    let counted = plan
        .actuals
        .looked_after
        .iter()
        .find(|c| c.month == march_2017)
        .unwrap()
        .total;
    assert_eq!(counted, 1107.0);
    assert!(
        band.p10 <= counted && counted <= band.p90,
        "P10-P90 {:.0} to {:.0} does not contain {counted}",
        band.p10,
        band.p90
    );
    for name in SHIPPED {
        let scenario = load(name);
        let bands = monte_carlo(&scenario, 1000, 2014, 2);
        for (series, values) in [
            ("children", &bands.looked_after),
            ("spend", &bands.spend_gbp),
        ] {
            for (month, p) in bands.months.iter().zip(values.iter()) {
                let width = (p.p90 - p.p10) / p.p50;
                assert!(
                    width <= 0.6,
                    "{name}: {series} band at {month} is {:.0}% of its median",
                    width * 100.0
                );
            }
        }
    }
}

#[test]
fn the_twin_has_its_own_band_and_the_chance_of_ending_below_it() {
    let plan = load("norfolk_2014_target_770.ron");
    let bands = monte_carlo_with_twin(&plan, 400, 2014, 2);
    assert_eq!(bands.baseline_looked_after.len(), bands.looked_after.len());
    let last = bands.looked_after.len() - 1;
    assert!(bands.baseline_looked_after[last].p50 > bands.looked_after[last].p90);
    assert!(bands.below_do_nothing_probability.unwrap() > 0.95);
    // Doing nothing is never below itself; and without the twin nothing is said.
    let nothing = load("norfolk_2014_do_nothing.ron");
    let own = monte_carlo_with_twin(&nothing, 200, 2014, 2);
    assert_eq!(own.below_do_nothing_probability, Some(0.0));
    assert_eq!(own.baseline_looked_after, own.looked_after);
    assert_eq!(
        monte_carlo(&plan, 50, 1, 1).below_do_nothing_probability,
        None
    );
}

/// A council whose numbers cannot change: no entries, no exits, every child under 5 (so none
/// reaches 18), no uncertainty. A backtest's answer is then known exactly.
fn frozen_council() -> Scenario {
    let mut s = scenario_file::blank_council().unwrap();
    for p in PlacementType::ALL {
        for b in AgeBand::ALL {
            s.opening_looked_after[p][b] = 0.0;
        }
    }
    s.opening_looked_after[PlacementType::Kinship][AgeBand::Age0To4] = 50.0;
    s.entries.per_year = 0.0;
    for b in AgeBand::ALL {
        s.exits.return_home_percent_per_month[b] = 0.0;
        s.exits.adoption_sgo_percent_per_month[b] = 0.0;
        s.exits.other_percent_per_month[b] = 0.0;
    }
    s.uncertainty = Uncertainty::none();
    s.start_month = Month::new(2020, 4).unwrap();
    let count = |year: i32, month: u32, total: f64| CountedLookedAfter {
        month: Month::new(year, month).unwrap(),
        total,
        by_placement: Default::default(),
        source: "hand-made".into(),
    };
    s.actuals.looked_after = vec![
        count(2019, 3, 100.0),
        count(2019, 9, 100.0),
        count(2020, 3, 110.0),
        count(2021, 3, 90.0),
    ];
    s
}

#[test]
fn a_backtest_gives_the_known_answer_on_a_hand_made_council() {
    let scenario = frozen_council();
    // Default start: the latest count before the scenario starts that has a later count.
    let result = backtest(&scenario, Some(Month::new(2019, 3).unwrap()), 20, 1).unwrap();
    assert_eq!(result.from, Month::new(2019, 3).unwrap());
    assert_eq!(result.opening, 100.0);
    assert_eq!(result.points.len(), 3);
    let [september, march, next_march] = [&result.points[0], &result.points[1], &result.points[2]];
    // The projection stays at 100 (scaled from 50 to the count), so the errors are known. The
    // model ages children by a share of each band a month, so a few millionths of a child reach
    // 18 within two years (0.06 of a child): hence a tolerance of a tenth of a child.
    for point in &result.points {
        assert!((point.projected - 100.0).abs() < 0.1, "{point:?}");
        assert!((point.do_nothing - 100.0).abs() < 0.1);
    }
    assert!(
        september.inside_band,
        "a band that is one value holds an equal count"
    );
    assert!((march.error - -10.0).abs() < 0.1);
    assert!((march.error_percent - -100.0 / 11.0).abs() < 0.1);
    assert!(!march.inside_band);
    assert!((next_march.error - 10.0).abs() < 0.1);
    assert!((next_march.error_percent - 100.0 / 9.0).abs() < 0.1);
    let mape = (0.0 + 100.0 / 11.0 + 100.0 / 9.0) / 3.0;
    assert!((result.mean_absolute_percent_error - mape).abs() < 0.1);
    assert!((result.band_coverage - 1.0 / 3.0).abs() < 1e-12);
    // With no start given, the latest count before April 2020 that has a later one: 2020-03.
    let default = backtest(&scenario, None, 20, 1).unwrap();
    assert_eq!(default.from, Month::new(2020, 3).unwrap());
    assert_eq!(default.points.len(), 1);
    // A month with no count, and a file with none, are refused in words.
    let refused = backtest(&scenario, Some(Month::new(2019, 4).unwrap()), 20, 1)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("counts are at: 2019-03"), "{refused}");
    let mut empty = scenario.clone();
    empty.actuals.looked_after.clear();
    assert!(backtest(&empty, None, 20, 1).is_err());
}

#[test]
fn counts_outside_the_projection_are_kept_and_listed() {
    let plan = load("norfolk_2014_target_770.ron");
    let text = scenario_file::to_text(&plan).unwrap();
    let reloaded = scenario_file::parse(&text, "plan.ron").unwrap().scenario;
    assert_eq!(reloaded.actuals, plan.actuals);
    let rows = plan_against_outcome(&plan, &project(&plan), None);
    assert_eq!(rows.len(), plan.actuals.looked_after.len());
    let outside = rows.iter().filter(|r| r.planned.is_none()).count();
    assert!(
        outside >= 8,
        "counts before 2014 and after 2017 are listed: {outside}"
    );
    let march_2017 = rows
        .iter()
        .find(|r| r.month == Month::new(2017, 3).unwrap())
        .unwrap();
    assert!((march_2017.planned.unwrap() - 768.0).abs() < 1.0);
}

fn refused(text: &str, expected: &[&str]) {
    let error = scenario_file::parse(text, "bad.ron")
        .unwrap_err()
        .to_string();
    for part in expected {
        assert!(error.contains(part), "`{part}` not in: {error}");
    }
}

#[test]
fn bad_counts_are_refused_like_any_bad_field() {
    let good = std::fs::read_to_string(shipped("norfolk_2014_target_770.ron")).unwrap();
    let line = r#"(month: "2017-03", total: 1107.0,"#;
    assert!(good.contains(line));
    refused(
        &good.replacen(line, r#"(month: "2017-03", total: -5.0,"#, 1),
        &["actuals.looked_after.", ".total", "-5"],
    );
    refused(
        &good.replacen(line, r#"(month: "2017-03", total: NaN,"#, 1),
        &["not a number"],
    );
    refused(
        &good.replacen(line, r#"(month: "2017-13", total: 1107.0,"#, 1),
        &["not a month"],
    );
    refused(
        &good.replacen(
            "by_placement: {residential: 102.0",
            "by_placement: {castle: 102.0",
            1,
        ),
        &["castle"],
    );
    // An older file with no actuals and no lever delivery still loads, with the defaults.
    let start = good.find("        lever_delivery: (").unwrap();
    let end = good[start..].find("\n        ),\n").unwrap() + start + "\n        ),\n".len();
    let mut older = good.clone();
    older.replace_range(start..end, "");
    let start = older.find("    actuals: (").unwrap();
    let end = older[start..].find("\n    ),\n").unwrap() + start + "\n    ),\n".len();
    older.replace_range(start..end, "");
    let loaded = scenario_file::parse(&older, "older.ron").unwrap();
    assert!(loaded.scenario.actuals.is_empty());
    assert_eq!(
        loaded.scenario.uncertainty.lever_delivery,
        LeverDelivery::default()
    );
}

#[test]
fn backtest_on_the_command_line() {
    let binary = env!("CARGO_BIN_EXE_care-levers");
    let output = Command::new(binary)
        .args(["backtest", "--draws", "100", "--format", "csv"])
        .arg(shipped("norfolk_2014_target_770.ron"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(
        csv.starts_with("month,projected,do_nothing,counted,error"),
        "{csv}"
    );
    assert!(csv.contains("\n2017-03,"), "{csv}");
    let blank = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/blank_council.ron");
    let output = Command::new(binary)
        .arg("backtest")
        .arg(&blank)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no counted children in care"), "{stderr}");
}
