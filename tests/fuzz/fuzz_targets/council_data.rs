//! Any bytes in place of one of the shipped council tables (the first byte picks the table and
//! the council to fit): reading never panics; the fit is valid or refused with a message.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::council_data(data));
