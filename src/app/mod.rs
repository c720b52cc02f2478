//! The desktop window (eframe/egui). It edits a scenario and draws the model's projection;
//! all the numbers come from [`crate::model::project`].
//!
//! Where things are (ARCHITECTURE.md has the whole map):
//! - `logic.rs`, `ui.rs`, `run.rs`: each frame's work, the layout, starting the window;
//! - `workspace.rs`, `document.rs`, `history.rs`: the open scenarios, their files and undo;
//! - `command.rs`: what menus and shortcuts offer, data-free; `message.rs`: what carries data;
//!   `command_handling.rs` runs them, with `files.rs` (open, save, recovery) and `exports.rs`
//!   (work on tasks of its own);
//! - `panels/`: the menu bar and tabs, headline numbers, levers, assumptions, details;
//! - `views/`: each view; every chart drawn by `views/plot.rs` from a `report::chart`;
//! - `modals.rs`: the questions and messages that sit over the window;
//! - `jobs/`: file dialogs, images, Monte Carlo bands and recovery copies, moved on every frame;
//! - `style.rs`: colours and type (numbers read as `report::format` says).
//!
//! Each frame: [`CareLeversApp::logic`] first (jobs, history, projections), then the layout for
//! the mode (window, meeting mode or an image slide), then the modals, then the commands
//! collected along the way are run.

pub(crate) mod command;
pub(crate) mod command_handling;
pub(crate) mod document;
mod exports;
mod files;
pub(crate) mod history;
pub(crate) mod jobs;
mod logic;
pub(crate) mod message;
pub(crate) mod modals;
pub(crate) mod panels;
pub mod run;
pub(crate) mod style;
mod ui;
pub(crate) mod view;
pub(crate) mod views;
pub(crate) mod workspace;

// What the rest of the crate and the binary see of the window: the app itself, its file
// dialogs and recovery folder (which a caller may replace), and the view it shows.
pub use document::DiskChange;
pub use jobs::dialogs::{DialogKind, DialogOutcome, FileDialogs, NativeDialogs};
pub use jobs::recovery::RecoveryStore;
pub use view::View;

// Seams for the tests (the `testing` feature, which the test targets turn on): the chart
// drawing and the comparison table's rows.
#[cfg(feature = "testing")]
pub use views::children_chart;
#[cfg(feature = "testing")]
pub use views::compare;
#[cfg(feature = "testing")]
pub use views::plot::{OVERSPEND, chart_ui, legend_entries};

use crate::app::message::Message;
use crate::model::{Edit, Projection, Scenario};
use document::Document;
use egui::RichText;
use modals::Modals;
use std::path::PathBuf;
use std::sync::Arc;
use views::ViewStates;
use views::presentation::Presentation;
use workspace::{DocumentId, Workspace};

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
    /// The budget table is open in a window of its own (from the headline's "Enter budget").
    budget_window: bool,
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
            budget_window: false,
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

    #[cfg(feature = "testing")]
    /// Takes lock files in the name of `holder` instead of this user, machine and process (tests
    /// use it to play a colleague on another machine).
    pub fn with_lock_holder(mut self, holder: crate::io::lock::Holder) -> Self {
        self.jobs.locks = jobs::locks::Locks::for_holder(holder);
        self
    }

    #[cfg(feature = "testing")]
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

    #[cfg(feature = "testing")]
    /// Reads a placement list as if chosen in the file dialog (tests have no dialog).
    pub fn read_placement_list(&mut self, path: &std::path::Path) {
        self.load_placement_list(path);
    }

    #[cfg(feature = "testing")]
    /// Whether a save is still being written (a slow drive).
    pub fn is_saving(&self) -> bool {
        !self.jobs.saves.is_empty()
    }

    #[cfg(feature = "testing")]
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

    #[cfg(feature = "testing")]
    /// Whether the start page is showing.
    pub fn showing_start_page(&self) -> bool {
        self.start_page.is_some()
    }

    #[cfg(feature = "testing")]
    /// Recent files, as remembered (tests set them).
    pub fn with_recent_files(mut self, files: Vec<PathBuf>) -> Self {
        self.recent_files = files;
        self
    }

    #[cfg(feature = "testing")]
    /// Turns the Monte Carlo worker on or off (on by default).
    pub fn with_bands(mut self, enabled: bool) -> Self {
        self.jobs.bands_enabled = enabled;
        self
    }

    /// The active scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.workspace.active().scenario
    }

    #[cfg(feature = "testing")]
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

    /// The open scenarios.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Every open scenario, in tab order.
    pub fn documents(&self) -> &[Document] {
        self.workspace.documents()
    }

    #[cfg(feature = "testing")]
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

    #[cfg(feature = "testing")]
    /// True while an image is being made.
    pub fn exporting_image(&self) -> bool {
        self.jobs.images.job().is_some()
    }

    /// The recent files, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent_files
    }

    #[cfg(feature = "testing")]
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
}
