//! "What would it take?": the value of one lever that reaches a goal, found by bisection
//! within the lever's allowed range, starting from its current value.

use super::finance::project;
use super::projection::run;
use super::scenario::{LeverKind, Scenario};
use super::time::{FinancialYear, Month};
use std::fmt;

/// What to reach.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// This many children in care (or fewer) at the end of this month.
    LookedAfter {
        /// Children in care.
        target: f64,
        /// The month.
        month: Month,
    },
    /// Placement spend no more than this far over budget in a financial year (0: no overspend).
    Overspend {
        /// £ overspend allowed.
        at_most_gbp: f64,
        /// The financial year.
        year: FinancialYear,
    },
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Goal::LookedAfter { target, month } => {
                write!(f, "{target} children in care by {}", month.short_label())
            }
            Goal::Overspend { at_most_gbp, year } if *at_most_gbp == 0.0 => {
                write!(f, "no overspend in {year}")
            }
            Goal::Overspend { at_most_gbp, year } => {
                write!(f, "an overspend of at most £{at_most_gbp} in {year}")
            }
        }
    }
}

/// The outcome of a search.
#[derive(Clone, Debug, PartialEq)]
pub struct SeekResult {
    /// The lever searched.
    pub lever: LeverKind,
    /// The goal sought.
    pub goal: Goal,
    /// The lever value found (or, if not reached, the value that came closest).
    pub value: f64,
    /// What the goal's measure comes to at that value (children, or £ overspend).
    pub achieved: f64,
    /// True if the goal is met: children within 1% of the target (or under it), overspend at
    /// most the amount allowed (within 1% of the budget).
    pub reached: bool,
}

/// Why no search could be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SeekError {
    /// The goal's month or year is outside the projection.
    #[error("{0} is outside the projection ({1} to {2})")]
    OutsideHorizon(String, Month, Month),
    /// An overspend goal with no budget entered.
    #[error(
        "no budget is entered for {0}: enter the council's placement budget to seek an overspend"
    )]
    NoBudget(String),
}

fn measure(scenario: &Scenario, goal: Goal) -> f64 {
    match goal {
        Goal::LookedAfter { month, .. } => {
            let index = month.months_since(scenario.start_month).max(0) as usize;
            run(scenario)
                .get(index)
                .map(|m| m.looked_after)
                .unwrap_or(f64::NAN)
        }
        Goal::Overspend { year, .. } => project(scenario)
            .year(year)
            .and_then(|y| y.overspend_gbp)
            .unwrap_or(f64::NAN),
    }
}

/// Finds the value of `lever` that reaches `goal`, changing nothing else.
pub fn seek(scenario: &Scenario, lever: LeverKind, goal: Goal) -> Result<SeekResult, SeekError> {
    let (first, last) = (scenario.start_month, scenario.end_month());
    match goal {
        Goal::LookedAfter { month, .. } if month < first || month > last => {
            return Err(SeekError::OutsideHorizon(month.to_string(), first, last));
        }
        Goal::Overspend { year, .. } if year.last_month() < first || year.first_month() > last => {
            return Err(SeekError::OutsideHorizon(year.to_string(), first, last));
        }
        _ => {}
    }
    let (target, tolerance) = match goal {
        Goal::LookedAfter { target, .. } => (target, target.abs() * 0.01),
        Goal::Overspend { at_most_gbp, year } => match scenario.budget.for_year(year) {
            Some(budget) => (at_most_gbp, budget.abs() * 0.01),
            None => return Err(SeekError::NoBudget(year.to_string())),
        },
    };
    let spec = lever.spec();
    let mut trial = scenario.clone();
    let mut gap_at = |value: f64| {
        *trial.levers.timing_mut(lever).value = value;
        measure(&trial, goal) - target
    };
    let current = scenario
        .levers
        .timing(lever)
        .value
        .clamp(spec.min, spec.max);
    let gap_now = gap_at(current);
    // Search towards whichever end of the range brings the measure across the target.
    let mut best = (current, gap_now);
    for end in [spec.max, spec.min] {
        let gap_end = gap_at(end);
        if gap_end.abs() < best.1.abs() {
            best = (end, gap_end);
        }
        if gap_end.signum() == gap_now.signum() || gap_end.is_nan() {
            continue;
        }
        // Bisection: keep `safe` on the side of the target that meets the goal.
        let (mut safe, mut other) = if gap_end <= 0.0 {
            (end, current)
        } else {
            (current, end)
        };
        for _ in 0..60 {
            let middle = (safe + other) / 2.0;
            if gap_at(middle) <= 0.0 {
                safe = middle;
            } else {
                other = middle;
            }
        }
        let gap = gap_at(safe);
        return Ok(SeekResult {
            lever,
            goal,
            value: safe,
            achieved: gap + target,
            reached: gap.abs() <= tolerance || (gap <= 0.0 && is_ceiling(goal)),
        });
    }
    Ok(SeekResult {
        lever,
        goal,
        value: best.0,
        achieved: best.1 + target,
        reached: best.1.abs() <= tolerance || (best.1 <= 0.0 && is_ceiling(goal)),
    })
}

/// True for goals that are a ceiling (an overspend of at most so much): anything under it meets
/// the goal. A number in care is a target to reach, within 1%.
fn is_ceiling(goal: Goal) -> bool {
    matches!(goal, Goal::Overspend { .. })
}

/// Reads a goal written as `looked_after=770@2017-03` or `overspend=0@2016-17`.
pub fn parse_goal(text: &str) -> Result<Goal, String> {
    let help = "write the target as looked_after=770@2017-03 or overspend=0@2016-17";
    let (measure, rest) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}`: {help}"))?;
    let (value, when) = rest
        .split_once('@')
        .ok_or_else(|| format!("`{text}`: {help}"))?;
    let value: f64 = value
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| format!("`{value}` is not a number: {help}"))?;
    match measure.trim() {
        "looked_after" => Ok(Goal::LookedAfter {
            target: value,
            month: when.trim().parse().map_err(|e| format!("{e}"))?,
        }),
        "overspend" => Ok(Goal::Overspend {
            at_most_gbp: value,
            year: when.trim().parse().map_err(|e| format!("{e}"))?,
        }),
        other => Err(format!("`{other}` is not something to reach: {help}")),
    }
}

/// Reads a lever named as `front_door` or by its path `levers.front_door.value`.
pub fn parse_lever(text: &str) -> Result<LeverKind, String> {
    let key = text
        .trim()
        .trim_start_matches("levers.")
        .trim_end_matches(".value");
    LeverKind::ALL
        .into_iter()
        .find(|k| k.spec().key == key)
        .ok_or_else(|| {
            let names: Vec<&str> = LeverKind::ALL.iter().map(|k| k.spec().key).collect();
            format!(
                "`{text}` is not a lever; the levers are: {}",
                names.join(", ")
            )
        })
}
