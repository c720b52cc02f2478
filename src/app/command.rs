//! Everything the user can ask the window to do, as one enum. Each command carries its label and
//! keyboard shortcuts; the menus, the shortcut handling and the README's keyboard table are all
//! made from it. Commands are collected while a frame is drawn and run once after it
//! (see `command_handling.rs`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask for from a menu or a shortcut: data-free, so menus, shortcuts
/// and the README's keyboard table list them as they are (what carries data, such as a file
/// to open or a view to show, is a [`super::message::Message`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Replace the current scenario with the Norfolk 2014 template.
    NewFromTemplate,
    /// Replace the current scenario with blank defaults (England averages).
    NewBlank,
    /// Choose a council to start a scenario from its published figures.
    NewForCouncil,
    /// Import a council's SSDA903 files: choose them, read the summary, create the scenario.
    NewFromSsda903,
    /// Show what the program is, its licence and the data's attribution.
    About,
    /// Open the guide at its start.
    Guide,
    /// Open the guide at the section about the view being shown.
    GuideForView,
    /// Replace the current scenario with one picked from a file.
    Open,
    /// Open a scenario beside the others, for comparison.
    OpenAlongside,
    /// Type a path instead of using a file dialog.
    TypePath,
    /// Save to the scenario's file (or ask where, if it has none).
    Save,
    /// Save to a file picked by the user.
    SaveAs,
    /// Choose what image to export and where.
    ExportImage,
    /// Copy the current chart to the clipboard as an image.
    CopyChart,
    /// Export the projection as CSV (monthly and financial-year tables).
    ExportCsv,
    /// Export the projection as an Excel workbook.
    ExportXlsx,
    /// Export a committee briefing of the active scenario (with up to two other open scenarios
    /// as options) as an accessible PDF.
    ExportBriefingPdf,
    /// The same briefing as a Word document, to paste into a report.
    ExportBriefingDocx,
    /// Close the current scenario.
    CloseScenario,
    /// Close the window.
    Quit,
    /// Undo the last change to the active scenario.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Meeting mode: full screen, one chart at a time.
    Present,
    /// Leave meeting mode.
    LeavePresentation,
    /// Meeting mode: the next chart.
    NextChart,
    /// Meeting mode: the previous chart.
    PreviousChart,
    /// Make the next open scenario active.
    NextScenario,
    /// Meeting mode: show or hide the levers.
    ToggleLevers,
    /// Put back the active scenario's saved values (an undoable step).
    RevertToSaved,
    /// Meeting mode: the projector theme on or off.
    ToggleProjectorTheme,
    /// Open the active plan's evidence-based version beside it and compare the two.
    EvidenceBasedVersion,
}

/// Answers to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save, then carry on.
    Save,
    /// Carry on without saving.
    DontSave,
    /// Do nothing.
    Cancel,
}

/// Answers to "the file changed on disk since you opened it".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClashAnswer {
    /// Replace the file on disk with this window's scenario (theirs is kept as `.bak`).
    Overwrite,
    /// Save this window's scenario under another name, leaving theirs as it is.
    SaveCopy,
    /// Read the file on disk, replacing this window's changes (which undo brings back).
    Reload,
    /// Do nothing.
    Cancel,
}

/// The File menu, with separators as `None`.
pub const FILE_MENU: &[Option<Command>] = &[
    Some(Command::NewFromTemplate),
    Some(Command::NewBlank),
    Some(Command::NewForCouncil),
    Some(Command::NewFromSsda903),
    None,
    Some(Command::Open),
    Some(Command::OpenAlongside),
    None,
    Some(Command::Save),
    Some(Command::SaveAs),
    Some(Command::TypePath),
    None,
    Some(Command::ExportImage),
    Some(Command::CopyChart),
    Some(Command::ExportCsv),
    Some(Command::ExportXlsx),
    Some(Command::ExportBriefingPdf),
    Some(Command::ExportBriefingDocx),
    None,
    Some(Command::CloseScenario),
    Some(Command::Quit),
];

/// The Edit menu.
pub const EDIT_MENU: &[Command] = &[Command::Undo, Command::Redo];

/// The Help menu.
pub const HELP_MENU: &[Command] = &[Command::Guide, Command::About];

