//! Sensitivity: how far the net saving over the horizon and the number in care at the end move
//! as each lever goes across its range and each uncertain assumption across its range. Drawn as
//! a tornado chart, largest first.

use super::finance::project;
use super::scenario::{Assumption, LeverKind, Scenario, deliver};

/// One bar of the tornado: what one lever or assumption does at its two ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Swing {
    /// What varies, in users' words, e.g. "Early-help investment".
    pub name: String,
    /// Its low and high ends in words, e.g. "£0" and "£20.0m a year".
    pub ends: (String, String),
    /// £ net saving over the horizon at the low and high ends.
    pub net_saving_gbp: (f64, f64),
    /// Children in care at the end of the horizon at the low and high ends.
    pub looked_after: (f64, f64),
}

impl Swing {
    /// How far the net saving moves across the range, £.
    pub fn net_saving_spread(&self) -> f64 {
        (self.net_saving_gbp.1 - self.net_saving_gbp.0).abs()
    }
}

/// The tornado: the scenario's own net saving and number in care, and every swing, largest
/// net-saving spread first.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// £ net saving over the horizon as the scenario stands.
    pub base_net_saving_gbp: f64,
    /// Children in care at the end as the scenario stands.
    pub base_looked_after: f64,
    /// One per lever and uncertain assumption.
    pub swings: Vec<Swing>,
}

fn outcome(scenario: &Scenario) -> (f64, f64) {
    let projection = project(scenario);
    (
        projection.total_net_saving_gbp(),
        projection.last_month().map_or(0.0, |m| m.looked_after),
    )
}

/// The scenario with one uncertain assumption moved by `amount` (its range's unit).
pub(crate) fn with_assumption(base: &Scenario, assumption: Assumption, amount: f64) -> Scenario {
    let mut s = base.clone();
    assumption.apply(&mut s, amount);
    s
}

/// Works out every swing. About thirty projections with their twins: a few milliseconds.
pub fn tornado(scenario: &Scenario, lever_end_text: impl Fn(LeverKind, f64) -> String) -> Tornado {
    let (base_net_saving_gbp, base_looked_after) = outcome(scenario);
    let mut swings = Vec::new();
    for kind in LeverKind::ALL {
        let spec = kind.spec();
        let mut ends = [0.0; 2].map(|_| (0.0, 0.0));
        for (slot, value) in ends.iter_mut().zip([spec.min, spec.max]) {
            let mut s = scenario.clone();
            *s.levers.timing_mut(kind).value = value;
            *slot = outcome(&s);
        }
        swings.push(Swing {
            name: spec.label.to_string(),
            ends: (
                lever_end_text(kind, spec.min),
                lever_end_text(kind, spec.max),
            ),
            net_saving_gbp: (ends[0].0, ends[1].0),
            looked_after: (ends[0].1, ends[1].1),
        });
    }
    // Early help following a programme swings across the programme's range instead (below).
    let early_help_from_programme = scenario.programme_range(LeverKind::EarlyHelp).is_some();
    for (assumption, range) in scenario.uncertainty.ranges() {
        if range.low == range.high
            || (assumption == Assumption::EarlyHelpEffect && early_help_from_programme)
        {
            continue;
        }
        let low = outcome(&with_assumption(scenario, assumption, range.low));
        let high = outcome(&with_assumption(scenario, assumption, range.high));
        swings.push(Swing {
            name: assumption.label().to_string(),
            ends: (
                assumption.amount_text(range.low),
                assumption.amount_text(range.high),
            ),
            net_saving_gbp: (low.0, high.0),
            looked_after: (low.1, high.1),
        });
    }
    // Whether each pulled lever delivers: its effect achieved and its start delay.
    for kind in LeverKind::ALL {
        if !scenario.lever_is_pulled(kind) {
            continue;
        }
        let delivery = scenario.uncertainty.lever_delivery.of(kind);
        let label = kind.spec().label;
        if let Some(range) = scenario.programme_range(kind) {
            let at = |effect: f64| {
                let mut s = scenario.clone();
                kind.set_effect(&mut s, effect);
                outcome(&s)
            };
            let (low, high) = (at(range.low), at(range.high));
            swings.push(Swing {
                name: format!("{label}: evidence range"),
                ends: (
                    format!("{:.1} {}", range.low, kind.effect_unit()),
                    format!("{:.1} {}", range.high, kind.effect_unit()),
                ),
                net_saving_gbp: (low.0, high.0),
                looked_after: (low.1, high.1),
            });
        }
        let effect = delivery.effect_achieved_percent;
        if !effect.is_point() {
            let at = |achieved: f64| {
                let mut s = scenario.clone();
                deliver(&mut s, kind, achieved, 0.0);
                outcome(&s)
            };
            let (low, high) = (at(effect.low), at(effect.high));
            swings.push(Swing {
                name: format!("{label}: effect achieved"),
                ends: (format!("{}%", effect.low), format!("{}%", effect.high)),
                net_saving_gbp: (low.0, high.0),
                looked_after: (low.1, high.1),
            });
        }
        let delay = delivery.start_delay_months;
        if !delay.is_point() {
            let at = |months: f64| {
                let mut s = scenario.clone();
                deliver(&mut s, kind, 100.0, months);
                outcome(&s)
            };
            let (low, high) = (at(delay.low), at(delay.high));
            swings.push(Swing {
                name: format!("{label}: start delay"),
                ends: (
                    format!("{} months late", delay.low),
                    format!("{} months late", delay.high),
                ),
                net_saving_gbp: (low.0, high.0),
                looked_after: (low.1, high.1),
            });
        }
    }
    swings.sort_by(|a, b| b.net_saving_spread().total_cmp(&a.net_saving_spread()));
    Tornado {
        base_net_saving_gbp,
        base_looked_after,
        swings,
    }
}
