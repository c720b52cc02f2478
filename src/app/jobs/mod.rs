//! Work that goes on between and behind frames: file dialogs, images, Monte Carlo bands and
//! recovery copies, lock files. [`Jobs`] holds them all, and the app moves them on once per frame, first,
//! whatever the window is showing (normal, meeting mode or an image being made).

pub mod bands;
pub mod dialogs;
pub mod image;
pub mod locks;
pub mod recovery;
pub mod tasks;

use super::document::Document;
use dialogs::{DialogJobs, FileDialogs};
use image::ImageJobs;
use recovery::RecoveryStore;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Time between recovery copies of scenarios with unsaved changes: a minute.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// Recovery copies: when the last were written, and whether writing them failed.
pub struct Autosave {
    /// Where copies go; none turns recovery off.
    pub store: Option<RecoveryStore>,
    /// When the last copies were written. A clock of its own: while the window is minimised
    /// egui's input time stands still at the last shown frame.
    last: Option<Instant>,
    /// Time between copies ([`AUTOSAVE_EVERY`]).
    every: Duration,
    /// The last failure, shown to the user until copies are written again.
    failure: Option<String>,
}

impl Autosave {
    /// Autosave to `store` (none: off).
    pub fn new(store: Option<RecoveryStore>) -> Self {
        Autosave {
            store,
            last: None,
            every: AUTOSAVE_EVERY,
            failure: None,
        }
    }

    /// Writes copies every `every` instead of [`AUTOSAVE_EVERY`] (tests use seconds).
    #[cfg(feature = "testing")]
    pub fn every(&mut self, every: Duration) {
        self.every = every;
    }

    /// Writes recovery copies of the modified documents if a minute has passed (or `now` is
    /// the first chance). Returns a message for the user when writing fails for the first time
    /// after working (or at all): they must not believe their work is protected when it is not.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        documents: &[Document],
        force: bool,
    ) -> Option<(String, String)> {
        let store = self.store.as_ref()?;
        let now = Instant::now();
        if !documents.iter().any(Document::is_modified) {
            self.last = None;
            return None;
        }
        // Wake once a minute while there is something unsaved, and not otherwise (this wakes
        // `App::logic` even while the window is minimised).
        ctx.request_repaint_after(self.every);
        let due = force
            || self
                .last
                .is_none_or(|last| now.duration_since(last) >= self.every);
        if !due {
            return None;
        }
        self.last = Some(now);
        let mut errors = Vec::new();
        for document in documents.iter().filter(|d| d.is_modified()) {
            if let Err(error) =
                store.write(document.id.0, document.path.as_deref(), &document.scenario)
            {
                errors.push(format!("{}: {error}", document.display_name()));
            }
        }
        if errors.is_empty() {
            self.failure = None;
            return None;
        }
        let text = errors.join("\n");
        let first_time = self.failure.as_deref() != Some(text.as_str());
        self.failure = Some(text.clone());
        first_time.then(|| {
            (
                "Unsaved work is not protected".to_string(),
                format!(
                    "Care Levers could not write its recovery copy, so unsaved changes would be \
                     lost if the computer stopped. Save your work.\n\n{text}"
                ),
            )
        })
    }

    /// The failure on show, if writing recovery copies is failing.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Forgets a document's recovery copy (it was saved, discarded or closed).
    pub fn forget(&self, id: super::workspace::DocumentId) {
        if let Some(store) = &self.store {
            store.remove(id.0);
        }
    }
}

/// Everything that runs behind the frames.
pub struct Jobs {
    /// File dialogs.
    pub dialogs: DialogJobs,
    /// The image being made.
    pub images: ImageJobs,
    /// Monte Carlo bands for the active scenario (started with the first frame).
    pub bands: Option<bands::BandsWorker>,
    /// Whether to work out bands at all (tests of other things turn it off, so that answers
    /// arriving from the worker thread do not add frames).
    pub bands_enabled: bool,
    /// Recovery copies.
    pub autosave: Autosave,
    /// Lock files beside the open scenarios.
    pub locks: locks::Locks,
    /// An SSDA903 import being read (0.5 s for a large council's ten years, more from a
    /// network drive), off the window's thread.
    pub import: Option<tasks::Task<Box<crate::io::ssda903::Import>>>,
    /// A briefing being written (its Monte Carlo draws and the file), off the window's thread:
    /// where it went, or why not.
    pub briefing: Option<tasks::Task<std::path::PathBuf>>,
    /// Saves still writing (a slow or hanging network drive): the window stays live and says so.
    pub saves: Vec<PendingSave>,
    /// Table and workbook exports still writing.
    pub exports: Vec<tasks::Task<String>>,
    /// How long a save or an export may take before the window stops waiting for it and shows
    /// it as running: a local disk answers well within it; a network drive that hangs does not
    /// hang the window.
    pub save_wait: std::time::Duration,
}

/// What a finished save reports: the file's version on disk and, if the save is whole but not
/// confirmed on disk (no fsync), why.
pub struct Saved {
    /// The file as now on disk.
    pub version: Option<crate::io::scenario_file::DiskVersion>,
    /// A warning for the user, if the save could not be confirmed.
    pub warning: Option<String>,
}

/// A save on its way to disk.
pub struct PendingSave {
    /// The scenario saved.
    pub document: super::workspace::DocumentId,
    /// Where.
    pub path: std::path::PathBuf,
    /// The scenario as it was when the save began (edits made meanwhile stay unsaved).
    pub scenario: crate::model::Scenario,
    /// What the user asked to do once it is saved (quit, open another file...).
    pub then: Option<super::message::Message>,
    /// The writing.
    pub task: tasks::Task<Saved>,
}

impl Jobs {
    /// Jobs with these dialogs and recovery store.
    pub fn new(dialogs: Arc<dyn FileDialogs>, recovery: Option<RecoveryStore>) -> Self {
        Jobs {
            dialogs: DialogJobs::new(dialogs),
            images: ImageJobs::default(),
            bands: None,
            bands_enabled: true,
            autosave: Autosave::new(recovery),
            locks: locks::Locks::default(),
            import: None,
            briefing: None,
            saves: Vec::new(),
            exports: Vec::new(),
            save_wait: std::time::Duration::from_millis(400),
        }
    }

    /// Asks for bands for the active scenario (starting the worker the first time). Returns a
    /// message for the user if the worker could not be started.
    pub fn update_bands(
        &mut self,
        ctx: &egui::Context,
        scenario: &crate::model::Scenario,
        dragging: bool,
    ) -> Option<(String, String)> {
        if !self.bands_enabled {
            return None;
        }
        let starting = self.bands.is_none();
        let repaint = ctx.clone();
        let worker = self
            .bands
            .get_or_insert_with(|| bands::BandsWorker::start(move || repaint.request_repaint()));
        worker.update(scenario, dragging);
        (starting && worker.failed()).then(|| {
            (
                "No uncertainty bands".to_string(),
                "Care Levers could not start the thread that works out the uncertainty bands, so \
                 the chances and bands will not be shown. The projection itself is unaffected."
                    .to_string(),
            )
        })
    }

    /// The newest bands and whether they are for exactly `scenario`.
    pub fn bands_for(
        &self,
        scenario: &crate::model::Scenario,
    ) -> Option<(&crate::model::Bands, bool)> {
        self.bands
            .as_ref()
            .and_then(|worker| worker.bands(scenario))
    }
}
