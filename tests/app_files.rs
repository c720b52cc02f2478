//! Scenario files in the window: open, save, the unsaved-changes question, undo and redo,
//! errors, crash recovery and comparing scenarios. File dialogs are a fake that answers at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

mod common;

use common::FakeDialogs;

use care_levers::app::{CareLeversApp, DialogKind, DialogOutcome, RecoveryStore, View, compare};
use care_levers::io::scenario_file;
use care_levers::model::{Scenario, project};
use care_levers::report::format;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

fn norfolk() -> Scenario {
    scenario_file::norfolk_2014().unwrap()
}

fn harness_with(
    dialogs: Arc<FakeDialogs>,
    recovery: Option<RecoveryStore>,
) -> Harness<'static, CareLeversApp> {
    // The window waits 0.4 s for a write before leaving it behind; a test machine busy building
    // may take longer. These tests check what is written, not the waiting (the slow-save test
    // does that), so they wait for every write to finish.
    let app = CareLeversApp::with_services(norfolk(), dialogs, recovery)
        .with_bands(false)
        .with_save_wait(std::time::Duration::from_secs(60));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
    harness.run();
    harness
}

fn set_slider(harness: &mut Harness<'static, CareLeversApp>, label: &str, value: f64) {
    harness
        .get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(value);
    harness.run();
}

fn press(harness: &mut Harness<'static, CareLeversApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn menu(harness: &mut Harness<'static, CareLeversApp>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

fn click(harness: &mut Harness<'static, CareLeversApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

#[test]
fn save_then_open_gives_the_same_scenario() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    set_slider(&mut harness, "Early-help investment", 2_500_000.0);
    assert!(harness.state().active_document().is_modified());
    // Ctrl+S on a new scenario asks where; ".ron" is added when left off.
    dialogs.answer(DialogOutcome::Picked(folder.path().join("officers_plan")));
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(matches!(dialogs.asked()[0], DialogKind::Save { .. }));
    let path = folder.path().join("officers_plan.ron");
    assert!(path.is_file(), "saved as {}", path.display());
    assert!(!harness.state().active_document().is_modified());
    let saved = harness.state().scenario().clone();
    assert_eq!(scenario_file::load(&path).unwrap().scenario, saved);

    // Saving again keeps the previous version as .bak.
    set_slider(&mut harness, "Gatekeeping: fewer entries", 10.0);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        dialogs.asked().len(),
        1,
        "Save to a known file needs no dialog"
    );
    let backup = folder.path().join("officers_plan.ron.bak");
    assert_eq!(scenario_file::load(&backup).unwrap().scenario, saved);
    let latest = harness.state().scenario().clone();

    // Open it in a fresh window: the same scenario.
    let fresh_dialogs = Arc::new(FakeDialogs::default());
    let mut fresh = harness_with(fresh_dialogs.clone(), None);
    fresh_dialogs.answer(DialogOutcome::Picked(path.clone()));
    press(&mut fresh, Modifiers::COMMAND, Key::O);
    assert_eq!(fresh.state().scenario(), &latest);
    assert_eq!(
        fresh.state().active_document().path.as_deref(),
        Some(path.as_path())
    );
    assert_eq!(fresh.state().recent_files()[0], path);
}

#[test]
fn new_open_and_quit_ask_about_unsaved_changes() {
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    set_slider(&mut harness, "Gatekeeping: fewer entries", 20.0);

    // New: Cancel keeps everything.
    menu(&mut harness, "File", "New with blank defaults");
    harness.get_by_label("Save changes?");
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label("Save changes?").is_none());
    assert_eq!(harness.state().scenario().levers.front_door.value, 20.0);

    // New: Don't save replaces the scenario.
    menu(&mut harness, "File", "New with blank defaults");
    click(&mut harness, "Don't save");
    assert_eq!(harness.state().scenario().name, "New scenario");
    assert!(!harness.state().active_document().is_modified());

    // Open: asks first; Cancel means no dialog at all.
    set_slider(&mut harness, "Gatekeeping: fewer entries", 5.0);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    harness.get_by_label("Save changes?");
    click(&mut harness, "Cancel");
    assert!(dialogs.asked().is_empty());

    // Quit: asks; Save picks a file, saves, then closes.
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("before_quitting.ron");
    dialogs.answer(DialogOutcome::Picked(target.clone()));
    menu(&mut harness, "File", "Quit");
    harness.get_by_label("Save changes?");
    assert!(!harness.state().close_allowed());
    click(&mut harness, "Save");
    assert!(target.is_file());
    assert!(harness.state().close_allowed());
}

