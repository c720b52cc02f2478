//! Modal windows. Each is a struct whose `ui` draws it and says whether it stays open and what
//! the user asked for (as in ruffle's desktop dialogs); [`Modals`] holds the ones on screen.

use super::command::{Answer, ClashAnswer};
use super::jobs::dialogs::{DialogPurpose, default_folder};
use super::jobs::image::{ImageSize, ImageTarget};
use super::jobs::recovery::Recovered;
use super::workspace::DocumentId;
use crate::app::message::Message;
use egui::{Key, RichText};
use std::collections::VecDeque;
use std::path::PathBuf;

/// What a modal's frame came to.
#[derive(Debug, Default)]
pub struct ModalResponse {
    /// False once the modal is done with.
    pub keep_open: bool,
    /// What the user asked for, if anything.
    pub command: Option<Message>,
}

impl ModalResponse {
    fn open() -> Self {
        ModalResponse {
            keep_open: true,
            command: None,
        }
    }

    fn close(command: Option<Message>) -> Self {
        ModalResponse {
            keep_open: false,
            command,
        }
    }
}

/// "Save changes to X?", waiting for an answer.
#[derive(Clone, Debug)]
pub struct UnsavedQuestion {
    /// The scenario asked about.
    pub document: DocumentId,
    /// Its name.
    pub name: String,
    /// What the user had asked for.
    pub then: Message,
}

impl Modal for UnsavedQuestion {
    fn id(&self) -> &'static str {
        "unsaved_question"
    }

    /// Draws the question.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut answer = None;
        ui.heading("Save changes?");
        ui.label(format!("\"{}\" has changes that are not saved.", self.name));
        ui.horizontal(|ui| {
            for (label, choice) in [
                ("Save", Answer::Save),
                ("Don't save", Answer::DontSave),
                ("Cancel", Answer::Cancel),
            ] {
                if ui.button(label).clicked() {
                    answer = Some(choice);
                }
            }
        });
        match answer {
            Some(answer) => ModalResponse::close(Some(Message::AnswerUnsaved {
                document: self.document,
                then: Box::new(self.then.clone()),
                answer,
            })),
            None => ModalResponse::open(),
        }
    }

    fn on_escape(&self) -> ModalResponse {
        ModalResponse::close(Some(Message::AnswerUnsaved {
            document: self.document,
            then: Box::new(self.then.clone()),
            answer: Answer::Cancel,
        }))
    }
}

/// "Someone else has this file open": told on opening a file with another window's lock.
#[derive(Clone, Debug)]
pub struct LockedFile {
    /// The file.
    pub path: PathBuf,
    /// Whether it was to open beside the others.
    pub alongside: bool,
    /// Who has it: "jsmith on FIN-PC-12, opened 25 minutes ago".
    pub holder: String,
}

impl Modal for LockedFile {
    fn id(&self) -> &'static str {
        "locked_file"
    }

    /// Draws the question.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut response = ModalResponse::open();
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.heading("Someone else has this file open");
        ui.label(format!(
            "\"{name}\" is open in Care Levers by {}.",
            self.holder
        ));
        ui.label(
            "A read-only copy lets you look and try changes; saving it asks for a new name, \
             so neither of you loses work.",
        );
        ui.horizontal(|ui| {
            let choices = [
                Message::OpenReadOnly {
                    path: self.path.clone(),
                    alongside: self.alongside,
                },
                Message::OpenIgnoringLock {
                    path: self.path.clone(),
                    alongside: self.alongside,
                },
            ];
            for choice in choices {
                if ui.button(choice.label()).clicked() {
                    response = ModalResponse::close(Some(choice));
                }
            }
            if ui.button("Cancel").clicked() {
                response = ModalResponse::close(None);
            }
        });
        response
    }
}

/// "The file changed on disk since you opened it", asked before a save would overwrite it.
#[derive(Clone, Debug)]
pub struct ClashQuestion {
    /// The scenario being saved.
    pub document: DocumentId,
    /// Its name.
    pub name: String,
    /// Its file.
    pub path: PathBuf,
    /// What the user had asked for after saving.
    pub then: Option<Box<Message>>,
}

