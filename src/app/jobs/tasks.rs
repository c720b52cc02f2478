//! Slow work off the window's thread: each task is named, runs on its own thread, reports its
//! progress in words and a fraction, and is polled once a frame (from `App::logic`, so tasks
//! finish even while the window is minimised). A task that fails, or whose thread dies, reaches
//! the user as text.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Where a running task says how far it has got.
#[derive(Clone, Default)]
pub struct Progress {
    state: Arc<Mutex<(String, Option<f32>)>>,
}

impl Progress {
    /// Says what the task is doing now and, if known, how far it is (0 to 1).
    pub fn set(&self, doing: impl Into<String>, fraction: Option<f32>) {
        if let Ok(mut state) = self.state.lock() {
            *state = (doing.into(), fraction.map(|f| f.clamp(0.0, 1.0)));
        }
    }

    /// What the task is doing now, and how far it is if known.
    pub fn get(&self) -> (String, Option<f32>) {
        self.state
            .lock()
            .map(|state| state.clone())
            .unwrap_or_default()
    }
}

/// A task started and not yet collected.
pub struct Task<T> {
    /// What it is, in words ("Reading the SSDA903 files").
    pub name: String,
    /// When it started.
    pub started: Instant,
    /// Its progress.
    pub progress: Progress,
    result: Receiver<Result<T, String>>,
}

/// What [`Task::poll`] found.
pub enum Polled<T> {
    /// Still running.
    Running,
    /// Finished: its result, or why it failed, in words.
    Done(Result<T, String>),
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on its own thread; `wake` is called when it finishes (to repaint, or to
    /// run `App::logic` while the window is hidden).
    pub fn spawn(
        name: impl Into<String>,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce(&Progress) -> Result<T, String> + Send + 'static,
    ) -> Task<T> {
        let name = name.into();
        let progress = Progress::default();
        let (sender, result) = channel();
        let for_thread = progress.clone();
        let spawned = std::thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                let outcome = work(&for_thread);
                let _ = sender.send(outcome);
                wake();
            });
        if let Err(error) = spawned {
            // No thread: the task fails at once, and says why.
            let (sender, failed) = channel();
            let _ = sender.send(Err(format!("could not start the work: {error}")));
            return Task {
                name,
                started: Instant::now(),
                progress,
                result: failed,
            };
        }
        Task {
            name,
            started: Instant::now(),
            progress,
            result,
        }
    }

    /// Whether it has finished, and with what. Call until it gives [`Polled::Done`] once.
    pub fn poll(&self) -> Polled<T> {
        match self.result.try_recv() {
            Ok(outcome) => Polled::Done(outcome),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Done(Err(format!(
                "{} stopped unexpectedly (an internal error); please try again",
                self.name
            ))),
        }
    }

    /// Waits up to `limit` for the task to finish: work that is usually quick (a save to a local
    /// disk) then feels instant, and only slow work (a hanging network drive) is left running
    /// with its progress shown.
    pub fn wait_for(&self, limit: std::time::Duration) -> Polled<T> {
        match self.result.recv_timeout(limit) {
            Ok(outcome) => Polled::Done(outcome),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Polled::Running,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Polled::Done(Err(format!(
                "{} stopped unexpectedly (an internal error); please try again",
                self.name
            ))),
        }
    }

    /// "Reading the SSDA903 files: cleaning the episodes (40%), 2 s", for the user.
    pub fn status(&self) -> String {
        let (doing, fraction) = self.progress.get();
        let mut text = self.name.clone();
        if !doing.is_empty() {
            text.push_str(": ");
            text.push_str(&doing);
        }
        if let Some(fraction) = fraction {
            text.push_str(&format!(" ({:.0}%)", fraction * 100.0));
        }
        let seconds = self.started.elapsed().as_secs();
        if seconds >= 1 {
            text.push_str(&format!(", {seconds} s"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn wait<T: Send + 'static>(task: &Task<T>) -> Result<T, String> {
        let started = Instant::now();
        loop {
            if let Polled::Done(outcome) = task.poll() {
                return outcome;
            }
            assert!(started.elapsed() < Duration::from_secs(10));
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn a_task_reports_progress_then_its_result_and_wakes_the_window() {
        let (woken, wakes) = channel();
        let (go, wait_here) = channel::<()>();
        let task = Task::spawn(
            "Counting",
            move || {
                let _ = woken.send(());
            },
            move |progress| {
                progress.set("halfway", Some(0.5));
                let _ = wait_here.recv();
                Ok(42)
            },
        );
        // Running, and saying how far it is.
        let started = Instant::now();
        while !task.status().contains("halfway") {
            assert!(started.elapsed() < Duration::from_secs(10));
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(matches!(task.poll(), Polled::Running));
        assert_eq!(task.status(), "Counting: halfway (50%)");
        // Waiting a little for work that is not done returns, and says it is still running.
        assert!(matches!(
            task.wait_for(Duration::from_millis(20)),
            Polled::Running
        ));
        go.send(()).unwrap();
        assert_eq!(wait(&task), Ok(42));
        assert!(wakes.recv_timeout(Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn a_failure_and_a_task_that_dies_both_reach_the_user_in_words() {
        let failing = Task::spawn("Reading", || {}, |_| Err::<(), _>("no such folder".into()));
        assert_eq!(wait(&failing), Err("no such folder".to_string()));
        let dying = Task::spawn(
            "Reading the files",
            || {},
            |_| -> Result<(), String> { panic!("a bug") },
        );
        let quick = Task::spawn("Saving", || {}, |_| Ok(7));
        assert!(matches!(
            quick.wait_for(Duration::from_secs(10)),
            Polled::Done(Ok(7))
        ));
        let error = wait(&dying).unwrap_err();
        assert!(
            error.contains("Reading the files stopped unexpectedly"),
            "{error}"
        );
    }
}
