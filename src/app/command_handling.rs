//! Running commands: what each command or message does to the workspace and the jobs. Commands
//! are collected during a frame and run here, once, after it. Opening and saving files are in
//! `files.rs`; exports, the briefing and the SSDA903 import in `exports.rs`.

use super::CareLeversApp;
use super::command::{ClashAnswer, Command};
use super::files::OpenAs;
use super::jobs::dialogs::{self, DialogKind, DialogOutcome, DialogPurpose, DialogReply};
use super::jobs::image::{ImageSize, ImageTarget};
use super::message::Message;
use super::modals::{ImageChoice, PathBox, UnsavedQuestion};
use super::views::presentation::Presentation;
use crate::io::scenario_file;
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
            self.modals.open(UnsavedQuestion {
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
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
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
                self.modals.open(UnsavedQuestion {
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
    pub(super) fn perform(&mut self, ctx: &egui::Context, message: Message) {
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
            Message::OpenRecent(path) => self.open_file(&path, false),
            Message::OpenExample(index) => self.new_scenario(scenario_file::example(index)),
            Message::ShowView(view) => self.view = view,
            Message::CreateImported(scenario) => {
                self.workspace.add(*scenario, None);
            }
            Message::KeepPlacementListBeside => self.keep_placement_list_beside(),
            Message::ReadKeptPlacementList => {
                let document = self.workspace.active();
                let kept = document
                    .path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .zip(document.scenario.monitoring.list_file.as_ref())
                    .map(|(folder, name)| folder.join(name));
                match kept {
                    Some(path) => self.load_placement_list(&path),
                    None => self.modals.message(
                        "No placement list is kept beside this scenario",
                        "Read the list with \"Read the placement list…\".",
                    ),
                }
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
    pub(super) fn perform_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewFromTemplate => self.new_scenario(scenario_file::norfolk_2014()),
            Command::NewBlank => self.new_scenario(scenario_file::blank_council()),
            Command::NewForCouncil => self.modals.open(super::modals::CouncilPicker::default()),
            Command::NewFromSsda903 => self.modals.open(super::modals::ImportBox::default()),
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
            Command::Guide => self.guide.show_section(None),
            Command::GuideForView => self
                .guide
                .show_section(Some(super::views::guide::section_for(self.view))),
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
            Command::TypePath => self
                .modals
                .open(PathBox::new(DialogPurpose::Open { alongside: false }, "")),
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
            Command::ExportImage => self.modals.open(ImageChoice {
                target: ImageTarget::Chart,
                size: ImageSize::AsShown,
            }),
            Command::CopyChart => {
                self.jobs
                    .images
                    .start(ctx, None, ImageTarget::Chart, ImageSize::AsShown)
            }
            Command::ExportCsv => self.ask_for_path(ctx, DialogPurpose::ExportCsv),
            Command::ExportXlsx => self.ask_for_path(ctx, DialogPurpose::ExportXlsx),
            Command::ExportBriefingPdf => self.ask_for_path(
                ctx,
                DialogPurpose::ExportBriefing(crate::io::briefing_file::Format::Pdf),
            ),
            Command::ExportBriefingDocx => self.ask_for_path(
                ctx,
                DialogPurpose::ExportBriefing(crate::io::briefing_file::Format::Docx),
            ),
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
        }
    }

    pub(super) fn new_scenario(
        &mut self,
        template: Result<Scenario, scenario_file::ScenarioFileError>,
    ) {
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
    pub(super) fn ask_for_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
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
            DialogPurpose::ReadPlacementList => DialogKind::PlacementList,
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
                if let Some(import) = self.modals.find_mut::<super::modals::ImportBox>() {
                    import.notice = Some(
                        "No file dialog could be shown on this desktop. Type the paths instead."
                            .into(),
                    );
                }
            }
            DialogOutcome::Unavailable => {
                self.modals.open(PathBox::new(
                    reply.purpose,
                    "No file dialog could be shown on this desktop. Type the file's path instead.",
                ));
            }
        }
    }

    /// Reads a placement list into the budget monitoring view; what cannot be read is said.
    pub(super) fn load_placement_list(&mut self, path: &Path) {
        match crate::io::placement_list::read_file(path) {
            Ok(list) => {
                let file_name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                self.view_states
                    .monitoring
                    .set_list(super::views::monitoring::LoadedList {
                        file_name,
                        path: path.to_path_buf(),
                        list,
                    });
                self.view = super::View::BudgetMonitoring;
            }
            Err(error) => self
                .modals
                .message("The placement list could not be read", error.to_string()),
        }
    }

    /// Copies the list read beside the active scenario's file as NAME_placement_list.csv (or
    /// .xlsx) and notes its name in the scenario; the scenario must have been saved first.
    fn keep_placement_list_beside(&mut self) {
        let Some(list) = self.view_states.monitoring.list() else {
            return;
        };
        let Some(scenario_path) = self.workspace.active().path.clone() else {
            self.modals.message(
                "Save the scenario first",
                "The list is kept beside the scenario's file: save the scenario, then keep the \
                 list.",
            );
            return;
        };
        let extension = list
            .path
            .extension()
            .map_or_else(|| "csv".into(), |e| e.to_string_lossy().to_lowercase());
        let stem = scenario_path
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
        let name = format!("{stem}_placement_list.{extension}");
        let target = scenario_path.with_file_name(&name);
        let same = std::fs::canonicalize(&target).ok() == std::fs::canonicalize(&list.path).ok();
        if !same && let Err(error) = std::fs::copy(&list.path, &target) {
            self.modals.message(
                "The list was not kept beside the scenario",
                format!("{}: {error}", target.display()),
            );
            return;
        }
        let mut monitoring = self.workspace.active().scenario.monitoring.clone();
        monitoring.list_file = Some(name);
        self.apply(crate::model::scenario::Edit::Monitoring(Box::new(
            monitoring,
        )));
    }

    pub(super) fn use_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open { alongside } => self.open_file(&path, alongside),
            DialogPurpose::ImportSsda903 => self.read_import(ctx, vec![path]),
            DialogPurpose::ReadPlacementList => self.load_placement_list(&path),
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
                let document = self.workspace.active();
                let scenario = document.scenario.clone();
                let projection = document.last_projection().clone();
                self.start_export(ctx, "Exporting the tables", move || {
                    crate::io::export::write_csv_files(&path, &scenario, &projection)
                        .map(|written| {
                            let paths: Vec<String> =
                                written.iter().map(|p| p.display().to_string()).collect();
                            format!("Tables exported\n{}", paths.join("\n"))
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
}
