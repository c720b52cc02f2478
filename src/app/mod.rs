//! The desktop window (eframe/egui). It edits a scenario and draws the model's projection;
//! all the numbers come from [`crate::model::project`].

pub mod charts;
pub mod colours;
pub mod compare;
pub mod document;
pub mod files;
pub mod format;
pub mod history;
pub mod image_export;
pub mod levers;
pub mod presentation;
pub mod uncertainty;

pub use charts::View;
pub use document::Document;
pub use files::{DialogKind, DialogOutcome, FileDialogs, NativeDialogs, RecoveryStore};
pub use image_export::{ImageSize, ImageTarget};
pub use presentation::Presentation;

use crate::io::scenario_file;
use crate::model::{FinancialYear, Payback, Projection, Scenario};
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Key for the app's own settings in eframe's storage (view and recent files; never scenarios).
const SETTINGS_KEY: &str = "care_levers_settings";

/// How many recent files the File menu lists.
const RECENT_FILES: usize = 8;

/// Seconds between recovery copies of scenarios with unsaved changes.
const AUTOSAVE_SECONDS: f64 = 60.0;

/// What is remembered between runs besides window size, theme and zoom (which eframe and egui
/// keep themselves). Scenarios are never stored here.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Settings {
    view: Option<View>,
    recent_files: Vec<PathBuf>,
}

/// Something the user asked for from the File or Edit menu or a shortcut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Replace the current scenario with the Norfolk 2014 template.
    NewFromTemplate,
    /// Replace the current scenario with blank defaults (England averages).
    NewBlank,
    /// Replace the current scenario with one picked from a file.
    Open,
    /// Open a scenario beside the others, for comparison.
    OpenAlongside,
    /// Replace the current scenario with a recent file.
    OpenRecent(PathBuf),
    /// Save to the scenario's file (or ask where, if it has none).
    Save,
    /// Save to a file picked by the user.
    SaveAs,
    /// Close the current scenario.
    Close,
    /// Close the window.
    Quit,
    /// Full screen, one chart at a time, for a meeting.
    Present,
    /// Choose what image to export and where.
    ExportImage,
    /// Copy the current chart to the clipboard as an image.
    CopyChart,
    /// Export the projection as CSV (monthly and financial-year tables).
    ExportCsv,
    /// Export the projection as an Excel workbook.
    ExportXlsx,
}

impl Action {
    /// True for actions that throw away the current scenario's unsaved changes.
    fn discards_current(&self) -> bool {
        matches!(
            self,
            Action::NewFromTemplate
                | Action::NewBlank
                | Action::Open
                | Action::OpenRecent(_)
                | Action::Close
        )
    }
}

/// What a file dialog (or the path box standing in for it) was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum DialogPurpose {
    /// Open a file, replacing the current scenario or beside it.
    Open { alongside: bool },
    /// Save a document, then carry on with an action (e.g. quit) if there is one.
    SaveAs {
        document_id: u64,
        then: Option<Action>,
    },
    /// Write an image of the chart or the whole window.
    ExportImage {
        target: ImageTarget,
        size: ImageSize,
    },
    /// Write the monthly and financial-year CSV tables.
    ExportCsv,
    /// Write the Excel workbook.
    ExportXlsx,
}

/// An image being made: the window may first be resized, then a screenshot is taken, cropped
/// and written (or copied).
#[derive(Clone, Debug)]
struct ImageJob {
    /// Where to write it; none copies it to the clipboard.
    path: Option<PathBuf>,
    target: ImageTarget,
    size: ImageSize,
    stage: ImageStage,
    /// The window's size in points before it was resized for the capture.
    restore_size: Option<egui::Vec2>,
    /// The part of the screenshot to keep, in points (none: all of it).
    crop: Option<egui::Rect>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImageStage {
    /// Waiting for the window to reach the chosen size.
    Resizing { frames: u32 },
    /// Ask for a screenshot of the next frame.
    Capturing,
    /// Waiting for the screenshot.
    Waiting,
}

/// A dialog's answer, sent back from the dialog's thread.
struct DialogReply {
    purpose: DialogPurpose,
    outcome: DialogOutcome,
}

/// "Save changes to X?" waiting for an answer.
#[derive(Clone, Debug)]
struct UnsavedQuestion {
    document_id: u64,
    then: Action,
}

/// The path box: typing a path where no file dialog can be shown.
#[derive(Clone, Debug)]
struct PathBox {
    purpose: DialogPurpose,
    text: String,
    note: String,
    /// The text field has been given the keyboard focus once.
    focused: bool,
}

/// The app: open scenarios, their projections, and what the user is looking at.
pub struct CareLeversApp {
    documents: Vec<Document>,
    active: usize,
    next_document_id: u64,
    /// The chart or table in the central panel.
    pub view: View,
    /// The reference scenario in the comparison table.
    reference: usize,
    dialogs: Arc<dyn FileDialogs>,
    replies: (Sender<DialogReply>, Receiver<DialogReply>),
    dialog_open: bool,
    question: Option<UnsavedQuestion>,
    /// Documents whose changes the user chose not to save while quitting.
    discarded_on_quit: Vec<u64>,
    path_box: Option<PathBox>,
    /// An error or notice shown in a window until dismissed.
    message: Option<(String, String)>,
    recent_files: Vec<PathBuf>,
    recovery: Option<RecoveryStore>,
    recovered: Vec<files::RecoveredScenario>,
    last_autosave: Option<f64>,
    close_allowed: bool,
    /// The last window title sent, so it is only sent when it changes.
    title: String,
    /// Meeting mode, when on.
    presentation: Option<Presentation>,
    /// The window's size in points before meeting mode, to go back to.
    size_before_presentation: Option<egui::Vec2>,
    /// The export-image choices, while that window is open.
    image_choice: Option<(ImageTarget, ImageSize)>,
    image_job: Option<ImageJob>,
    screenshots: (
        Sender<Arc<egui::ColorImage>>,
        Receiver<Arc<egui::ColorImage>>,
    ),
    /// Where the chart (with its title and axes) was drawn in the last frame, in points.
    chart_rect: Option<egui::Rect>,
    /// Monte Carlo bands, worked out on their own thread (started with the first frame).
    bands: Option<uncertainty::BandsWorker>,
    /// Whether to work out bands at all (tests of other things turn it off, so that answers
    /// arriving from the worker thread do not add frames).
    bands_enabled: bool,
    /// The sensitivity view's tornado and goal-seek settings.
    sensitivity: uncertainty::SensitivityState,
}

impl CareLeversApp {
    /// An app showing `scenario`, with native file dialogs and no crash recovery.
    pub fn new(scenario: Scenario) -> Self {
        CareLeversApp::with_services(scenario, Arc::new(NativeDialogs), None)
    }