/// Commands with shortcuts in the normal window, shifted ones first (Ctrl+S would also match
/// Ctrl+Shift+S).
pub const WINDOW_SHORTCUTS: &[Command] = &[
    Command::SaveAs,
    Command::Save,
    Command::OpenAlongside,
    Command::Open,
    Command::NewFromTemplate,
    Command::Redo,
    Command::Undo,
    Command::Present,
    Command::Guide,
];

/// Commands with (single-key) shortcuts in meeting mode.
pub const MEETING_SHORTCUTS: &[Command] = &[
    Command::LeavePresentation,
    Command::NextChart,
    Command::PreviousChart,
    Command::NextScenario,
    Command::ToggleLevers,
    Command::RevertToSaved,
    Command::ToggleProjectorTheme,
];

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

impl Command {
    /// The command's name, as in menus and buttons.
    pub fn label(&self) -> &'static str {
        match self {
            Command::NewFromTemplate => "New from the Norfolk template",
            Command::NewBlank => "New with blank defaults",
            Command::NewForCouncil => "New for a council...",
            Command::NewFromSsda903 => "New from SSDA903 files...",
            Command::About => "About Care Levers",
            Command::Guide => "Guide",
            Command::GuideForView => "About this view",
            Command::Open => "Open...",
            Command::OpenAlongside => "Open alongside, to compare...",
            Command::TypePath => "Type a file path...",
            Command::Save => "Save",
            Command::SaveAs => "Save as...",
            Command::ExportImage => "Export chart or window as PNG...",
            Command::CopyChart => "Copy chart to the clipboard",
            Command::ExportCsv => "Export tables as CSV...",
            Command::ExportXlsx => "Export Excel workbook...",
            Command::ExportBriefingPdf => "Export briefing (PDF)...",
            Command::ExportBriefingDocx => "Export briefing (Word)...",
            Command::CloseScenario => "Close scenario",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Present => "Present",
            Command::LeavePresentation => "Leave meeting mode",
            Command::NextChart => "Next chart",
            Command::PreviousChart => "Previous chart",
            Command::NextScenario => "Next scenario",
            Command::ToggleLevers => "Show or hide the levers",
            Command::RevertToSaved => "Back to saved values",
            Command::ToggleProjectorTheme => "Projector theme on or off",
            Command::EvidenceBasedVersion => "Compare with an evidence-based version",
        }
    }

    /// The keyboard shortcuts, the first one shown in menus.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        match self {
            Command::NewFromTemplate => {
                const KEYS: &[KeyboardShortcut] = &[command(Key::N)];
                KEYS
            }
            Command::Open => {
                const KEYS: &[KeyboardShortcut] = &[command(Key::O)];
                KEYS
            }
            Command::OpenAlongside => {
                const KEYS: &[KeyboardShortcut] = &[command_shift(Key::O)];
                KEYS
            }
            Command::Save => {
                const KEYS: &[KeyboardShortcut] = &[command(Key::S)];
                KEYS
            }
            Command::SaveAs => {
                const KEYS: &[KeyboardShortcut] = &[command_shift(Key::S)];
                KEYS
            }
            Command::Undo => {
                const KEYS: &[KeyboardShortcut] = &[command(Key::Z)];
                KEYS
            }
            Command::Redo => {
                const KEYS: &[KeyboardShortcut] = &[command_shift(Key::Z), command(Key::Y)];
                KEYS
            }
            Command::Present => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::F5)];
                KEYS
            }
            Command::Guide => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::F1)];
                KEYS
            }
            Command::LeavePresentation => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::Escape)];
                KEYS
            }
            Command::NextChart => {
                const KEYS: &[KeyboardShortcut] =
                    &[key(Key::ArrowRight), key(Key::PageDown), key(Key::Space)];
                KEYS
            }
            Command::PreviousChart => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::ArrowLeft), key(Key::PageUp)];
                KEYS
            }
            Command::NextScenario => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::S)];
                KEYS
            }
            Command::ToggleLevers => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::L)];
                KEYS
            }
            Command::RevertToSaved => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::R)];
                KEYS
            }
            Command::ToggleProjectorTheme => {
                const KEYS: &[KeyboardShortcut] = &[key(Key::T)];
                KEYS
            }
            _ => &[],
        }
    }

    /// The first shortcut in words, e.g. "Ctrl+Shift+S" (empty if none).
    pub fn shortcut_text(&self) -> String {
        self.shortcuts()
            .first()
            .map(|shortcut| shortcut_words(*shortcut))
            .unwrap_or_default()
    }

    /// The label with its shortcut, for menus: "Save (Ctrl+S)".
    pub fn menu_text(&self) -> String {
        match self.shortcut_text() {
            text if text.is_empty() => self.label().to_string(),
            text => format!("{} ({text})", self.label()),
        }
    }

    /// True for commands that throw away the active scenario's unsaved changes.
    pub fn discards_active(&self) -> bool {
        matches!(
            self,
            Command::NewFromTemplate | Command::NewBlank | Command::Open | Command::CloseScenario
        )
    }

    /// True if a text field with the keyboard focus should keep this shortcut for itself
    /// (Ctrl+Z in a text field undoes typing, not the scenario; single keys are typed).
    fn yields_to_text_fields(&self) -> bool {
        matches!(self, Command::Undo | Command::Redo) || MEETING_SHORTCUTS.contains(self)
    }
}

