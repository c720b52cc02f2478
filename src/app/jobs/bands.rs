//! Monte Carlo bands, worked out on their own thread so the window never waits.

use crate::model::monte_carlo::{DEFAULT_DRAWS, DEFAULT_SEED, monte_carlo_with_twin};
use crate::model::{Bands, Scenario};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Computes Monte Carlo bands on its own thread, always for the newest scenario asked for, so
/// the window never waits. Idle (blocked, no CPU) when nothing is asked.
pub struct BandsWorker {
    requests: Sender<Scenario>,
    results: Receiver<(Scenario, Bands)>,
    /// The last scenario sent.
    asked: Option<Scenario>,
    /// The newest bands and the scenario they are for.
    latest: Option<(Scenario, Bands)>,
    /// The thread could not be started: there will be no bands.
    failed: bool,
}

impl BandsWorker {
    /// Starts the worker thread. `repaint` is called when new bands are ready.
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = channel::<Scenario>();
        let (outbox, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("monte carlo".into())
            .spawn(move || {
                while let Ok(mut scenario) = inbox.recv() {
                    // Only the newest request matters while a lever is being dragged.
                    while let Ok(newer) = inbox.try_recv() {
                        scenario = newer;
                    }
                    // One thread: the other core stays free for the window.
                    let bands = monte_carlo_with_twin(&scenario, DEFAULT_DRAWS, DEFAULT_SEED, 1);
                    if outbox.send((scenario, bands)).is_err() {
                        break;
                    }
                    repaint();
                }
            });
        BandsWorker {
            requests,
            results,
            asked: None,
            latest: None,
            failed: spawned.is_err(),
        }
    }

    /// True if the worker thread could not be started (there will be no bands).
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Asks for bands for `scenario` unless already asked, and collects finished ones.
    pub fn update(&mut self, scenario: &Scenario) {
        while let Ok(result) = self.results.try_recv() {
            self.latest = Some(result);
        }
        if self.asked.as_ref() != Some(scenario) {
            self.asked = Some(scenario.clone());
            // If the thread is gone, the window simply shows no bands.
            let _ = self.requests.send(scenario.clone());
        }
    }

    /// The newest bands, and whether they are for exactly this scenario (false while a newer
    /// request is being worked on).
    pub fn bands(&self, scenario: &Scenario) -> Option<(&Bands, bool)> {
        self.latest
            .as_ref()
            .map(|(for_scenario, bands)| (bands, for_scenario == scenario))
    }
}
