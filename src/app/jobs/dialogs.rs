//! File dialogs (behind a trait, so tests use a fake), run off the UI thread, and recent files.
//! Every dialog asked for is answered: if the dialog's thread cannot start, or a dialog is
//! dropped without an answer, the reply says "unavailable" and the path box takes over.

use super::super::workspace::DocumentId;
use super::image::{ImageSize, ImageTarget};
use crate::model::Scenario;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
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
    /// Pick SSDA903 CSV files (several at once) to import.
    ImportFiles,
    /// Pick a folder of SSDA903 CSV files to import.
    ImportFolder,
    /// Pick a placement list (CSV or Excel) to forecast from.
    PlacementList,
}

/// What came back from a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user picked this file (or folder).
    Picked(PathBuf),
    /// The user picked these files.
    PickedMany(Vec<PathBuf>),
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
                let scenarios = ("Care Levers scenario", SCENARIO_EXTENSIONS);
                let picked = match &kind {
                    DialogKind::ImportFiles => {
                        let files = dialog
                            .add_filter("SSDA903 CSV files or zips", &["csv", "CSV", "zip", "ZIP"])
                            .set_title("Choose the SSDA903 header and episodes files")
                            .pick_files();
                        let outcome = match files {
                            Some(files) if !files.is_empty() => DialogOutcome::PickedMany(files),
                            _ if started.elapsed() < FASTEST_HUMAN_ANSWER => {
                                DialogOutcome::Unavailable
                            }
                            _ => DialogOutcome::Cancelled,
                        };
                        done(outcome);
                        return;
                    }
                    DialogKind::ImportFolder => dialog
                        .set_title("Choose the folder of SSDA903 files")
                        .pick_folder(),
                    DialogKind::PlacementList => dialog
                        .add_filter(
                            "Placement lists (CSV or Excel)",
                            &["csv", "CSV", "xlsx", "XLSX"],
                        )
                        .set_title("Choose the placement list")
                        .pick_file(),
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
        // No thread, no dialog: `done` is dropped unanswered, and the reply's guard tells the
        // window, which offers the path box.
        drop(spawned);
    }
}

/// What a file dialog (or the path box standing in for it) was opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogPurpose {
    /// Open a file, replacing the current scenario or beside it.
    Open {
        /// Beside the open scenarios rather than replacing the active one.
        alongside: bool,
    },
    /// Save a document, then carry on with a command (e.g. quit) if there is one.
    SaveAs {
        /// The document to save.
        document: DocumentId,
        /// What to do once it is saved.
        then: Option<Box<super::super::message::Message>>,
    },
    /// Write an image of the chart or the whole window.
    ExportImage {
        /// The chart or the whole window.
        target: ImageTarget,
        /// As shown, or a chosen size.
        size: ImageSize,
    },
    /// Write the monthly and financial-year CSV tables.
    ExportCsv,
    /// Write the Excel workbook.
    ExportXlsx,
    /// Write the committee briefing, as PDF or Word.
    ExportBriefing(crate::io::briefing_file::Format),
    /// Read SSDA903 files (or a folder of them) to import.
    ImportSsda903,
    /// Read a placement list for the budget monitoring view.
    ReadPlacementList,
}

impl DialogPurpose {
    /// The verb for the path box's button.
    pub fn verb(&self) -> &'static str {
        match self {
            DialogPurpose::Open { .. } => "Open",
            DialogPurpose::SaveAs { .. } => "Save",
            DialogPurpose::ImportSsda903 | DialogPurpose::ReadPlacementList => "Read",
            _ => "Export",
        }
    }
}

/// A dialog's answer, sent back from the dialog's thread.
pub struct DialogReply {
    /// What the dialog was for.
    pub purpose: DialogPurpose,
    /// What the user did.
    pub outcome: DialogOutcome,
}

/// Sends a dialog's answer exactly once: the outcome given, or "unavailable" if it is dropped
/// first (the dialog's thread never started, or ended without answering).
struct ReplyGuard {
    reply: Option<(Sender<DialogReply>, DialogPurpose)>,
    repaint: egui::Context,
}

impl ReplyGuard {
    fn answer(mut self, outcome: DialogOutcome) {
        self.send(outcome);
    }

    fn send(&mut self, outcome: DialogOutcome) {
        if let Some((sender, purpose)) = self.reply.take() {
            // The window may have closed meanwhile; then nobody needs the answer.
            let _ = sender.send(DialogReply { purpose, outcome });
            self.repaint.request_repaint();
        }
    }
}

impl Drop for ReplyGuard {
    fn drop(&mut self) {
        self.send(DialogOutcome::Unavailable);
    }
}

/// The window's side of the file dialogs: at most one open at a time, answers collected each
/// frame.
pub struct DialogJobs {
    service: std::sync::Arc<dyn FileDialogs>,
    replies: (Sender<DialogReply>, Receiver<DialogReply>),
    open: bool,
}

impl DialogJobs {
    /// Dialogs shown by `service`.
    pub fn new(service: std::sync::Arc<dyn FileDialogs>) -> Self {
        DialogJobs {
            service,
            replies: channel(),
            open: false,
        }
    }

    /// Shows a dialog of `kind` in `folder` for `purpose`, unless one is already open.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        kind: DialogKind,
        folder: PathBuf,
        purpose: DialogPurpose,
    ) {
        if self.open {
            return;
        }
        self.open = true;
        let guard = ReplyGuard {
            reply: Some((self.replies.0.clone(), purpose)),
            repaint: ctx.clone(),
        };
        self.service
            .show(kind, folder, Box::new(move |outcome| guard.answer(outcome)));
    }

    /// Answers that arrived since the last frame.
    pub fn replies(&mut self) -> Vec<DialogReply> {
        let replies: Vec<DialogReply> = self.replies.1.try_iter().collect();
        if !replies.is_empty() {
            self.open = false;
        }
        replies
    }
}

pub use crate::io::scenario_file::{with_extension, with_ron_extension};

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

pub use crate::io::scenario_file::SCENARIO_EXTENSIONS;

/// Where dialogs open when there is no scenario folder to start from: the user's Documents
/// (on Windows the Known Folder, which follows OneDrive redirection), else the current folder.
pub fn default_folder() -> PathBuf {
    dirs::document_dir()
        .filter(|folder| folder.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Puts `path` first in the recent-files list, without repeats, keeping at most `keep`.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path, keep: usize) {
    recent.retain(|p| p != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(keep);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;

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
        assert_eq!(
            with_ron_extension(PathBuf::from("/x/plan.CareLevers")),
            PathBuf::from("/x/plan.CareLevers")
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