/// A shortcut as the README and menus write it (Ctrl, not the platform's symbol).
pub(crate) fn shortcut_words(shortcut: KeyboardShortcut) -> String {
    let mut words = String::new();
    if shortcut.modifiers.command || shortcut.modifiers.ctrl {
        words.push_str("Ctrl+");
    }
    if shortcut.modifiers.shift {
        words.push_str("Shift+");
    }
    let name = match shortcut.logical_key {
        Key::ArrowRight => "Right",
        Key::ArrowLeft => "Left",
        Key::Escape => "Esc",
        other => other.name(),
    };
    words.push_str(name);
    words
}

/// The commands whose shortcut was pressed this frame, consuming the key presses. `typing` is
/// true while a text field has the keyboard focus.
pub fn pressed(ctx: &egui::Context, commands: &[Command], typing: bool) -> Vec<Command> {
    let mut out = Vec::new();
    for command in commands {
        if typing && command.yields_to_text_fields() {
            continue;
        }
        let hit = command
            .shortcuts()
            .iter()
            .any(|shortcut| ctx.input_mut(|i| i.consume_shortcut(shortcut)));
        if hit {
            out.push(*command);
        }
    }
    out
}

/// The README's keyboard table, made from the commands (a test keeps the README in step).
#[cfg(test)]
fn keyboard_table() -> String {
    let mut table = String::from("| Keys | What it does |\n|---|---|\n");
    let mut row = |command: &Command, place: &str| {
        let keys: Vec<String> = command
            .shortcuts()
            .iter()
            .map(|s| shortcut_words(*s))
            .collect();
        table.push_str(&format!(
            "| {} | {}{place} |\n",
            keys.join(" or "),
            command.label().trim_end_matches("...")
        ));
    };
    for command in [
        Command::NewFromTemplate,
        Command::Open,
        Command::OpenAlongside,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::Present,
        Command::Guide,
    ] {
        row(&command, "");
    }
    for command in MEETING_SHORTCUTS {
        row(command, " (meeting mode)");
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_show_shortcuts_in_words() {
        assert_eq!(Command::Save.menu_text(), "Save (Ctrl+S)");
        assert_eq!(Command::SaveAs.menu_text(), "Save as... (Ctrl+Shift+S)");
        assert_eq!(Command::Present.menu_text(), "Present (F5)");
        assert_eq!(Command::Quit.menu_text(), "Quit");
    }

    #[test]
    fn no_two_commands_share_a_shortcut_in_the_same_mode() {
        for list in [WINDOW_SHORTCUTS, MEETING_SHORTCUTS] {
            let mut seen = Vec::new();
            for command in list {
                for shortcut in command.shortcuts() {
                    assert!(!seen.contains(shortcut), "{command:?}");
                    seen.push(*shortcut);
                }
            }
        }
    }

    #[test]
    fn the_readme_lists_every_shortcut_as_the_commands_define_them() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&keyboard_table()),
            "README.md's keyboard table is out of date; it should read:\n{}",
            keyboard_table()
        );
    }
}