impl Modal for ClashQuestion {
    fn id(&self) -> &'static str {
        "clash_question"
    }

    /// Draws the question.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut answer = None;
        ui.heading("The file changed since you opened it");
        ui.label(format!(
            "Someone (a colleague, another Care Levers window or a sync tool) saved {} after \
             you opened \"{}\". Saving now would replace their version.",
            self.path.display(),
            self.name
        ));
        ui.horizontal(|ui| {
            for (label, choice) in [
                ("Overwrite their version", ClashAnswer::Overwrite),
                ("Save mine as a copy...", ClashAnswer::SaveCopy),
                ("Reload theirs (undo brings mine back)", ClashAnswer::Reload),
                ("Cancel", ClashAnswer::Cancel),
            ] {
                if ui.button(label).clicked() {
                    answer = Some(choice);
                }
            }
        });
        match answer {
            Some(answer) => ModalResponse::close(Some(Message::AnswerClash {
                document: self.document,
                then: self.then.clone(),
                answer,
            })),
            None => ModalResponse::open(),
        }
    }

    fn on_escape(&self) -> ModalResponse {
        ModalResponse::close(Some(Message::AnswerClash {
            document: self.document,
            then: self.then.clone(),
            answer: ClashAnswer::Cancel,
        }))
    }
}

/// The path box: typing a path where no file dialog can be shown.
#[derive(Clone, Debug)]
pub struct PathBox {
    /// What the path is for.
    pub purpose: DialogPurpose,
    /// The text typed so far.
    pub text: String,
    /// Why the box is shown, if it stands in for a dialog.
    pub note: String,
    /// The text field has been given the keyboard focus once.
    focused: bool,
}

impl PathBox {
    /// A path box for `purpose`, starting in the default folder.
    pub fn new(purpose: DialogPurpose, note: &str) -> Self {
        PathBox {
            purpose,
            text: default_folder().display().to_string() + std::path::MAIN_SEPARATOR_STR,
            note: note.to_string(),
            focused: false,
        }
    }
}

impl Modal for PathBox {
    fn id(&self) -> &'static str {
        "path_box"
    }

    /// Draws the box.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let verb = self.purpose.verb();
        let mut response = ModalResponse::open();
        ui.heading(format!("{verb}: type a file path"));
        if !self.note.is_empty() {
            ui.label(&self.note);
        }
        let edit = ui
            .add(egui::TextEdit::singleline(&mut self.text).desired_width(480.0))
            .accessible_name("File path");
        if !self.focused {
            // Ready to type at once, like a dialog's file-name field.
            edit.request_focus();
            self.focused = true;
        }
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if ui.button(verb).clicked() || entered {
                let path = PathBuf::from(self.text.trim());
                response = ModalResponse::close(Some(Message::UsePath(self.purpose.clone(), path)));
            }
            if ui.button("Cancel").clicked() {
                response = ModalResponse::close(None);
            }
        });
        response
    }
}

/// What image to export, and at what size.
#[derive(Clone, Copy, Debug)]
pub struct ImageChoice {
    /// The chart or the whole window.
    pub target: ImageTarget,
    /// As shown or a chosen size.
    pub size: ImageSize,
}

impl Modal for ImageChoice {
    fn id(&self) -> &'static str {
        "image_choice"
    }

    /// Draws the choice.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut response = ModalResponse::open();
        ui.heading("Export an image");
        ui.label("What");
        ui.radio_value(
            &mut self.target,
            ImageTarget::Chart,
            "The chart, with its title and axes",
        );
        ui.radio_value(&mut self.target, ImageTarget::Dashboard, "The whole window");
        ui.label("Size");
        for (choice, label) in ImageSize::CHOICES {
            ui.radio_value(&mut self.size, choice, label);
        }
        ui.horizontal(|ui| {
            if ui.button("Choose file...").clicked() {
                response =
                    ModalResponse::close(Some(Message::AskForPath(DialogPurpose::ExportImage {
                        target: self.target,
                        size: self.size,
                    })));
            }
            if ui.button("Cancel").clicked() {
                response = ModalResponse::close(None);
            }
        });
        response
    }
}

