//! The window's defects found by trying it as a new user would (issue 9), each with a test that
//! failed before the fix: edits that made unreadable files, meeting mode without recovery
//! copies or new bands, dialogs that could not start, autosave failures kept from the user,
//! "Back to saved values" renaming the scenario, and headline text cut short at 1366×768.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use care_levers::app::{CareLeversApp, DialogKind, DialogOutcome, FileDialogs, RecoveryStore};
use care_levers::io::scenario_file;
use common::FakeDialogs;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Answers from a queue; an empty queue cancels.
/// Dialogs whose thread never starts: the answer callback is dropped without being called.
#[derive(Default)]
struct DialogsThatCannotStart {
    asked: Mutex<usize>,
}

impl FileDialogs for DialogsThatCannotStart {
    fn show(
        &self,
        _kind: DialogKind,
        _folder: PathBuf,
        done: Box<dyn FnOnce(DialogOutcome) + Send>,
    ) {
        *self.asked.lock().unwrap() += 1;
        drop(done);
    }
}

fn harness_with(
    dialogs: Arc<dyn FileDialogs>,
    recovery: Option<RecoveryStore>,
    size: egui::Vec2,
    bands: bool,
) -> Harness<'static, CareLeversApp> {
    // The window waits 0.4 s for a write before leaving it behind; a test machine busy building
    // may take longer. These tests check what is written, not the waiting (the slow-save test
    // does that), so they wait for every write to finish.
    let app =
        CareLeversApp::with_services(scenario_file::norfolk_2014().unwrap(), dialogs, recovery)
            .with_bands(bands)
            .with_save_wait(std::time::Duration::from_secs(60));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

fn wait_until(
    harness: &mut Harness<'static, CareLeversApp>,
    what: &str,
    done: impl Fn(&CareLeversApp) -> bool,
) {
    let started = Instant::now();
    while !done(harness.state()) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what} never happened"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

#[test]
fn a_shorter_horizon_saves_a_file_that_opens_again_and_says_the_target_is_outside_it() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None, egui::vec2(1280.0, 3000.0), false);
    harness.get_by_label("Assumptions").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Slider, "Horizon in years")
        .set_value_accesskit(2.0);
    harness.run();
    assert_eq!(harness.state().scenario().horizon_years, 2);
    // Beside the field, in words.
    harness.get_by_label_contains("is outside the projection (Apr 2014 to Mar 2016)");
    let path = folder.path().join("two_years.ron");
    dialogs.answer(DialogOutcome::Picked(path.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(
        harness.state().message().is_none(),
        "{:?}",
        harness.state().message()
    );
    let loaded = scenario_file::load(&path).expect("the saved file opens again");
    assert_eq!(&loaded.scenario, harness.state().scenario());
    assert!(loaded.scenario.target.is_some(), "the target is kept");
}

#[test]
fn meeting_mode_with_a_lever_moved_writes_a_recovery_copy_and_gets_new_bands() {
    let folder = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(folder.path().to_path_buf());
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        Some(store.clone()),
        egui::vec2(1920.0, 1080.0),
        true,
    );
    wait_until(&mut harness, "the first bands", |app| {
        app.bands().is_some_and(|(_, current)| current)
    });
    let before = harness.state().bands().unwrap().0.clone();
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().presentation().is_some());
    harness.key_press(Key::L);
    harness.run();
    harness
        .get_by_role_and_label(Role::Slider, "Gatekeeping: fewer entries")
        .set_value_accesskit(30.0);
    harness.run();
    assert_eq!(harness.state().scenario().levers.front_door.value, 30.0);
    let copies = store.list().scenarios;
    assert_eq!(
        copies.len(),
        1,
        "a recovery copy is written in meeting mode"
    );
    assert_eq!(copies[0].scenario.levers.front_door.value, 30.0);
    wait_until(&mut harness, "new bands", |app| {
        app.bands().is_some_and(|(_, current)| current)
    });
    let after = &harness.state().bands().unwrap().0;
    assert_ne!(
        after.looked_after, before.looked_after,
        "bands were recomputed"
    );
}

#[test]
fn a_dialog_that_cannot_start_offers_the_path_box_and_the_next_one_is_still_asked() {
    let dialogs = Arc::new(DialogsThatCannotStart::default());
    let mut harness = harness_with(dialogs.clone(), None, egui::vec2(1280.0, 900.0), false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label_contains("No file dialog could be shown");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert_eq!(
        *dialogs.asked.lock().unwrap(),
        2,
        "the second Open asked again"
    );
    harness.get_by_label_contains("No file dialog could be shown");
}

#[test]
fn a_failed_autosave_is_shown_to_the_user() {
    let folder = tempfile::tempdir().unwrap();
    // A file where the recovery folder should be: no copy can be written.
    let blocked = folder.path().join("recovery");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        Some(RecoveryStore::new(blocked)),
        egui::vec2(1280.0, 900.0),
        false,
    );
    harness
        .get_by_role_and_label(Role::Slider, "Special guardianship orders")
        .set_value_accesskit(20.0);
    harness.run();
    let (title, text) = harness.state().message().cloned().expect("a message");
    assert_eq!(title, "Unsaved work is not protected");
    assert!(text.contains("Save your work"), "{text}");
    assert!(harness.state().autosave_failure().is_some());
    harness.get_by_label_contains("Recovery copies are not being written");
}

