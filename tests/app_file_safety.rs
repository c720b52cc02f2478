//! Scenario files on shared drives, in the window: two Care Levers windows on one file, a
//! colleague's save noticed when the window regains focus, lock files naming who has a file
//! open, read-only copies, a vanished folder, and names with spaces, accents and emoji.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use common::FakeDialogs;

use care_levers::app::{CareLeversApp, DialogKind, DialogOutcome, DiskChange, RecoveryStore};
use care_levers::io::{lock, scenario_file};
use care_levers::model::Scenario;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Window = Harness<'static, CareLeversApp>;

fn norfolk() -> Scenario {
    scenario_file::norfolk_2014().unwrap()
}

fn window(dialogs: Arc<FakeDialogs>) -> Window {
    // The window waits 0.4 s for a write before leaving it behind; a test machine busy building
    // may take longer. These tests check what is written, not the waiting (the slow-save test
    // does that), so they wait for every write to finish.
    let app = CareLeversApp::with_services(norfolk(), dialogs, None::<RecoveryStore>)
        .with_bands(false)
        .with_save_wait(std::time::Duration::from_secs(60));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

/// A colleague's window: another process (pid 1 is always running on Linux) on this machine.
fn colleagues_window(dialogs: Arc<FakeDialogs>) -> Window {
    let jane = lock::Holder {
        user: "jane".into(),
        machine: lock::Holder::this_window().machine,
        process: 1,
        instance: "janes-window".into(),
        opened: 0,
    };
    let app = CareLeversApp::with_services(norfolk(), dialogs, None::<RecoveryStore>)
        .with_bands(false)
        .with_save_wait(std::time::Duration::from_secs(60))
        .with_lock_holder(jane);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

/// `harness` with `path` opened (its lock is taken in the first frame after opening).
fn opening(mut harness: Window, path: &Path) -> Window {
    harness.state_mut().open_file(path, false);
    harness.run();
    harness
}

/// A window with `path` open.
fn window_on(path: &Path, dialogs: Arc<FakeDialogs>) -> Window {
    opening(window(dialogs), path)
}

fn set_slider(harness: &mut Window, label: &str, value: f64) {
    harness
        .get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(value);
    harness.run();
}

fn save(harness: &mut Window) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
}

fn click(harness: &mut Window, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

/// The window coming back to the front, as when the officer returns from another program.
fn regain_focus(harness: &mut Window) {
    harness.event(egui::Event::WindowFocused(false));
    harness.run();
    harness.event(egui::Event::WindowFocused(true));
    harness.run();
}

fn on_disk(path: &Path) -> Scenario {
    scenario_file::load(path).unwrap().scenario
}

fn shared_file(folder: &Path) -> PathBuf {
    let path = folder.join("Cabinet plan.carelevers");
    scenario_file::save(&path, &norfolk()).unwrap();
    path
}

/// Two officers (two windows) on one file: the second is told who has it, opens it anyway,
/// and when both save, the second is asked before overwriting and keeps both versions.
#[test]
fn two_windows_saving_the_same_file_lose_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let mut first = window_on(&path, Arc::new(FakeDialogs::default()));
    assert!(
        lock::lock_path(&path).is_file(),
        "the first window marks the file"
    );

    let second_dialogs = Arc::new(FakeDialogs::default());
    let mut second = opening(colleagues_window(second_dialogs.clone()), &path);
    second.get_by_label("Someone else has this file open");
    let me = lock::Holder::this_window();
    second.get_by_label_contains(&format!(
        "is open in Care Levers by {} on {}, opened just now",
        me.user, me.machine
    ));
    // Not opened yet: the built-in scenario is still there.
    assert_eq!(second.state().active_document().path, None);
    click(&mut second, "Open anyway");
    assert_eq!(
        second.state().active_document().path.as_deref(),
        Some(&*path)
    );

    set_slider(&mut first, "Early-help investment", 2_500_000.0);
    save(&mut first);
    let firsts = first.state().scenario().clone();
    assert_eq!(on_disk(&path), firsts);

    set_slider(&mut second, "Gatekeeping: fewer entries", 10.0);
    save(&mut second);
    second.get_by_label("The file changed since you opened it");
    assert_eq!(on_disk(&path), firsts, "nothing written before the answer");
    let copy = folder
        .path()
        .join("Cabinet plan - second officer.carelevers");
    second_dialogs.answer(DialogOutcome::Picked(copy.clone()));
    click(&mut second, "Save mine as a copy...");
    let seconds = second.state().scenario().clone();
    assert_eq!(on_disk(&path), firsts, "the first officer's save is kept");
    assert_eq!(on_disk(&copy), seconds, "the second officer's work is kept");
    assert_ne!(firsts, seconds);
    assert!(!second.state().active_document().is_modified());
    assert_eq!(
        second.state().active_document().path.as_deref(),
        Some(&*copy)
    );
}

#[test]
fn overwriting_a_colleagues_save_keeps_theirs_as_the_backup() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let mut harness = window_on(&path, Arc::new(FakeDialogs::default()));
    // A colleague's save, by another program.
    let mut theirs = norfolk();
    theirs.name = "Colleague's version".into();
    scenario_file::save(&path, &theirs).unwrap();
    set_slider(&mut harness, "Early-help investment", 1_000_000.0);
    save(&mut harness);
    click(&mut harness, "Overwrite their version");
    assert_eq!(on_disk(&path), *harness.state().scenario());
    assert_eq!(on_disk(&scenario_file::backup_path(&path)), theirs);
    // Saved once, the window knows the file again: the next save asks nothing.
    set_slider(&mut harness, "Early-help investment", 1_500_000.0);
    save(&mut harness);
    assert!(
        harness
            .query_by_label("The file changed since you opened it")
            .is_none()
    );
    assert_eq!(on_disk(&path), *harness.state().scenario());
}

