//! The command line: `run`, `check`, `--set`, exit codes and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_care-levers"))
}

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn norfolk_text() -> String {
    std::fs::read_to_string(shipped("norfolk_2014_do_nothing.ron")).unwrap()
}

/// Writes `contents` to a file in a fresh folder and checks it with `check` and `run`:
/// both must exit 2 with a message containing every one of `expected`.
fn assert_bad_input(name: &str, contents: &[u8], expected: &[&str]) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    std::fs::write(&path, contents).unwrap();
    for command in ["check", "run"] {
        let output = run(&[command, path.to_str().unwrap()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command} {name}: {message}");
        assert!(output.stdout.is_empty(), "{command} {name} printed output");
        assert!(
            !message.contains("panicked"),
            "{command} {name} panicked: {message}"
        );
        assert!(
            message.contains(name),
            "{command} {name}: no file name in {message}"
        );
        for part in expected {
            assert!(
                message.contains(part),
                "{command} {name}: `{part}` not in {message}"
            );
        }
    }
}

#[test]
fn every_shipped_scenario_passes_check() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let output = run(&["check", shipped(name).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        assert!(String::from_utf8_lossy(&output.stdout).contains("ok"));
        assert!(
            stderr(&output).is_empty(),
            "{name} warns: {}",
            stderr(&output)
        );
    }
}

