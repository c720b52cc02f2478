//! The file life cycle: open, reload, save (durably, on a task), a clash with someone else's
//! save, unsaved changes and recovery copies.

use super::command::{Answer, Command};
use super::document::DiskChange;
use super::jobs::dialogs::{self, DialogPurpose};
use super::message::Message;
use super::modals::{ClashQuestion, LockedFile, RecoveryOffer};
use super::workspace::DocumentId;
use super::{CareLeversApp, RECENT_FILES};
use crate::io::durable::Kept;
use crate::io::scenario_file::{self, DiskVersion};
use std::path::Path;

impl CareLeversApp {
    /// Opens a scenario file. On failure the current scenario stays as it was and the error is
    /// shown. If someone else has the file open, asks first (read-only copy, open anyway or
    /// cancel).
    pub fn open_file(&mut self, path: &Path, alongside: bool) {
        self.open_file_as(path, alongside, OpenAs::Normal);
    }

    pub(super) fn open_file_as(&mut self, path: &Path, alongside: bool, open_as: OpenAs) {
        let holder = self.jobs.locks.held_by_other(path);
        if let (OpenAs::Normal, Some(holder)) = (open_as, &holder) {
            self.modals.open(LockedFile {
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
    pub(super) fn reload_document(&mut self, id: DocumentId) {
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

    pub(super) fn save_document(
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
    pub(super) fn save_document_checked(
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
            self.modals.open(ClashQuestion {
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
    pub(super) fn finish_save(
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
    pub(super) fn answer_unsaved(
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

    pub(super) fn restore_recovered(&mut self) {
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
        self.modals.open(RecoveryOffer { recovered });
    }
}

/// How to open a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OpenAs {
    /// Ask first if someone else has it open.
    Normal,
    /// As a read-only copy (someone else has it open).
    ReadOnlyCopy,
    /// Editable, although someone else's lock says they have it open.
    IgnoringLock,
}
