//! The desktop window (eframe/egui). It edits a scenario and draws the model's projection;
//! all the numbers come from [`crate::model::project`].
//!
//! Where things are:
//! - `workspace.rs`, `document.rs`, `history.rs`: the open scenarios, their files and undo;
//! - `command.rs`: everything the user can ask for, with labels and shortcuts;
//!   `command_handling.rs`: what each command does;
//! - `panels/`: the menu bar and tabs, headline numbers, levers, assumptions, details;
//! - `views/`: the charts, table, comparison, uncertainty and sensitivity views, meeting-mode
//!   slides, and `series.rs`, the pure functions that make chart series;
//! - `modals.rs`: the questions and messages that sit over the window;
//! - `jobs/`: file dialogs, images, Monte Carlo bands and recovery copies, moved on every frame;
//! - `style.rs` and `format.rs`: colours, type and how numbers read.
//!
//! Each frame: [`CareLeversApp::logic`] first (jobs, history, projections), then the layout for
//! the mode (window, meeting mode or an image slide), then the modals, then the commands
//! collected along the way are run.

pub mod command;
pub mod command_handling;
pub mod document;
pub use crate::report::format;
pub mod history;
pub mod jobs;
pub mod message;
pub mod modals;
pub mod panels;
pub mod style;
pub mod views;
pub mod workspace;

pub use command::{ClashAnswer, Command};
pub use document::{DiskChange, Document};
pub use jobs::dialogs::{DialogKind, DialogOutcome, FileDialogs, NativeDialogs};
pub use jobs::image::{ImageSize, ImageTarget};
pub use jobs::recovery::RecoveryStore;
pub use panels::headline::{HeadlineFigure, headline_figures};
pub use views::compare;
pub use views::presentation::Presentation;
pub use views::{View, ViewContext};
pub use workspace::{DocumentId, Workspace};

use crate::app::message::Message;
use crate::model::{Edit, Projection, Scenario};
use egui::RichText;
use modals::Modals;
use std::path::PathBuf;
use std::sync::Arc;
use views::ViewStates;

/// Key for the app's own settings in eframe's storage (view and recent files; never scenarios).
const SETTINGS_KEY: &str = "care_levers_settings";

/// How many recent files the File menu lists.
pub const RECENT_FILES: usize = 8;

/// What is remembered between runs besides window size, theme and zoom (which eframe and egui
/// keep themselves). Scenarios are never stored here.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Settings {
    view: Option<View>,
    recent_files: Vec<PathBuf>,
    /// The DfE code of the council last started from (offered first on the start page).
    #[serde(default)]
    last_council: Option<String>,
}