    /// An app showing `scenario`, with the given file dialogs and recovery store. Recovery copies
    /// already in the store (left by a crash) are offered for restoring.
    pub fn with_services(
        scenario: Scenario,
        dialogs: Arc<dyn FileDialogs>,
        recovery: Option<RecoveryStore>,
    ) -> Self {
        let recovered = recovery.as_ref().map(|r| r.list()).unwrap_or_default();
        CareLeversApp {
            documents: vec![Document::new(0, scenario, None, 0)],
            active: 0,
            next_document_id: 1,
            view: View::ChildrenInCare,
            reference: 0,
            dialogs,
            replies: channel(),
            dialog_open: false,
            question: None,
            discarded_on_quit: Vec::new(),
            path_box: None,
            message: None,
            recent_files: Vec::new(),
            recovery,
            recovered,
            last_autosave: None,
            close_allowed: false,
            title: String::new(),
            presentation: None,
            size_before_presentation: None,
            image_choice: None,
            image_job: None,
            screenshots: channel(),
            chart_rect: None,
            bands: None,
            bands_enabled: true,
            sensitivity: uncertainty::SensitivityState::default(),
        }
    }

    /// An app started by eframe: native dialogs, recovery in the app's data folder, and the
    /// remembered view and recent files.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, scenario: Scenario) -> Self {
        let mut app = CareLeversApp::with_services(
            scenario,
            Arc::new(NativeDialogs),
            RecoveryStore::in_app_data(),
        );
        if let Some(settings) = cc
            .storage
            .and_then(|storage| eframe::get_value::<Settings>(storage, SETTINGS_KEY))
        {
            if let Some(view) = settings.view {
                app.view = view;
            }
            app.recent_files = settings.recent_files;
        }
        app
    }

    /// Turns the Monte Carlo worker on or off (on by default).
    pub fn with_bands(mut self, enabled: bool) -> Self {
        self.bands_enabled = enabled;
        self
    }

