//! One open scenario: the scenario, where it lives on disk, whether it has unsaved changes, its
//! undo history, its colour in comparisons, and its projection.

use super::history::History;
use crate::io::scenario_file::DiskVersion;
use crate::model::{Edit, Projection, Scenario, project};
use std::path::{Path, PathBuf};

/// A document's identity for the app's run (also names its recovery copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(pub u64);

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
    /// The file's contents as last opened or saved here, to notice a colleague's save in
    /// between; none for a scenario never read from or written to its file in this run.
    pub on_disk: Option<DiskVersion>,
    /// Found when the window regained focus: the file is no longer what was opened or saved.
    pub changed_on_disk: Option<DiskChange>,
    /// The file's contents when the officer chose "Keep my version": not shown as a change again
    /// (a save over it still asks).
    pub kept_mine_over: Option<DiskVersion>,
    /// Opened as a read-only copy because someone else had the file open ("jsmith on
    /// FIN-PC-12, opened 5 minutes ago"): Save asks for a new name, and no lock is taken.
    pub read_only_because: Option<String>,
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
            on_disk: None,
            changed_on_disk: None,
            kept_mine_over: None,
            read_only_because: None,
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

    /// Marks the current scenario as saved at `path`, where the file now holds `version`.
    pub fn mark_saved(&mut self, path: &Path, version: Option<DiskVersion>) {
        self.mark_saved_as(path, version, self.scenario.clone());
    }

    /// Marks `saved` (the scenario as it was when a save began) as what `path` now holds; edits
    /// made while the file was being written stay unsaved.
    pub fn mark_saved_as(&mut self, path: &Path, version: Option<DiskVersion>, saved: Scenario) {
        self.saved = Some(saved);
        self.path = Some(path.to_path_buf());
        self.on_disk = version;
        self.changed_on_disk = None;
        self.kept_mine_over = None;
        self.read_only_because = None;
    }

    /// Puts in the scenario read again from its file (an undoable step, so nothing is lost).
    pub fn reload(&mut self, scenario: Scenario, version: DiskVersion) {
        self.scenario = scenario;
        self.saved = Some(self.scenario.clone());
        self.on_disk = Some(version);
        self.changed_on_disk = None;
        self.kept_mine_over = None;
    }

    /// Compares the file with what was last opened or saved here; none if it is the same or
    /// there is nothing to compare.
    pub fn check_on_disk(&self) -> Option<DiskChange> {
        self.compare_with_disk(None)
    }

    /// The change to show as a notice: as [`Document::check_on_disk`], less a version the
    /// officer already chose to keep theirs over.
    pub fn change_to_show(&self) -> Option<DiskChange> {
        self.compare_with_disk(self.kept_mine_over)
    }

    /// Reads the file once and compares it with what was opened or saved here, counting
    /// `accepted` (a version the officer has seen) as no change.
    fn compare_with_disk(&self, accepted: Option<DiskVersion>) -> Option<DiskChange> {
        let (path, known) = (self.path.as_ref()?, self.on_disk?);
        match DiskVersion::on_disk(path) {
            None => Some(DiskChange::Missing),
            Some(now) if now == known || Some(now) == accepted => None,
            Some(_) => Some(DiskChange::Changed),
        }
    }

    /// Stops showing the current change on disk as a notice.
    pub fn keep_mine(&mut self) {
        self.kept_mine_over = self.path.as_deref().and_then(DiskVersion::on_disk);
        self.changed_on_disk = None;
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

    /// The name with a mark when there are unsaved changes, and when it is a read-only copy.
    pub fn title(&self) -> String {
        format!(
            "{}{}{}",
            self.display_name(),
            if self.read_only_because.is_some() {
                " (read-only)"
            } else {
                ""
            },
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

/// How a scenario's file differs from what was opened or saved in this window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// Someone (a colleague, another window, a sync tool) saved different contents.
    Changed,
    /// The file is gone: deleted, moved, or its drive disconnected.
    Missing,
}
