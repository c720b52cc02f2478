//! Similar councils (issue 20): a council's rates beside its DfE statistical neighbours'.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Reads a shipped council table into (code, year) → (column → value).
fn table(name: &str) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/councils")
        .join(name);
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let values: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect();
        rows.insert((record[0].to_string(), record[1].to_string()), values);
    }
    rows
}

#[test]
fn norfolks_2014_rate_beside_its_neighbours_matches_a_hand_computation() {
    // By hand from the CSVs: children looked after at 31 March 2014 per 10,000 children aged
    // 0-17 at mid-2013 (DfE's convention).
    let looked_after = table("looked_after.csv");
    let population = table("population.csv");
    let rate = |code: &str| -> Option<f64> {
        let count: f64 = looked_after
            .get(&(code.to_string(), "2014".to_string()))?
            .get("total")?
            .parse()
            .ok()?;
        let children: f64 = population
            .get(&(code.to_string(), "2013".to_string()))?
            .get("population_0_17")?
            .parse()
            .ok()?;
        Some(count / children * 10_000.0)
    };
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/councils/statistical_neighbours.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut ranked: Vec<(u32, String)> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "926")
        .map(|r| (r[1].parse().unwrap(), r[2].to_string()))
        .collect();
    ranked.sort();
    assert_eq!(ranked.len(), 10);
    let mut rates: Vec<f64> = ranked.iter().filter_map(|(_, code)| rate(code)).collect();
    rates.sort_by(f64::total_cmp);
    let n = rates.len();
    let median = if n % 2 == 1 {
        rates[n / 2]
    } else {
        (rates[n / 2 - 1] + rates[n / 2]) / 2.0
    };
    let norfolk = rate("926").unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(["neighbours", "Norfolk", "--at", "2014", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rates_2014 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["measure"] == "LookedAfterRate")
        .unwrap();
    let year = rates_2014["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2014)
        .unwrap();
    assert!((year["council"].as_f64().unwrap() - norfolk).abs() < 1e-9);
    assert!((year["median"].as_f64().unwrap() - median).abs() < 1e-9);
    assert_eq!(year["neighbours_published"], n);
    let names: Vec<&str> = rates_2014["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| pair[0].as_str().unwrap())
        .collect();
    let codes: Vec<&str> = ranked.iter().map(|(_, code)| code.as_str()).collect();
    assert_eq!(names, codes);
    // "Far more than authorities of a similar size" (seed 000): about 70 against 49.
    assert!(norfolk > median + 15.0, "{norfolk} against {median}");
    let words = rates_2014["words"].as_str().unwrap();
    assert!(
        words.starts_with("At 31 March 2014 Norfolk had 69.6 children in care per 10,000 children"),
        "{words}"
    );
    assert!(words.contains("fewer children in care"), "{words}");
}

#[test]
fn a_council_with_no_neighbours_listed_is_told_why() {
    use care_levers::data::councils::{CouncilData, CouncilTables};
    use care_levers::model::neighbours::Measure;
    // The tables without the neighbours list: every council is unlisted.
    let data = CouncilData::from_tables(&CouncilTables::SHIPPED).unwrap();
    let error = data
        .compare_with_neighbours("926", Measure::LookedAfterRate)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("Norfolk is not in DfE's list of statistical neighbours"),
        "{error}"
    );
    // Every council with a count is in the shipped list.
    let shipped = CouncilData::shipped().unwrap();
    for council in shipped.councils_with_counts() {
        assert_eq!(
            shipped.neighbours_of(&council.code).len(),
            10,
            "{}",
            council.name
        );
    }
}
