//! Running commands: what each command does to the workspace, the files and the jobs. Commands
//! are collected during a frame and run here, once, after it.

use super::command::{Answer, ClashAnswer, Command};
use super::document::DiskChange;
use super::jobs::dialogs::{self, DialogKind, DialogOutcome, DialogPurpose, DialogReply};
use super::jobs::image::{ImageSize, ImageTarget};
use super::message::Message;
use super::modals::{
    ClashQuestion, ImageChoice, LockedFile, PathBox, RecoveryOffer, UnsavedQuestion,
};
use super::views::presentation::Presentation;
use super::workspace::DocumentId;
use super::{CareLeversApp, RECENT_FILES};
use crate::io::durable::Kept;
use crate::io::scenario_file::{self, DiskVersion};
use crate::model::Scenario;
use std::path::{Path, PathBuf};

impl CareLeversApp {
    /// Runs a command or a message, first asking about unsaved changes where it would lose
    /// them.
    pub fn run_command(&mut self, ctx: &egui::Context, command: impl Into<Message>) {
        let command: Message = command.into();
        if command == Message::Command(Command::Quit) {
            self.quit(ctx);
            return;
        }
        if command.discards_active() && self.workspace.active().is_modified() {
            let document = self.workspace.active();
            self.modals.question = Some(UnsavedQuestion {
                document: document.id,
                name: document.display_name(),
                then: command,
            });
            return;
        }
        self.perform(ctx, command);
    }

