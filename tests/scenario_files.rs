//! Scenario files: save and load round trips, and saves that fail safely.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file::{self, ScenarioFileError};

#[test]
fn save_then_load_gives_the_same_scenario() {
    let mut scenario = scenario_file::norfolk_2014().unwrap();
    scenario.name = "Cabinet's plan: \"early help\" first".into();
    scenario.description = "Line one\nLine two, with a £ sign".into();
    scenario.levers.early_help.value = 3_250_000.5;
    scenario.levers.early_help.end = Some("2016-03".parse().unwrap());
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("plan.ron");
    scenario_file::save(&path, &scenario).unwrap();
    let loaded = scenario_file::load(&path).unwrap();
    assert_eq!(loaded.scenario, scenario);
    assert!(loaded.unknown_fields.is_empty());
    // Saving again over the file replaces it and leaves no temporary files behind.
    scenario.levers.front_door.value = 12.5;
    scenario_file::save(&path, &scenario).unwrap();
    assert_eq!(scenario_file::load(&path).unwrap().scenario, scenario);
    let names: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["plan.ron".to_string()]);
}

#[test]
fn a_failed_save_reports_the_path_and_leaves_the_old_file_whole() {
    let scenario = scenario_file::norfolk_2014().unwrap();
    let folder = tempfile::tempdir().unwrap();
    // The target is a folder with something in it, so the final rename must fail.
    let target = folder.path().join("taken.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "old").unwrap();
    let error = scenario_file::save(&target, &scenario).unwrap_err();
    let ScenarioFileError::Save(failed) = &error else {
        panic!("not a failed save: {error:?}");
    };
    assert_eq!(failed.kept, care_levers::io::durable::Kept::Old);
    assert!(error.to_string().contains("taken.ron"), "{error}");
    assert!(error.to_string().contains("unchanged"), "{error}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "old"
    );
    let leftovers = std::fs::read_dir(folder.path()).unwrap().count();
    assert_eq!(leftovers, 1, "the temporary file was not removed");
    // A folder that does not exist.
    let missing = folder.path().join("no_such_folder").join("plan.ron");
    let error = scenario_file::save(&missing, &scenario).unwrap_err();
    assert!(error.to_string().contains("no_such_folder"), "{error}");
}

#[test]
fn saved_files_are_readable_text_with_a_header() {
    let scenario = scenario_file::norfolk_2014().unwrap();
    let text = scenario_file::to_text(&scenario).unwrap();
    assert!(text.starts_with("// Care Levers scenario file"));
    // The same bytes on every platform: no "\r\n" from ron's Windows default.
    assert!(!text.contains('\r'));
    assert!(text.contains("version: 5"));
    assert!(text.contains("start_month: \"2014-04\""));
    assert!(text.contains("\"2014-15\": 24500000.0"));
}