/// The app: open scenarios, what the user is looking at, and the work going on behind.
pub struct CareLeversApp {
    workspace: Workspace,
    /// The chart or table in the central panel.
    pub view: View,
    /// Meeting mode, when on.
    presentation: Option<Presentation>,
    /// The window's size in points before meeting mode, to go back to.
    size_before_presentation: Option<egui::Vec2>,
    modals: Modals,
    jobs: jobs::Jobs,
    view_states: ViewStates,
    recent_files: Vec<PathBuf>,
    /// True once the user has agreed to close.
    close_allowed: bool,
    /// True when the user asked to quit while a save was still writing: quit when it is done.
    quit_after_saves: bool,
    /// Documents whose changes the user chose not to save while quitting.
    discarded_on_quit: Vec<DocumentId>,
    /// The last window title sent, so it is only sent when it changes.
    title: String,
    /// Where the chart (with its title and axes) was drawn in the last frame, in points.
    chart_rect: Option<egui::Rect>,
    /// egui's input time when `logic` last ran: while the window is minimised eframe calls
    /// `logic` with the last shown frame's input, whose events must not be handled twice.
    logic_input_time: Option<f64>,
    /// Whether the window has been checked against the screen's size (once, when the screen's
    /// size is first known).
    window_fitted: bool,
    /// The start page, while it is shown (opened with no file), and the document it stands in
    /// for: once another scenario is active, the page has done its job.
    start_page: Option<(views::start::StartPage, DocumentId)>,
    /// The DfE code of the council last started from, remembered between runs.
    last_council: Option<String>,
    /// The guide window.
    guide: views::guide::GuideWindow,
    /// The levers panel is folded away (for a narrow screen or a wide chart).
    levers_hidden: bool,
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
        let mut app = CareLeversApp {
            workspace: Workspace::new(scenario),
            view: View::ChildrenInCare,
            presentation: None,
            size_before_presentation: None,
            modals: Modals::default(),
            jobs: jobs::Jobs::new(dialogs, recovery),
            view_states: ViewStates::default(),
            recent_files: Vec::new(),
            close_allowed: false,
            quit_after_saves: false,
            discarded_on_quit: Vec::new(),
            title: String::new(),
            chart_rect: None,
            logic_input_time: None,
            window_fitted: false,
            start_page: None,
            last_council: None,
            guide: Default::default(),
            levers_hidden: false,
        };
        app.offer_recovery();
        app
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
            app.last_council = settings.last_council;
        }
        app
    }

    /// Takes lock files in the name of `holder` instead of this user, machine and process (tests
    /// use it to play a colleague on another machine).
    pub fn with_lock_holder(mut self, holder: crate::io::lock::Holder) -> Self {
        self.jobs.locks = jobs::locks::Locks::for_holder(holder);
        self
    }

    /// Rewrites lock files every `locks` and recovery copies every `recovery` instead of every
    /// two minutes and every minute (tests use fractions of a second).
    pub fn with_background_intervals(
        mut self,
        locks: std::time::Duration,
        recovery: std::time::Duration,
    ) -> Self {
        self.jobs.locks = std::mem::take(&mut self.jobs.locks).refreshing_every(locks);
        self.jobs.autosave.every(recovery);
        self
    }

    /// Whether a save is still being written (a slow drive).
    pub fn is_saving(&self) -> bool {
        !self.jobs.saves.is_empty()
    }

    /// Waits `wait` for a save or an export to finish before leaving it running in the
    /// background (default 400 ms; tests use zero to see a save still writing).
    pub fn with_save_wait(mut self, wait: std::time::Duration) -> Self {
        self.jobs.save_wait = wait;
        self
    }

    /// Opens on the start page (as when Care Levers is started with no file): the scenario
    /// given stays behind it until the user chooses where to start.
    pub fn with_start_page(mut self) -> Self {
        self.start_page = Some((Default::default(), self.workspace.active().id));
        self
    }

    /// Whether the start page is showing.
    pub fn showing_start_page(&self) -> bool {
        self.start_page.is_some()
    }

    /// Recent files, as remembered (tests set them).
    pub fn with_recent_files(mut self, files: Vec<PathBuf>) -> Self {
        self.recent_files = files;
        self
    }

    /// Turns the Monte Carlo worker on or off (on by default).
    pub fn with_bands(mut self, enabled: bool) -> Self {
        self.jobs.bands_enabled = enabled;
        self
    }

    /// The active scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.workspace.active().scenario
    }

    /// The active scenario, for editing directly (benchmarks and tests; the window itself
    /// edits through [`Edit`]s).
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.workspace.active_mut().scenario
    }

    /// Makes an edit to the active scenario, as the window's panels do.
    pub fn apply(&mut self, edit: Edit) {
        let document = self.workspace.active_mut();
        document.apply(edit);
        document.projection();
    }

    /// The active scenario's projection (as of the last frame).
    pub fn projection(&self) -> &Projection {
        self.workspace.active().last_projection()
    }

    /// Every open scenario, in tab order.
    pub fn documents(&self) -> &[Document] {
        self.workspace.documents()
    }

    /// The active document.
    pub fn active_document(&self) -> &Document {
        self.workspace.active()
    }

    /// The error or notice on screen, if any: (title, text).
    pub fn message(&self) -> Option<&(String, String)> {
        self.modals.messages.front()
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
        self.jobs.images.job().is_some()
    }

    /// The recent files, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent_files
    }

    /// The failure of the last recovery copy, while writing them fails.
    pub fn autosave_failure(&self) -> Option<&str> {
        self.jobs.autosave.failure()
    }

    /// The newest Monte Carlo bands for the active scenario, and whether they are current.
    pub fn bands(&self) -> Option<(&crate::model::Bands, bool)> {
        self.jobs.bands_for(self.scenario())
    }

    /// Undoes the last change to the active scenario.
    pub fn undo(&mut self) -> bool {
        let document = self.workspace.active_mut();
        document.history.undo(&mut document.scenario)
    }

    /// Redoes the last undone change to the active scenario.
    pub fn redo(&mut self) -> bool {
        let document = self.workspace.active_mut();
        document.history.redo(&mut document.scenario)
    }

    /// Everything that happens each frame whatever is on screen: answers from dialogs, undo
    /// steps, projections, recovery copies, bands, the image being made and the window title.
    /// Returns commands to run.
    pub fn logic(&mut self, ctx: &egui::Context) -> Vec<Message> {
        let mut commands = Vec::new();
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Quit.into());
        }
        for reply in self.jobs.dialogs.replies() {
            self.receive_dialog_reply(ctx, reply);
        }
        self.collect_import();
        self.collect_briefing();
        self.collect_saves(ctx);
        self.collect_exports();
        // A remembered (or first-start) size larger than this screen is reduced to fit it.
        if !self.window_fitted
            && let Some((inner, monitor)) = ctx.input(|i| {
                let viewport = i.viewport();
                Some((viewport.inner_rect?.size(), viewport.monitor_size?))
            })
        {
            self.window_fitted = true;
            if let Some(size) = fitted_window_size(inner, monitor) {
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
            }
        }
        // A minimised window's `logic` sees the last shown frame's input again: its events were
        // handled then.
        let input_time = ctx.input(|i| i.time);
        let new_input = self.logic_input_time != Some(input_time);
        self.logic_input_time = Some(input_time);
        // Back from another program (or another officer's save noticed by a sync tool): check
        // whether the open files changed on disk.
        if new_input
            && ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::WindowFocused(true)))
            })
        {
            self.check_files_on_disk();
        }
        self.jobs.locks.tick(ctx, self.workspace.documents());
        // One slider drag is one undo step: record only once the pointer is released.
        let gesture = ctx.input(|i| i.pointer.any_down());
        for document in self.workspace.documents_mut() {
            document.history.settle(&document.scenario, gesture);
            document.projection();
        }
        if let Some((title, text)) = self
            .jobs
            .autosave
            .tick(ctx, self.workspace.documents(), false)
        {
            self.modals.message(title, text);
        }
        // While a lever is dragged the bands follow with fewer draws (`gesture`: a button held).
        if let Some((title, text)) =
            self.jobs
                .update_bands(ctx, &self.workspace.active().scenario, gesture)
        {
            self.modals.message(title, text);
        }
        match self.jobs.images.step(ctx, self.chart_rect) {
            Some(jobs::image::ImageDone::Write(write)) => {
                self.start_export(ctx, "Saving the image", write)
            }
            Some(jobs::image::ImageDone::Copied(text)) => self.modals.message("Chart copied", text),
            None => {}
        }
        let title = format!("Care Levers – {}", self.workspace.active().title());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        commands
    }

    /// [`Self::logic`], then runs its commands: what eframe calls before every frame and, while
    /// the window is minimised or hidden, instead of frames (locks, recovery copies, dialog
    /// answers and bands go on).
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        for command in self.logic(ctx) {
            self.run_command(ctx, command);
        }
    }

    /// One whole frame: [`Self::run_logic`], then [`Self::draw_ui`]. Tests and benchmarks that
    /// drive the app as a plain `ui` function call this; eframe calls the two apart.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.run_logic(&ctx);
        self.draw_ui(ui);
    }

    /// Draws the whole window into `ui`, then runs what the user asked for.
    pub fn draw_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        // The start page gives way once another scenario is active (a council, a file, an
        // example or an import chosen).
        if let Some((_, standing_in_for)) = &self.start_page
            && self.workspace.active().id != *standing_in_for
        {
            self.start_page = None;
        }
        if let Some((page, _)) = &mut self.start_page
            && self.presentation.is_none()
        {
            let recent = self.recent_files.clone();
            let last = self.last_council.clone();
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(page.ui(ui, &recent, last.as_deref()));
            });
        } else if self.presentation.is_some() {
            commands.extend(self.presentation_ui(ui));
        } else if self
            .jobs
            .images
            .job()
            .is_some_and(|job| job.wants_slide_layout())
        {
            self.slide_for_image_ui(ui);
        } else {
            commands.extend(self.window_ui(ui));
        }
        self.guide.ui(&ctx);
        commands.extend(self.modals.ui(&ctx));
        for command in commands {
            self.run_command(&ctx, command);
        }
    }

    /// Edits made in a panel are applied at once, before the central panel is drawn, so the
    /// charts in the same frame already show their effect.
    fn apply_edits(&mut self, edits: Vec<Edit>) {
        for edit in edits {
            self.apply(edit);
        }
    }

    /// The normal window: menu, tabs, levers, headline, view tabs and the view.
    fn window_ui(&mut self, ui: &mut egui::Ui) -> Vec<Message> {
        let ctx = ui.ctx().clone();
        // A text field keeps Ctrl+Z for its own text; a focused button or slider does not.
        let typing = ctx.text_edit_focused();
        let mut commands: Vec<Message> = command::pressed(&ctx, command::WINDOW_SHORTCUTS, typing)
            .into_iter()
            .map(Message::from)
            .collect();

        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(panels::menu::menu_bar_ui(
                ui,
                &self.workspace,
                &self.recent_files,
            ));
            commands.extend(panels::menu::tabs_ui(ui, &mut self.workspace));
            // Files still being written (a slow network drive), in words, with a spinner.
            let running: Vec<String> = self
                .jobs
                .saves
                .iter()
                .map(|s| s.task.status())
                .chain(self.jobs.exports.iter().map(|t| t.status()))
                .collect();
            for status in running {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(status);
                });
            }
        });

        let mut edits = Vec::new();
        let mut levers_shown = !self.levers_hidden;
        egui::Panel::left("levers")
            .resizable(true)
            .default_size(340.0)
            .min_size(280.0)
            .show_collapsible(ui, &mut levers_shown, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let scenario = &self.workspace.active().scenario;
                    ui.add_space(4.0);
                    edits.extend(panels::details::details_ui(ui, scenario));
                    let checks = crate::model::evidence::check(
                        scenario,
                        crate::model::evidence::Library::shipped_or_empty(),
                    );
                    commands.extend(panels::levers::evidence_summary_ui(ui, &checks));
                    edits.extend(panels::levers::levers_ui(ui, scenario, &checks));
                    ui.add_space(8.0);
                    edits.extend(panels::assumptions::assumptions_ui(ui, scenario));
                    ui.add_space(8.0);
                });
            });
        self.levers_hidden = !levers_shown;
        self.apply_edits(edits);

        egui::CentralPanel::default().show(ui, |ui| {
            let document = self.workspace.active();
            let bands = self.jobs.bands_for(&document.scenario);
            let mut figures = headline_figures(&document.scenario, document.last_projection());
            figures.extend(views::uncertainty::probability_figures(
                &document.scenario,
                bands,
            ));
            let fold = if self.levers_hidden {
                "Show the levers"
            } else {
                "Hide the levers"
            };
            if ui.small_button(fold).clicked() {
                commands.push(Command::ToggleLevers.into());
            }
            panels::headline::headline_ui(ui, &figures);
            commands.extend(disk_notice_ui(ui, document));
            if let Some(failure) = self.jobs.autosave.failure() {
                ui.label(
                    RichText::new(format!(
                        "Recovery copies are not being written ({}): save your work.",
                        failure.lines().next().unwrap_or_default()
                    ))
                    .color(style::OVERSPEND),
                );
            }
            ui.separator();
            // Wrapped, so every view stays reachable in a narrow window.
            ui.horizontal_wrapped(|ui| {
                for view in View::ALL {
                    if ui
                        .selectable_label(self.view == view, view.label())
                        .clicked()
                    {
                        commands.push(Command::ShowView(view).into());
                    }
                }
            });
            ui.add_space(4.0);
            let chart = ui.scope(|ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(self.view.title()).heading());
                    // The guide's section on this view.
                    let help = ui
                        .small_button("?")
                        .on_hover_text("What this view shows and how to read it");
                    help.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, "About this view")
                    });
                    if help.clicked() {
                        commands.push(
                            Command::Guide(Some(views::guide::section_for(self.view))).into(),
                        );
                    }
                });
                let cx = ViewContext {
                    workspace: &self.workspace,
                    bands,
                    height: (ui.available_height() - 8.0).max(160.0),
                };
                // On a small screen the view scrolls rather than being cut off.
                egui::ScrollArea::both()
                    .id_salt("view")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        commands.extend(views::view_ui(ui, self.view, &cx, &mut self.view_states));
                    });
            });
            self.chart_rect = Some(chart.response.rect);
        });
        commands
    }

    /// The chart alone as a slide, filling the window, for an image of a chosen size.
    fn slide_for_image_ui(&mut self, ui: &mut egui::Ui) {
        let view = self.view;
        egui::CentralPanel::default()
            .frame(
                egui::Frame::new()
                    .fill(egui::Color32::WHITE)
                    .inner_margin(24),
            )
            .show(ui, |ui| {
                style::use_projector_theme(ui.style_mut());
                style::use_large_type(ui.style_mut());
                let cx = slide_context(&self.workspace, &self.jobs);
                views::presentation::chart_slide_ui(ui, view, &cx, &mut self.view_states, false);
            });
    }

    /// Meeting mode: one chart at a time, large type, keys to step through charts and scenarios.
    fn presentation_ui(&mut self, ui: &mut egui::Ui) -> Vec<Message> {
        let ctx = ui.ctx().clone();
        // Any focused control keeps its keys (a lever slider its arrows).
        let typing = ctx.memory(|m| m.focused().is_some());
        let mut commands: Vec<Message> = command::pressed(&ctx, command::MEETING_SHORTCUTS, typing)
            .into_iter()
            .map(Message::from)
            .collect();
        let Some(state) = self.presentation.clone() else {
            return commands;
        };
        let count = self.workspace.documents().len();
        let position = self.workspace.active_position();
        let mut frame = egui::Frame::central_panel(ui.style()).inner_margin(24);
        if state.projector_theme {
            frame = frame.fill(egui::Color32::WHITE);
        }
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            if state.projector_theme {
                style::use_projector_theme(ui.style_mut());
            }
            style::use_large_type(ui.style_mut());
            let cx = slide_context(&self.workspace, &self.jobs);
            let rect = views::presentation::chart_slide_ui(
                ui,
                state.view(),
                &cx,
                &mut self.view_states,
                true,
            );
            self.chart_rect = Some(rect);
            let keys: Vec<String> = command::MEETING_SHORTCUTS
                .iter()
                .map(|c| format!("{}: {}", c.shortcut_text(), c.label().to_lowercase()))
                .collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Chart {} of {} · scenario {} of {count}    {}",
                        state.chart + 1,
                        views::presentation::CHARTS.len(),
                        position + 1,
                        keys.join(" · ")
                    ))
                    .size(18.0)
                    .weak(),
                );
            });
        });
        if state.levers_open {
            let mut open = true;
            let mut edits = Vec::new();
            let document = self.workspace.active();
            egui::Window::new("Levers")
                .open(&mut open)
                .resizable(false)
                .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-24.0, 24.0))
                .show(&ctx, |ui| {
                    style::use_large_type(ui.style_mut());
                    edits = panels::levers::compact_levers_ui(ui, &document.scenario);
                    let revert = Command::RevertToSaved;
                    if ui
                        .add_enabled(
                            document.can_revert(),
                            egui::Button::new(format!(
                                "{} ({})",
                                revert.label(),
                                revert.shortcut_text()
                            )),
                        )
                        .clicked()
                    {
                        commands.push(revert.into());
                    }
                });
            self.apply_edits(edits);
            if !open {
                commands.push(Command::ToggleLevers.into());
            }
        }
        commands
    }
}