/// The offer to restore unsaved work after a crash, and any copies that could not be read.
#[derive(Clone, Debug)]
pub struct RecoveryOffer {
    /// What the recovery folder held.
    pub recovered: Recovered,
}

impl Modal for RecoveryOffer {
    fn id(&self) -> &'static str {
        "recovery"
    }

    /// Draws the offer.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut response = ModalResponse::open();
        ui.heading("Restore unsaved work?");
        ui.label(
            "Care Levers did not close properly last time. These scenarios had changes \
             that were not saved:",
        );
        for recovered in &self.recovered.scenarios {
            let from = recovered
                .original_path
                .as_ref()
                .map(|p| format!(" (from {})", p.display()))
                .unwrap_or_default();
            ui.label(format!("• {}{from}", recovered.scenario.name));
        }
        if !self.recovered.unreadable.is_empty() {
            ui.label(
                RichText::new(
                    "These recovery copies could not be read. They were kept where they are \
                     now, so nothing is lost:",
                )
                .strong(),
            );
            for (path, reason) in &self.recovered.unreadable {
                ui.label(format!("• {}: {reason}", path.display()));
            }
        }
        ui.horizontal(|ui| {
            if self.recovered.scenarios.is_empty() {
                if ui.button("OK").clicked() {
                    response = ModalResponse::close(None);
                }
                return;
            }
            if ui.button("Restore").clicked() {
                response = ModalResponse::close(Some(Message::RestoreRecovered));
            }
            if ui.button("Discard").clicked() {
                response = ModalResponse::close(Some(Message::DiscardRecovered));
            }
        });
        response
    }
}

/// "New for a council": a searchable list of England's councils.
#[derive(Clone, Debug, Default)]
pub struct CouncilPicker {
    /// What the user has typed.
    pub search: String,
    /// The search box has been given the keyboard focus once.
    focused: bool,
}

/// The councils matching `search`, each a button (its name) with its region and latest count,
/// in a scrolling list `height` high; the DfE code of the council clicked. Shared by the
/// council picker and the start page.
pub fn council_list_ui(ui: &mut egui::Ui, search: &str, id: &str, height: f32) -> Option<String> {
    let data = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data,
        Err(error) => {
            ui.label(error.to_string());
            return None;
        }
    };
    let found = data.search(search);
    ui.label(
        RichText::new(format!("{} councils", found.len()))
            .small()
            .weak(),
    );
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(height)
        .show(ui, |ui| {
            egui::Grid::new(id)
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for council in found {
                        if ui.button(&council.name).clicked() {
                            chosen = Some(council.code.clone());
                        }
                        let words = match (council.latest_looked_after, council.last_year) {
                            (Some(n), Some(year)) => format!(
                                "{}, {} children at 31 March {year}",
                                council.region,
                                crate::report::format::count(n)
                            ),
                            _ => format!("{}, no count published", council.region),
                        };
                        if council.is_former() {
                            // Reorganised away: say so, and why, before anyone plans with it.
                            ui.label(RichText::new(format!("{words} (former council)")).weak())
                                .on_hover_text(&council.note);
                        } else {
                            ui.label(words);
                        }
                        ui.end_row();
                    }
                });
        });
    chosen
}

impl Modal for CouncilPicker {
    fn id(&self) -> &'static str {
        "council_picker"
    }

    /// Draws the list.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut response = ModalResponse::open();
        ui.heading("New for a council");
        ui.label(
            "A starting scenario from the council's published figures (DfE, section 251), \
             from the latest 31 March. Check every number against your own records.",
        );
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("Type a name, region or code")
                    .desired_width(420.0),
            )
            .accessible_name("Search councils");
        // Ready to type at once; and again whenever nothing else has the keyboard (the click
        // on the menu that opened the list can take the focus away in its first frames).
        if !self.focused || ui.memory(|m| m.focused().is_none()) {
            edit.request_focus();
            self.focused = true;
        }
        if let Some(code) = council_list_ui(ui, &self.search, "councils", 360.0) {
            response = ModalResponse::close(Some(Message::CreateForCouncil(code)));
        }
        ui.label(
            RichText::new(crate::data::councils::ATTRIBUTION)
                .small()
                .weak(),
        );
        if ui.button("Cancel").clicked() {
            response = ModalResponse::close(None);
        }
        response
    }
}