#[test]
fn quitting_without_changes_asks_nothing_and_dont_save_closes() {
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    menu(&mut harness, "File", "Quit");
    assert!(harness.query_by_label("Save changes?").is_none());
    assert!(harness.state().close_allowed());

    let mut harness = harness_with(dialogs, None);
    set_slider(&mut harness, "Extra in-house foster carers", 12.0);
    menu(&mut harness, "File", "Quit");
    click(&mut harness, "Don't save");
    assert!(harness.state().close_allowed());
}

#[test]
fn undo_and_redo_walk_back_and_forth_over_several_changes() {
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), None);
    set_slider(&mut harness, "Early-help investment", 1_000_000.0);
    set_slider(&mut harness, "Gatekeeping: fewer entries", 15.0);
    set_slider(&mut harness, "Early-help investment", 4_000_000.0);
    let lever = |h: &Harness<'static, CareLeversApp>| {
        let l = &h.state().scenario().levers;
        (l.early_help.value, l.front_door.value)
    };
    assert_eq!(lever(&harness), (4_000_000.0, 15.0));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(lever(&harness), (1_000_000.0, 15.0));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(lever(&harness), (1_000_000.0, 0.0));
    menu(&mut harness, "Edit", "Undo (Ctrl+Z)");
    assert_eq!(lever(&harness), (0.0, 0.0));
    assert!(!harness.state().active_document().is_modified());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(lever(&harness), (1_000_000.0, 0.0));
    menu(&mut harness, "Edit", "Redo (Ctrl+Shift+Z)");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(lever(&harness), (4_000_000.0, 15.0));
    // The headline numbers follow the undone scenario.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let expected = project(harness.state().scenario())
        .last_month()
        .unwrap()
        .looked_after;
    harness.get_by_label(&format::count(expected));
}

#[test]
fn a_broken_file_leaves_the_current_scenario_and_shows_the_error() {
    let folder = tempfile::tempdir().unwrap();
    let broken = folder.path().join("broken.ron");
    let text = std::fs::read_to_string(shipped("norfolk_2014_do_nothing.ron")).unwrap();
    std::fs::write(
        &broken,
        text.replacen("horizon_years: 3,", "horizon_years: three,", 1),
    )
    .unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    set_slider(&mut harness, "Gatekeeping: fewer entries", 7.5);
    let before = harness.state().scenario().clone();
    dialogs.answer(DialogOutcome::Picked(broken.clone()));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    let (title, message) = harness
        .state()
        .message()
        .cloned()
        .expect("an error is shown");
    assert_eq!(title, "Cannot open the scenario");
    let line = text
        .lines()
        .position(|l| l.contains("horizon_years"))
        .unwrap()
        + 1;
    assert!(
        message.contains(&format!("broken.ron:{line}:")),
        "{message}"
    );
    harness.get_by_label(&message);
    assert_eq!(harness.state().scenario(), &before);
    assert_eq!(harness.state().documents().len(), 1);
    click(&mut harness, "OK");
    assert!(harness.state().message().is_none());
}

/// Makes a folder read-only even for root (who ignores permission bits): `chattr +i`, undone
/// on drop so the temporary folder can be removed.
struct ReadOnlyFolder<'a>(&'a Path);

impl<'a> ReadOnlyFolder<'a> {
    fn new(path: &'a Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).ok()?;
        if std::fs::write(path.join(".probe"), "x").is_ok() {
            let _ = std::fs::remove_file(path.join(".probe"));
            let status = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .ok()?;
            if !status.success() {
                return None;
            }
        }
        Some(ReadOnlyFolder(path))
    }
}

impl Drop for ReadOnlyFolder<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .status();
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn saving_into_a_read_only_folder_reports_the_error_and_keeps_the_old_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("plan.ron");
    std::fs::copy(shipped("norfolk_2014_target_770.ron"), &path).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    dialogs.answer(DialogOutcome::Picked(path.clone()));
    press(&mut harness, Modifiers::COMMAND, Key::O);
    assert_eq!(harness.state().scenario().name, "Norfolk 2014: target 770");
    set_slider(&mut harness, "Gatekeeping: fewer entries", 30.0);

    let guard = ReadOnlyFolder::new(folder.path())
        .expect("this machine can make a folder read-only (chmod, or chattr for root)");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let (title, message) = harness
        .state()
        .message()
        .cloned()
        .expect("an error is shown");
    assert_eq!(title, "The scenario was not saved");
    assert!(message.contains("plan.ron"), "{message}");
    assert!(harness.state().active_document().is_modified());
    drop(guard);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        old_bytes,
        "the old file changed"
    );
    // Only the file and, while it is open, its lock file.
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".~lock.plan.ron#")
        .collect();
    assert_eq!(
        names,
        ["plan.ron"],
        "no temporary or backup file is left behind"
    );
}