/// What a slide draws from (the slide works out its own height).
/// A line under the headline when the active scenario's file changed on disk since it was
/// opened or saved here, or when it is a read-only copy.
fn disk_notice_ui(ui: &mut egui::Ui, document: &Document) -> Vec<Message> {
    let mut commands = Vec::new();
    let name = document.display_name();
    match document.changed_on_disk {
        Some(DiskChange::Changed) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "\"{name}\" was changed on disk by someone else since you opened it."
                    ))
                    .color(style::OVERSPEND),
                );
                for command in [
                    Message::ReloadFromDisk(document.id),
                    Message::KeepMine(document.id),
                ] {
                    if ui.button(command.label()).clicked() {
                        commands.push(command);
                    }
                }
            });
        }
        Some(DiskChange::Missing) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "\"{name}\" is no longer on disk (deleted, moved, or its drive is \
                         disconnected). Save to write it again."
                    ))
                    .color(style::OVERSPEND),
                );
                let keep = Message::KeepMine(document.id);
                if ui.button(keep.label()).clicked() {
                    commands.push(keep);
                }
            });
        }
        None => {}
    }
    if let Some(holder) = &document.read_only_because {
        ui.label(
            RichText::new(format!(
                "Read-only copy: the file is open by {holder}. Save asks for a new name."
            ))
            .weak(),
        );
    }
    commands
}