/// "New from SSDA903 files": choose the files, read what they hold, create the scenario.
#[derive(Clone, Debug, Default)]
pub struct ImportBox {
    /// Paths typed or picked, one per line (files or folders).
    pub paths: String,
    /// The last read: the import, or why it failed.
    pub result: Option<Result<Box<crate::io::ssda903::Import>, String>>,
    /// While files are being read: what is happening, in words.
    pub reading: Option<String>,
    /// A notice above the box, e.g. that no file dialog could be shown.
    pub notice: Option<String>,
}

impl ImportBox {
    /// The paths in the box, one per line, blank lines skipped.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(PathBuf::from)
            .collect()
    }
}

impl Modal for ImportBox {
    fn id(&self) -> &'static str {
        "import_ssda903"
    }

    /// Draws the box, and the summary once files have been read.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse {
        let mut response = ModalResponse::open();
        // A fixed width: wrapped text in a modal that sizes itself would grow frame by frame.
        ui.set_width(720.0);
        ui.heading("New from SSDA903 files");
        ui.label(
            "The council's SSDA903 return: the header and episodes CSV files of every year \
             (or one pair with all years), as exported for DfE. Nothing leaves this computer.",
        );
        if let Some(notice) = &self.notice {
            ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
        }
        ui.horizontal(|ui| {
            for command in [Message::ChooseImportFiles, Message::ChooseImportFolder] {
                if ui.button(command.label()).clicked() {
                    response.command = Some(command);
                }
            }
        });
        ui.label("Or type the files or folders, one per line:");
        egui::ScrollArea::vertical()
            .id_salt("import_paths")
            .max_height(80.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut self.paths)
                        .desired_rows(2)
                        .desired_width(680.0),
                )
                .accessible_name("SSDA903 files or folders");
            });
        if let Some(reading) = &self.reading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(reading.as_str());
            });
        } else if ui.button(Message::ReadImport(Vec::new()).label()).clicked() {
            response.command = Some(Message::ReadImport(self.paths()));
        }
        match &self.result {
            None => {}
            Some(Err(error)) => {
                ui.label(
                    RichText::new(format!("Cannot import: {error}"))
                        .color(ui.visuals().error_fg_color),
                );
            }
            Some(Ok(imported)) => {
                ui.separator();
                // The button first: the summary below may be long.
                ui.label(
                    RichText::new(format!(
                        "{} warning(s). The scenario opens beside the others, unsaved.",
                        imported.summary.warnings().map(|g| g.count).sum::<usize>()
                    ))
                    .weak(),
                );
                if ui.button("Create the scenario").clicked() {
                    response = ModalResponse::close(Some(Message::CreateImported(Box::new(
                        imported.scenario.clone(),
                    ))));
                }
                let room = (ui.ctx().content_rect().height() * 0.45).max(160.0);
                egui::ScrollArea::vertical()
                    .id_salt("import_summary")
                    .min_scrolled_height(room)
                    .max_height(room)
                    .show(ui, |ui| {
                        for line in imported.summary.lines() {
                            let text = RichText::new(line.as_str());
                            let text = if line.starts_with("Warning") {
                                text.color(ui.visuals().warn_fg_color)
                            } else {
                                text
                            };
                            ui.label(text);
                        }
                    });
            }
        }
        if ui.button("Cancel").clicked() {
            response = ModalResponse::close(None);
        }
        response
    }
}

