//! Plans against what happened: each counted figure beside the projection and its do-nothing
//! twin for the same month, and backtests that re-start a projection at an earlier count and
//! compare it with every later one.

use super::finance::{Projection, project};
use super::monte_carlo::{Bands, monte_carlo};
use super::placement::StockTotals;
use super::scenario::{CountedLookedAfter, Scenario};
use super::time::{FinancialYear, Month};

/// One counted number of children in care beside the plan.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OutcomeRow {
    /// The month at whose end the children were counted.
    pub month: Month,
    /// Children counted.
    pub counted: f64,
    /// Where the count comes from.
    pub source: String,
    /// The scenario's projection for that month (none outside the projection).
    pub planned: Option<f64>,
    /// The do-nothing twin for that month (none outside the projection).
    pub do_nothing: Option<f64>,
    /// The P10 and P90 of the Monte Carlo band for that month, when known.
    pub band: Option<(f64, f64)>,
}

impl OutcomeRow {
    /// Counted minus planned (positive: more children than planned).
    pub fn difference(&self) -> Option<f64> {
        self.planned.map(|planned| self.counted - planned)
    }

    /// The difference as a % of the plan.
    pub fn difference_percent(&self) -> Option<f64> {
        self.planned
            .filter(|planned| *planned > 0.0)
            .map(|planned| (self.counted - planned) / planned * 100.0)
    }

    /// Whether the count lies inside the P10-P90 band (none when there is no band).
    pub fn inside_band(&self) -> Option<bool> {
        self.band.map(|(low, high)| inside(self.counted, low, high))
    }
}

/// Inside `low..=high` widened by half a child each way: counts are whole children, and a
/// projection of 99.99 children says 100.
fn inside(value: f64, low: f64, high: f64) -> bool {
    value >= low - 0.5 && value <= high + 0.5
}

/// Every counted number of children in care in the scenario, oldest first, beside the
/// projection, the twin and (if given) the bands for the same month. Counts outside the
/// projection are listed with no plan beside them.
pub fn plan_against_outcome(
    scenario: &Scenario,
    projection: &Projection,
    bands: Option<&Bands>,
) -> Vec<OutcomeRow> {
    let mut counted: Vec<&CountedLookedAfter> = scenario.actuals.looked_after.iter().collect();
    counted.sort_by_key(|c| c.month);
    counted
        .into_iter()
        .map(|c| {
            let index = usize::try_from(c.month.months_since(scenario.start_month)).ok();
            let figures = index.and_then(|i| projection.months.get(i));
            let band = bands.and_then(|b| {
                let i = b.months.iter().position(|m| *m == c.month)?;
                b.looked_after.get(i).map(|p| (p.p10, p.p90))
            });
            OutcomeRow {
                month: c.month,
                counted: c.total,
                source: c.source.clone(),
                planned: figures.map(|m| m.looked_after),
                do_nothing: figures.map(|m| m.baseline_looked_after),
                band,
            }
        })
        .collect()
}

/// The latest count within the projection, for the headline ("1,107 in Mar 2017 against a
/// plan of 768").
pub fn latest_in_projection(rows: &[OutcomeRow]) -> Option<&OutcomeRow> {
    rows.iter().rev().find(|row| row.planned.is_some())
}

/// One year's counted spend beside the plan.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SpendOutcomeRow {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ counted.
    pub counted_gbp: f64,
    /// £ budget counted, where given.
    pub budget_gbp: Option<f64>,
    /// Where it comes from.
    pub source: String,
    /// £ projected for the whole year (none if the projection does not cover all of it).
    pub planned_gbp: Option<f64>,
    /// £ the twin spends that year (as above).
    pub do_nothing_gbp: Option<f64>,
}

