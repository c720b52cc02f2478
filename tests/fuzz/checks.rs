//! What each fuzz target checks for one input, shared by the targets (fuzz_targets/) and by
//! the regression test that replays every finding kept in tests/data/fuzz/ (tests/fuzz_findings.rs).
//! Each function panics when the input shows a fault.

#![allow(dead_code, clippy::expect_used)] // Each includer uses some; a panic is a finding.

use care_levers::data::councils::{CouncilData, CouncilTables};
use care_levers::io::councils::scenario_for_council_in;
use care_levers::io::ssda903::{ImportOptions, InputFile, import};
use care_levers::io::{overrides, scenario_file};
use care_levers::model::{Scenario, project};
use std::sync::OnceLock;

/// Any bytes as a scenario file: loading never panics; what loads is valid, projects, and
/// survives a save and a reload unchanged.
pub fn scenario_file(data: &[u8]) {
    let Ok(loaded) = scenario_file::parse_bytes(data, "fuzz.carelevers") else {
        return;
    };
    let scenario = loaded.scenario;
    assert!(scenario.validate().is_ok());
    let _ = project(&scenario);
    let text = scenario_file::to_text(&scenario).expect("a valid scenario turns into text");
    let again = scenario_file::parse(&text, "saved again")
        .expect("a saved scenario opens again")
        .scenario;
    assert_eq!(again, scenario, "a save and reload changes nothing");
}

/// Any text as `--set PATH=VALUE` lines, applied to the shipped Norfolk scenario: never
/// panics, and what is accepted is a valid scenario that projects.
pub fn set_override(data: &[u8]) {
    static NORFOLK: OnceLock<Scenario> = OnceLock::new();
    let norfolk = NORFOLK.get_or_init(|| scenario_file::norfolk_2014().expect("built in"));
    let text = String::from_utf8_lossy(data);
    let assignments: Vec<String> = text.lines().map(str::to_string).collect();
    if let Ok(changed) = overrides::apply(norfolk, &assignments) {
        assert!(
            changed.validate().is_ok(),
            "accepted but invalid: {assignments:?}"
        );
        let _ = project(&changed);
    }
}

/// The shipped council tables cut to their first 20 councils, as the tables the fuzzed one sits
/// among: reading all five whole takes about 0.8 s with AddressSanitizer, near the 1 s the
/// fuzzer allows an input, so the whole tables would hide a slow input among slow normal ones.
fn background_tables() -> &'static [String; 5] {
    static TABLES: OnceLock<[String; 5]> = OnceLock::new();
    TABLES.get_or_init(|| {
        let shipped = CouncilTables::SHIPPED;
        let first_field = |line: &str| line.split(',').next().unwrap_or_default().to_string();
        let kept: Vec<String> = shipped
            .councils
            .lines()
            .skip(1)
            .take(20)
            .map(first_field)
            .collect();
        let cut = |table: &str| -> String {
            table
                .lines()
                .enumerate()
                .filter(|(i, line)| *i == 0 || kept.contains(&first_field(line)))
                .map(|(_, line)| format!("{line}\n"))
                .collect()
        };
        [
            cut(shipped.councils),
            cut(shipped.looked_after),
            cut(shipped.starts),
            cut(shipped.ceased),
            cut(shipped.spend),
        ]
    })
}

/// Any bytes in place of one of the council tables (the first byte picks which table, and
/// which council to fit), among the other tables cut to 20 councils: reading never panics, and
/// the council is fitted to a valid scenario or refused with a message.
pub fn council_data(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let [councils, looked_after, starts, ceased, spend] = background_tables();
    let mut tables = CouncilTables {
        councils,
        looked_after,
        starts,
        ceased,
        spend,
    };
    match which % 5 {
        0 => tables.councils = text,
        1 => tables.looked_after = text,
        2 => tables.starts = text,
        3 => tables.ceased = text,
        _ => tables.spend = text,
    }
    let Ok(councils) = CouncilData::from_tables(&tables) else {
        return;
    };
    let all = councils.councils();
    if all.is_empty() {
        return;
    }
    let council = &all[usize::from(which / 5) % all.len()];
    if let Ok(fitted) = scenario_for_council_in(&councils, &council.code, None) {
        assert!(
            fitted.scenario.validate().is_ok(),
            "{}: {:?}",
            council.code,
            fitted.scenario.validate()
        );
    }
}

/// Any bytes as SSDA903 returns, split at each byte 0xFF into up to four files: reading,
/// cleaning and fitting never panic, and an import that succeeds gives a valid scenario.
pub fn ssda903_import(data: &[u8]) {
    if let Ok(imported) = import(&ssda903_files(data), &ImportOptions::default()) {
        assert!(
            imported.scenario.validate().is_ok(),
            "{:?}",
            imported.scenario.validate()
        );
    }
}

/// The fuzz input split into SSDA903 files at each byte 0xFF (at most four files).
pub fn ssda903_files(data: &[u8]) -> Vec<InputFile> {
    data.split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| InputFile {
            name: format!("fuzz-{i}.csv"),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// Any bytes as a placement list: reading never panics; what is read forecasts to finite
/// figures, and every placement kept has a weekly cost of £0 or more and no end before its start.
pub fn placement_list(data: &[u8]) {
    use care_levers::model::outturn::{ForecastInputs, NewPlacements, forecast};
    let Ok(list) = care_levers::io::placement_list::read("fuzz.csv", data) else {
        return;
    };
    for placement in &list.placements {
        assert!(placement.weekly_cost_gbp >= 0.0 && placement.weekly_cost_gbp.is_finite());
        assert!(placement.end.is_none_or(|end| end >= placement.start));
    }
    let inputs = ForecastInputs {
        financial_year: care_levers::model::FinancialYear { start_year: 2025 },
        as_at: care_levers::model::episodes::Date::from_ymd(2025, 9, 30).expect("a real day"),
        spend_to_date_gbp: None,
        new_placements: NewPlacements {
            per_month: 2.0,
            weekly_cost_gbp: 1_000.0,
            cost_share_by_type: None,
        },
        other_income_gbp: 0.0,
        budget_gbp: Some(1_000_000.0),
    };
    let result = forecast(&list.placements, &inputs);
    assert!(result.forecast_gbp.is_finite(), "{result:?}");
}
