//! Every input the fuzzers found a fault with (tests/data/fuzz/TARGET-what.bin), replayed
//! through the same checks as the fuzz targets (tests/fuzz/checks.rs), so a fault once fixed
//! stays fixed. See docs/files.md for the fuzzing itself.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

#[path = "fuzz/checks.rs"]
mod checks;

use care_levers::io::ssda903::{ImportOptions, import};
use std::path::Path;

fn findings() -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_kept_finding_passes_its_targets_checks() {
    let found = findings();
    assert!(!found.is_empty());
    for (name, bytes) in found {
        let target = name.split('-').next().unwrap();
        match target {
            "scenario_file" => checks::scenario_file(&bytes),
            "set_override" => checks::set_override(&bytes),
            "council_data" => checks::council_data(&bytes),
            "ssda903_import" => checks::ssda903_import(&bytes),
            "placement_list" => checks::placement_list(&bytes),
            other => panic!("{name}: no fuzz target called {other}"),
        }
    }
}

/// The first finding: a few simulated children aged 10 and over, all of whom entered care in a
/// residential home, gave a share of 100%, above the model's 60%, and an import that could not
/// be saved. Now the share is set to 60% and the summary says so.
#[test]
fn a_fitted_share_above_the_models_limit_is_capped_and_said() {
    let (_, bytes) = findings()
        .into_iter()
        .find(|(name, _)| name == "ssda903_import-residential-share-100.bin")
        .unwrap();
    let imported = import(&checks::ssda903_files(&bytes), &ImportOptions::default()).unwrap();
    assert!(imported.scenario.validate().is_ok());
    assert_eq!(imported.scenario.entries.residential_percent_10_plus, 60.0);
    let notes = imported.summary.lines().join("\n");
    assert!(
        notes.contains("entries.residential_percent_10_plus: the data give 100"),
        "{notes}"
    );
}