fn slide_context<'a>(workspace: &'a Workspace, jobs: &'a jobs::Jobs) -> ViewContext<'a> {
    ViewContext {
        workspace,
        bands: jobs.bands_for(&workspace.active().scenario),
        height: 0.0,
    }
}

impl eframe::App for CareLeversApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.run_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let settings = Settings {
            view: Some(self.view),
            recent_files: self.recent_files.clone(),
            last_council: self.last_council.clone(),
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.jobs.locks.release_all();
        // A clean exit: every unsaved change was saved or knowingly discarded.
        if self.close_allowed
            && let Some(recovery) = &self.jobs.autosave.store
        {
            recovery.clear();
        }
    }
}

/// The window's inner size on first start, in points: it fits a 1366×768 screen (the most
/// common council laptop) with a 40 px taskbar and a title bar. Larger screens keep it until
/// the user resizes; a remembered size is restored by eframe, and reduced by
/// [`fitted_window_size`] if the screen is now smaller.
pub const FIRST_START_SIZE: [f32; 2] = [1280.0, 660.0];

/// Room a screen loses to the taskbar (Windows' is 40 px at 100%) and the window's title bar.
const TASKBAR_AND_TITLE_BAR: f32 = 40.0 + 32.0;

/// The size to shrink the window to so it fits `monitor` (its whole size, in points) with
/// room for the taskbar and title bar; none if it already fits.
pub fn fitted_window_size(inner: egui::Vec2, monitor: egui::Vec2) -> Option<egui::Vec2> {
    let room = egui::vec2(monitor.x, monitor.y - TASKBAR_AND_TITLE_BAR).max(egui::vec2(1.0, 1.0));
    (inner.x > room.x || inner.y > room.y).then(|| inner.min(room))
}

