//! Any bytes as a scenario file: loading never panics; what loads is valid, projects, and
//! survives a save and a reload unchanged.
#![no_main]

use care_levers::io::scenario_file;
use care_levers::model::project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
