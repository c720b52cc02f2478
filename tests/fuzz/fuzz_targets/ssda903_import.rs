//! Any bytes as SSDA903 returns: split at the first byte 0xFF into a header file and an episodes
//! file (or one file if there is none). Reading, cleaning and fitting never panic, and an import
//! that succeeds gives a valid scenario.
#![no_main]

use care_levers::io::ssda903::{ImportOptions, InputFile, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<InputFile> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| InputFile {
            name: format!("fuzz-{i}.csv"),
            bytes: bytes.to_vec(),
        })
        .collect();
    if let Ok(imported) = import(&files, &ImportOptions::default()) {
        assert!(imported.scenario.validate().is_ok());
    }
});
