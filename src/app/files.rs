//! File dialogs (behind a trait, so tests use a fake), recent files and crash-recovery copies.

use crate::io::scenario_file;
use crate::model::Scenario;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a scenario file to open.
    Open,
    /// Pick where to save, suggesting a file name.
    Save {
        /// The suggested file name, e.g. "norfolk_2014_do_nothing.ron".
        suggested_name: String,
    },
    /// Pick where to export an image or table.
    Export {
        /// The suggested file name, e.g. "children_in_care.png".
        suggested_name: String,
        /// The file type's extension without the dot, e.g. "png".
        extension: String,
        /// The file type in words, e.g. "PNG image".
        description: String,
    },
}

/// What came back from a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user picked this file.
    Picked(PathBuf),
    /// The user closed the dialog without picking.
    Cancelled,
    /// No dialog could be shown (no desktop portal, a minimal desktop): the app offers a path
    /// box instead.
    Unavailable,
}

/// Shows file dialogs. `done` may be called on another thread: the window never waits.
pub trait FileDialogs: Send + Sync {
    /// Shows a dialog of `kind` opening in `folder` and calls `done` with the outcome.
    fn show(&self, kind: DialogKind, folder: PathBuf, done: Box<dyn FnOnce(DialogOutcome) + Send>);
}

/// Native dialogs through rfd (the desktop portal on Linux), each on its own thread.
pub struct NativeDialogs;

/// A dialog that answers faster than this was never shown: nobody cancels that quickly.
/// rfd returns "nothing picked" both for Cancel and for "no portal", so time tells them apart.
const FASTEST_HUMAN_ANSWER: Duration = Duration::from_millis(250);

impl FileDialogs for NativeDialogs {
    fn show(&self, kind: DialogKind, folder: PathBuf, done: Box<dyn FnOnce(DialogOutcome) + Send>) {
        let spawned = std::thread::Builder::new()
            .name("file dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let dialog = rfd::FileDialog::new().set_directory(&folder);
                let scenarios = ("Care Levers scenario", ["ron"]);
                let picked = match &kind {
                    DialogKind::Open => dialog
                        .add_filter(scenarios.0, &scenarios.1)
                        .set_title("Open scenario")
                        .pick_file(),
                    DialogKind::Save { suggested_name } => dialog
                        .add_filter(scenarios.0, &scenarios.1)
                        .set_title("Save scenario")
                        .set_file_name(suggested_name)
                        .save_file(),
                    DialogKind::Export {
                        suggested_name,
                        extension,
                        description,
                    } => dialog
                        .add_filter(description.as_str(), &[extension.as_str()])
                        .set_title("Export")
                        .set_file_name(suggested_name)
                        .save_file(),
                };
                let outcome = match picked {
                    Some(path) => DialogOutcome::Picked(path),
                    None if started.elapsed() < FASTEST_HUMAN_ANSWER => DialogOutcome::Unavailable,
                    None => DialogOutcome::Cancelled,
                };
                done(outcome);
            });
        if spawned.is_err() {
            // No thread, no dialog: the caller offers the path box.
            eprintln!("care-levers: could not start a thread for the file dialog");
        }
    }
}

/// Adds ".ron" when the user left it off.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    with_extension(path, "ron")
}

/// Adds ".EXTENSION" when the user left it off.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(extension);
        path.with_file_name(name)
    }
}

/// A file name for a scenario: its name in lower case with underscores, ending ".ron".
pub fn suggested_file_name(scenario: &Scenario) -> String {
    let mut name: String = scenario
        .name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    let name = name.trim_matches('_');
    if name.is_empty() {
        "scenario.ron".into()
    } else {
        format!("{name}.ron")
    }
}

/// Where dialogs open: `saved_scenarios/` in the current folder if there is one, else the
/// current folder.
pub fn default_folder() -> PathBuf {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let saved = current.join("saved_scenarios");
    if saved.is_dir() { saved } else { current }
}

/// Puts `path` first in the recent-files list, without repeats, keeping at most `keep`.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path, keep: usize) {
    recent.retain(|p| p != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(keep);
}

/// A scenario found in the recovery folder after the app did not close cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveredScenario {
    /// The recovery copy.
    pub recovery_file: PathBuf,
    /// The file the scenario was last saved to, if any.
    pub original_path: Option<PathBuf>,
    /// The unsaved scenario.
    pub scenario: Scenario,
}