#[test]
fn run_prints_months_and_years_as_json() {
    let output = run(&[
        "run",
        shipped("norfolk_2014_target_770.ron").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let months = json["months"].as_array().unwrap();
    assert_eq!(months.len(), 36);
    let last = &months[35];
    assert_eq!(last["month"], "2017-03");
    for field in [
        "looked_after",
        "baseline_looked_after",
        "spend_gbp",
        "baseline_spend_gbp",
        "investment_gbp",
    ] {
        assert!(last[field].is_number(), "months[].{field}");
    }
    assert!(last["by_placement"]["residential"].is_number());
    let years = json["years"].as_array().unwrap();
    assert_eq!(years.len(), 3);
    assert_eq!(years[2]["financial_year"], "2016-17");
    for field in [
        "looked_after_at_end",
        "baseline_looked_after_at_end",
        "spend_gbp",
        "baseline_spend_gbp",
        "budget_gbp",
        "overspend_gbp",
        "investment_gbp",
        "gross_saving_gbp",
        "net_saving_gbp",
        "cumulative_net_saving_gbp",
    ] {
        assert!(years[2][field].is_number(), "years[].{field}");
    }
    let spend = years[2]["spend_gbp"].as_f64().unwrap();
    let budget = years[2]["budget_gbp"].as_f64().unwrap();
    let overspend = years[2]["overspend_gbp"].as_f64().unwrap();
    assert!((spend - budget - overspend).abs() < 1e-3);
}

#[test]
fn run_prints_the_monthly_table_as_csv() {
    let path = shipped("norfolk_2014_do_nothing.ron");
    let output = run(&["run", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "month");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 36);
    assert_eq!(&rows[35][0], "2017-03");
    // The same numbers as the JSON.
    let json = run(&["run", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let looked_after: f64 = rows[35][1].parse().unwrap();
    assert_eq!(
        looked_after,
        json["months"][35]["looked_after"].as_f64().unwrap()
    );
}

#[test]
fn set_overrides_a_lever_and_changes_the_projection() {
    let path = shipped("norfolk_2014_do_nothing.ron");
    let plain = run(&["run", path.to_str().unwrap()]);
    let pulled = run(&[
        "run",
        path.to_str().unwrap(),
        "--set",
        "levers.front_door.value=20",
        "--set",
        "levers.front_door.start=2014-06",
    ]);
    assert_eq!(pulled.status.code(), Some(0), "{}", stderr(&pulled));
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let pulled: serde_json::Value = serde_json::from_slice(&pulled.stdout).unwrap();
    let end = |v: &serde_json::Value| v["months"][35]["looked_after"].as_f64().unwrap();
    assert!(end(&pulled) < end(&plain) - 50.0);
    assert_eq!(pulled["months"][0]["investment_gbp"].as_f64().unwrap(), 0.0);
    assert!(pulled["months"][2]["investment_gbp"].as_f64().unwrap() > 0.0);
}

#[test]
fn set_refuses_bad_paths_types_and_ranges() {
    let path = shipped("norfolk_2014_do_nothing.ron");
    let path = path.to_str().unwrap();
    for (assignment, expected) in [
        ("levers.front_door.valu=20", "no field `valu`"),
        ("levers.nothing.value=20", "no field `nothing`"),
        (
            "levers.front_door.value=120",
            "levers.front_door.value is 120",
        ),
        ("levers.front_door.value=120", "0 to 50"),
        ("levers.front_door.value=lots", "levers.front_door.value"),
        ("levers.front_door.value=nan", "levers.front_door.value"),
        ("levers.front_door.start=2014-13", "not a month"),
        ("horizon_years=0", "horizon_years"),
        ("no_equals_sign", "PATH=VALUE"),
    ] {
        let output = run(&["run", path, "--set", assignment]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{assignment}: {message}");
        assert!(
            message.contains(expected),
            "{assignment}: `{expected}` not in {message}"
        );
    }
}

#[test]
fn missing_file_and_bad_arguments_exit_2() {
    let output = run(&["check", "/no/such/scenario.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/no/such/scenario.ron"));
    let output = run(&["run"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["run", "x.ron", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_empty_file_is_refused() {
    assert_bad_input("empty.ron", b"", &["empty"]);
    assert_bad_input("blank.ron", b"  \n\n", &["empty"]);
}

#[test]
fn a_binary_file_is_refused() {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13];
    bytes.extend((0..=255u8).cycle().take(2000));
    assert_bad_input("picture.ron", &bytes, &["binary"]);
    assert_bad_input("latin1.ron", &[b'(', 0xE9, 0xFF, b')'], &["UTF-8"]);
}

#[test]
fn a_truncated_file_names_line_and_column() {
    let text = norfolk_text();
    // Cut after a whole line half way through, so the end of the text is a known line.
    let lines: Vec<&str> = text.lines().collect();
    let kept = lines.len() / 2;
    let cut = lines[..kept].join("\n") + "\n";
    assert_bad_input("truncated.ron", cut.as_bytes(), &["Unexpected end"]);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("truncated_again.ron");
    std::fs::write(&path, cut.as_bytes()).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    let message = stderr(&output);
    // "FILE:LINE:COLUMN: ...": the line is where the text ran out (the last kept line, or the
    // one after it if that was a comment).
    let position = message
        .split("truncated_again.ron:")
        .nth(1)
        .unwrap_or_default();
    let line: usize = position
        .split(':')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or(0);
    assert!(
        (kept.saturating_sub(3)..=kept + 1).contains(&line),
        "line {line} of {kept}: {message}"
    );
}

#[test]
fn a_wrong_type_is_refused_with_its_position() {
    let text = norfolk_text().replacen("horizon_years: 3,", "horizon_years: \"three\",", 1);
    let line = text
        .lines()
        .position(|l| l.contains("horizon_years"))
        .unwrap()
        + 1;
    assert_bad_input("wrong_type.ron", text.as_bytes(), &[&format!(":{line}:")]);
    let text = norfolk_text().replacen("per_year: 442.0,", "per_year: (),", 1);
    assert_bad_input("wrong_type_2.ron", text.as_bytes(), &["per_year"]);
}

#[test]
fn a_missing_required_field_is_named() {
    let text = norfolk_text().replacen("    horizon_years: 3,\n", "", 1);
    assert_bad_input("missing.ron", text.as_bytes(), &["horizon_years"]);
}

#[test]
fn optional_fields_may_be_left_out() {
    let text = norfolk_text()
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("author:")
                && !l.trim_start().starts_with("description:")
                && !l.trim_start().starts_with("target:")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace(" end: None,", "");
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("older.ron");
    std::fs::write(&path, text).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn out_of_range_values_name_field_value_and_range() {
    let text = norfolk_text().replacen(
        "children_per_household: 1.6,",
        "children_per_household: 40.0,",
        1,
    );
    assert_bad_input(
        "range.ron",
        text.as_bytes(),
        &["fostering.children_per_household", "40", "0.1 to 10"],
    );
    let text = norfolk_text().replacen("per_year: 442.0,", "per_year: -5.0,", 1);
    assert_bad_input("negative.ron", text.as_bytes(), &["entries.per_year", "-5"]);
    let text = norfolk_text().replacen("horizon_years: 3,", "horizon_years: 11,", 1);
    assert_bad_input(
        "horizon.ron",
        text.as_bytes(),
        &["horizon_years", "11", "1 to 10"],
    );
}

#[test]
fn nan_infinite_and_huge_values_are_refused() {
    let text = norfolk_text().replacen("per_year: 442.0,", "per_year: NaN,", 1);
    assert_bad_input("nan.ron", text.as_bytes(), &["entries.per_year", "NaN"]);
    let text = norfolk_text().replacen("per_year: 442.0,", "per_year: inf,", 1);
    assert_bad_input(
        "inf.ron",
        text.as_bytes(),
        &["entries.per_year", "infinity"],
    );
    let text = norfolk_text().replacen("per_year: 442.0,", "per_year: 1e300,", 1);
    assert_bad_input("huge.ron", text.as_bytes(), &["entries.per_year"]);
    let text = norfolk_text().replacen(
        "horizon_years: 3,",
        "horizon_years: 99999999999999999999,",
        1,
    );
    assert_bad_input("huge_int.ron", text.as_bytes(), &["huge_int.ron:"]);
}

#[test]
fn percentages_that_do_not_add_up_are_refused() {
    let text = norfolk_text().replacen("age_0_to_4: 40.0,", "age_0_to_4: 50.0,", 1);
    assert_bad_input(
        "shares.ron",
        text.as_bytes(),
        &["entries.age_percent", "100"],
    );
}

#[test]
fn a_newer_version_is_refused_and_unknown_fields_are_reported() {
    let text = norfolk_text().replacen("version: 5,", "version: 6,", 1);
    assert_bad_input("newer.ron", text.as_bytes(), &["version", "newer"]);
    let text = norfolk_text().replacen(
        "horizon_years: 3,",
        "horizon_years: 3,\n    colour: \"blue\",",
        1,
    );
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("unknown.ron");
    std::fs::write(&path, text).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("unknown field `colour`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn new_and_import_refuse_names_windows_reserves_and_bad_files_with_exit_2() {
    let folder = tempfile::tempdir().unwrap();
    let reserved = folder.path().join("CON.carelevers");
    let output = run(&[
        "new",
        "--council",
        "Norfolk",
        "--out",
        reserved.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("reserves the name CON"),
        "{}",
        stderr(&output)
    );
    assert!(!reserved.exists());

    // Spaces, accents and emoji are fine.
    let fine = folder.path().join("Plan für Cabinet ✅.carelevers");
    let output = run(&[
        "new",
        "--council",
        "Norfolk",
        "--out",
        fine.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run(&["check", fine.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // A binary file given to `import` is refused by name.
    let binary = folder.path().join("episodes.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let out = folder.path().join("imported.carelevers");
    let output = run(&[
        "import",
        binary.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("episodes.csv"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

/// A council's scenario has no budget: `run` gives null budget and overspend; `--set` enters
/// one for a year (docs/model.md 3.2), and then the overspend is worked out.
#[test]
fn a_councils_budget_is_null_until_set_for_a_year() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("barnsley.carelevers");
    let made = run(&[
        "new",
        "--council",
        "Barnsley",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let years = |set: &[&str]| {
        let mut args = vec!["run", file.to_str().unwrap()];
        args.extend_from_slice(set);
        let output = run(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["years"].clone()
    };
    let none = years(&[]);
    assert!(none[0]["budget_gbp"].is_null());
    assert!(none[0]["overspend_gbp"].is_null());
    let entered = years(&["--set", "budget.by_financial_year_gbp.\"2025-26\"=30000000"]);
    assert_eq!(entered[0]["budget_gbp"], 30_000_000.0);
    let spend = entered[0]["spend_gbp"].as_f64().unwrap();
    let overspend = entered[0]["overspend_gbp"].as_f64().unwrap();
    assert!((overspend - (spend - 30_000_000.0)).abs() < 1e-3);
    // A key that is not a financial year is still refused.
    let bad = run(&[
        "run",
        file.to_str().unwrap(),
        "--set",
        "budget.by_financial_year_gbp.\"next year\"=1",
    ]);
    assert!(!bad.status.success());
}

/// A scenario's monitoring (issue 32) that breaks a rule is refused naming the field; a saving
/// from no known line, or a saved forecast on no real day, is refused in words.
#[test]
fn bad_monitoring_in_a_file_is_refused_naming_the_field() {
    let with = |monitoring: &str| {
        norfolk_text().replacen(
            "\n    sources:",
            &format!("\n    monitoring: {monitoring},\n    sources:"),
            1,
        )
    };
    let text = with(
        "(savings: [(line: lever(early_help), financial_year: \"2015-16\", planned_gbp: -5.0)])",
    );
    assert_bad_input(
        "negative_saving.ron",
        text.as_bytes(),
        &["monitoring.savings.0.planned_gbp", "-5"],
    );
    let text =
        with("(savings: [(line: lever(magic), financial_year: \"2015-16\", planned_gbp: 5.0)])");
    assert_bad_input("unknown_lever.ron", text.as_bytes(), &["magic"]);
    let text = with("(other_income_gbp: -1.0)");
    assert_bad_input(
        "negative_income.ron",
        text.as_bytes(),
        &["monitoring.other_income_gbp"],
    );
    let text = with(
        "(snapshots: [(as_at: \"2015-02-30\", financial_year: \"2014-15\", spend_to_date_gbp: 1.0, \
         committed_gbp: 1.0, new_placements_gbp: 0.0, income_gbp: 0.0, forecast_gbp: 2.0, \
         by_type_gbp: (in_house_foster: 0.0, ifa: 0.0, kinship: 0.0, residential: 0.0, \
         supported: 0.0, with_parents_other: 0.0), open_placements: 1)])",
    );
    assert_bad_input(
        "bad_day.ron",
        text.as_bytes(),
        &["2015-02-30", "not a date"],
    );
}
