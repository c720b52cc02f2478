//! Any bytes as a scenario file: loading never panics; what loads is valid, projects, and
//! survives a save and a reload unchanged.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::scenario_file(data));