/// Every counted year of spend beside the projection's whole financial years.
pub fn spend_against_outcome(scenario: &Scenario, projection: &Projection) -> Vec<SpendOutcomeRow> {
    scenario
        .actuals
        .spend
        .iter()
        .map(|c| {
            let year = projection
                .years
                .iter()
                .find(|y| y.financial_year == c.financial_year && y.months_covered == 12);
            SpendOutcomeRow {
                financial_year: c.financial_year,
                counted_gbp: c.spend_gbp,
                budget_gbp: c.budget_gbp,
                source: c.source.clone(),
                planned_gbp: year.map(|y| y.spend_gbp),
                do_nothing_gbp: year.map(|y| y.baseline_spend_gbp),
            }
        })
        .collect()
}

/// A projection re-started at a count, against every later count.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Backtest {
    /// The count it starts from (the projection starts the month after).
    pub from: Month,
    /// Children counted then: the opening number.
    pub opening: f64,
    /// Monte Carlo draws behind the bands.
    pub draws: usize,
    /// Each later count.
    pub points: Vec<BacktestPoint>,
    /// Mean of |projected - counted| / counted, as a %.
    pub mean_absolute_percent_error: f64,
    /// Share (0 to 1) of the counts inside the P10-P90 band.
    pub band_coverage: f64,
    /// Later counts beyond the longest projection (10 years), not compared.
    pub beyond_horizon: usize,
}

/// One later count in a backtest.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BacktestPoint {
    /// The month counted.
    pub month: Month,
    /// The re-started projection.
    pub projected: f64,
    /// Its do-nothing twin.
    pub do_nothing: f64,
    /// Children counted.
    pub counted: f64,
    /// Projected minus counted.
    pub error: f64,
    /// The error as a % of the count.
    pub error_percent: f64,
    /// P10 of the band.
    pub p10: f64,
    /// P90 of the band.
    pub p90: f64,
    /// Whether the count lies inside P10-P90.
    pub inside_band: bool,
    /// Where the count comes from.
    pub source: String,
}

/// Why a backtest cannot be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BacktestError {
    /// The file holds no counts of children in care.
    #[error(
        "the scenario has no counted children in care (`actuals.looked_after`) to start a backtest from"
    )]
    NoActuals,
    /// `--from` names a month with no count.
    #[error("no count of children in care at the end of {month}; counts are at: {available}")]
    NotCounted {
        /// The month asked for.
        month: Month,
        /// The months that have counts.
        available: String,
    },
    /// Nothing was counted after the starting count.
    #[error("nothing was counted after {0}, so there is nothing to compare a backtest with")]
    NothingAfter(Month),
}

/// The month a backtest starts from by default: the latest count before the scenario starts
/// that has a later count, else the earliest count that has one.
pub(crate) fn default_backtest_start(scenario: &Scenario) -> Option<Month> {
    let mut months: Vec<Month> = scenario
        .actuals
        .looked_after
        .iter()
        .map(|c| c.month)
        .collect();
    months.sort();
    months.dedup();
    let last = *months.last()?;
    let with_later: Vec<Month> = months.into_iter().filter(|m| *m < last).collect();
    with_later
        .iter()
        .rev()
        .find(|m| **m < scenario.start_month)
        .or(with_later.first())
        .copied()
}

