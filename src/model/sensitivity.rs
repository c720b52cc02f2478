//! Sensitivity: how far the net saving over the horizon and the number in care at the end move
//! as each lever goes across its range and each uncertain assumption across its range. Drawn as
//! a tornado chart, largest first.

use super::finance::project;
use super::placement::{AgeBand, PlacementType};
use super::scenario::{LeverKind, Scenario};

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
pub fn with_assumption(base: &Scenario, which: &str, amount: f64) -> Scenario {
    let mut s = base.clone();
    apply_assumption(&mut s, which, amount);
    s
}

/// Moves one uncertain assumption (named as in [`super::scenario::Uncertainty::ranges`]) by
/// `amount`: a % change, percentage points, or (recruitment) the % achieved.
pub fn apply_assumption(s: &mut Scenario, which: &str, amount: f64) {
    let factor = 1.0 + amount / 100.0;
    match which {
        "entries_change_percent" => s.entries.per_year *= factor,
        "demand_trend_points" => s.entries.demand_trend_percent_per_year += amount,
        "exit_rates_change_percent" => {
            for rates in [
                &mut s.exits.return_home_percent_per_month,
                &mut s.exits.adoption_sgo_percent_per_month,
                &mut s.exits.other_percent_per_month,
            ] {
                for band in AgeBand::ALL {
                    rates[band] *= factor;
                }
            }
        }
        "early_help_effect_change_percent" => {
            let effect = &mut s.levers.early_help.assumptions.max_entry_reduction_percent;
            *effect = (*effect * factor).clamp(0.0, 100.0);
        }
        "unit_costs_change_percent" => {
            for p in PlacementType::ALL {
                s.costs.weekly_gbp[p] *= factor;
            }
        }
        "inflation_points" => s.costs.inflation_percent_per_year += amount,
        "recruitment_achieved_percent" => s.levers.foster_recruitment.value *= amount / 100.0,
        _ => {}
    }
}

/// The assumption's name in users' words.
pub fn assumption_label(which: &str) -> &'static str {
    match which {
        "entries_change_percent" => "Entries a year",
        "demand_trend_points" => "Demand trend",
        "exit_rates_change_percent" => "Exit rates",
        "early_help_effect_change_percent" => "Early help's effect",
        "unit_costs_change_percent" => "Unit costs",
        "inflation_points" => "Inflation",
        "recruitment_achieved_percent" => "Recruitment achieved",
        _ => "Assumption",
    }
}

fn assumption_end(which: &str, amount: f64) -> String {
    match which {
        "demand_trend_points" | "inflation_points" => format!("{amount:+} points"),
        "recruitment_achieved_percent" => format!("{amount}%"),
        _ => format!("{amount:+}%"),
    }
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
    for (which, range, _, _) in scenario.uncertainty.ranges() {
        if range.low == range.high {
            continue;
        }
        let low = outcome(&with_assumption(scenario, which, range.low));
        let high = outcome(&with_assumption(scenario, which, range.high));
        swings.push(Swing {
            name: assumption_label(which).to_string(),
            ends: (
                assumption_end(which, range.low),
                assumption_end(which, range.high),
            ),
            net_saving_gbp: (low.0, high.0),
            looked_after: (low.1, high.1),
        });
    }
    swings.sort_by(|a, b| b.net_saving_spread().total_cmp(&a.net_saving_spread()));
    Tornado {
        base_net_saving_gbp,
        base_looked_after,
        swings,
    }
}
