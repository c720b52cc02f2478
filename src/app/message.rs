//! What happens in the window, as one enum run after the frame that asked for it: a user
//! command from a menu or a shortcut ([`Command`], which carries its label and shortcuts), or
//! an internal message from a button in a view, a panel or a dialog (choose this council, edit
//! the scenario, an answer to a question). Views and dialogs fill a `Vec<Message>`;
//! `command_handling.rs` runs it.

use super::command::{Answer, ClashAnswer, Command};
use super::jobs::dialogs::DialogPurpose;
use super::view::View;
use super::workspace::DocumentId;
use crate::model::Edit;
use std::path::PathBuf;

/// Something to do, from a command or from the window's own widgets.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// A user command (menus, shortcuts, the start page's buttons for the same).
    Command(Command),
    /// Replace the current scenario with one fitted to a council's figures (DfE code).
    CreateForCouncil(String),
    /// Replace the current scenario with a recent file.
    OpenRecent(PathBuf),
    /// Replace the current scenario with one of Norfolk's built-in examples (by its index in
    /// `scenario_file::EXAMPLES`).
    OpenExample(usize),
    /// Show a view in the central panel.
    ShowView(View),
    /// Pick SSDA903 files with a file dialog.
    ChooseImportFiles,
    /// Pick a folder of SSDA903 files with a folder dialog.
    ChooseImportFolder,
    /// Read these SSDA903 files or folders and show what they hold.
    ReadImport(Vec<PathBuf>),
    /// Open the imported scenario as a new document.
    CreateImported(Box<crate::model::Scenario>),
    /// Copy the placement list read into the budget monitoring view beside the active
    /// scenario's file, and note its name in the scenario (the officer's choice: it is personal
    /// data).
    KeepPlacementListBeside,
    /// Read the placement list kept beside the active scenario's file.
    ReadKeptPlacementList,
    /// Make a scenario active.
    Activate(DocumentId),
    /// Choose the comparison's reference scenario.
    SetReference(DocumentId),
    /// Change the active scenario.
    Edit(Edit),
    /// Ask for a file (dialog, or the path box where there is none).
    AskForPath(DialogPurpose),
    /// Use a file chosen in a dialog or typed in the path box.
    UsePath(DialogPurpose, PathBuf),
    /// The answer to "Save changes?", and what to do next.
    AnswerUnsaved {
        /// The scenario asked about.
        document: DocumentId,
        /// What the user had asked for.
        then: Box<Message>,
        /// Their answer.
        answer: Answer,
    },
    /// Open a file someone else has open, as a read-only copy (Save then asks for a new name).
    OpenReadOnly {
        /// The file.
        path: PathBuf,
        /// Beside the others, or in place of the active scenario.
        alongside: bool,
    },
    /// Open a file although its lock says someone else has it open (they may have left it
    /// open by mistake; the check before saving still stops either losing the other's work).
    OpenIgnoringLock {
        /// The file.
        path: PathBuf,
        /// Beside the others, or in place of the active scenario.
        alongside: bool,
    },
    /// The answer to "the file changed on disk since you opened it", asked at a save.
    AnswerClash {
        /// The scenario being saved.
        document: DocumentId,
        /// What the user had asked for after saving.
        then: Option<Box<Message>>,
        /// Their answer.
        answer: ClashAnswer,
    },
    /// Read a scenario's file again, replacing its unsaved changes (an undoable step).
    ReloadFromDisk(DocumentId),
    /// Keep this window's version of a scenario whose file changed on disk (hides the notice;
    /// saving over the file still asks).
    KeepMine(DocumentId),
    /// Restore the scenarios found in the recovery folder.
    RestoreRecovered,
    /// Discard the scenarios found in the recovery folder.
    DiscardRecovered,
}

impl From<Command> for Message {
    fn from(command: Command) -> Self {
        Message::Command(command)
    }
}

impl Message {
    /// The words on the button that sends it.
    pub fn label(&self) -> &'static str {
        match self {
            Message::Command(command) => command.label(),
            Message::CreateForCouncil(_) => "Start from this council's figures",
            Message::OpenRecent(_) => "Open recent",
            Message::OpenExample(_) => "Open this example",
            Message::ShowView(view) => view.label(),
            Message::ChooseImportFiles => "Choose files...",
            Message::ChooseImportFolder => "Choose a folder...",
            Message::ReadImport(_) => "Read",
            Message::CreateImported(_) => "Create the scenario",
            Message::KeepPlacementListBeside => "Keep the list beside the scenario file",
            Message::ReadKeptPlacementList => "Read the list kept beside the scenario",
            Message::Activate(_) => "Show scenario",
            Message::SetReference(_) => "Compare with",
            Message::Edit(_) => "Change the scenario",
            Message::AskForPath(_) => "Choose a file",
            Message::UsePath(..) => "Use file",
            Message::AnswerUnsaved { .. } => "Answer",
            Message::OpenReadOnly { .. } => "Open a read-only copy",
            Message::OpenIgnoringLock { .. } => "Open anyway",
            Message::AnswerClash { .. } => "Answer",
            Message::ReloadFromDisk(_) => "Reload from disk",
            Message::KeepMine(_) => "Keep my version",
            Message::RestoreRecovered => "Restore",
            Message::DiscardRecovered => "Discard",
        }
    }

    /// True for what throws away the active scenario's unsaved changes.
    pub fn discards_active(&self) -> bool {
        match self {
            Message::Command(command) => command.discards_active(),
            Message::CreateForCouncil(_) | Message::OpenRecent(_) | Message::OpenExample(_) => true,
            _ => false,
        }
    }
}