/// Re-starts the projection the month after the count at `from` (default
/// [`default_backtest_start`]), with the opening children scaled to that count and the
/// scenario's levers and assumptions otherwise unchanged, and compares it with every later
/// count. Bands come from `draws` Monte Carlo draws with `seed`.
pub fn backtest(
    scenario: &Scenario,
    from: Option<Month>,
    draws: usize,
    seed: u64,
) -> Result<Backtest, BacktestError> {
    let counts = &scenario.actuals.looked_after;
    if counts.is_empty() {
        return Err(BacktestError::NoActuals);
    }
    let from = match from {
        Some(month) => month,
        None => default_backtest_start(scenario).ok_or(BacktestError::NothingAfter(
            counts
                .iter()
                .map(|c| c.month)
                .max()
                .unwrap_or(scenario.start_month),
        ))?,
    };
    let start =
        counts
            .iter()
            .find(|c| c.month == from)
            .ok_or_else(|| BacktestError::NotCounted {
                month: from,
                available: counts
                    .iter()
                    .map(|c| c.month.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
    let mut later: Vec<&CountedLookedAfter> = counts.iter().filter(|c| c.month > from).collect();
    later.sort_by_key(|c| c.month);
    let Some(last) = later.last() else {
        return Err(BacktestError::NothingAfter(from));
    };
    let restarted = restarted_at(scenario, start, last.month);
    let projection = project(&restarted);
    let bands = monte_carlo(&restarted, draws, seed, 2);
    let mut points = Vec::new();
    let mut beyond_horizon = 0;
    for counted in later {
        let index = counted.month.months_since(restarted.start_month);
        let month = usize::try_from(index)
            .ok()
            .and_then(|i| Some((projection.months.get(i)?, bands.looked_after.get(i)?)));
        let Some((figures, band)) = month else {
            beyond_horizon += 1;
            continue;
        };
        let error = figures.looked_after - counted.total;
        points.push(BacktestPoint {
            month: counted.month,
            projected: figures.looked_after,
            do_nothing: figures.baseline_looked_after,
            counted: counted.total,
            error,
            error_percent: if counted.total > 0.0 {
                error / counted.total * 100.0
            } else {
                0.0
            },
            p10: band.p10,
            p90: band.p90,
            inside_band: inside(counted.total, band.p10, band.p90),
            source: counted.source.clone(),
        });
    }
    let n = points.len().max(1) as f64;
    Ok(Backtest {
        from,
        opening: start.total,
        draws: bands.draws,
        mean_absolute_percent_error: points.iter().map(|p| p.error_percent.abs()).sum::<f64>() / n,
        band_coverage: points.iter().filter(|p| p.inside_band).count() as f64 / n,
        beyond_horizon,
        points,
    })
}

/// The scenario re-started the month after `start` was counted, with its opening children
/// scaled to that count and a horizon reaching `until` (at most 10 years).
pub(crate) fn restarted_at(
    scenario: &Scenario,
    start: &CountedLookedAfter,
    until: Month,
) -> Scenario {
    let mut restarted = scenario.clone();
    restarted.start_month = start.month.plus_months(1);
    let months = until.months_since(start.month).max(1);
    restarted.horizon_years = u32::try_from((months + 11) / 12).unwrap_or(10).clamp(1, 10);
    let opening = scenario.opening_looked_after.total_children();
    if opening > 0.0 {
        let scale = start.total / opening;
        for placement in super::placement::PlacementType::ALL {
            for band in super::placement::AgeBand::ALL {
                restarted.opening_looked_after[placement][band] *= scale;
            }
        }
    }
    restarted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;

    #[test]
    fn counts_sit_beside_the_plan_and_outside_ones_are_listed() {
        let scenario = scenario_file::norfolk_2014().unwrap();
        let mut plan = scenario.clone();
        plan.actuals.looked_after = vec![
            CountedLookedAfter {
                month: Month::new(2017, 3).unwrap(),
                total: 1107.0,
                by_placement: Default::default(),
                source: "DfE".into(),
            },
            CountedLookedAfter {
                month: Month::new(2012, 3).unwrap(),
                total: 1012.0,
                by_placement: Default::default(),
                source: "DfE".into(),
            },
        ];
        let projection = project(&plan);
        let rows = plan_against_outcome(&plan, &projection, None);
        assert_eq!(rows[0].month, Month::new(2012, 3).unwrap());
        assert_eq!(rows[0].planned, None);
        let last = projection.last_month().unwrap();
        assert_eq!(rows[1].planned, Some(last.looked_after));
        assert_eq!(rows[1].difference(), Some(1107.0 - last.looked_after));
        assert_eq!(rows[1].inside_band(), None);
        assert_eq!(latest_in_projection(&rows).map(|r| r.counted), Some(1107.0));
    }
}