/// A change made outside the window is shown when the window regains focus; reloading takes
/// it, and undo brings the officer's own changes back.
#[test]
fn a_change_on_disk_is_shown_on_focus_and_reload_loses_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let mut harness = window_on(&path, Arc::new(FakeDialogs::default()));
    set_slider(&mut harness, "Early-help investment", 2_000_000.0);
    let mine = harness.state().scenario().clone();
    regain_focus(&mut harness);
    assert!(
        harness
            .query_by_label_contains("was changed on disk")
            .is_none(),
        "nothing changed yet"
    );

    let mut theirs = norfolk();
    theirs.name = "Saved by a colleague".into();
    scenario_file::save(&path, &theirs).unwrap();
    regain_focus(&mut harness);
    harness.get_by_label_contains("was changed on disk by someone else");
    assert_eq!(
        harness.state().active_document().changed_on_disk,
        Some(DiskChange::Changed)
    );
    click(&mut harness, "Reload from disk");
    assert_eq!(*harness.state().scenario(), theirs);
    assert!(!harness.state().active_document().is_modified());
    assert!(
        harness
            .query_by_label_contains("was changed on disk")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().scenario(), mine, "undo brings mine back");
}

#[test]
fn keep_my_version_hides_the_notice_but_saving_still_asks() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let mut harness = window_on(&path, Arc::new(FakeDialogs::default()));
    let mut theirs = norfolk();
    theirs.name = "Saved by a colleague".into();
    scenario_file::save(&path, &theirs).unwrap();
    regain_focus(&mut harness);
    click(&mut harness, "Keep my version");
    assert!(
        harness
            .query_by_label_contains("was changed on disk")
            .is_none()
    );
    // Not shown again for the same version...
    regain_focus(&mut harness);
    assert!(
        harness
            .query_by_label_contains("was changed on disk")
            .is_none()
    );
    set_slider(&mut harness, "Early-help investment", 500_000.0);
    save(&mut harness);
    harness.get_by_label("The file changed since you opened it");
    click(&mut harness, "Cancel");
    assert_eq!(on_disk(&path), theirs);
}

/// The second officer opens a read-only copy; saving it asks for a new name and leaves the
/// original alone; the lock goes when the first window closes.
#[test]
fn a_read_only_copy_saves_under_a_new_name_and_the_lock_goes_on_close() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let first = window_on(&path, Arc::new(FakeDialogs::default()));
    let dialogs = Arc::new(FakeDialogs::default());
    let mut second = opening(colleagues_window(dialogs.clone()), &path);
    click(&mut second, "Open a read-only copy");
    assert!(
        second
            .state()
            .active_document()
            .title()
            .contains("(read-only)")
    );
    second.get_by_label_contains("Read-only copy: the file is open by");
    set_slider(&mut second, "Early-help investment", 3_000_000.0);
    let copy = folder.path().join("Cabinet plan (my copy).carelevers");
    dialogs.answer(DialogOutcome::Picked(copy.clone()));
    save(&mut second);
    assert!(matches!(dialogs.asked()[..], [DialogKind::Save { .. }]));
    assert_eq!(on_disk(&path), norfolk(), "the original is untouched");
    assert_eq!(on_disk(&copy), *second.state().scenario());
    assert!(
        !second
            .state()
            .active_document()
            .title()
            .contains("read-only")
    );

    drop(first);
    assert!(!lock::lock_path(&path).exists(), "closing removes the lock");
    // Now free: opened normally, no question.
    let third = window_on(&path, Arc::new(FakeDialogs::default()));
    assert!(
        third
            .query_by_label("Someone else has this file open")
            .is_none()
    );
    assert_eq!(
        third.state().active_document().path.as_deref(),
        Some(&*path)
    );
}

