//! Any bytes as a placement list (CSV): reading never panics and what is read forecasts to
//! finite figures.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::placement_list(data));
