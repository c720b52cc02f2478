//! Work that must go on whatever the window shows: with the window minimised eframe 0.37 runs no
//! `ui` pass and calls `App::logic` instead. Through kittest's eframe path (the app as eframe
//! runs it), then with `logic` alone: lock files are still refreshed and recovery copies still
//! written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use care_levers::app::{CareLeversApp, RecoveryStore};
use care_levers::io::{lock, scenario_file};
use care_levers::model::{Edit, LeverKind};
use common::FakeDialogs;
use egui_kittest::Harness;
use std::sync::Arc;
use std::time::Duration;

const INTERVAL: Duration = Duration::from_millis(150);

/// `App::logic` with no `ui` pass, as eframe calls it for a minimised window.
fn logic_only(harness: &mut Harness<'static, CareLeversApp>) {
    let ctx = harness.ctx.clone();
    let mut frame = eframe::Frame::_new_kittest();
    eframe::App::logic(harness.state_mut(), &ctx, &mut frame);
}

#[test]
fn a_minimised_window_keeps_its_lock_and_recovery_copies_going() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("plan.ron");
    scenario_file::save(&path, &scenario_file::norfolk_2014().unwrap()).unwrap();
    let recovery_folder = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(recovery_folder.path().to_path_buf());

    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| {
            CareLeversApp::with_services(
                scenario_file::norfolk_2014().unwrap(),
                Arc::new(FakeDialogs::default()),
                Some(store),
            )
            .with_bands(false)
            .with_background_intervals(INTERVAL, INTERVAL)
        });
    harness.state_mut().open_file(&path, false);
    harness.run_steps(2);
    let lock_file = lock::lock_path(&path);
    assert!(
        lock_file.is_file(),
        "the lock is taken while the window is shown"
    );

    // Unsaved work, then the window is minimised: from here on, only `logic` runs.
    harness
        .state_mut()
        .apply(Edit::LeverValue(LeverKind::FrontDoor, 20.0));
    let copies = || {
        std::fs::read_dir(recovery_folder.path())
            .map(|entries| entries.count())
            .unwrap_or(0)
    };
    assert_eq!(copies(), 0, "no copy before the edit reaches logic");
    logic_only(&mut harness);
    assert_eq!(copies(), 1, "the first copy is written at once");

    // A lock file removed behind the window's back (as a colleague's clean-up might) is put
    // back by the next refresh, and a held lock is rewritten on time, with no `ui` pass.
    std::fs::remove_file(&lock_file).unwrap();
    logic_only(&mut harness);
    assert!(
        !lock_file.is_file(),
        "the disk is not checked before a refresh is due"
    );
    std::thread::sleep(INTERVAL * 2);
    logic_only(&mut harness);
    assert!(lock_file.is_file(), "the lock is rewritten while minimised");
    let written = std::fs::metadata(&lock_file).unwrap().modified().unwrap();
    std::thread::sleep(INTERVAL * 2);
    logic_only(&mut harness);
    let rewritten = std::fs::metadata(&lock_file).unwrap().modified().unwrap();
    assert!(rewritten > written, "{written:?} then {rewritten:?}");

    // The recovery copy follows a further edit made before the window was hidden.
    let copy = std::fs::read_dir(recovery_folder.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = std::fs::read_to_string(&copy).unwrap();
    harness
        .state_mut()
        .apply(Edit::LeverValue(LeverKind::FrontDoor, 30.0));
    std::thread::sleep(INTERVAL * 2);
    logic_only(&mut harness);
    let after = std::fs::read_to_string(&copy).unwrap();
    assert_ne!(
        before, after,
        "the recovery copy is rewritten while minimised"
    );

    // Shown again, the window draws as before.
    harness.run_steps(1);
    assert!(lock_file.is_file());
}