#[test]
fn comparing_three_shipped_scenarios_shows_three_rows_with_their_differences() {
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    let names = [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ];
    dialogs.answer(DialogOutcome::Picked(shipped(names[0])));
    press(&mut harness, Modifiers::COMMAND, Key::O);
    for name in &names[1..] {
        dialogs.answer(DialogOutcome::Picked(shipped(name)));
        menu(
            &mut harness,
            "File",
            "Open alongside, to compare... (Ctrl+Shift+O)",
        );
    }
    assert_eq!(harness.state().documents().len(), 3);
    click(&mut harness, "Compare");
    assert_eq!(harness.state().view, View::Compare);

    let rows: Vec<compare::ComparisonRow> = names
        .iter()
        .map(|name| {
            let scenario = scenario_file::load(&shipped(name)).unwrap().scenario;
            let projection = project(&scenario);
            compare::ComparisonRow {
                name: scenario.name.clone(),
                looked_after_at_end: projection.last_month().unwrap().looked_after,
                total_spend_gbp: projection.total_spend_gbp(),
                total_investment_gbp: projection.total_investment_gbp(),
                net_saving_gbp: projection.total_net_saving_gbp(),
                payback: projection.payback,
            }
        })
        .collect();
    // The reference is the first scenario: its own row shows no change.
    harness.get_by_label("Norfolk 2014: do nothing (reference)");
    harness.get_by_label(&format!(
        "{} (no change)",
        format::count(rows[0].looked_after_at_end)
    ));
    for row in &rows[1..] {
        // Its tab and its row in the table.
        assert!(harness.get_all_by_label(&row.name).count() >= 2);
        let difference = row.looked_after_at_end - rows[0].looked_after_at_end;
        harness.get_by_label(&format!(
            "{} ({})",
            format::count(row.looked_after_at_end),
            format::count_change(difference)
        ));
        harness.get_by_label(&format!(
            "{} (+{})",
            format::money(row.total_investment_gbp),
            format::money(row.total_investment_gbp - rows[0].total_investment_gbp)
        ));
        harness.get_by_label(&format!(
            "{} ({})",
            care_levers::report::format::payback(row.payback),
            compare::payback_difference(row.payback, rows[0].payback)
        ));
    }
    // The target scenario ends 596 below doing nothing; spend differences are signed.
    let spend_difference = rows[1].total_spend_gbp - rows[0].total_spend_gbp;
    assert!(spend_difference < 0.0);
    harness.get_by_label(&format!(
        "{} ({})",
        format::money(rows[1].total_spend_gbp),
        format::money(spend_difference)
    ));
}

#[test]
fn without_a_file_dialog_a_path_box_is_offered() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut harness = harness_with(dialogs.clone(), None);
    dialogs.answer(DialogOutcome::Unavailable);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.get_by_label_contains("No file dialog could be shown");
    let path = folder.path().join("typed");
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(path.to_str().unwrap());
    harness.run();
    click(&mut harness, "Save");
    assert!(folder.path().join("typed.ron").is_file());
    assert!(harness.query_by_label("File path").is_none());
}

#[test]
fn unsaved_changes_are_copied_for_recovery_and_offered_after_a_crash() {
    let folder = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(folder.path().join("recovery"));
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), Some(store.clone()));
    set_slider(&mut harness, "Special guardianship orders", 25.0);
    let copies = store.list().scenarios;
    assert_eq!(
        copies.len(),
        1,
        "a recovery copy is written for unsaved changes"
    );
    assert_eq!(copies[0].scenario.levers.permanence.value, 25.0);
    // The app "crashes": it is dropped without closing. A new one offers the copy.
    drop(harness);
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), Some(store.clone()));
    harness.get_by_label("Restore unsaved work?");
    click(&mut harness, "Restore");
    let app = harness.state();
    assert_eq!(app.documents().len(), 2);
    assert_eq!(app.scenario().levers.permanence.value, 25.0);
    assert!(app.active_document().is_modified());
    // Discarding instead removes the copies.
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), Some(store.clone()));
    if harness.query_by_label("Restore unsaved work?").is_some() {
        click(&mut harness, "Discard");
    }
    assert!(store.list().scenarios.is_empty());
}