/// The app's data folder, for its settings (`app.ron`) and recovery copies:
/// `%APPDATA%\Care Levers\data` on Windows, `~/.local/share/carelevers` on Linux.
pub fn app_data_dir() -> Option<PathBuf> {
    eframe::storage_dir("Care Levers")
}

/// Opens the window on `scenario`, then opens `files` in it: the first in place of `scenario`,
/// the rest alongside (a file that cannot be read is reported in the window). Returns when the
/// window closes.
pub fn run_window(scenario: Scenario, files: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(format!("Care Levers – {}", scenario.name))
        .with_inner_size(FIRST_START_SIZE)
        .with_min_inner_size([800.0, 500.0])
        // The Linux desktop entry is care-levers.desktop: the same name lets the desktop match
        // the window to its menu entry and icon.
        .with_app_id("care-levers");
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        // Settings beside the recovery copies, in the folder named after the app rather than
        // after the window's app id (which eframe would use otherwise).
        persistence_path: app_data_dir().map(|dir| dir.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Care Levers",
        options,
        Box::new(move |cc| {
            let mut app = CareLeversApp::from_creation_context(cc, scenario);
            // With no file, the start page; a file given (from Explorer or the command line)
            // opens straight away.
            if files.is_empty() {
                app = app.with_start_page();
            }
            for (index, path) in files.iter().enumerate() {
                app.open_file(path, index > 0);
            }
            Ok(Box::new(app))
        }),
    )
}

