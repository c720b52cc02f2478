//! Readers that cannot be made to eat the machine (issue 32, section 4): a zip of repeated rows
//! far larger unzipped than any council's return is refused in words, within seconds, without
//! the import holding what it would unzip. Alone in its test binary, so that the memory it reads
//! back is its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::ssda903::{ImportError, MAX_INPUT_BYTES, read_paths};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

const EPISODES_HEADER: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
const EPISODE_ROW: &str = "1001,01/04/2016,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 3CD,SC123456\n";

/// A zip of `files` episode files (no header file), each `megabytes` MB of the same row
/// unzipped: a few hundred KB zipped.
fn repeated_rows_zip(path: &Path, files: usize, megabytes: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    let block = EPISODE_ROW.repeat(1024 * 1024 / EPISODE_ROW.len());
    for year in 0..files {
        writer
            .start_file(format!("episodes_{}.csv", 2016 + year), options)
            .unwrap();
        writer.write_all(EPISODES_HEADER.as_bytes()).unwrap();
        for _ in 0..megabytes {
            writer.write_all(block.as_bytes()).unwrap();
        }
    }
    writer.finish().unwrap();
}

/// The most memory this process has held, in MB (Linux; none elsewhere).
fn peak_megabytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024)
}

#[test]
fn a_zip_of_repeated_rows_is_refused_in_words_within_seconds() {
    let folder = tempfile::tempdir().unwrap();
    let hostile = folder.path().join("returns.zip");
    // Six episode files of 100 MB each: 600 MB unzipped, above the limit, and no header file.
    repeated_rows_zip(&hostile, 6, 100);
    let zipped = std::fs::metadata(&hostile).unwrap().len();
    assert!(zipped < 20 * 1024 * 1024, "{zipped} bytes zipped");
    const { assert!(600 * 1024 * 1024 > MAX_INPUT_BYTES) };

    let before = peak_megabytes();
    let started = Instant::now();
    let refused = read_paths(std::slice::from_ref(&hostile)).unwrap_err();
    let took = started.elapsed();
    assert!(matches!(refused, ImportError::TooLarge { .. }), "{refused}");
    let words = refused.to_string();
    assert!(
        words.contains("returns.zip") || words.contains("6 files"),
        "{words}"
    );
    assert!(words.contains("more than the 256 MB"), "{words}");
    // Refused from the zip's own directory and the files' first lines: nothing unzipped whole.
    assert!(took.as_secs_f64() < 5.0, "took {took:?}");
    if let (Some(before), Some(after)) = (before, peak_megabytes()) {
        assert!(
            after < before + 100,
            "peak memory {before} MB, then {after} MB"
        );
    }

    // Under the limit but with no header file: refused just as fast, by name.
    let small = folder.path().join("episodes_only.zip");
    repeated_rows_zip(&small, 2, 20);
    let started = Instant::now();
    let refused = read_paths(&[small]).unwrap_err();
    assert!(matches!(refused, ImportError::NoHeader), "{refused}");
    assert!(started.elapsed().as_secs_f64() < 5.0);
    if let (Some(before), Some(after)) = (before, peak_megabytes()) {
        assert!(
            after < before + 100,
            "peak memory {before} MB, then {after} MB"
        );
    }
}

/// A header and an episodes file of more rows than any council's return: refused by the row
/// limit, in words, within seconds.
#[test]
fn a_file_of_more_rows_than_any_return_is_refused() {
    use care_levers::io::ssda903::read::MAX_ROWS_PER_FILE;
    let folder = tempfile::tempdir().unwrap();
    let zip_path = folder.path().join("return.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    writer.start_file("header.csv", options).unwrap();
    writer
        .write_all(b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,01/01/2010,WBRI,,,\n")
        .unwrap();
    writer.start_file("episodes.csv", options).unwrap();
    writer.write_all(EPISODES_HEADER.as_bytes()).unwrap();
    let block = EPISODE_ROW.repeat(10_000);
    for _ in 0..(MAX_ROWS_PER_FILE / 10_000 + 1) {
        writer.write_all(block.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    let started = Instant::now();
    let files = read_paths(&[zip_path]).unwrap();
    let options = care_levers::io::ssda903::ImportOptions::default();
    let refused = care_levers::io::ssda903::import(&files, &options).unwrap_err();
    assert!(
        refused.to_string().contains("more than a million rows"),
        "{refused}"
    );
    assert!(started.elapsed().as_secs_f64() < 10.0);
}
