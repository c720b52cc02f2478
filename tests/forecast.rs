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
