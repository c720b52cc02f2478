//! Any bytes as SSDA903 returns: split at the first byte 0xFF into a header file and an episodes
//! file (or one file if there is none). Reading, cleaning and fitting never panic, and an import
//! that succeeds gives a valid scenario.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ssda903_import(data));
