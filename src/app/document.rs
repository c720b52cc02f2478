//! One open scenario: the scenario, where it lives on disk, whether it has unsaved changes, its
//! undo history, its colour in comparisons, and its projection.

use super::history::History;
use super::workspace::DocumentId;
use crate::model::{Edit, Projection, Scenario, project};
use std::path::{Path, PathBuf};

/// An open scenario.
pub struct Document {
    /// Unique for the app's run; names the document's recovery copy.
    pub id: DocumentId,
    /// The scenario being edited. Changed through [`Document::apply`] (the model's edits and
    /// rules), undo/redo and reverting.
    pub scenario: Scenario,
    /// The file it was opened from or last saved to; none for a new scenario.
    pub path: Option<PathBuf>,
    /// The scenario as last opened or saved, to tell whether there are unsaved changes; none
    /// for one restored after a crash (it has never been saved in this run).
    saved: Option<Scenario>,
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
    pub fn new(
        id: DocumentId,
        scenario: Scenario,
        path: Option<PathBuf>,
        colour_index: usize,
    ) -> Self {
        Document {
            id,
            projection: project(&scenario),
            projected: scenario.clone(),
            saved: Some(scenario.clone()),
            history: History::new(&scenario),
            scenario,
            path,
            colour_index,
            shown_in_comparison: true,
        }
    }

    /// Makes one edit through the model's rules.
    pub fn apply(&mut self, edit: Edit) {
        self.scenario.apply(edit);
    }

    /// True if the scenario differs from the file it came from (or, if new, from how it began).
    pub fn is_modified(&self) -> bool {
        self.saved.as_ref() != Some(&self.scenario)
    }

    /// Marks the current scenario as saved at `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.saved = Some(self.scenario.clone());
        self.path = Some(path.to_path_buf());
    }

    /// True if there are saved values to go back to.
    pub fn can_revert(&self) -> bool {
        self.saved.is_some()
    }

    /// Puts back the scenario as last opened or saved (an undoable step). Nothing happens for a
    /// scenario restored after a crash, which has no saved values in this run.
    pub fn revert_to_saved(&mut self) {
        if let Some(saved) = &self.saved {
            self.scenario = saved.clone();
        }
    }

    /// Treats the current scenario as unsaved (e.g. restored after a crash).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
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

    /// The name with a mark when there are unsaved changes.
    pub fn title(&self) -> String {
        format!(
            "{}{}",
            self.display_name(),
            if self.is_modified() { " *" } else { "" }
        )
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
