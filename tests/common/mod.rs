//! What several window tests share: file dialogs that answer at once from a queue.

#![allow(dead_code, clippy::unwrap_used)] // Each test file uses part of it; tests may panic.

use care_levers::app::{DialogKind, DialogOutcome, FileDialogs};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

/// Answers file dialogs from a queue, at once, and remembers what was asked.
#[derive(Default)]
pub struct FakeDialogs {
    answers: Mutex<VecDeque<DialogOutcome>>,
    asked: Mutex<Vec<DialogKind>>,
}

impl FakeDialogs {
    /// Queues the answer to the next dialog (none queued: the user cancels).
    pub fn answer(&self, outcome: DialogOutcome) {
        self.answers.lock().unwrap().push_back(outcome);
    }

    /// Every dialog asked for so far.
    pub fn asked(&self) -> Vec<DialogKind> {
        self.asked.lock().unwrap().clone()
    }
}

impl FileDialogs for FakeDialogs {
    fn show(
        &self,
        kind: DialogKind,
        _folder: PathBuf,
        done: Box<dyn FnOnce(DialogOutcome) + Send>,
    ) {
        self.asked.lock().unwrap().push(kind);
        let outcome = self
            .answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(DialogOutcome::Cancelled);
        done(outcome);
    }
}