    /// Closes the window once every unsaved change has been saved or knowingly discarded, and
    /// every save still writing has finished.
    fn quit(&mut self, ctx: &egui::Context) {
        if !self.jobs.saves.is_empty() {
            self.quit_after_saves = true;
            return;
        }
        let unanswered = self
            .workspace
            .documents()
            .iter()
            .find(|d| d.is_modified() && !self.discarded_on_quit.contains(&d.id));
        match unanswered {
            Some(document) => {
                self.modals.question = Some(UnsavedQuestion {
                    document: document.id,
                    name: document.display_name(),
                    then: Command::Quit.into(),
                });
            }
            None => {
                self.close_allowed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Runs a message: a user command, or what a view or a dialog asked for.
    fn perform(&mut self, ctx: &egui::Context, message: Message) {
        match message {
            Message::Command(command) => self.perform_command(ctx, command),
            Message::ChooseImportFiles => self.ask_for_path(ctx, DialogPurpose::ImportSsda903),
            Message::ChooseImportFolder => {
                let folder = dialogs::default_folder();
                self.jobs.dialogs.show(
                    ctx,
                    DialogKind::ImportFolder,
                    folder,
                    DialogPurpose::ImportSsda903,
                );
            }
            Message::ReadImport(paths) => self.read_import(ctx, paths),
            Message::CreateImported(scenario) => {
                self.workspace.add(*scenario, None);
            }
            Message::CreateForCouncil(code) => {
                self.last_council = Some(code.clone());
                match crate::io::councils::scenario_for_council(&code, None) {
                    Ok(fitted) => {
                        let notes = fitted.notes.join("\n• ");
                        let name = fitted.scenario.name.clone();
                        self.new_scenario(Ok(fitted.scenario));
                        self.modals.message(
                            format!("{name}: check before relying on it"),
                            format!("Filled in from England's pattern or assumed:\n• {notes}"),
                        );
                    }
                    Err(error) => self
                        .modals
                        .message("No scenario could be made for this council", error),
                }
            }
            Message::Activate(id) => self.workspace.activate(id),
            Message::SetReference(id) => self.workspace.set_reference(id),
            Message::Edit(edit) => self.apply(edit),
            Message::AskForPath(purpose) => self.ask_for_path(ctx, purpose),
            Message::UsePath(purpose, path) => self.use_path(ctx, purpose, path),
            Message::AnswerUnsaved {
                document,
                then,
                answer,
            } => self.answer_unsaved(ctx, document, *then, answer),
            Message::OpenReadOnly { path, alongside } => {
                self.open_file_as(&path, alongside, OpenAs::ReadOnlyCopy)
            }
            Message::OpenIgnoringLock { path, alongside } => {
                self.open_file_as(&path, alongside, OpenAs::IgnoringLock)
            }
            Message::AnswerClash {
                document,
                then,
                answer,
            } => match answer {
                ClashAnswer::Overwrite => {
                    if let Some(path) = self.workspace.get(document).and_then(|d| d.path.clone()) {
                        self.save_document_checked(ctx, document, &path, then.map(|c| *c), false);
                    }
                }
                ClashAnswer::SaveCopy => {
                    self.ask_for_path(ctx, DialogPurpose::SaveAs { document, then })
                }
                ClashAnswer::Reload => self.reload_document(document),
                ClashAnswer::Cancel => {}
            },
            Message::ReloadFromDisk(document) => self.reload_document(document),
            Message::KeepMine(document) => {
                if let Some(document) = self.workspace.get_mut(document) {
                    document.keep_mine();
                }
            }
            Message::RestoreRecovered => self.restore_recovered(),
            Message::DiscardRecovered => {
                if let Some(store) = &self.jobs.autosave.store {
                    store.clear();
                }
            }
        }
    }

    /// Runs a user command.
    fn perform_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewFromTemplate => self.new_scenario(scenario_file::norfolk_2014()),
            Command::NewBlank => self.new_scenario(scenario_file::blank_council()),
            Command::NewForCouncil => {
                self.modals.council_picker = Some(super::modals::CouncilPicker::default())
            }
            Command::NewFromSsda903 => {
                self.modals.import = Some(super::modals::ImportBox::default())
            }
            Command::EvidenceBasedVersion => {
                let plan = self.workspace.active();
                let plan_id = plan.id;
                let version = crate::model::evidence::evidence_based_version(
                    &plan.scenario,
                    crate::model::evidence::Library::shipped_or_empty(),
                );
                self.workspace.add(version, None);
                self.workspace.set_reference(plan_id);
                self.view = crate::app::View::Compare;
            }
            Command::Guide(section) => self.guide.show_section(section),
            Command::About => self.modals.message(
                "About Care Levers",
                format!(
                    "Care Levers {}: what-if planning for English councils' children's services.\n\
                     Licensed under MIT or Apache-2.0.\n\nCouncil figures: {}",
                    env!("CARGO_PKG_VERSION"),
                    crate::data::councils::ATTRIBUTION
                ),
            ),
            Command::Open => self.ask_for_path(ctx, DialogPurpose::Open { alongside: false }),
            Command::OpenAlongside => {
                self.ask_for_path(ctx, DialogPurpose::Open { alongside: true })
            }
            Command::OpenRecent(path) => self.open_file(&path, false),
            Command::OpenExample(index) => self.new_scenario(scenario_file::example(index)),
            Command::TypePath => {
                self.modals.path_box =
                    Some(PathBox::new(DialogPurpose::Open { alongside: false }, ""))
            }
            Command::Save => {
                let document = self.workspace.active();
                let id = document.id;
                match document.path.clone() {
                    Some(path) => self.save_document(ctx, id, &path, None),
                    None => self.perform_command(ctx, Command::SaveAs),
                }
            }
            Command::SaveAs => {
                let document = self.workspace.active().id;
                self.ask_for_path(
                    ctx,
                    DialogPurpose::SaveAs {
                        document,
                        then: None,
                    },
                );
            }
            Command::ExportImage => {
                self.modals.image_choice = Some(ImageChoice {
                    target: ImageTarget::Chart,
                    size: ImageSize::AsShown,
                })
            }
            Command::CopyChart => {
                self.jobs
                    .images
                    .start(ctx, None, ImageTarget::Chart, ImageSize::AsShown)
            }
            Command::ExportCsv => self.ask_for_path(ctx, DialogPurpose::ExportCsv),
            Command::ExportXlsx => self.ask_for_path(ctx, DialogPurpose::ExportXlsx),
            Command::ExportBriefing(format) => {
                self.ask_for_path(ctx, DialogPurpose::ExportBriefing(format))
            }
            Command::CloseScenario => {
                let replacement = scenario_file::norfolk_2014()
                    .unwrap_or_else(|_| self.workspace.active().scenario.clone());
                let closed = self.workspace.close_active(replacement);
                self.jobs.autosave.forget(closed);
            }
            Command::Quit => self.quit(ctx),
            Command::Undo => {
                self.undo();
            }
            Command::Redo => {
                self.redo();
            }
            Command::Present => self.start_presentation(ctx),
            Command::LeavePresentation => self.stop_presentation(ctx),
            Command::NextChart => {
                if let Some(presentation) = &mut self.presentation {
                    presentation.next_chart();
                }
            }
            Command::PreviousChart => {
                if let Some(presentation) = &mut self.presentation {
                    presentation.previous_chart();
                }
            }
            Command::NextScenario => self.workspace.activate_next(),
            Command::ToggleLevers => match &mut self.presentation {
                Some(presentation) => presentation.levers_open = !presentation.levers_open,
                None => self.levers_hidden = !self.levers_hidden,
            },
            Command::ToggleProjectorTheme => {
                if let Some(presentation) = &mut self.presentation {
                    presentation.projector_theme = !presentation.projector_theme;
                }
            }
            Command::RevertToSaved => self.workspace.active_mut().revert_to_saved(),
            Command::ShowView(view) => self.view = view,
        }
    }

    fn new_scenario(&mut self, template: Result<Scenario, scenario_file::ScenarioFileError>) {
        match template {
            Ok(scenario) => {
                let (old, _) = self.workspace.replace_active(scenario, None);
                self.jobs.autosave.forget(old);
            }
            Err(error) => self.modals.message("Cannot start a new scenario", error),
        }
    }

    /// Enters meeting mode: full screen, one chart at a time.
    pub(crate) fn start_presentation(&mut self, ctx: &egui::Context) {
        self.presentation = Some(Presentation::starting_at(self.view));
        self.size_before_presentation = Some(ctx.content_rect().size());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        // Where no window manager honours full screen (a minimal desktop), fill the monitor.
        if let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
        }
    }

