//! Any text as `--set PATH=VALUE` lines, applied to the shipped Norfolk scenario: never panics,
//! and what is accepted is a valid scenario that projects.
#![no_main]

use care_levers::io::{overrides, scenario_file};
use care_levers::model::project;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static NORFOLK: OnceLock<care_levers::model::Scenario> = OnceLock::new();
    let norfolk = NORFOLK.get_or_init(|| scenario_file::norfolk_2014().expect("built in"));
    let text = String::from_utf8_lossy(data);
    let assignments: Vec<String> = text.lines().map(str::to_string).collect();
    if let Ok(changed) = overrides::apply(norfolk, &assignments) {
        assert!(changed.validate().is_ok(), "accepted but invalid: {assignments:?}");
        let _ = project(&changed);
    }
});