/// The app's icon (assets/icon/care-levers.png, 256×256), for the window's title bar and task
/// bar. None only if the embedded PNG were unreadable, and then the window has the default.
pub fn window_icon() -> Option<egui::IconData> {
    let png = include_bytes!("../../assets/icon/care-levers.png");
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    Some(egui::IconData {
        rgba: rgba.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod window_size_tests {
    use super::*;

    #[test]
    fn the_first_start_size_fits_a_1366_by_768_laptop_with_its_taskbar() {
        let first = egui::Vec2::from(FIRST_START_SIZE);
        // 768 less a 40 px taskbar less the title bar.
        assert!(first.x <= 1366.0 && first.y + 32.0 <= 768.0 - 40.0);
        assert_eq!(fitted_window_size(first, egui::vec2(1366.0, 768.0)), None);
    }

    #[test]
    fn a_remembered_size_larger_than_the_screen_is_reduced() {
        let remembered = egui::vec2(1920.0, 1080.0);
        let fitted = fitted_window_size(remembered, egui::vec2(1366.0, 768.0)).unwrap();
        assert_eq!(fitted, egui::vec2(1366.0, 768.0 - 72.0));
        assert_eq!(
            fitted_window_size(remembered, egui::vec2(2560.0, 1440.0)),
            None
        );
        // Only the side that does not fit changes.
        let tall = fitted_window_size(egui::vec2(1000.0, 900.0), egui::vec2(1366.0, 768.0));
        assert_eq!(tall, Some(egui::vec2(1000.0, 696.0)));
    }
}
