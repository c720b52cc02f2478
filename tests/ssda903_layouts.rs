//! SSDA903 returns laid out as councils keep them (issue 20): a folder of year folders, a folder
//! of files, a zip of either, and a mix, all read to the same scenario.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::ssda903::simulate::{Simulation, SimulationSettings, simulate};
use care_levers::io::ssda903::{ImportOptions, import, read_paths};
use care_levers::model::episodes::EpisodeFitOptions;
use care_levers::model::{Scenario, project};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn simulation() -> Simulation {
    simulate(&SimulationSettings::typical(11, 300.0, (2016, 2021)))
}

fn options() -> ImportOptions {
    ImportOptions {
        fit: EpisodeFitOptions::default(),
        ..Default::default()
    }
}

/// Children in care month by month: the same input gives exactly the same projection.
fn counts(scenario: &Scenario) -> Vec<f64> {
    project(scenario)
        .months
        .iter()
        .map(|m| m.looked_after)
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A zip holding `entries` (name, text).
fn zip(path: &Path, entries: &[(String, &str)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn every_layout_councils_use_reads_to_the_same_scenario() {
    let sim = simulation();
    let expected = counts(
        &import(&sim.files(2016..=2021), &options())
            .unwrap()
            .scenario,
    );
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();

    // 1. One folder per collection year, as cs-demand-model and Social Finance's tools read.
    let years = root.join("year_folders");
    for (year, header, episodes) in &sim.returns {
        write(&years.join(year.to_string()).join("header.csv"), header);
        write(&years.join(year.to_string()).join("episodes.csv"), episodes);
    }
    // 2. One folder of files.
    let flat = root.join("flat");
    for (year, header, episodes) in &sim.returns {
        write(&flat.join(format!("header_{year}.csv")), header);
        write(&flat.join(format!("episodes_{year}.csv")), episodes);
    }
    // 3. A zip of year folders, and 4. a zip of files.
    let mut in_folders = Vec::new();
    let mut flat_entries = Vec::new();
    for (year, header, episodes) in &sim.returns {
        in_folders.push((format!("returns/{year}/header.csv"), header.as_str()));
        in_folders.push((format!("returns/{year}/episodes.csv"), episodes.as_str()));
        flat_entries.push((format!("header_{year}.csv"), header.as_str()));
        flat_entries.push((format!("episodes_{year}.csv"), episodes.as_str()));
    }
    let zipped_folders = root.join("returns.zip");
    zip(&zipped_folders, &in_folders);
    let zipped_flat = root.join("flat.zip");
    zip(&zipped_flat, &flat_entries);
    // 5. A mix: the first years in year folders, the rest in a zip beside them.
    let mix = root.join("mix");
    let mut zipped_rest = Vec::new();
    for (year, header, episodes) in &sim.returns {
        if *year <= 2018 {
            write(&mix.join(year.to_string()).join("header.csv"), header);
            write(&mix.join(year.to_string()).join("episodes.csv"), episodes);
        } else {
            zipped_rest.push((format!("{year}/header.csv"), header.as_str()));
            zipped_rest.push((format!("{year}/episodes.csv"), episodes.as_str()));
        }
    }
    zip(&mix.join("later.zip"), &zipped_rest);

    for (layout, paths) in [
        ("year folders", vec![years.clone()]),
        ("a folder of files", vec![flat]),
        ("a zip of year folders", vec![zipped_folders]),
        ("a zip of files", vec![zipped_flat]),
        ("a mix of folders and a zip", vec![mix]),
    ] {
        let files = read_paths(&paths).unwrap_or_else(|e| panic!("{layout}: {e}"));
        assert_eq!(files.len(), sim.returns.len() * 2, "{layout}");
        let imported = import(&files, &options()).unwrap_or_else(|e| panic!("{layout}: {e}"));
        assert_eq!(counts(&imported.scenario), expected, "{layout}");
    }

    // Files with the same name in different year folders stay apart in the summary.
    let files = read_paths(std::slice::from_ref(&years)).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"year_folders/2016/header.csv"), "{names:?}");
    assert!(
        names.contains(&"year_folders/2021/episodes.csv"),
        "{names:?}"
    );

    // The command line takes the folder of year folders as it is.
    let out = root.join("imported.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .arg("import")
        .arg(&years)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.exists());
}

#[test]
fn folders_and_zips_with_no_return_are_refused_by_name() {
    let folder = tempfile::tempdir().unwrap();
    let empty: PathBuf = folder.path().join("nothing");
    std::fs::create_dir_all(empty.join("2019")).unwrap();
    std::fs::write(empty.join("2019").join("notes.txt"), "no csv here").unwrap();
    let message = read_paths(&[empty]).unwrap_err().to_string();
    assert!(message.contains("nothing: no .csv files"), "{message}");
    let not_a_zip = folder.path().join("broken.zip");
    std::fs::write(&not_a_zip, "this is not a zip").unwrap();
    let message = read_paths(&[not_a_zip]).unwrap_err().to_string();
    assert!(
        message.contains("broken.zip") && message.contains("not a readable zip"),
        "{message}"
    );
}