    /// Leaves meeting mode.
    pub(crate) fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let Some(presentation) = self.presentation.take() {
            self.view = presentation.view();
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        if let Some(size) = self.size_before_presentation.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
    }

    /// Shows a file dialog (off the UI thread) for `purpose`.
    fn ask_for_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        let active = self.workspace.active();
        let base_name = dialogs::suggested_file_name(&active.scenario)
            .trim_end_matches(".ron")
            .to_string();
        let export = |extension: &str, description: &str, suffix: &str| DialogKind::Export {
            suggested_name: format!("{base_name}{suffix}.{extension}"),
            extension: extension.into(),
            description: description.into(),
        };
        let kind = match &purpose {
            DialogPurpose::ExportImage { .. } => export("png", "PNG image", "_chart"),
            DialogPurpose::ExportCsv => export("csv", "CSV table", ""),
            DialogPurpose::ExportXlsx => export("xlsx", "Excel workbook", ""),
            DialogPurpose::ExportBriefing(format) => {
                export(format.extension(), format.label(), "_briefing")
            }
            DialogPurpose::Open { .. } => DialogKind::Open,
            DialogPurpose::ImportSsda903 => DialogKind::ImportFiles,
            DialogPurpose::SaveAs { document, .. } => DialogKind::Save {
                suggested_name: self
                    .workspace
                    .get(*document)
                    .map(|d| dialogs::suggested_file_name(&d.scenario))
                    .unwrap_or_else(|| "scenario.ron".into()),
            },
        };
        // The active scenario's folder, else the folder of the last file opened or saved,
        // else Documents.
        let folder = active
            .path
            .iter()
            .chain(self.recent_files.iter())
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .find(|p| p.is_dir())
            .unwrap_or_else(dialogs::default_folder);
        self.jobs.dialogs.show(ctx, kind, folder, purpose);
    }

    /// Turns a dialog's answer into what happens next.
    pub(super) fn receive_dialog_reply(&mut self, ctx: &egui::Context, reply: DialogReply) {
        match reply.outcome {
            DialogOutcome::Picked(path) => self.use_path(ctx, reply.purpose, path),
            DialogOutcome::PickedMany(paths) => self.read_import(ctx, paths),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable if reply.purpose == DialogPurpose::ImportSsda903 => {
                if let Some(import) = &mut self.modals.import {
                    import.notice = Some(
                        "No file dialog could be shown on this desktop. Type the paths instead."
                            .into(),
                    );
                }
            }
            DialogOutcome::Unavailable => {
                self.modals.path_box = Some(PathBox::new(
                    reply.purpose,
                    "No file dialog could be shown on this desktop. Type the file's path instead.",
                ));
            }
        }
    }

    fn use_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open { alongside } => self.open_file(&path, alongside),
            DialogPurpose::ImportSsda903 => self.read_import(ctx, vec![path]),
            DialogPurpose::SaveAs { document, then } => {
                let path = dialogs::with_ron_extension(path);
                self.save_document(ctx, document, &path, then.map(|c| *c));
            }
            DialogPurpose::ExportImage { target, size } => {
                let path = dialogs::with_extension(path, "png");
                self.jobs.images.start(ctx, Some(path), target, size);
            }
            DialogPurpose::ExportCsv => {
                let path = dialogs::with_extension(path, "csv");
                let projection = self.workspace.active().last_projection().clone();
                self.start_export(ctx, "Exporting the tables", move || {
                    crate::io::export::write_csv_files(&path, &projection)
                        .map(|[monthly, years]| {
                            format!(
                                "Tables exported\n{}\n{}",
                                monthly.display(),
                                years.display()
                            )
                        })
                        .map_err(|error| format!("The tables were not exported\n{error}"))
                });
            }
            DialogPurpose::ExportBriefing(format) => self.export_briefing(ctx, path, format),
            DialogPurpose::ExportXlsx => {
                let path = dialogs::with_extension(path, "xlsx");
                let document = self.workspace.active();
                let scenario = document.scenario.clone();
                let projection = document.last_projection().clone();
                self.start_export(ctx, "Exporting the workbook", move || {
                    crate::io::export::write_xlsx(&path, &scenario, &projection)
                        .map(|()| format!("Workbook exported\n{}", path.display()))
                        .map_err(|error| format!("The workbook was not exported\n{error}"))
                });
            }
        }
    }

    /// Writes a briefing of the active scenario to `path` (PDF or Word) on a task of its own:
    /// its Monte Carlo draws take a moment and the file may be on a network drive. Up to two
    /// other open scenarios are its options. The footer names the file and the SHA-256 of the
    /// scenario as it stands (as saved, if unchanged).
    fn export_briefing(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: crate::io::briefing_file::Format,
    ) {
        let path = dialogs::with_extension(path, format.extension());
        let document = self.workspace.active();
        let scenario = document.scenario.clone();
        let active_position = self.workspace.active_position();
        let others: Vec<Scenario> = self
            .workspace
            .documents()
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != active_position)
            .map(|(_, d)| d.scenario.clone())
            .take(2)
            .collect();
        let file_name = match (&document.path, document.is_modified()) {
            (Some(saved), false) => saved
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            (Some(saved), true) => format!(
                "{} with unsaved changes",
                saved
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            (None, _) => "an unsaved scenario".into(),
        };
        let wake = ctx.clone();
        self.jobs.briefing = Some(super::jobs::tasks::Task::spawn(
            "Writing the briefing",
            move || wake.request_repaint(),
            move |progress| {
                use sha2::Digest;
                let text = scenario_file::to_text(&scenario).map_err(|e| e.to_string())?;
                let hash: String = sha2::Sha256::digest(text.as_bytes())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                progress.set("working out the uncertainty", Some(0.2));
                let projection = crate::model::project(&scenario);
                let other_projections: Vec<_> = others.iter().map(crate::model::project).collect();
                let bands = crate::model::monte_carlo(
                    &scenario,
                    crate::model::monte_carlo::DEFAULT_DRAWS,
                    crate::model::monte_carlo::DEFAULT_SEED,
                    1,
                );
                progress.set("writing the document", Some(0.8));
                let briefing =
                    crate::report::briefing::briefing(&crate::report::briefing::BriefingInput {
                        scenario: &scenario,
                        projection: &projection,
                        bands: Some(&bands),
                        compared: others.iter().zip(&other_projections).collect(),
                        file_name,
                        file_sha256: hash,
                    });
                let bytes = format.write(&briefing)?;
                crate::io::durable::write_atomically(&path, &bytes)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path)
            },
        ));
    }

    /// Says where a finished briefing went, or why it was not written.
    pub(super) fn collect_briefing(&mut self) {
        let Some(task) = &self.jobs.briefing else {
            return;
        };
        if let super::jobs::tasks::Polled::Done(result) = task.poll() {
            self.jobs.briefing = None;
            match result {
                Ok(path) => self.modals.message(
                    "Briefing exported",
                    format!(
                        "{}\n\nA starting point for a committee report: check every figure and write the recommendation, legal, equality and risk sections yourself.",
                        path.display()
                    ),
                ),
                Err(error) => self.modals.message("The briefing was not exported", error),
            }
        }
    }

    /// Reads SSDA903 files or folders into the import box (opening it if it was closed), on a
    /// task of its own so the window stays live; the box shows its progress, then the summary,
    /// or why nothing could be read (see [`Self::collect_import`]).
    pub(crate) fn read_import(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let import = self.modals.import.get_or_insert_with(Default::default);
        import.paths = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        if paths.is_empty() {
            import.result = Some(Err(
                "no file given: choose the files or type their paths".into()
            ));
            return;
        }
        import.result = None;
        let wake = ctx.clone();
        self.jobs.import = Some(super::jobs::tasks::Task::spawn(
            "Reading the SSDA903 files",
            move || wake.request_repaint(),
            move |progress| {
                progress.set(format!("reading {} path(s)", paths.len()), Some(0.1));
                let files =
                    crate::io::ssda903::read_paths(&paths).map_err(|error| error.to_string())?;
                progress.set(
                    format!("cleaning and fitting {} file(s)", files.len()),
                    Some(0.5),
                );
                crate::io::ssda903::import(&files, &Default::default())
                    .map(Box::new)
                    .map_err(|error| error.to_string())
            },
        ));
    }

    /// Puts a finished SSDA903 import in the import box (opening it again if it was closed
    /// meanwhile: the user asked for it), or shows its progress there while it runs.
    pub(super) fn collect_import(&mut self) {
        let Some(task) = &self.jobs.import else {
            return;
        };
        match task.poll() {
            super::jobs::tasks::Polled::Running => {
                let status = task.status();
                if let Some(import) = &mut self.modals.import {
                    import.reading = Some(status);
                }
            }
            super::jobs::tasks::Polled::Done(result) => {
                self.jobs.import = None;
                let import = self.modals.import.get_or_insert_with(Default::default);
                import.reading = None;
                import.result = Some(result);
            }
        }
    }

    /// Opens a scenario file. On failure the current scenario stays as it was and the error is
    /// shown. If someone else has the file open, asks first (read-only copy, open anyway or
    /// cancel).
    pub fn open_file(&mut self, path: &Path, alongside: bool) {
        self.open_file_as(path, alongside, OpenAs::Normal);
    }

    fn open_file_as(&mut self, path: &Path, alongside: bool, open_as: OpenAs) {
        let holder = self.jobs.locks.held_by_other(path);
        if let (OpenAs::Normal, Some(holder)) = (open_as, &holder) {
            self.modals.locked = Some(LockedFile {
                path: path.to_path_buf(),
                alongside,
                holder: holder.describe(),
            });
            return;
        }
        match scenario_file::load_with_version(path) {
            Ok((loaded, version)) => {
                let warnings = loaded.warnings();
                let path_buf = Some(path.to_path_buf());
                let id = if alongside {
                    self.workspace.add(loaded.scenario, path_buf)
                } else {
                    let (old, new) = self.workspace.replace_active(loaded.scenario, path_buf);
                    self.jobs.autosave.forget(old);
                    new
                };
                if let Some(document) = self.workspace.get_mut(id) {
                    document.on_disk = Some(version);
                    if open_as == OpenAs::ReadOnlyCopy {
                        document.read_only_because = Some(
                            holder
                                .map(|h| h.describe())
                                .unwrap_or_else(|| "someone else".into()),
                        );
                    }
                }
                dialogs::remember_recent(&mut self.recent_files, path, RECENT_FILES);
                if !warnings.is_empty() {
                    self.modals.message(
                        format!("Opened {} with warnings", path.display()),
                        warnings.join("\n"),
                    );
                }
            }
            Err(error) => self.modals.message("Cannot open the scenario", error),
        }
    }

    /// Reads a scenario's file again in place of its unsaved changes (undo brings them back).
    fn reload_document(&mut self, id: DocumentId) {
        let Some(path) = self.workspace.get(id).and_then(|d| d.path.clone()) else {
            return;
        };
        match scenario_file::load_with_version(&path) {
            Ok((loaded, version)) => {
                if let Some(document) = self.workspace.get_mut(id) {
                    document.reload(loaded.scenario, version);
                }
                self.jobs.autosave.forget(id);
            }
            Err(error) => self.modals.message("Cannot reload the scenario", error),
        }
    }

    /// Notes, for every open scenario, whether its file changed on disk since it was opened or
    /// saved here (run when the window regains focus).
    pub fn check_files_on_disk(&mut self) {
        let saving: Vec<DocumentId> = self.jobs.saves.iter().map(|s| s.document).collect();
        for document in self.workspace.documents_mut() {
            // A file being written by this window is not someone else's change.
            if !saving.contains(&document.id) {
                document.changed_on_disk = document.change_to_show();
            }
        }
    }

    fn save_document(
        &mut self,
        ctx: &egui::Context,
        id: DocumentId,
        path: &Path,
        then: Option<Message>,
    ) {
        self.save_document_checked(ctx, id, path, then, true);
    }

    /// Saves a scenario to `path`. With `check_disk`, first makes sure the file is still what
    /// was opened or last saved here, and asks if not (overwrite, save a copy, reload).
    fn save_document_checked(
        &mut self,
        ctx: &egui::Context,
        id: DocumentId,
        path: &Path,
        then: Option<Message>,
        check_disk: bool,
    ) {
        let Some(document) = self.workspace.get(id) else {
            return;
        };
        let own_file = document.path.as_deref() == Some(path);
        if own_file && document.read_only_because.is_some() {
            // A read-only copy is saved under a new name.
            let then = then.map(Box::new);
            self.ask_for_path(ctx, DialogPurpose::SaveAs { document: id, then });
            return;
        }
        if !own_file && let Some(holder) = self.jobs.locks.held_by_other(path) {
            self.modals.message(
                "The scenario was not saved",
                format!(
                    "{} is open in Care Levers by {}. Save under another name, or ask them to \
                     close it first.",
                    path.display(),
                    holder.describe()
                ),
            );
            return;
        }
        if check_disk && own_file && document.check_on_disk() == Some(DiskChange::Changed) {
            self.modals.clash = Some(ClashQuestion {
                document: id,
                name: document.display_name(),
                path: path.to_path_buf(),
                then: then.map(Box::new),
            });
            return;
        }
        if self.jobs.saves.iter().any(|s| s.document == id) {
            self.modals.message(
                "Still saving",
                format!(
                    "\"{}\" is still being written to disk. Save again once it is done.",
                    document.display_name()
                ),
            );
            return;
        }
        // The window only makes valid scenarios; checking here means a file is never written
        // that could not be opened again.
        if let Err(errors) = document.scenario.validate() {
            let error = scenario_file::ScenarioFileError::Invalid {
                path: path.display().to_string(),
                errors,
            };
            self.modals.message("The scenario was not saved", error);
            return;
        }
        // Written (with fsync) on a task of its own: a network drive that hangs does not hang
        // the window. A local disk answers within the wait, so the save feels instant.
        let scenario = document.scenario.clone();
        let for_task = scenario.clone();
        let target = path.to_path_buf();
        let wake = ctx.clone();
        let task = super::jobs::tasks::Task::spawn(
            format!("Saving \"{}\"", document.display_name()),
            move || wake.request_repaint(),
            move |progress| {
                progress.set(format!("writing {}", target.display()), None);
                match scenario_file::save_keeping_backup(&target, &for_task) {
                    Ok(version) => Ok(super::jobs::Saved {
                        version: Some(version),
                        warning: None,
                    }),
                    // In place and whole, but not confirmed on disk: saved, with a warning.
                    Err(scenario_file::ScenarioFileError::Save(error))
                        if error.kept == Kept::New =>
                    {
                        Ok(super::jobs::Saved {
                            version: DiskVersion::on_disk(&target),
                            warning: Some(error.to_string()),
                        })
                    }
                    Err(error) => Err(error.to_string()),
                }
            },
        );
        let pending = super::jobs::PendingSave {
            document: id,
            path: path.to_path_buf(),
            scenario,
            then,
            task,
        };
        match pending.task.wait_for(self.jobs.save_wait) {
            super::jobs::tasks::Polled::Done(outcome) => self.finish_save(ctx, pending, outcome),
            super::jobs::tasks::Polled::Running => self.jobs.saves.push(pending),
        }
    }

    /// Writes an export on a task of its own (the folder may be a slow network drive); a quick
    /// one is reported at once. `write` gives the message's title and body, first line the title.
    pub(super) fn start_export(
        &mut self,
        ctx: &egui::Context,
        name: &str,
        write: impl FnOnce() -> Result<String, String> + Send + 'static,
    ) {
        let wake = ctx.clone();
        let task =
            super::jobs::tasks::Task::spawn(name, move || wake.request_repaint(), move |_| write());
        match task.wait_for(self.jobs.save_wait) {
            super::jobs::tasks::Polled::Done(outcome) => self.report_export(outcome),
            super::jobs::tasks::Polled::Running => self.jobs.exports.push(task),
        }
    }

    fn report_export(&mut self, outcome: Result<String, String>) {
        let text = match outcome {
            Ok(text) | Err(text) => text,
        };
        let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        self.modals.message(title.to_string(), body.to_string());
    }

    /// Reports exports that have finished (called every frame from `logic`).
    pub(super) fn collect_exports(&mut self) {
        let mut index = 0;
        while index < self.jobs.exports.len() {
            match self.jobs.exports[index].poll() {
                super::jobs::tasks::Polled::Running => index += 1,
                super::jobs::tasks::Polled::Done(outcome) => {
                    self.jobs.exports.remove(index);
                    self.report_export(outcome);
                }
            }
        }
    }

    /// Collects saves that have finished writing (called every frame from `logic`).
    pub(super) fn collect_saves(&mut self, ctx: &egui::Context) {
        let mut index = 0;
        while index < self.jobs.saves.len() {
            match self.jobs.saves[index].task.poll() {
                super::jobs::tasks::Polled::Running => index += 1,
                super::jobs::tasks::Polled::Done(outcome) => {
                    let pending = self.jobs.saves.remove(index);
                    self.finish_save(ctx, pending, outcome);
                }
            }
        }
        if self.quit_after_saves && self.jobs.saves.is_empty() {
            self.quit_after_saves = false;
            self.quit(ctx);
        }
    }

    /// Marks a written scenario saved (or says why it was not), then does what was asked next.
    fn finish_save(
        &mut self,
        ctx: &egui::Context,
        pending: super::jobs::PendingSave,
        outcome: Result<super::jobs::Saved, String>,
    ) {
        let super::jobs::PendingSave {
            document: id,
            path,
            scenario,
            then,
            ..
        } = pending;
        let saved = match outcome {
            Ok(saved) => saved,
            Err(error) => {
                self.modals.message("The scenario was not saved", error);
                return;
            }
        };
        if let Some(warning) = &saved.warning {
            self.modals.message("Saved, but not confirmed", warning);
        }
        let mut edited_meanwhile = false;
        if let Some(document) = self.workspace.get_mut(id) {
            document.mark_saved_as(&path, saved.version, scenario);
            edited_meanwhile = document.is_modified();
        }
        // The recovery copy goes only if nothing changed while the file was written.
        if !edited_meanwhile {
            self.jobs.autosave.forget(id);
        }
        dialogs::remember_recent(&mut self.recent_files, &path, RECENT_FILES);
        if let Some(command) = then {
            self.run_command(ctx, command);
        }
    }

    /// The user's answer to "Save changes?".
    fn answer_unsaved(
        &mut self,
        ctx: &egui::Context,
        document: DocumentId,
        then: Message,
        answer: Answer,
    ) {
        let Some(path) = self.workspace.get(document).map(|d| d.path.clone()) else {
            return;
        };
        match answer {
            Answer::Cancel => self.discarded_on_quit.clear(),
            Answer::DontSave => {
                if then == Message::Command(Command::Quit) {
                    self.discarded_on_quit.push(document);
                    self.quit(ctx);
                } else {
                    self.perform(ctx, then);
                }
            }
            Answer::Save => match path {
                Some(path) => self.save_document(ctx, document, &path, Some(then)),
                None => self.ask_for_path(
                    ctx,
                    DialogPurpose::SaveAs {
                        document,
                        then: Some(Box::new(then)),
                    },
                ),
            },
        }
    }

    fn restore_recovered(&mut self) {
        let Some(store) = &self.jobs.autosave.store else {
            return;
        };
        // Read again rather than kept from the offer: what is restored is what is on disk now.
        let recovered = store.list();
        if !recovered.unreadable.is_empty() {
            let list: Vec<String> = recovered
                .unreadable
                .iter()
                .map(|(path, reason)| format!("{}: {reason}", path.display()))
                .collect();
            self.modals
                .message("Some recovery copies could not be read", list.join("\n"));
        }
        for recovered in recovered.scenarios {
            let id = self
                .workspace
                .add(recovered.scenario, recovered.original_path);
            if let Some(document) = self.workspace.get_mut(id) {
                document.mark_unsaved();
            }
            // The restored document gets a new recovery copy at the next autosave.
            let _ = std::fs::remove_file(&recovered.recovery_file);
        }
    }

    /// Offers the scenarios found in the recovery folder, and reports unreadable copies.
    pub(super) fn offer_recovery(&mut self) {
        let Some(store) = &self.jobs.autosave.store else {
            return;
        };
        let recovered = store.list();
        if recovered.scenarios.is_empty() && recovered.unreadable.is_empty() {
            return;
        }
        self.modals.recovery = Some(RecoveryOffer { recovered });
    }
}

/// How to open a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenAs {
    /// Ask first if someone else has it open.
    Normal,
    /// As a read-only copy (someone else has it open).
    ReadOnlyCopy,
    /// Editable, although someone else's lock says they have it open.
    IgnoringLock,
}
