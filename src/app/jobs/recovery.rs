//! Recovery copies of scenarios with unsaved changes, written every minute, and what is found
//! after a crash. Copies are written like saves (temporary file, flush, replace, folder flush;
//! see `io::durable`). A recovery copy that cannot be read, or one left half-written by a crash,
//! is reported and moved aside, never silently dropped. Each copy is named after the process that
//! wrote it, so two Care Levers windows running at once neither overwrite nor offer each other's
//! copies.

use crate::io::scenario_file;
use crate::model::Scenario;
use std::fs;
use std::path::{Path, PathBuf};

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

/// What the recovery folder held after a crash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recovered {
    /// Scenarios that can be restored.
    pub scenarios: Vec<RecoveredScenario>,
    /// Copies that could not be read: where each now is, and why.
    pub unreadable: Vec<(PathBuf, String)>,
}

fn read_recovery_copy(file: &Path) -> Result<RecoveredScenario, String> {
    let text = fs::read_to_string(file).map_err(|error| format!("{}: {error}", file.display()))?;
    let original_path = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(ORIGINAL_PATH_PREFIX))
        .filter(|p| !p.trim().is_empty())
        .map(PathBuf::from);
    let loaded =
        scenario_file::parse(&text, &file.display().to_string()).map_err(|e| e.to_string())?;
    Ok(RecoveredScenario {
        recovery_file: file.to_path_buf(),
        original_path,
        scenario: loaded.scenario,
    })
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
        app_data_dir().map(|dir| RecoveryStore::new(dir.join("recovery")))
    }

    fn file_for(&self, document_id: u64) -> PathBuf {
        self.folder
            .join(format!("unsaved-{}-{document_id}.ron", std::process::id()))
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

    /// Every recovery copy in the store. Copies that cannot be read are moved aside (renamed
    /// "*.unreadable", so they are never offered twice nor deleted) and listed with the reason.
    pub fn list(&self) -> Recovered {
        let mut found = Recovered::default();
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return found;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !written_by_another_live_window(p))
            .collect();
        files.sort();
        for file in &files {
            // A temporary file left beside the copies: the app stopped while writing one. The
            // copy written before it (if any) is offered; this one is kept aside and reported.
            let name = file_name(file);
            if name.starts_with('.') && name.ends_with(".tmp") {
                let aside =
                    file.with_file_name(format!("{}.partial", name.trim_start_matches('.')));
                let kept = match fs::rename(file, &aside) {
                    Ok(()) => aside,
                    Err(_) => file.clone(),
                };
                found.unreadable.push((
                    kept,
                    "only partly written: Care Levers or the computer stopped while writing this \
                     recovery copy (the copy written before it, if any, is offered)"
                        .into(),
                ));
            }
        }
        for file in files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        {
            match read_recovery_copy(&file) {
                Ok(scenario) => found.scenarios.push(scenario),
                Err(reason) => {
                    let aside = file.with_extension("ron.unreadable");
                    let kept = match fs::rename(&file, &aside) {
                        Ok(()) => aside,
                        Err(_) => file,
                    };
                    found.unreadable.push((kept, reason));
                }
            }
        }
        found
    }

    /// Removes every recovery copy (not those of other windows still running).
    pub fn clear(&self) {
        if let Ok(entries) = fs::read_dir(&self.folder) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "ron")
                    && !written_by_another_live_window(&entry.path())
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// True for a copy (or a temporary file) named after another process that is still running:
/// another Care Levers window's live work, not a crash's leftovers.
fn written_by_another_live_window(path: &Path) -> bool {
    let name = file_name(path);
    let Some(rest) = name.trim_start_matches('.').strip_prefix("unsaved-") else {
        return false;
    };
    let process = rest
        .split(['-', '.'])
        .next()
        .and_then(|p| p.parse::<u32>().ok());
    // Copies from before copies were named after their process have one number only.
    let named_after_process = rest.split('.').next().is_some_and(|s| s.contains('-'));
    match process {
        Some(process) if named_after_process => {
            process != std::process::id() && crate::io::lock::process_is_running(process)
        }
        _ => false,
    }
}

/// The app's data folder, for its settings (`app.ron`) and recovery copies:
/// `%APPDATA%\Care Levers\data` on Windows, `~/.local/share/carelevers` on Linux.
pub fn app_data_dir() -> Option<std::path::PathBuf> {
    eframe::storage_dir("Care Levers")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copies_round_trip_with_their_original_path() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        assert_eq!(store.list(), Recovered::default());
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        scenario.levers.front_door.value = 15.0;
        store
            .write(7, Some(Path::new("/plans/cabinet.ron")), &scenario)
            .unwrap();
        store.write(8, None, &scenario).unwrap();
        let found = store.list().scenarios;
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].original_path,
            Some(PathBuf::from("/plans/cabinet.ron"))
        );
        assert_eq!(found[0].scenario, scenario);
        assert_eq!(found[1].original_path, None);
        store.remove(7);
        assert_eq!(store.list().scenarios.len(), 1);
        store.clear();
        assert_eq!(store.list(), Recovered::default());
    }

    #[test]
    fn an_unreadable_recovery_copy_is_reported_and_kept_aside() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().to_path_buf());
        std::fs::write(folder.path().join("unsaved-3.ron"), "(version: 1, name: ").unwrap();
        // Half of a copy whose writer (process 4294967294, long gone) stopped mid-write.
        std::fs::write(
            folder
                .path()
                .join(".unsaved-4294967294-1.ron.4294967294.tmp"),
            "(version: 1, na",
        )
        .unwrap();
        let found = store.list();
        assert!(found.scenarios.is_empty());
        assert_eq!(found.unreadable.len(), 2);
        let (partial, reason) = &found.unreadable[0];
        assert!(partial.is_file(), "kept at {}", partial.display());
        assert!(reason.contains("only partly written"), "{reason}");
        let (kept, reason) = &found.unreadable[1];
        assert!(kept.is_file(), "kept at {}", kept.display());
        assert!(reason.contains("unsaved-3.ron"), "{reason}");
        // Not offered again.
        assert_eq!(store.list(), Recovered::default());
    }

    #[test]
    fn another_running_windows_copies_are_neither_offered_nor_cleared() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().to_path_buf());
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        scenario.name = "Another window's work".into();
        // Process 1 (init) is always running.
        let live = folder.path().join("unsaved-1-0.ron");
        std::fs::write(
            &live,
            format!(
                "// recovery copy of: \n{}",
                scenario_file::to_text(&scenario).unwrap()
            ),
        )
        .unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(store.list(), Recovered::default());
            store.clear();
            assert!(live.is_file());
        }
    }
}
