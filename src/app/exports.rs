//! Work written on tasks of its own: the briefing, CSV, Excel and image exports, and the
//! SSDA903 import; each polled from `logic` until it is done.

use super::CareLeversApp;
use super::jobs::dialogs;
use super::modals::ImportBox;
use crate::model::Scenario;
use std::path::PathBuf;

impl CareLeversApp {
    /// Writes a briefing of the active scenario to `path` (PDF or Word) on a task of its own:
    /// its Monte Carlo draws take a moment and the file may be on a network drive. Up to two
    /// other open scenarios are its options. The footer names the file and the SHA-256 of its
    /// bytes as opened or last saved (and says when there are unsaved changes).
    pub(super) fn export_briefing(
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
        let request = crate::io::briefing_file::BriefingRequest {
            scenario,
            compared: others,
            file_name,
            // The file's bytes as opened or last saved here (what `sha256sum` gives for it).
            file_sha256: document
                .path
                .as_ref()
                .and(document.on_disk.as_ref())
                .map(|version| version.sha256_hex()),
            draws: crate::model::monte_carlo::DEFAULT_DRAWS,
            seed: crate::model::monte_carlo::DEFAULT_SEED,
            threads: 1,
            format,
        };
        let wake = ctx.clone();
        self.jobs.briefing = Some(super::jobs::tasks::Task::spawn(
            "Writing the briefing",
            move || wake.request_repaint(),
            move |progress| {
                crate::io::briefing_file::make_file(
                    &request,
                    crate::model::evidence::Library::shipped_or_empty(),
                    crate::data::councils::CouncilData::shipped().ok(),
                    &path,
                    |step, done| progress.set(step, Some(done)),
                )
                .map(|_| path)
                .map_err(|e| e.to_string())
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
        let mut import: ImportBox = self.modals.take().unwrap_or_default();
        import.paths = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        if paths.is_empty() {
            import.result = Some(Err(
                "no file given: choose the files or type their paths".into()
            ));
            self.modals.open(import);
            return;
        }
        import.result = None;
        self.modals.open(import);
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
                if let Some(import) = self.modals.find_mut::<ImportBox>() {
                    import.reading = Some(status);
                }
            }
            super::jobs::tasks::Polled::Done(result) => {
                self.jobs.import = None;
                let mut import: ImportBox = self.modals.take().unwrap_or_default();
                import.reading = None;
                import.result = Some(result);
                self.modals.open(import);
            }
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

    pub(super) fn report_export(&mut self, outcome: Result<String, String>) {
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
}
