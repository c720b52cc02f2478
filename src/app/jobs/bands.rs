//! Monte Carlo bands, worked out on their own thread so the window never waits.

use crate::model::monte_carlo::{DEFAULT_DRAWS, DEFAULT_SEED, monte_carlo_with_twin};
use crate::model::{Bands, Scenario};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Draws while a lever is being dragged: enough for the bands and chances to follow the hand
/// (a fifth of the time of the full 1,000), refined to [`DEFAULT_DRAWS`] when the hand stops.
pub const DRAGGING_DRAWS: usize = 200;

/// Computes Monte Carlo bands on its own thread, always for the newest scenario asked for, so
/// the window never waits. Idle (blocked, no CPU) when nothing is asked.
pub struct BandsWorker {
    requests: Sender<(Scenario, usize)>,
    results: Receiver<(Scenario, Bands)>,
    /// The last scenario sent, and with how many draws.
    asked: Option<(Scenario, usize)>,
    /// The newest bands and the scenario they are for.
    latest: Option<(Scenario, Bands)>,
    /// The thread could not be started: there will be no bands.
    failed: bool,
}

impl BandsWorker {
    /// Starts the worker thread. `repaint` is called when new bands are ready.
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = channel::<(Scenario, usize)>();
        let (outbox, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("monte carlo".into())
            .spawn(move || {
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest request matters while a lever is being dragged.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let (scenario, draws) = request;
                    // One thread: the other core stays free for the window.
                    let bands = monte_carlo_with_twin(&scenario, draws, DEFAULT_SEED, 1);
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

    /// Asks for bands for `scenario` unless already asked, and collects finished ones. While
    /// `dragging`, each change asks for [`DRAGGING_DRAWS`] (the worker skips requests already
    /// overtaken), so the bands follow the lever; once the hand stops, the full
    /// [`DEFAULT_DRAWS`] for the scenario as it was left.
    pub fn update(&mut self, scenario: &Scenario, dragging: bool) {
        while let Ok(result) = self.results.try_recv() {
            self.latest = Some(result);
        }
        let draws = if dragging {
            DRAGGING_DRAWS
        } else {
            DEFAULT_DRAWS
        };
        let asked_for_this = self
            .asked
            .as_ref()
            .is_some_and(|(asked, asked_draws)| asked == scenario && *asked_draws >= draws);
        if !asked_for_this {
            self.asked = Some((scenario.clone(), draws));
            // If the thread is gone, the window simply shows no bands.
            let _ = self.requests.send((scenario.clone(), draws));
        }
    }

    /// The newest bands, and whether they are final for exactly this scenario (false while a
    /// newer request is being worked on, or while they rest on the dragging draws only).
    pub fn bands(&self, scenario: &Scenario) -> Option<(&Bands, bool)> {
        self.latest.as_ref().map(|(for_scenario, bands)| {
            (
                bands,
                for_scenario == scenario && bands.draws >= DEFAULT_DRAWS,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Polls the worker until bands with `draws` draws for `scenario` arrive (or 60 s pass).
    fn wait_for(worker: &mut BandsWorker, scenario: &Scenario, dragging: bool, draws: usize) {
        let started = Instant::now();
        loop {
            worker.update(scenario, dragging);
            if worker
                .latest
                .as_ref()
                .is_some_and(|(s, b)| s == scenario && b.draws == draws)
            {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "no bands");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn while_dragging_the_bands_follow_with_fewer_draws_then_settle_on_all() {
        let mut scenario = crate::io::scenario_file::norfolk_2014().unwrap();
        let mut worker = BandsWorker::start(|| {});
        // Dragging: each new value gets quick bands, marked as not final.
        for value in [10.0, 20.0] {
            scenario.levers.front_door.value = value;
            wait_for(&mut worker, &scenario, true, DRAGGING_DRAWS);
            let (bands, current) = worker.bands(&scenario).unwrap();
            assert_eq!(bands.draws, DRAGGING_DRAWS);
            assert!(!current, "quick bands are not the final answer");
        }
        // The hand stops: the same scenario is worked out again with every draw.
        wait_for(&mut worker, &scenario, false, DEFAULT_DRAWS);
        let (bands, current) = worker.bands(&scenario).unwrap();
        assert_eq!(bands.draws, DEFAULT_DRAWS);
        assert!(current);
        // Nothing changes: nothing more is asked.
        let asked = worker.asked.clone();
        worker.update(&scenario, false);
        worker.update(&scenario, true);
        assert_eq!(worker.asked, asked);
    }
}