#[test]
fn saving_over_a_file_another_window_has_open_is_refused_with_who() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    let _first = window_on(&path, Arc::new(FakeDialogs::default()));
    let dialogs = Arc::new(FakeDialogs::default());
    let mut second = colleagues_window(dialogs.clone());
    set_slider(&mut second, "Early-help investment", 3_000_000.0);
    dialogs.answer(DialogOutcome::Picked(path.clone()));
    second.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    second.run();
    second.get_by_label_contains("is open in Care Levers by");
    assert_eq!(on_disk(&path), norfolk());
    assert!(second.state().active_document().is_modified());
}

/// The folder is removed (a network drive dropped) between opening and saving: the message
/// names the folder, nothing is marked saved; once the folder is back, Save works.
#[test]
fn a_folder_that_vanished_before_saving_is_named_and_nothing_is_lost() {
    let folder = tempfile::tempdir().unwrap();
    let drive = folder.path().join("S drive").join("Children's services");
    std::fs::create_dir_all(&drive).unwrap();
    let path = shared_file(&drive);
    let mut harness = window_on(&path, Arc::new(FakeDialogs::default()));
    set_slider(&mut harness, "Early-help investment", 2_000_000.0);
    std::fs::remove_dir_all(folder.path().join("S drive")).unwrap();
    regain_focus(&mut harness);
    harness.get_by_label_contains("is no longer on disk");
    save(&mut harness);
    harness.get_by_label("The scenario was not saved");
    harness.get_by_label_contains("no longer exists");
    assert!(harness.state().active_document().is_modified());
    click(&mut harness, "OK");
    std::fs::create_dir_all(&drive).unwrap();
    save(&mut harness);
    assert_eq!(on_disk(&path), *harness.state().scenario());
    assert!(!harness.state().active_document().is_modified());
}

#[test]
fn names_with_spaces_accents_and_emoji_open_save_and_lock() {
    let folder = tempfile::tempdir().unwrap();
    let sub = folder.path().join("Équipe – finances 2026 📊");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("Plan für Cabinet (draft) ✅ v2.carelevers");
    scenario_file::save(&path, &norfolk()).unwrap();
    let mut harness = window_on(&path, Arc::new(FakeDialogs::default()));
    assert_eq!(
        harness.state().active_document().path.as_deref(),
        Some(&*path)
    );
    assert!(lock::lock_path(&path).is_file());
    set_slider(&mut harness, "Early-help investment", 750_000.0);
    save(&mut harness);
    assert_eq!(on_disk(&path), *harness.state().scenario());
}

/// A save that outlasts the window's short wait (a slow network drive) goes on behind the
/// window: the window stays live, edits made meanwhile stay unsaved (the file holds what was
/// saved), and quitting waits for the save rather than cutting it off.
#[test]
fn a_slow_save_goes_on_behind_the_window_and_edits_meanwhile_stay_unsaved() {
    let folder = tempfile::tempdir().unwrap();
    let path = shared_file(folder.path());
    // No waiting at all: every save is left to finish behind the window.
    let app = CareLeversApp::with_services(
        norfolk(),
        Arc::new(FakeDialogs::default()),
        None::<RecoveryStore>,
    )
    .with_bands(false)
    .with_save_wait(std::time::Duration::ZERO);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    let mut harness = opening(harness, &path);
    set_slider(&mut harness, "Early-help investment", 2_000_000.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // Changed while the file is being written.
    harness
        .get_by_role_and_label(Role::Slider, "Early-help investment")
        .set_value_accesskit(3_000_000.0);
    let started = std::time::Instant::now();
    while harness.state().is_saving() || started.elapsed() < std::time::Duration::from_millis(50) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the save never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
    assert_eq!(on_disk(&path).levers.early_help.value, 2_000_000.0);
    let app = harness.state();
    assert_eq!(app.scenario().levers.early_help.value, 3_000_000.0);
    assert!(
        app.active_document().is_modified(),
        "the change made while saving is not marked saved"
    );
    // Saved again: both on disk. (Stepped, not run: the spinner keeps asking for frames while
    // the save is written.)
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    let started = std::time::Instant::now();
    while harness.state().is_saving() {
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
    assert_eq!(on_disk(&path).levers.early_help.value, 3_000_000.0);
    assert!(!harness.state().active_document().is_modified());
}
