//! One open scenario: the scenario, where it lives on disk, whether it has unsaved changes, its
//! undo history, its colour in comparisons, and its projection.

use super::history::History;
use crate::model::{Projection, Scenario, project};
use std::path::{Path, PathBuf};

/// An open scenario.
pub struct Document {
    /// Unique for the app's run; names the document's recovery copy.
    pub id: u64,
    /// The scenario being edited.
    pub scenario: Scenario,
    /// The file it was opened from or last saved to; none for a new scenario.
    pub path: Option<PathBuf>,
    /// The scenario as last opened or saved, to tell whether there are unsaved changes.
    saved: Scenario,
    /// Undo and redo.
    pub history: History,
    /// Index into the comparison palette.
    pub colour_index: usize,
    /// Drawn on the charts beside the active scenario.
    pub shown_in_comparison: bool,
    projection: Projection,
    projected: Scenario,
}

impl Document {
    /// A document for `scenario`, saved at `path` (or not saved yet).
    pub fn new(id: u64, scenario: Scenario, path: Option<PathBuf>, colour_index: usize) -> Self {
        Document {
            id,
            projection: project(&scenario),
            projected: scenario.clone(),
            saved: scenario.clone(),
            history: History::new(&scenario),
            scenario,
            path,
            colour_index,
            shown_in_comparison: true,
        }
    }

    /// True if the scenario differs from the file it came from (or, if new, from how it began).
    pub fn is_modified(&self) -> bool {
        self.scenario != self.saved
    }

    /// Marks the current scenario as saved at `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.saved = self.scenario.clone();
        self.path = Some(path.to_path_buf());
    }

    /// Puts back the scenario as last opened or saved (an undoable step).
    pub fn revert_to_saved(&mut self) {
        self.scenario = self.saved.clone();
    }

    /// Treats the current scenario as unsaved (e.g. restored after a crash).
    pub fn mark_unsaved(&mut self) {
        self.saved.name.push_str(" (not saved)");
    }

    /// The name for tabs and prompts: the scenario's name, or its file's name.
    pub fn display_name(&self) -> String {
        if !self.scenario.name.trim().is_empty() {
            return self.scenario.name.clone();
        }
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled scenario".into())
    }

    /// The projection of the current scenario, recomputed if it changed.
    pub fn projection(&mut self) -> &Projection {
        if self.scenario != self.projected {
            self.projection = project(&self.scenario);
            self.projected = self.scenario.clone();
        }
        &self.projection
    }

    /// The projection as last computed (call [`Document::projection`] first to refresh).
    pub fn last_projection(&self) -> &Projection {
        &self.projection
    }
}