    /// The active scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.active_document().scenario
    }

    /// The active scenario, for editing.
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        let active = self.active;
        &mut self.documents[active].scenario
    }

    /// The active scenario's projection (as of the last frame).
    pub fn projection(&self) -> &Projection {
        self.active_document().last_projection()
    }

    /// Every open scenario, in tab order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The active document.
    pub fn active_document(&self) -> &Document {
        &self.documents[self.active.min(self.documents.len() - 1)]
    }

    /// The error or notice on screen, if any: (title, text).
    pub fn message(&self) -> Option<&(String, String)> {
        self.message.as_ref()
    }

    /// True once the user has agreed to close (nothing unsaved is left unanswered).
    pub fn close_allowed(&self) -> bool {
        self.close_allowed
    }

    /// Meeting mode's state, when on.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// True while an image is being made.
    pub fn exporting_image(&self) -> bool {
        self.image_job.is_some()
    }

    /// The recent files, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent_files
    }

    fn document_index(&self, id: u64) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    fn new_document(&mut self, scenario: Scenario, path: Option<PathBuf>) -> Document {
        let id = self.next_document_id;
        self.next_document_id += 1;
        let used: Vec<usize> = self.documents.iter().map(|d| d.colour_index).collect();
        let colour = (0..).find(|c| !used.contains(c)).unwrap_or(0);
        Document::new(id, scenario, path, colour)
    }

    /// Replaces the active document, forgetting its recovery copy.
    fn replace_active(&mut self, mut document: Document) {
        let active = self.active;
        if let Some(recovery) = &self.recovery {
            recovery.remove(self.documents[active].id);
        }
        document.colour_index = self.documents[active].colour_index;
        self.documents[active] = document;
    }

    /// Carries out an action, first asking about unsaved changes where it would lose them.
    pub fn request(&mut self, ctx: &egui::Context, action: Action) {
        if action == Action::Quit {
            let unanswered = self
                .documents
                .iter()
                .find(|d| d.is_modified() && !self.discarded_on_quit.contains(&d.id));
            match unanswered {
                Some(document) => {
                    self.question = Some(UnsavedQuestion {
                        document_id: document.id,
                        then: Action::Quit,
                    });
                }
                None => {
                    self.close_allowed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            return;
        }
        if action.discards_current() && self.active_document().is_modified() {
            self.question = Some(UnsavedQuestion {
                document_id: self.active_document().id,
                then: action,
            });
            return;
        }
        self.perform(ctx, action);
    }

    fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewFromTemplate | Action::NewBlank => {
                let template = if action == Action::NewFromTemplate {
                    scenario_file::norfolk_2014()
                } else {
                    scenario_file::blank_council()
                };
                match template {
                    Ok(scenario) => {
                        let document = self.new_document(scenario, None);
                        self.replace_active(document);
                    }
                    Err(error) => self.show_message("Cannot start a new scenario", error),
                }
            }
            Action::Open => self.ask_for_path(ctx, DialogPurpose::Open { alongside: false }),
            Action::OpenAlongside => {
                self.ask_for_path(ctx, DialogPurpose::Open { alongside: true })
            }
            Action::OpenRecent(path) => self.open_file(&path, false),
            Action::Save => {
                let document = self.active_document();
                match document.path.clone() {
                    Some(path) => {
                        let id = document.id;
                        self.save_document(ctx, id, &path, None);
                    }
                    None => self.perform(ctx, Action::SaveAs),
                }
            }
            Action::SaveAs => {
                let document_id = self.active_document().id;
                self.ask_for_path(
                    ctx,
                    DialogPurpose::SaveAs {
                        document_id,
                        then: None,
                    },
                );
            }
            Action::Close => {
                let active = self.active;
                if let Some(recovery) = &self.recovery {
                    recovery.remove(self.documents[active].id);
                }
                if self.documents.len() > 1 {
                    self.documents.remove(active);
                    self.active = active.min(self.documents.len() - 1);
                } else if let Ok(scenario) = scenario_file::norfolk_2014() {
                    let document = self.new_document(scenario, None);
                    self.replace_active(document);
                }
            }
            Action::Quit => self.request(ctx, Action::Quit),
            Action::Present => self.start_presentation(ctx),
            Action::ExportImage => {
                self.image_choice = Some((ImageTarget::Chart, ImageSize::AsShown))
            }
            Action::CopyChart => {
                self.start_image_job(ctx, None, ImageTarget::Chart, ImageSize::AsShown)
            }
            Action::ExportCsv => self.ask_for_path(ctx, DialogPurpose::ExportCsv),
            Action::ExportXlsx => self.ask_for_path(ctx, DialogPurpose::ExportXlsx),
        }
    }

    /// Enters meeting mode: full screen, one chart at a time.
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        self.presentation = Some(Presentation::starting_at(self.view));
        self.size_before_presentation = Some(ctx.content_rect().size());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        // Where no window manager honours full screen (a minimal desktop), fill the monitor.
        if let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
        }
    }

    /// Leaves meeting mode.
    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let Some(presentation) = self.presentation.take() {
            self.view = presentation.view();
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        if let Some(size) = self.size_before_presentation.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
    }

    /// Starts making an image of the chart or window, to `path` or (if none) the clipboard.
    pub fn start_image_job(
        &mut self,
        ctx: &egui::Context,
        path: Option<PathBuf>,
        target: ImageTarget,
        size: ImageSize,
    ) {
        let mut job = ImageJob {
            path,
            target,
            size,
            stage: ImageStage::Capturing,
            restore_size: None,
            crop: None,
        };
        if let ImageSize::Pixels(width, height) = size {
            let pixels_per_point = ctx.pixels_per_point();
            job.restore_size = Some(ctx.content_rect().size());
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(
                width as f32 / pixels_per_point,
                height as f32 / pixels_per_point,
            )));
            job.stage = ImageStage::Resizing { frames: 0 };
        }
        self.image_job = Some(job);
        ctx.request_repaint();
    }

    /// Moves the image job on by one frame. Called after the frame is laid out.
    fn image_job_step(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.image_job else {
            return;
        };
        match job.stage {
            ImageStage::Resizing { frames } => {
                let reached = match job.size {
                    ImageSize::Pixels(width, height) => {
                        let size = ctx.content_rect().size() * ctx.pixels_per_point();
                        (size.x - width as f32).abs() < 1.5 && (size.y - height as f32).abs() < 1.5
                    }
                    ImageSize::AsShown => true,
                };
                // A window manager may refuse the size: capture what there is after a while.
                job.stage = if reached || frames >= 30 {
                    ImageStage::Capturing
                } else {
                    ImageStage::Resizing { frames: frames + 1 }
                };
                ctx.request_repaint();
            }
            ImageStage::Capturing => {
                // The slide layout fills the window; otherwise keep just the chart.
                job.crop = match (job.target, job.size) {
                    (ImageTarget::Chart, ImageSize::AsShown) => self.chart_rect,
                    _ => None,
                };
                let sender = self.screenshots.0.clone();
                let repaint = ctx.clone();
                ctx.request_screenshot(move |image| {
                    let _ = sender.send(image);
                    repaint.request_repaint();
                });
                job.stage = ImageStage::Waiting;
            }
            ImageStage::Waiting => {
                let Ok(image) = self.screenshots.1.try_recv() else {
                    return;
                };
                let job = job.clone();
                self.image_job = None;
                if let Some(size) = job.restore_size {
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                }
                let picture = image_export::crop(&image, job.crop, ctx.pixels_per_point());
                let [width, height] = picture.size;
                match job.path {
                    Some(path) => match image_export::write_png(&path, &picture) {
                        Ok(()) => {
                            self.message = Some((
                                "Image saved".into(),
                                format!("{} ({width} × {height} pixels)", path.display()),
                            ))
                        }
                        Err(error) => self.show_message("The image was not saved", error),
                    },
                    None => {
                        ctx.copy_image(picture);
                        self.message = Some((
                            "Chart copied".into(),
                            format!(
                                "The chart ({width} × {height} pixels) is on the clipboard: paste it into a paper."
                            ),
                        ));
                    }
                }
            }
        }
    }

    /// Shows a file dialog (off the UI thread) for `purpose`.
    fn ask_for_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        if self.dialog_open {
            return;
        }
        let base_name = files::suggested_file_name(&self.active_document().scenario)
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
            DialogPurpose::Open { .. } => DialogKind::Open,
            DialogPurpose::SaveAs { document_id, .. } => DialogKind::Save {
                suggested_name: self
                    .document_index(*document_id)
                    .map(|i| files::suggested_file_name(&self.documents[i].scenario))
                    .unwrap_or_else(|| "scenario.ron".into()),
            },
        };
        let folder = self
            .active_document()
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| p.is_dir())
            .unwrap_or_else(files::default_folder);
        let sender = self.replies.0.clone();
        let repaint = ctx.clone();
        self.dialog_open = true;
        self.dialogs.show(
            kind,
            folder,
            Box::new(move |outcome| {
                // The window may have closed meanwhile; then nobody needs the answer.
                let _ = sender.send(DialogReply { purpose, outcome });
                repaint.request_repaint();
            }),
        );
    }

    /// Handles answers from file dialogs.
    fn receive_dialog_replies(&mut self, ctx: &egui::Context) {
        while let Ok(reply) = self.replies.1.try_recv() {
            self.dialog_open = false;
            match reply.outcome {
                DialogOutcome::Picked(path) => self.use_path(ctx, reply.purpose, path),
                DialogOutcome::Cancelled => {}
                DialogOutcome::Unavailable => {
                    self.path_box = Some(PathBox {
                        purpose: reply.purpose,
                        text: files::default_folder().display().to_string() + "/",
                        note: "No file dialog could be shown on this desktop. Type the file's \
                               path instead."
                            .into(),
                        focused: false,
                    });
                }
            }
        }
    }

    fn use_path(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open { alongside } => self.open_file(&path, alongside),
            DialogPurpose::SaveAs { document_id, then } => {
                let path = files::with_ron_extension(path);
                self.save_document(ctx, document_id, &path, then);
            }
            DialogPurpose::ExportImage { target, size } => {
                let path = files::with_extension(path, "png");
                self.start_image_job(ctx, Some(path), target, size);
            }
            DialogPurpose::ExportCsv => {
                let path = files::with_extension(path, "csv");
                let projection = self.active_document().last_projection();
                match crate::io::export::write_csv_files(&path, projection) {
                    Ok([monthly, years]) => {
                        self.message = Some((
                            "Tables exported".into(),
                            format!("{}\n{}", monthly.display(), years.display()),
                        ))
                    }
                    Err(error) => self.show_message("The tables were not exported", error),
                }
            }
            DialogPurpose::ExportXlsx => {
                let path = files::with_extension(path, "xlsx");
                let document = self.active_document();
                match crate::io::export::write_xlsx(
                    &path,
                    &document.scenario,
                    document.last_projection(),
                ) {
                    Ok(()) => {
                        self.message =
                            Some(("Workbook exported".into(), path.display().to_string()))
                    }
                    Err(error) => self.show_message("The workbook was not exported", error),
                }
            }
        }
    }

    /// Opens a scenario file. On failure the current scenario stays as it was and the error is
    /// shown.
    pub fn open_file(&mut self, path: &Path, alongside: bool) {
        match scenario_file::load(path) {
            Ok(loaded) => {
                let warnings = loaded.warnings();
                let document = self.new_document(loaded.scenario, Some(path.to_path_buf()));
                if alongside {
                    self.documents.push(document);
                    self.active = self.documents.len() - 1;
                } else {
                    self.replace_active(document);
                }
                files::remember_recent(&mut self.recent_files, path, RECENT_FILES);
                if !warnings.is_empty() {
                    self.message = Some((
                        format!("Opened {} with warnings", path.display()),
                        warnings.join("\n"),
                    ));
                }
            }
            Err(error) => self.show_message("Cannot open the scenario", error),
        }
    }

    fn save_document(
        &mut self,
        ctx: &egui::Context,
        document_id: u64,
        path: &Path,
        then: Option<Action>,
    ) {
        let Some(index) = self.document_index(document_id) else {
            return;
        };
        match scenario_file::save_keeping_backup(path, &self.documents[index].scenario) {
            Ok(()) => {
                self.documents[index].mark_saved(path);
                if let Some(recovery) = &self.recovery {
                    recovery.remove(document_id);
                }
                files::remember_recent(&mut self.recent_files, path, RECENT_FILES);
                if let Some(action) = then {
                    self.continue_after_answer(ctx, action);
                }
            }
            Err(error) => self.show_message("The scenario was not saved", error),
        }
    }

    fn show_message(&mut self, title: &str, error: impl std::fmt::Display) {
        self.message = Some((title.to_string(), error.to_string()));
    }

    /// After "Save" or "Don't save": carry on with what the user asked for.
    fn continue_after_answer(&mut self, ctx: &egui::Context, action: Action) {
        if action == Action::Quit {
            self.request(ctx, Action::Quit);
        } else {
            self.perform(ctx, action);
        }
    }

    /// The user's answer to "Save changes?".
    fn answer_question(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(question) = self.question.take() else {
            return;
        };
        let Some(index) = self.document_index(question.document_id) else {
            return;
        };
        match answer {
            Answer::Cancel => self.discarded_on_quit.clear(),
            Answer::DontSave => {
                if question.then == Action::Quit {
                    self.discarded_on_quit.push(question.document_id);
                }
                self.continue_after_answer(ctx, question.then);
            }
            Answer::Save => match self.documents[index].path.clone() {
                Some(path) => {
                    self.save_document(ctx, question.document_id, &path, Some(question.then))
                }
                None => self.ask_for_path(
                    ctx,
                    DialogPurpose::SaveAs {
                        document_id: question.document_id,
                        then: Some(question.then),
                    },
                ),
            },
        }
    }

    /// Writes recovery copies of scenarios with unsaved changes, once a minute.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let any_modified = self.documents.iter().any(Document::is_modified);
        if !any_modified {
            self.last_autosave = None;
            return;
        }
        let due = self
            .last_autosave
            .is_none_or(|last| now - last >= AUTOSAVE_SECONDS);
        if due {
            for document in self.documents.iter().filter(|d| d.is_modified()) {
                if let Err(error) =
                    recovery.write(document.id, document.path.as_deref(), &document.scenario)
                {
                    eprintln!("care-levers: recovery copy not written: {error}");
                }
            }
            self.last_autosave = Some(now);
        }
        // Wake once a minute while there is something unsaved, and not otherwise.
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
    }

    fn restore_recovered(&mut self) {
        for recovered in std::mem::take(&mut self.recovered) {
            let mut document = self.new_document(recovered.scenario, recovered.original_path);
            document.mark_unsaved();
            self.documents.push(document);
            // The restored document gets a new recovery copy at the next autosave.
            let _ = std::fs::remove_file(&recovered.recovery_file);
        }
        self.active = self.documents.len() - 1;
    }

    fn shortcuts(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let command = Modifiers::COMMAND;
        let command_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // The shifted shortcuts first: Ctrl+S would also match Ctrl+Shift+S.
        let pressed = |ui: &mut egui::Ui, modifiers: Modifiers, key: Key| {
            ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, key)))
        };
        if pressed(ui, command_shift, Key::S) {
            self.request(&ctx, Action::SaveAs);
        } else if pressed(ui, command, Key::S) {
            self.request(&ctx, Action::Save);
        }
        if pressed(ui, command_shift, Key::O) {
            self.request(&ctx, Action::OpenAlongside);
        } else if pressed(ui, command, Key::O) {
            self.request(&ctx, Action::Open);
        }
        if pressed(ui, command, Key::N) {
            self.request(&ctx, Action::NewFromTemplate);
        }
        if pressed(ui, Modifiers::NONE, Key::F5) {
            self.request(&ctx, Action::Present);
        }
        // Text fields keep Ctrl+Z for their own text.
        if !ctx.egui_wants_keyboard_input() {
            if pressed(ui, command_shift, Key::Z) || pressed(ui, command, Key::Y) {
                self.redo();
            } else if pressed(ui, command, Key::Z) {
                self.undo();
            }
        }
    }

    /// Undoes the last change to the active scenario.
    pub fn undo(&mut self) -> bool {
        let document = &mut self.documents[self.active];
        document.history.undo(&mut document.scenario)
    }

    /// Redoes the last undone change to the active scenario.
    pub fn redo(&mut self) -> bool {
        let document = &mut self.documents[self.active];
        document.history.redo(&mut document.scenario)
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.active = self.active.min(self.documents.len() - 1);
        self.receive_dialog_replies(&ctx);

        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request(&ctx, Action::Quit);
        }
        if self.presentation.is_some() {
            self.presentation_ui(ui);
            self.image_job_step(&ctx);
            self.windows_ui(&ctx);
            return;
        }
        if let Some(job) = &self.image_job
            && job.target == ImageTarget::Chart
            && job.size != ImageSize::AsShown
        {
            self.slide_for_image_ui(ui);
            self.image_job_step(&ctx);
            return;
        }
        self.shortcuts(ui);

        let document = self.active_document();
        let title = format!(
            "Care Levers – {}{}",
            document.display_name(),
            if document.is_modified() { " *" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        egui::Panel::top("top_bar").show(ui, |ui| {
            self.menu_ui(ui);
            self.tabs_ui(ui);
        });

        let active = self.active;
        egui::Panel::left("levers")
            .resizable(true)
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let scenario = &mut self.documents[active].scenario;
                    ui.add_space(4.0);
                    details_ui(ui, scenario);
                    levers::levers_ui(ui, scenario);
                    ui.add_space(8.0);
                    levers::assumptions_ui(ui, scenario);
                    ui.add_space(8.0);
                });
            });

        // One slider drag is one undo step: record only once the pointer is released.
        let gesture = ctx.input(|i| i.pointer.any_down());
        for document in &mut self.documents {
            document.history.settle(&document.scenario, gesture);
            // Levers are drawn first so that this frame's charts already show their effect.
            document.projection();
        }
        self.autosave(&ctx);
        if self.bands_enabled {
            let repaint = ctx.clone();
            let worker = self.bands.get_or_insert_with(|| {
                uncertainty::BandsWorker::start(move || repaint.request_repaint())
            });
            worker.update(&self.documents[self.active].scenario);
        }

        let mut apply_lever: Option<(crate::model::LeverKind, f64)> = None;
        // Out of `self` while drawing, so the views can borrow the rest of the app.
        let worker = self.bands.take();
        egui::CentralPanel::default().show(ui, |ui| {
            let document = &self.documents[self.active];
            let bands = worker
                .as_ref()
                .and_then(|worker| worker.bands(&document.scenario));
            headline_ui(ui, &document.scenario, document.last_projection(), bands);
            ui.separator();
            ui.horizontal(|ui| {
                for view in View::ALL {
                    ui.selectable_value(&mut self.view, view, view.label());
                }
            });
            ui.add_space(4.0);
            let chart = ui.scope(|ui| {
                ui.label(RichText::new(self.view.title()).heading());
                let height = (ui.available_height() - 8.0).max(160.0);
                let document = &self.documents[self.active];
                let (scenario, projection) = (&document.scenario, document.last_projection());
                match self.view {
                    View::ChildrenInCare => {
                        let others = self.overlays();
                        charts::children_in_care_ui(ui, scenario, projection, &others, height)
                    }
                    View::MoneyByYear => charts::money_by_year_ui(ui, projection, height),
                    View::SavingsAndPayback => {
                        charts::savings_and_payback_ui(ui, scenario, projection, height)
                    }
                    View::FosterCare => charts::foster_care_ui(ui, scenario, projection, height),
                    View::Table => years_table_ui(ui, projection),
                    View::Compare => compare::compare_ui(
                        ui,
                        &mut self.documents,
                        self.active,
                        &mut self.reference,
                        height,
                    ),
                    View::Uncertainty => {
                        uncertainty::uncertainty_ui(ui, scenario, projection, bands, height)
                    }
                    View::Sensitivity => {
                        apply_lever =
                            uncertainty::sensitivity_ui(ui, scenario, &mut self.sensitivity, height)
                    }
                }
            });
            self.chart_rect = Some(chart.response.rect);
        });
        self.bands = worker;
        if let Some((kind, value)) = apply_lever {
            *self.scenario_mut().levers.timing_mut(kind).value = value;
        }

        self.image_job_step(&ctx);
        self.windows_ui(&ctx);
    }

    fn overlays(&self) -> Vec<charts::Overlay> {
        self.documents
            .iter()
            .enumerate()
            .filter(|(i, d)| *i != self.active && d.shown_in_comparison)
            .map(|(_, d)| charts::Overlay::of(d))
            .collect()
    }

    /// The chart alone as a slide, filling the window, for an image of a chosen size.
    fn slide_for_image_ui(&mut self, ui: &mut egui::Ui) {
        let others = self.overlays();
        let view = if presentation::CHARTS.contains(&self.view) {
            self.view
        } else {
            View::ChildrenInCare
        };
        let document = &self.documents[self.active];
        egui::CentralPanel::default()
            .frame(
                egui::Frame::new()
                    .fill(egui::Color32::WHITE)
                    .inner_margin(24),
            )
            .show(ui, |ui| {
                presentation::use_projector_theme(ui.style_mut());
                presentation::use_large_type(ui.style_mut());
                presentation::chart_slide_ui(ui, document, view, &others, false);
            });
    }

    /// Meeting mode: one chart at a time, large type, keys to step through charts and scenarios.
    fn presentation_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let typing = ctx.memory(|m| m.focused().is_some());
        let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        let Some(mut state) = self.presentation.clone() else {
            return;
        };
        if key(Key::Escape) {
            self.stop_presentation(&ctx);
            return;
        }
        if !typing {
            if key(Key::ArrowRight) || key(Key::PageDown) || key(Key::Space) {
                state.next_chart();
            }
            if key(Key::ArrowLeft) || key(Key::PageUp) {
                state.previous_chart();
            }
            if key(Key::S) {
                self.active = (self.active + 1) % self.documents.len();
            }
            if key(Key::L) {
                state.levers_open = !state.levers_open;
            }
            if key(Key::T) {
                state.projector_theme = !state.projector_theme;
            }
            if key(Key::R) {
                self.documents[self.active].revert_to_saved();
            }
        }
        let others = self.overlays();
        let active = self.active;
        let count = self.documents.len();
        let mut frame = egui::Frame::central_panel(ui.style()).inner_margin(24);
        if state.projector_theme {
            frame = frame.fill(egui::Color32::WHITE);
        }
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            if state.projector_theme {
                presentation::use_projector_theme(ui.style_mut());
            }
            presentation::use_large_type(ui.style_mut());
            let document = &self.documents[active];
            let rect = presentation::chart_slide_ui(ui, document, state.view(), &others, true);
            self.chart_rect = Some(rect);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Chart {} of {} · scenario {} of {count}    Left/Right: charts · \
                         S: next scenario · L: levers · R: saved values · T: theme · Esc: leave",
                        state.chart + 1,
                        presentation::CHARTS.len(),
                        active + 1
                    ))
                    .size(18.0)
                    .weak(),
                );
            });
        });
        if state.levers_open {
            let mut open = true;
            let document = &mut self.documents[active];
            egui::Window::new("Levers")
                .open(&mut open)
                .resizable(false)
                .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-24.0, 24.0))
                .show(&ctx, |ui| {
                    presentation::use_large_type(ui.style_mut());
                    levers::compact_levers_ui(ui, &mut document.scenario);
                    if ui.button("Back to saved values (R)").clicked() {
                        document.revert_to_saved();
                    }
                });
            state.levers_open = open;
        }
        let gesture = ctx.input(|i| i.pointer.any_down());
        for document in &mut self.documents {
            document.history.settle(&document.scenario, gesture);
            document.projection();
        }
        if self.presentation.is_some() {
            self.presentation = Some(state);
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut chosen: Option<Action> = None;
        let mut undo = false;
        let mut redo = false;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .button("New from the Norfolk template (Ctrl+N)")
                    .clicked()
                {
                    chosen = Some(Action::NewFromTemplate);
                }
                if ui.button("New with blank defaults").clicked() {
                    chosen = Some(Action::NewBlank);
                }
                ui.separator();
                if ui.button("Open... (Ctrl+O)").clicked() {
                    chosen = Some(Action::Open);
                }
                if ui
                    .button("Open alongside, to compare... (Ctrl+Shift+O)")
                    .clicked()
                {
                    chosen = Some(Action::OpenAlongside);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent_files.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &self.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            chosen = Some(Action::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                if ui.button("Save (Ctrl+S)").clicked() {
                    chosen = Some(Action::Save);
                }
                if ui.button("Save as... (Ctrl+Shift+S)").clicked() {
                    chosen = Some(Action::SaveAs);
                }
                if ui.button("Type a file path...").clicked() {
                    self.path_box = Some(PathBox {
                        purpose: DialogPurpose::Open { alongside: false },
                        text: files::default_folder().display().to_string() + "/",
                        note: String::new(),
                        focused: false,
                    });
                }
                ui.separator();
                if ui.button("Export chart or window as PNG...").clicked() {
                    chosen = Some(Action::ExportImage);
                }
                if ui.button("Copy chart to the clipboard").clicked() {
                    chosen = Some(Action::CopyChart);
                }
                if ui.button("Export tables as CSV...").clicked() {
                    chosen = Some(Action::ExportCsv);
                }
                if ui.button("Export Excel workbook...").clicked() {
                    chosen = Some(Action::ExportXlsx);
                }
                ui.separator();
                if ui.button("Close scenario").clicked() {
                    chosen = Some(Action::Close);
                }
                if ui.button("Quit").clicked() {
                    chosen = Some(Action::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let document = self.active_document();
                if ui
                    .add_enabled(
                        document.history.can_undo(&document.scenario),
                        egui::Button::new("Undo (Ctrl+Z)"),
                    )
                    .clicked()
                {
                    undo = true;
                }
                if ui
                    .add_enabled(
                        document.history.can_redo(),
                        egui::Button::new("Redo (Ctrl+Shift+Z)"),
                    )
                    .clicked()
                {
                    redo = true;
                }
            });
            if ui
                .button("Present (F5)")
                .on_hover_text("Full screen, one chart at a time, for a meeting")
                .clicked()
            {
                chosen = Some(Action::Present);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                theme_ui(ui);
                ui.separator();
                ui.label(RichText::new("Care Levers").strong());
            });
        });
        if undo {
            self.undo();
        }
        if redo {
            self.redo();
        }
        if let Some(action) = chosen {
            self.request(&ctx, action);
        }
    }

    fn tabs_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Scenarios:");
            let mut activate = None;
            for (i, document) in self.documents.iter_mut().enumerate() {
                let colour = colours::comparison(document.colour_index);
                let name = format!(
                    "{}{}",
                    document.display_name(),
                    if document.is_modified() { " *" } else { "" }
                );
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, colour);
                let tab = ui.selectable_label(i == self.active, name.clone());
                if tab.clicked() {
                    activate = Some(i);
                }
                ui.checkbox(&mut document.shown_in_comparison, "")
                    .on_hover_text("Show on the charts beside the active scenario")
                    .accessible_name(format!("Compare {name}"));
                ui.separator();
            }
            if let Some(i) = activate {
                self.active = i;
            }
        });
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        if let Some(question) = self.question.clone() {
            let name = self
                .document_index(question.document_id)
                .map(|i| self.documents[i].display_name())
                .unwrap_or_default();
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved_question")).show(ctx, |ui| {
                ui.heading("Save changes?");
                ui.label(format!("\"{name}\" has changes that are not saved."));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Answer::Save);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(Answer::DontSave);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            });
            if let Some(answer) = answer {
                self.answer_question(ctx, answer);
            }
        }

        if !self.recovered.is_empty() {
            let mut restore = None;
            egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
                ui.heading("Restore unsaved work?");
                ui.label(
                    "Care Levers did not close properly last time. These scenarios had changes \
                     that were not saved:",
                );
                for recovered in &self.recovered {
                    let from = recovered
                        .original_path
                        .as_ref()
                        .map(|p| format!(" (from {})", p.display()))
                        .unwrap_or_default();
                    ui.label(format!("• {}{from}", recovered.scenario.name));
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        restore = Some(true);
                    }
                    if ui.button("Discard").clicked() {
                        restore = Some(false);
                    }
                });
            });
            match restore {
                Some(true) => self.restore_recovered(),
                Some(false) => {
                    if let Some(recovery) = &self.recovery {
                        recovery.clear();
                    }
                    self.recovered.clear();
                }
                None => {}
            }
        }

        if let Some(path_box) = &mut self.path_box {
            let mut chosen = None;
            let mut cancel = false;
            let verb = match path_box.purpose {
                DialogPurpose::Open { .. } => "Open",
                DialogPurpose::SaveAs { .. } => "Save",
                _ => "Export",
            };
            egui::Modal::new(egui::Id::unique("path_box")).show(ctx, |ui| {
                ui.heading(format!("{verb}: type a file path"));
                if !path_box.note.is_empty() {
                    ui.label(&path_box.note);
                }
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut path_box.text).desired_width(480.0))
                    .accessible_name("File path");
                if !path_box.focused {
                    // Ready to type at once, like a dialog's file-name field.
                    edit.request_focus();
                    path_box.focused = true;
                }
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button(verb).clicked() || entered {
                        chosen = Some(PathBuf::from(path_box.text.trim()));
                    }
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
            if let Some(path) = chosen {
                let purpose = path_box.purpose.clone();
                self.path_box = None;
                self.use_path(ctx, purpose, path);
            } else if cancel {
                self.path_box = None;
            }
        }

        if let Some((mut target, mut size)) = self.image_choice {
            let mut go = false;
            let mut cancel = false;
            egui::Modal::new(egui::Id::unique("image_choice")).show(ctx, |ui| {
                ui.heading("Export an image");
                ui.label("What");
                ui.radio_value(
                    &mut target,
                    ImageTarget::Chart,
                    "The chart, with its title and axes",
                );
                ui.radio_value(&mut target, ImageTarget::Dashboard, "The whole window");
                ui.label("Size");
                for (choice, label) in ImageSize::CHOICES {
                    ui.radio_value(&mut size, choice, label);
                }
                ui.horizontal(|ui| {
                    if ui.button("Choose file...").clicked() {
                        go = true;
                    }
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
            self.image_choice = Some((target, size));
            if go {
                self.image_choice = None;
                self.ask_for_path(ctx, DialogPurpose::ExportImage { target, size });
            } else if cancel {
                self.image_choice = None;
            }
        }

        if let Some((title, text)) = self.message.clone() {
            let mut close = false;
            egui::Modal::new(egui::Id::unique("message")).show(ctx, |ui| {
                ui.heading(&title);
                ui.label(RichText::new(&text).monospace());
                if ui.button("OK").clicked() {
                    close = true;
                }
            });
            if close {
                self.message = None;
            }
        }
    }
}

/// Answers to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Save,
    DontSave,
    Cancel,
}

/// Name, author and notes of the scenario.
fn details_ui(ui: &mut egui::Ui, scenario: &mut Scenario) {
    egui::CollapsingHeader::new(RichText::new("Scenario details").strong().size(15.0))
        .id_salt("scenario_details")
        .default_open(false)
        .show(ui, |ui| {
            ui.label("Name");
            ui.text_edit_singleline(&mut scenario.name)
                .accessible_name("Scenario name");
            ui.label("Author");
            ui.text_edit_singleline(&mut scenario.author)
                .accessible_name("Scenario author");
            ui.label("Description and notes");
            ui.add(egui::TextEdit::multiline(&mut scenario.description).desired_rows(4))
                .accessible_name("Scenario description and notes");
        });
}

/// Light / dark / system theme, in words (the default fonts have no icon glyphs for these).
fn theme_ui(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    // Right-to-left layout: added in reverse.
    ui.selectable_value(&mut preference, egui::ThemePreference::Dark, "Dark");
    ui.selectable_value(&mut preference, egui::ThemePreference::Light, "Light");
    ui.selectable_value(&mut preference, egui::ThemePreference::System, "System");
    ui.label("Theme:");
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}

/// The headline numbers as (label, value, detail) triples, in the order shown.
pub fn headline_figures(
    scenario: &Scenario,
    projection: &Projection,
) -> Vec<(String, String, String)> {
    let mut figures = Vec::new();
    if let Some(last) = projection.last_month() {
        figures.push((
            format!("Children in care, {}", last.month.short_label()),
            format::count(last.looked_after),
            format!(
                "{} against doing nothing ({})",
                format::count_change(last.looked_after - last.baseline_looked_after),
                format::count(last.baseline_looked_after)
            ),
        ));
    }
    let this_year = scenario.start_month.financial_year();
    if let Some(year) = projection.year(this_year) {
        let (word, amount) = if year.overspend_gbp >= 0.0 {
            ("Overspend", year.overspend_gbp)
        } else {
            ("Underspend", -year.overspend_gbp)
        };
        figures.push((
            format!("{word} {this_year}"),
            format::money(amount),
            format!(
                "spend {} against budget {}",
                format::money(year.spend_gbp),
                format::money(year.budget_gbp)
            ),
        ));
    }
    if let Some(last) = projection.last_month() {
        figures.push((
            format!("Net saving to {}", last.month.short_label()),
            format::money(last.cumulative_net_saving_gbp),
            format!(
                "after investing {}",
                format::money(last.cumulative_investment_gbp)
            ),
        ));
    }
    let payback = match projection.payback {
        Payback::InMonth(month) => month.short_label(),
        Payback::NotWithinHorizon => "not within the horizon".to_string(),
        Payback::NoInvestment => "no investment".to_string(),
    };
    figures.push((
        "Payback".to_string(),
        payback,
        "when savings repay investment".into(),
    ));
    figures
}

/// The strip of headline numbers, with the chances from the Monte Carlo bands.
fn headline_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    bands: Option<(&crate::model::Bands, bool)>,
) {
    let mut figures = headline_figures(scenario, projection);
    figures.extend(uncertainty::probability_figures(scenario, bands));
    // Cards share the width so the strip never pushes the charts wider than the window.
    let spacing = ui.spacing().item_spacing.x;
    let count = figures.len().max(1) as f32;
    let card_width =
        ((ui.available_width() - spacing * (count - 1.0)) / count - 22.0).clamp(100.0, 240.0);
    ui.horizontal(|ui| {
        for (label, value, detail) in figures {
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    ui.set_width(card_width);
                    ui.vertical(|ui| {
                        ui.add(egui::Label::new(RichText::new(&label).small()).truncate());
                        // Words such as "not within the horizon" get smaller type, not cut off.
                        let size = if value.chars().count() > 9 {
                            15.0
                        } else {
                            22.0
                        };
                        ui.add(egui::Label::new(RichText::new(&value).size(size).strong()))
                            .on_hover_text(&detail);
                        ui.add(egui::Label::new(RichText::new(&detail).small().weak()).truncate());
                    });
                });
        }
    });
}