#[test]
fn scenario_details_are_editable_and_name_the_window() {
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), None);
    harness.get_by_label("Scenario details").click();
    harness.run();
    harness
        .get_by_label("Scenario name")
        .set_text_value_accesskit("Cabinet's plan");
    harness.run();
    harness
        .get_by_label("Scenario author")
        .set_text_value_accesskit("Finance business partner");
    harness.run();
    let app = harness.state();
    assert_eq!(app.scenario().name, "Cabinet's plan");
    assert_eq!(app.scenario().author, "Finance business partner");
    assert!(app.active_document().is_modified());
    harness.get_by_label("Cabinet's plan *");
}

#[test]
fn one_slider_drag_is_one_undo_step() {
    let mut harness = harness_with(Arc::new(FakeDialogs::default()), None);
    let rect = harness
        .get_by_role_and_label(Role::Slider, "Gatekeeping: fewer entries")
        .rect();
    let y = rect.center().y;
    harness.hover_at(egui::pos2(rect.left() + 2.0, y));
    harness.run();
    harness.drag_at(egui::pos2(rect.left() + 2.0, y));
    harness.run();
    let mut seen = Vec::new();
    for step in 1..=5 {
        harness.hover_at(egui::pos2(
            rect.left() + 2.0 + step as f32 * rect.width() / 6.0,
            y,
        ));
        harness.run();
        seen.push(harness.state().scenario().levers.front_door.value);
    }
    harness.drop_at(egui::pos2(rect.left() + 2.0 + 5.0 * rect.width() / 6.0, y));
    harness.run();
    let dragged_to = harness.state().scenario().levers.front_door.value;
    assert!(dragged_to > 0.0, "the drag moved the slider: {seen:?}");
    assert!(
        seen.windows(2).any(|w| w[0] != w[1]),
        "the value changed several times during the drag: {seen:?}"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().scenario().levers.front_door.value, 0.0);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        harness.state().scenario().levers.front_door.value,
        dragged_to
    );
}

#[test]
fn the_window_has_the_apps_icon() {
    let icon = care_levers::app::run::window_icon().expect("the embedded icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Rounded corners: the corner is transparent, the middle is not.
    assert_eq!(icon.rgba[3], 0);
    let middle = (128 * 256 + 128) * 4;
    assert_eq!(icon.rgba[middle + 3], 255);
}

/// File → New from SSDA903 files: the dialog's files are read, the summary lists the warnings,
/// and creating the scenario opens it beside the others.
#[test]
fn ssda903_import_shows_its_warnings_and_creates_the_scenario() {
    use care_levers::io::ssda903::simulate::{SimulationSettings, simulate};
    let folder = tempfile::tempdir().unwrap();
    let sim = simulate(&SimulationSettings::typical(3, 150.0, (2019, 2021)));
    let mut picked = Vec::new();
    for (year, header, episodes) in &sim.returns {
        let header_path = folder.path().join(format!("header_{year}.csv"));
        let episodes_path = folder.path().join(format!("episodes_{year}.csv"));
        std::fs::write(&header_path, header).unwrap();
        // One unknown placement code in the last year.
        let episodes = if *year == 2021 {
            let mut lines: Vec<String> = episodes.lines().map(String::from).collect();
            let mut fields: Vec<String> = lines[1].split(',').map(String::from).collect();
            fields[5] = "XX9".into(); // PLACE
            lines[1] = fields.join(",");
            lines.join("\r\n")
        } else {
            episodes.clone()
        };
        std::fs::write(&episodes_path, episodes).unwrap();
        picked.push(header_path);
        picked.push(episodes_path);
    }
    let files = care_levers::io::ssda903::read_paths(&picked).unwrap();
    let lines = care_levers::io::ssda903::import(&files, &Default::default())
        .unwrap()
        .summary
        .lines();
    println!("{}", lines.join("\n"));
    let dialogs = Arc::new(FakeDialogs::default());
    dialogs.answer(DialogOutcome::PickedMany(picked));
    let mut harness = harness_with(dialogs.clone(), None);
    menu(&mut harness, "File", "New from SSDA903 files...");
    // The files are read on a task of their own: the window keeps drawing meanwhile (a spinner
    // turns, so the harness steps frame by frame rather than running until still).
    harness
        .get_by_role_and_label(Role::Button, "Choose files...")
        .click();
    harness.run_steps(2);
    assert_eq!(dialogs.asked(), vec![DialogKind::ImportFiles]);
    let started = std::time::Instant::now();
    while harness
        .query_by_label_contains("Warning: 1 × an unknown PLACE code")
        .is_none()
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the import never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
    harness.get_by_label_contains("episodes_2021.csv, row 2, PLACE: XX9");
    harness.get_by_label_contains("children in care at 31/03/2021");
    let before = harness.state().documents().len();
    // The box keeps its size from frame to frame (a summary that grew each frame once moved
    // the button away from under the pointer).
    let place = harness
        .get_by_role_and_label(Role::Button, "Create the scenario")
        .rect();
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::Button, "Create the scenario")
            .rect(),
        place
    );
    click(&mut harness, "Create the scenario");
    let app = harness.state();
    assert_eq!(app.documents().len(), before + 1);
    assert!(
        app.scenario().name.starts_with("Imported from SSDA903"),
        "{}",
        app.scenario().name
    );
    assert!(app.scenario().validate().is_ok());
}

