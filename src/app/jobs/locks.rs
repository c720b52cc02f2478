//! The lock files of the scenarios open in this window (see [`crate::io::lock`]): taken when a
//! file is opened or saved, refreshed while it stays open, removed when it is closed, saved
//! under another name or the app quits.

use super::super::document::Document;
use crate::io::lock::{FileLock, Holder, REFRESH_EVERY};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

enum Held {
    /// This window's lock.
    Mine(FileLock),
    /// Someone else held it, or the folder refused a lock file, when last tried.
    NotHeld(Instant),
}

/// This window's locks, kept in step with the open documents' files once per frame.
pub struct Locks {
    me: Holder,
    held: BTreeMap<PathBuf, Held>,
    /// How often a held lock is rewritten (and a refused one tried again): [`REFRESH_EVERY`].
    refresh_every: Duration,
}

impl Default for Locks {
    fn default() -> Self {
        Locks::for_holder(Holder::this_window())
    }
}

impl Locks {
    /// Locks taken in the name of `me` (tests use this to play a second officer).
    pub fn for_holder(me: Holder) -> Self {
        Locks {
            me,
            held: BTreeMap::new(),
            refresh_every: REFRESH_EVERY,
        }
    }

    /// Rewrites held locks every `every` instead of [`REFRESH_EVERY`] (tests use seconds).
    #[cfg(feature = "testing")]
    pub fn refreshing_every(mut self, every: Duration) -> Self {
        self.refresh_every = every;
        self
    }

    /// Who else has `path` open, if anyone (never this window).
    pub fn held_by_other(&self, path: &Path) -> Option<Holder> {
        if matches!(self.held.get(path), Some(Held::Mine(_))) {
            return None;
        }
        crate::io::lock::held_by_other(path, &self.me)
    }

    /// Takes locks for newly opened files, refreshes the held ones when due, and removes those
    /// whose documents are gone. Read-only copies take no lock.
    pub fn tick(&mut self, ctx: &egui::Context, documents: &[Document]) {
        let wanted: BTreeSet<&Path> = documents
            .iter()
            .filter(|d| d.read_only_because.is_none())
            .filter_map(|d| d.path.as_deref())
            .collect();
        // Dropping a lock deletes its file.
        self.held.retain(|path, _| wanted.contains(path.as_path()));
        for path in wanted {
            match self.held.get_mut(path) {
                Some(Held::Mine(lock)) => lock.refresh_if_due(self.refresh_every),
                Some(Held::NotHeld(tried)) if tried.elapsed() < self.refresh_every => {}
                _ => {
                    let held = match FileLock::acquire(path, &self.me) {
                        Ok(Some(lock)) => Held::Mine(lock),
                        Ok(None) | Err(_) => Held::NotHeld(Instant::now()),
                    };
                    self.held.insert(path.to_path_buf(), held);
                }
            }
        }
        if !self.held.is_empty() {
            // Wakes `App::logic` even while the window is minimised.
            ctx.request_repaint_after(self.refresh_every);
        }
    }

    /// Removes every lock file (when the app closes).
    pub fn release_all(&mut self) {
        self.held.clear();
    }
}