/// A window over the window that waits for an answer (a question, a choice, a notice). One of
/// each kind is open at a time; [`Modals`] draws them, most recent on top.
pub trait Modal: std::any::Any {
    /// Its egui id (one of each kind is open at a time).
    fn id(&self) -> &'static str;

    /// Draws what it says and asks; says whether it stays open and what the user chose.
    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ModalResponse;

    /// What Escape, or a click outside it, means: Cancel, unless the modal says otherwise.
    fn on_escape(&self) -> ModalResponse {
        ModalResponse::close(None)
    }
}

/// Draws `modal`; Escape or a click on the backdrop answers as its [`Modal::on_escape`] says.
fn show_modal(ctx: &egui::Context, modal: &mut dyn Modal) -> ModalResponse {
    let shown =
        egui::Modal::new(egui::Id::unique(modal.id())).show(ctx, |ui| modal.contents_ui(ui));
    if shown.inner.keep_open && shown.should_close() {
        modal.on_escape()
    } else {
        shown.inner
    }
}

/// A notice or an error: a title, its words (scrolling if long) and OK.
fn notice_ui(ui: &mut egui::Ui, title: &str, text: &str) -> ModalResponse {
    ui.heading(title);
    // Notes can be long (a council's fit lists every stand-in): they scroll.
    egui::ScrollArea::vertical()
        .max_height(ui.ctx().content_rect().height() * 0.6)
        .show(ui, |ui| {
            ui.label(text);
        });
    if ui.button("OK").clicked() {
        ModalResponse::close(None)
    } else {
        ModalResponse::open()
    }
}

/// The modals on screen: questions and choices (most recent on top), then notices, which queue:
/// each is shown until dismissed, oldest first.
#[derive(Default)]
pub struct Modals {
    /// Open questions and choices, in the order they opened.
    open: Vec<Box<dyn Modal>>,
    /// Errors and notices: (title, text).
    pub messages: VecDeque<(String, String)>,
}

impl Modals {
    /// Shows a message (after any already on screen).
    pub fn message(&mut self, title: impl Into<String>, text: impl std::fmt::Display) {
        self.messages.push_back((title.into(), text.to_string()));
    }

    /// Opens `modal` on top, in place of any open modal of its kind.
    pub fn open<M: Modal>(&mut self, modal: M) {
        self.close::<M>();
        self.open.push(Box::new(modal));
    }

    /// Closes the open modal of kind `M`, if any.
    pub fn close<M: Modal>(&mut self) {
        let kind = std::any::TypeId::of::<M>();
        self.open
            .retain(|m| (m.as_ref() as &dyn std::any::Any).type_id() != kind);
    }

    /// The open modal of kind `M`, if any.
    pub fn find_mut<M: Modal>(&mut self) -> Option<&mut M> {
        self.open
            .iter_mut()
            .find_map(|m| (m.as_mut() as &mut dyn std::any::Any).downcast_mut::<M>())
    }

    /// Takes the open modal of kind `M` off the screen and hands it over (to change and open
    /// again), if one is open.
    pub fn take<M: Modal>(&mut self) -> Option<M> {
        let kind = std::any::TypeId::of::<M>();
        let index = self
            .open
            .iter()
            .position(|m| (m.as_ref() as &dyn std::any::Any).type_id() == kind)?;
        let any: Box<dyn std::any::Any> = self.open.remove(index);
        any.downcast::<M>().ok().map(|modal| *modal)
    }

    /// Draws every open modal. Returns what the user chose.
    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<Message> {
        let mut chosen = Vec::new();
        let mut index = 0;
        while index < self.open.len() {
            let response = show_modal(ctx, self.open[index].as_mut());
            chosen.extend(response.command);
            if response.keep_open {
                index += 1;
            } else {
                self.open.remove(index);
            }
        }
        if let Some((title, text)) = self.messages.front() {
            let shown = egui::Modal::new(egui::Id::unique("message"))
                .show(ctx, |ui| notice_ui(ui, title, text));
            if !shown.inner.keep_open || shown.should_close() {
                self.messages.pop_front();
            }
        }
        chosen
    }
}