#[test]
fn back_to_saved_values_keeps_the_name_of_a_scenario_restored_after_a_crash() {
    let folder = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(folder.path().to_path_buf());
    let mut unsaved = scenario_file::norfolk_2014().unwrap();
    unsaved.name = "Cabinet option B".into();
    unsaved.levers.front_door.value = 20.0;
    store.write(1, None, &unsaved).unwrap();
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        Some(store),
        egui::vec2(1920.0, 1080.0),
        false,
    );
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    harness.run();
    assert_eq!(harness.state().scenario().name, "Cabinet option B");
    harness.key_press(Key::F5);
    harness.run();
    harness.key_press(Key::R);
    harness.run();
    // It was never saved in this run: there are no saved values to go back to, and its name
    // stays its own.
    assert_eq!(harness.state().scenario().name, "Cabinet option B");
    assert_eq!(harness.state().scenario().levers.front_door.value, 20.0);
    assert!(harness.state().active_document().is_modified());
}

#[test]
fn back_to_saved_values_in_meeting_mode_puts_back_the_levers() {
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        None,
        egui::vec2(1920.0, 1080.0),
        false,
    );
    let name = harness.state().scenario().name.clone();
    harness.key_press(Key::F5);
    harness.run();
    harness.key_press(Key::L);
    harness.run();
    harness
        .get_by_role_and_label(Role::Slider, "Early-help investment")
        .set_value_accesskit(2_000_000.0);
    harness.run();
    assert!(harness.state().active_document().is_modified());
    harness.key_press(Key::R);
    harness.run();
    assert_eq!(harness.state().scenario().name, name);
    assert_eq!(harness.state().scenario().levers.early_help.value, 0.0);
    assert!(!harness.state().active_document().is_modified());
}

#[test]
fn meeting_mode_says_underspend_in_words() {
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        None,
        egui::vec2(1920.0, 1080.0),
        false,
    );
    harness.state_mut().apply(care_levers::model::Edit::Number(
        care_levers::model::NumberField::Budget(care_levers::model::FinancialYear::starting(2014)),
        30_000_000.0,
    ));
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    harness.get_by_label("Underspend 2014-15");
    let negative_money = harness
        .query_all_by_label_contains("-£")
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect::<Vec<_>>();
    assert!(negative_money.is_empty(), "{negative_money:?}");
}

/// True if a text node shows all its text: as wide as the text on one line, or wrapped onto
/// more lines. A label cut short with "…" is narrower than its text and one line high.
fn shows_all_text(harness: &Harness<'static, CareLeversApp>, text: &str, font_size: f32) -> bool {
    let node = harness.get_by_label(text);
    let Some(bounds) = node.accesskit_node().bounding_box() else {
        return false;
    };
    let natural = harness.ctx.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(
                text.to_string(),
                egui::FontId::proportional(font_size),
                egui::Color32::WHITE,
            )
            .size()
    });
    let scale = harness.ctx.pixels_per_point() as f64;
    let (width, height) = (bounds.width() / scale, bounds.height() / scale);
    width + 1.0 >= f64::from(natural.x) || height > f64::from(natural.y) * 1.5
}

#[test]
fn headline_text_fits_its_cards_at_1366_by_768() {
    let mut harness = harness_with(
        Arc::new(FakeDialogs::default()),
        None,
        egui::vec2(1366.0, 768.0),
        true,
    );
    let target = "Chance of 770 or fewer by Mar 2017";
    let started = Instant::now();
    while harness.query_by_label(target).is_none() {
        assert!(started.elapsed() < Duration::from_secs(60), "no bands");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
    let small = egui::TextStyle::Small
        .resolve(&harness.ctx.global_style())
        .size;
    let app = harness.state();
    let figures = care_levers::report::figures::headline_figures(app.scenario(), app.projection());
    let mut texts: Vec<String> = vec![target.to_string(), "Chance of overspend 2014-15".into()];
    for figure in figures {
        texts.push(figure.label);
        texts.push(figure.detail);
    }
    for text in texts {
        assert!(
            shows_all_text(&harness, &text, small),
            "`{text}` is cut short"
        );
    }
}
