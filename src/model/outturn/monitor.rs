//! The month's forecast as the window, the command line and the exports show it: the forecast
//! outturn from the placement list with what the scenario gives it (the year's budget, the new
//! placements expected, other income) and the saved forecast it moved from. One rule, used by all.

use super::{
    BuildUpMonth, Forecast, ForecastInputs, ListedPlacement, NewPlacements, build_up, forecast,
    new_placements_from, previous_snapshot, scenario_from_list,
};
use crate::model::episodes::Date;
use crate::model::placement::ByPlacement;
use crate::model::scenario::{ForecastSnapshot, Scenario};
use crate::model::time::FinancialYear;

/// Where the forecast's new placements came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum NewPlacementsFrom {
    /// The scenario's entries and first placements, at what the list pays by type.
    Scenario,
    /// Entered by the officer (in the scenario's monitoring, or on the command line).
    Entered,
}

/// The month's forecast.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MonthlyForecast {
    /// The day it is made at.
    pub as_at: Date,
    /// What it was made from, besides the list.
    #[serde(skip)]
    pub inputs: ForecastInputs,
    /// The forecast.
    pub forecast: Forecast,
    /// April to March, building up to it.
    pub months: Vec<BuildUpMonth>,
    /// The saved forecast it moved from: the latest of the year before its day.
    pub previous: Option<ForecastSnapshot>,
    /// Where the new placements came from.
    pub new_placements_from: NewPlacementsFrom,
    /// £ budget by placement type for the lines the scenario gives one.
    pub line_budgets_gbp: ByPlacement<Option<f64>>,
}

impl MonthlyForecast {
    /// Its totals to save (no placement, no child), with the lines' budgets.
    pub fn snapshot(&self) -> ForecastSnapshot {
        ForecastSnapshot {
            line_budgets_gbp: self.line_budgets_gbp,
            ..self.forecast.snapshot(self.as_at)
        }
    }

    /// £ forecast − the previous saved forecast, if there is one.
    pub fn movement_gbp(&self) -> Option<f64> {
        self.previous
            .as_ref()
            .map(|previous| self.forecast.forecast_gbp - previous.forecast_gbp)
    }
}

/// The financial year a day falls in.
pub fn financial_year_of(day: Date) -> FinancialYear {
    let (year, month, _) = day.ymd();
    crate::model::Month { year, month }.financial_year()
}

/// The forecast at the end of `as_at` from `placements`, with `scenario`'s budget for the year,
/// its monitoring's new placements (or, if none are entered, its entries at what the list pays)
/// and other income, and the saved forecast it moved from. `spend_to_date_gbp`: the ledger's, if
/// entered; `entered_new`: new placements given for this forecast only (the command line's).
pub fn monthly_forecast(
    scenario: &Scenario,
    placements: &[ListedPlacement],
    as_at: Date,
    spend_to_date_gbp: Option<f64>,
    entered_new: Option<NewPlacements>,
) -> MonthlyForecast {
    let financial_year = financial_year_of(as_at);
    let monitoring = &scenario.monitoring;
    let (new_placements, new_placements_from) = match (entered_new, monitoring.new_placements) {
        (Some(new), _) => (new, NewPlacementsFrom::Entered),
        (None, Some(entry)) => (
            NewPlacements {
                per_month: entry.per_month,
                weekly_cost_gbp: entry.weekly_cost_gbp,
                cost_share_by_type: None,
            },
            NewPlacementsFrom::Entered,
        ),
        (None, None) => {
            let (priced, _) = scenario_from_list(scenario, placements, as_at);
            (new_placements_from(&priced), NewPlacementsFrom::Scenario)
        }
    };
    let inputs = ForecastInputs {
        financial_year,
        as_at,
        spend_to_date_gbp,
        new_placements,
        other_income_gbp: monitoring.other_income_gbp,
        budget_gbp: scenario.budget.for_year(financial_year),
    };
    MonthlyForecast {
        as_at,
        forecast: forecast(placements, &inputs),
        months: build_up(placements, &inputs),
        previous: previous_snapshot(&monitoring.snapshots, financial_year, as_at).cloned(),
        new_placements_from,
        line_budgets_gbp: monitoring
            .line_budgets
            .get(&financial_year)
            .copied()
            .unwrap_or_default(),
        inputs,
    }
}