/// The financial-year table: the same numbers as the JSON `years`.
fn years_table_ui(ui: &mut egui::Ui, projection: &Projection) {
    let columns = [
        "Financial\nyear",
        "Children in\ncare at end",
        "Doing\nnothing",
        "Spend",
        "Spend doing\nnothing",
        "Budget",
        "Overspend",
        "Investment",
        "Gross\nsaving",
        "Net\nsaving",
        "Cumulative\nnet saving",
    ];
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("years_table")
            .striped(true)
            .num_columns(columns.len())
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                for column in columns {
                    ui.label(RichText::new(column).strong());
                }
                ui.end_row();
                for y in &projection.years {
                    let year: FinancialYear = y.financial_year;
                    let name = if y.months_covered < 12 {
                        format!("{year} ({} months)", y.months_covered)
                    } else {
                        year.to_string()
                    };
                    ui.label(name);
                    // The same numbers, in the same order, as the exported tables.
                    let values = crate::io::export::year_values(y);
                    let names = crate::io::export::yearly_csv_header();
                    for (value, name) in values.iter().zip(&names[1..]).skip(1) {
                        ui.label(if name.ends_with("_gbp") {
                            format::money(*value)
                        } else {
                            format::count(*value)
                        });
                    }
                    ui.end_row();
                }
            });
    });
}

impl eframe::App for CareLeversApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        CareLeversApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let settings = Settings {
            view: Some(self.view),
            recent_files: self.recent_files.clone(),
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: every unsaved change was saved or knowingly discarded.
        if self.close_allowed
            && let Some(recovery) = &self.recovery
        {
            recovery.clear();
        }
    }
}

/// Opens the window on `scenario`. Returns when the window closes.
pub fn run_window(scenario: Scenario) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("Care Levers – {}", scenario.name))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Care Levers",
        options,
        Box::new(move |cc| Ok(Box::new(CareLeversApp::from_creation_context(cc, scenario)))),
    )
}