/// Chooses `item` in the File menu, answers the dialog with `folder/committee` (no extension
/// typed: `extension` is added), waits for the task to finish and the window to say so; the
/// window and the file's bytes.
fn export_briefing(
    folder: &Path,
    item: &str,
    extension: &str,
) -> (Harness<'static, CareLeversApp>, Vec<u8>) {
    let dialogs = Arc::new(FakeDialogs::default());
    dialogs.answer(DialogOutcome::Picked(folder.join("committee")));
    let mut harness = harness_with(dialogs.clone(), None);
    menu(&mut harness, "File", item);
    let started = std::time::Instant::now();
    while harness.query_by_label("Briefing exported").is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the briefing never came"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
    assert!(matches!(
        dialogs.asked().last(),
        Some(DialogKind::Export { extension: asked, .. }) if asked == extension
    ));
    let bytes = std::fs::read(folder.join(format!("committee.{extension}"))).unwrap();
    (harness, bytes)
}

/// File → Export briefing (PDF)...: an accessible PDF, written off the window's thread.
#[test]
fn a_pdf_briefing_is_exported_from_the_file_menu() {
    let folder = tempfile::tempdir().unwrap();
    let (_, bytes) = export_briefing(folder.path(), "Export briefing (PDF)...", "pdf");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(String::from_utf8_lossy(&bytes).contains("/StructTreeRoot"));
}

/// File → Export briefing (Word)...: the briefing is written off the window's thread and the
/// window says where it went.
#[test]
fn a_briefing_is_exported_from_the_file_menu() {
    let folder = tempfile::tempdir().unwrap();
    let (harness, bytes) = export_briefing(folder.path(), "Export briefing (Word)...", "docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    let last = harness
        .state()
        .projection()
        .last_month()
        .unwrap()
        .looked_after;
    assert!(document.contains(&format!(
        ">{}<",
        care_levers::report::format::children_for_paper(last)
    )));
    // The built-in scenario has no file: the footer says so, and has no file to hash.
    let footer = docx_footer(&mut zip);
    assert!(footer.contains("from an unsaved scenario;"), "{footer}");
    assert!(!footer.contains("SHA-256"), "{footer}");
}

fn docx_footer<R: std::io::Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> String {
    let mut footer = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/footer1.xml").unwrap(), &mut footer)
        .unwrap();
    footer
}

/// One meaning of the briefing's hash: the same file briefed from the window and from the
/// command line carries the same SHA-256 in the footer, that of the file's bytes (as
/// `sha256sum` gives it).
#[test]
fn the_window_and_the_command_line_hash_the_same_file_alike() {
    let folder = tempfile::tempdir().unwrap();
    let plan = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios/norfolk_2014_target_770.ron");
    let expected = {
        use sha2::Digest;
        let bytes = std::fs::read(&plan).unwrap();
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    // The window: open the file, File → Export briefing (Word)...
    let dialogs = Arc::new(FakeDialogs::default());
    dialogs.answer(DialogOutcome::Picked(folder.path().join("window")));
    let mut harness = harness_with(dialogs.clone(), None);
    harness.state_mut().open_file(&plan, false);
    harness.run();
    menu(&mut harness, "File", "Export briefing (Word)...");
    let started = std::time::Instant::now();
    while harness.query_by_label("Briefing exported").is_none() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    let window = std::fs::read(folder.path().join("window.docx")).unwrap();
    let window_footer =
        docx_footer(&mut zip::ZipArchive::new(std::io::Cursor::new(window)).unwrap());
    // The command line: care-levers brief FILE --out cli.docx
    let out = folder.path().join("cli.docx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args([
            "brief",
            plan.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let cli_footer =
        docx_footer(&mut zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap());
    let hash_in = |footer: &str| {
        let at = footer.find("SHA-256 ").expect("a hash in the footer") + "SHA-256 ".len();
        footer[at..at + 64].to_string()
    };
    assert_eq!(hash_in(&window_footer), expected, "{window_footer}");
    assert_eq!(hash_in(&cli_footer), expected, "{cli_footer}");
    assert!(window_footer.contains("norfolk_2014_target_770.ron"));
}
