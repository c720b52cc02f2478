//! `care-levers forecast` (issue 32): the forecast outturn from a placement list, as the model
//! works it out, with every bad row named and no child reference in anything it prints.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::model::episodes::Date;
use care_levers::model::outturn::{ForecastInputs, NewPlacements, forecast};

const LIST: &str = "Child Reference,Placement Type,Provider Type,Weekly Cost,Start Date,End Date,UASC,Health Contribution\n\
SECRET-REF-1,K2,PR4,\"£7,000\",01/06/2024,,N,700\n\
SECRET-REF-2,U4,PR4,980,01/09/2025,31/12/2025,N,\n\
SECRET-REF-3,residential,,14500,01/08/2025,,N,\n\
SECRET-REF-4,ZZ,,500,01/09/2025,,N,\n";

fn care_levers(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_forecast_is_the_models_and_names_no_child() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("placements.csv");
    std::fs::write(&path, LIST).unwrap();
    let path = path.to_str().unwrap();
    let json = care_levers(&[
        "forecast",
        path,
        "--as-at",
        "2025-09-30",
        "--budget",
        "900000",
        "--new-per-month",
        "1",
        "--new-weekly-cost",
        "1000",
        "--json",
    ]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let text = care_levers(&[
        "forecast",
        path,
        "--as-at",
        "30/09/2025",
        "--budget",
        "900000",
    ]);
    assert!(text.status.success());
    for output in [&json, &text] {
        for stream in [&output.stdout, &output.stderr] {
            let words = String::from_utf8_lossy(stream);
            assert!(
                !words.contains("SECRET-REF"),
                "a child reference printed: {words}"
            );
        }
    }
    // The bad row is named, with its column.
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(stderr.contains("row 5, placement_type"), "{stderr}");
    assert!(String::from_utf8_lossy(&text.stdout).contains("over £10,000 a week"));

    // The same figure as the model on the list as read.
    let list = care_levers::io::placement_list::read("list", LIST.as_bytes()).unwrap();
    let inputs = ForecastInputs {
        financial_year: care_levers::model::FinancialYear { start_year: 2025 },
        as_at: Date::from_ymd(2025, 9, 30).unwrap(),
        spend_to_date_gbp: None,
        new_placements: NewPlacements {
            per_month: 1.0,
            weekly_cost_gbp: 1_000.0,
            cost_share_by_type: None,
        },
        other_income_gbp: 0.0,
        budget_gbp: Some(900_000.0),
    };
    let expected = forecast(&list.placements, &inputs);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let got = value["forecast"]["forecast_gbp"].as_f64().unwrap();
    assert!((got - expected.forecast_gbp).abs() < 1e-6);
    assert_eq!(value["forecast"]["rag"], "Red");
    assert_eq!(value["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_list_that_cannot_be_read_is_refused_in_words() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("list.csv");
    std::fs::write(&path, "Name,Cost\nA,1\n").unwrap();
    let output = care_levers(&["forecast", path.to_str().unwrap(), "--as-at", "2025-09-30"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no placement_type column"), "{stderr}");
    let output = care_levers(&["forecast", path.to_str().unwrap(), "--as-at", "someday"]);
    assert_eq!(output.status.code(), Some(2));
}

mod from_the_list {
    use care_levers::io::placement_list::simulate::simulate;
    use care_levers::model::episodes::Date;
    use care_levers::model::outturn::{
        ForecastInputs, NewPlacements, agreement, build_up, forecast, scenario_from_list,
    };
    use care_levers::model::{FinancialYear, PlacementType, StockTotals, project};

    fn inputs(as_at: Date, new: NewPlacements, spend_to_date: Option<f64>) -> ForecastInputs {
        ForecastInputs {
            financial_year: FinancialYear { start_year: 2025 },
            as_at,
            spend_to_date_gbp: spend_to_date,
            new_placements: new,
            other_income_gbp: 250_000.0,
            budget_gbp: Some(60_000_000.0),
        }
    }

    #[test]
    fn the_months_build_up_to_the_forecast() {
        let as_at = Date::from_ymd(2025, 10, 31).unwrap();
        let sim = simulate(800, 5, as_at);
        let new = NewPlacements {
            per_month: 6.0,
            weekly_cost_gbp: 1_200.0,
            cost_share_by_type: None,
        };
        for spend_to_date in [None, Some(21_000_000.0)] {
            let inputs = inputs(as_at, new, spend_to_date);
            let whole = forecast(&sim.placements, &inputs);
            let months = build_up(&sim.placements, &inputs);
            assert_eq!(months.len(), 12);
            let last = months.last().unwrap();
            assert!(
                (last.cumulative_gbp - whole.forecast_gbp).abs() < 1.0,
                "{} against {}",
                last.cumulative_gbp,
                whole.forecast_gbp
            );
            // April to October spent; November to March forecast.
            assert_eq!(months.iter().filter(|m| m.forecast).count(), 5);
            let october = &months[6];
            let to_date_net =
                whole.spend_to_date_gbp - months[..7].iter().map(|m| m.spend_gbp).sum::<f64>();
            // What separates them is income in those months only.
            assert!(
                to_date_net > 0.0 && to_date_net < whole.income_gbp,
                "{to_date_net}"
            );
            assert!(!october.forecast);
        }
    }

    #[test]
    fn a_scenario_started_from_the_list_projects_the_forecast_outturn() {
        for (seed, day) in [
            (9, (2025, 9, 30)),
            (10, (2025, 6, 30)),
            (11, (2025, 12, 31)),
        ] {
            started_from_the_list(seed, Date::from_ymd(day.0, day.1, day.2).unwrap());
        }
    }

    fn started_from_the_list(seed: u64, as_at: Date) {
        let sim = simulate(600, seed, as_at);
        let base = care_levers::io::scenario_file::blank_council().unwrap();
        let (started, summary) = scenario_from_list(&base, &sim.placements, as_at);
        assert_eq!(started.start_month, as_at.month().unwrap().plus_months(1));
        assert_eq!(summary.ages_from_mix, 0);
        // Every child open on the list and under 18 on 1 October is an opening child.
        let first_day = Date::start_of(started.start_month);
        let open: Vec<_> = sim
            .placements
            .iter()
            .filter(|p| p.start <= as_at && p.end.is_none_or(|e| e > as_at))
            .filter(|p| p.birth.unwrap().years_later(18) > first_day)
            .collect();
        let in_uasc = started.uasc.as_ref().map_or(0.0, |_| summary.uasc_children);
        assert!(
            (started.opening_looked_after.total_children() + in_uasc - open.len() as f64).abs()
                < 1e-9
        );
        // Prices by type are what the list pays (homes under £10,000 apart from the tier).
        let ifa: Vec<f64> = open
            .iter()
            .filter(|p| p.placement == PlacementType::Ifa && !(p.uasc && base.uasc.is_some()))
            .map(|p| p.weekly_cost_gbp)
            .collect();
        let mean = ifa.iter().sum::<f64>() / ifa.len() as f64;
        assert!((started.costs.weekly_gbp[PlacementType::Ifa] - mean).abs() < 1e-6);

        // With nobody entering or leaving before 31 March on either side but at 18, the
        // projection's year is the forecast outturn within 1% (the projection ages a twelfth of
        // its 17-year-olds out a month; the forecast ends each placement at the birthday).
        let mut still = started.clone();
        still.entries.per_year = 0.0;
        for band in care_levers::model::AgeBand::ALL {
            still.exits.return_home_percent_per_month[band] = 0.0;
            still.exits.adoption_sgo_percent_per_month[band] = 0.0;
            still.exits.other_percent_per_month[band] = 0.0;
        }
        if let Some(uasc) = still.uasc.as_mut() {
            uasc.arrivals_per_year = 0.0;
            uasc.leaving_percent_per_month = 0.0;
        }
        let mut open_to_march = sim.placements.clone();
        for p in &mut open_to_march {
            if p.end.is_some_and(|e| e > as_at) {
                p.end = None;
            }
        }
        let still_forecast = forecast(
            &open_to_march,
            &inputs(as_at, NewPlacements::default(), None),
        );
        let still_agreement = agreement(&project(&still), still.start_month, &still_forecast);
        eprintln!("no one in or out: {still_agreement:?}");
        assert!(still_agreement.difference_percent.abs() < 1.0);

        // As the scenario has it (entries and exits at its rates) against the forecast with the
        // scenario's entries as its new placements: they agree within 5%.
        let new = care_levers::model::outturn::new_placements_from(&started);
        let real = forecast(&sim.placements, &inputs(as_at, new, None));
        let real_agreement = agreement(&project(&started), started.start_month, &real);
        eprintln!("as the scenario has it: {real_agreement:?}");
        assert!(real_agreement.difference_percent.abs() < 5.0);
    }
}