/// Recovery copies of scenarios with unsaved changes, written every minute and removed when
/// they are saved, discarded or the app closes cleanly.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    folder: PathBuf,
}

const ORIGINAL_PATH_PREFIX: &str = "// recovery copy of: ";

impl RecoveryStore {
    /// A store in `folder` (created when first written).
    pub fn new(folder: PathBuf) -> Self {
        RecoveryStore { folder }
    }

    /// The store in the app's data folder, e.g. `~/.local/share/carelevers/recovery`.
    pub fn in_app_data() -> Option<Self> {
        eframe::storage_dir("Care Levers").map(|dir| RecoveryStore::new(dir.join("recovery")))
    }

    fn file_for(&self, document_id: u64) -> PathBuf {
        self.folder.join(format!("unsaved-{document_id}.ron"))
    }

    /// Writes (or replaces) the recovery copy of a document.
    pub fn write(
        &self,
        document_id: u64,
        original_path: Option<&Path>,
        scenario: &Scenario,
    ) -> Result<(), scenario_file::ScenarioFileError> {
        fs::create_dir_all(&self.folder).map_err(|source| {
            scenario_file::ScenarioFileError::Write {
                path: self.folder.display().to_string(),
                source,
            }
        })?;
        let original = original_path
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let text = format!(
            "{ORIGINAL_PATH_PREFIX}{original}\n{}",
            scenario_file::to_text(scenario)?
        );
        scenario_file::write_atomically(&self.file_for(document_id), text.as_bytes())
    }

    /// Removes a document's recovery copy, if there is one.
    pub fn remove(&self, document_id: u64) {
        // Nothing to do if it was never written.
        let _ = fs::remove_file(self.file_for(document_id));
    }

    /// Every readable recovery copy (unreadable ones are skipped: they cannot be offered).
    pub fn list(&self) -> Vec<RecoveredScenario> {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|file| {
                let text = fs::read_to_string(&file).ok()?;
                let original_path = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix(ORIGINAL_PATH_PREFIX))
                    .filter(|p| !p.trim().is_empty())
                    .map(PathBuf::from);
                let loaded = scenario_file::parse(&text, &file.display().to_string()).ok()?;
                Some(RecoveredScenario {
                    recovery_file: file,
                    original_path,
                    scenario: loaded.scenario,
                })
            })
            .collect()
    }

    /// Removes every recovery copy.
    pub fn clear(&self) {
        if let Ok(entries) = fs::read_dir(&self.folder) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "ron") {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ron_is_appended_when_left_off() {
        assert_eq!(
            with_ron_extension(PathBuf::from("/x/plan")),
            PathBuf::from("/x/plan.ron")
        );
        assert_eq!(
            with_ron_extension(PathBuf::from("/x/plan.RON")),
            PathBuf::from("/x/plan.RON")
        );
        assert_eq!(
            with_ron_extension(PathBuf::from("/x/plan.v2")),
            PathBuf::from("/x/plan.v2.ron")
        );
    }

    #[test]
    fn recent_files_keep_the_newest_first_without_repeats() {
        let mut recent = vec![PathBuf::from("a"), PathBuf::from("b")];
        remember_recent(&mut recent, Path::new("b"), 2);
        assert_eq!(recent, vec![PathBuf::from("b"), PathBuf::from("a")]);
        remember_recent(&mut recent, Path::new("c"), 2);
        assert_eq!(recent, vec![PathBuf::from("c"), PathBuf::from("b")]);
    }

    #[test]
    fn recovery_copies_round_trip_with_their_original_path() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        assert!(store.list().is_empty());
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        scenario.levers.front_door.value = 15.0;
        store
            .write(7, Some(Path::new("/plans/cabinet.ron")), &scenario)
            .unwrap();
        store.write(8, None, &scenario).unwrap();
        let found = store.list();
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].original_path,
            Some(PathBuf::from("/plans/cabinet.ron"))
        );
        assert_eq!(found[0].scenario, scenario);
        assert_eq!(found[1].original_path, None);
        store.remove(7);
        assert_eq!(store.list().len(), 1);
        store.clear();
        assert!(store.list().is_empty());
    }

    #[test]
    fn suggested_names_are_safe_file_names() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        assert_eq!(
            suggested_file_name(&scenario),
            "norfolk_2014_do_nothing.ron"
        );
        scenario.name = "  ".into();
        assert_eq!(suggested_file_name(&scenario), "scenario.ron");
    }
}
