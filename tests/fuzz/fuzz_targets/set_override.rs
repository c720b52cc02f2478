//! Any text as `--set PATH=VALUE` lines, applied to the shipped Norfolk scenario: never panics,
//! and what is accepted is a valid scenario that projects.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::set_override(data));
