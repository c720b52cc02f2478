//! The finance officer's month kept with a scenario (issue 32, docs/outturn.md): the forecasts
//! saved each month (totals only: never a child reference or a placement), what the next
//! forecast allows for, and the savings the budget assumed, each tracked against what the model
//! or the officer forecasts is delivered.

use super::levers::LeverKind;
use crate::model::episodes::Date;
use crate::model::placement::{ByPlacement, PlacementType};
use crate::model::time::{FinancialYear, Month};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Monitoring kept in a scenario file. Optional (default empty, as in files before it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Monitoring {
    /// New placements the forecast allows for from the day after it to 31 March, if the officer
    /// enters them; none: the scenario's entries a month at its prices for a new placement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_placements: Option<NewPlacementsEntry>,
    /// £ other income for the year the forecast counts (the Home Office grant for UASC, other
    /// grants); default 0.
    pub other_income_gbp: f64,
    /// The placement list, if the officer chose to keep it beside the scenario file: its file
    /// name, read from the scenario's folder. None (the default): the list stays where it was and
    /// only the totals below are kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_file: Option<String>,
    /// The forecasts saved, oldest first: totals only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<ForecastSnapshot>,
    /// The savings the budget assumed (the MTFS lines), by line and year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub savings: Vec<PlannedSaving>,
    /// The year's budget by placement type, where the finance team gives each line one (none
    /// for a line without); the scenario's budget stays the total.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub line_budgets: BTreeMap<FinancialYear, ByPlacement<Option<f64>>>,
}

impl Monitoring {
    /// True if nothing is kept (not written to the file then).
    pub fn is_empty(&self) -> bool {
        *self == Monitoring::default()
    }

    /// Every number kept, with its path in the file (for validation against its limits).
    pub fn numbers(&self) -> Vec<(String, f64)> {
        let mut out = vec![(
            "monitoring.other_income_gbp".to_string(),
            self.other_income_gbp,
        )];
        if let Some(new) = &self.new_placements {
            out.push(("monitoring.new_placements.per_month".into(), new.per_month));
            out.push((
                "monitoring.new_placements.weekly_cost_gbp".into(),
                new.weekly_cost_gbp,
            ));
        }
        for (i, saving) in self.savings.iter().enumerate() {
            out.push((
                format!("monitoring.savings.{i}.planned_gbp"),
                saving.planned_gbp,
            ));
            if let Some(delivered) = saving.delivered_gbp {
                out.push((format!("monitoring.savings.{i}.delivered_gbp"), delivered));
            }
        }
        for (year, budgets) in &self.line_budgets {
            for p in PlacementType::ALL {
                if let Some(budget) = budgets[p] {
                    out.push((
                        format!("monitoring.line_budgets.\"{year}\".{}", p.key()),
                        budget,
                    ));
                }
            }
        }
        for (i, s) in self.snapshots.iter().enumerate() {
            let path = |what: &str| format!("monitoring.snapshots.{i}.{what}");
            for p in PlacementType::ALL {
                if let Some(budget) = s.line_budgets_gbp[p] {
                    out.push((path(&format!("line_budget_{}", p.key())), budget));
                }
            }
            for (j, placement) in s.high_cost.iter().enumerate() {
                out.push((
                    format!("monitoring.snapshots.{i}.high_cost_{j}"),
                    placement.weekly_cost_gbp,
                ));
            }
            for (what, value) in [
                ("spend_to_date_gbp", s.spend_to_date_gbp),
                ("committed_gbp", s.committed_gbp),
                ("new_placements_gbp", s.new_placements_gbp),
                ("income_gbp", s.income_gbp),
                ("forecast_gbp", s.forecast_gbp),
                ("budget_gbp", s.budget_gbp.unwrap_or(0.0)),
            ] {
                out.push((path(what), value));
            }
        }
        out
    }

    /// Numbers brought within their limits (an edit from the window): not finite becomes 0.
    pub fn clamp_to_limits(&mut self) {
        let clamp = |path: &str, value: &mut f64| {
            if let Some(limit) = super::limit_for(path) {
                *value = if value.is_finite() {
                    limit.clamp(*value)
                } else {
                    0.0
                };
            }
        };
        clamp("monitoring.other_income_gbp", &mut self.other_income_gbp);
        if let Some(new) = self.new_placements.as_mut() {
            clamp("monitoring.new_placements.per_month", &mut new.per_month);
            clamp(
                "monitoring.new_placements.weekly_cost_gbp",
                &mut new.weekly_cost_gbp,
            );
        }
        for budgets in self.line_budgets.values_mut() {
            for p in PlacementType::ALL {
                if let Some(budget) = budgets[p].as_mut() {
                    clamp("monitoring.line_budgets.\"2025-26\".residential", budget);
                }
            }
        }
        for saving in &mut self.savings {
            clamp("monitoring.savings.0.planned_gbp", &mut saving.planned_gbp);
            if let Some(delivered) = saving.delivered_gbp.as_mut() {
                clamp("monitoring.savings.0.delivered_gbp", delivered);
            }
        }
    }

    /// Keeps `snapshot`, in place of one saved at the same day for the same year; oldest first.
    pub fn save_snapshot(&mut self, snapshot: ForecastSnapshot) {
        self.snapshots
            .retain(|s| (s.as_at, s.financial_year) != (snapshot.as_at, snapshot.financial_year));
        self.snapshots.push(snapshot);
        self.snapshots.sort_by_key(|s| s.as_at);
    }
}

/// New placements entered by the officer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPlacementsEntry {
    /// Placements starting a month.
    pub per_month: f64,
    /// £ a week each costs.
    pub weekly_cost_gbp: f64,
}

/// A month's forecast, saved: the totals the budget-monitoring table shows and the next month's
/// movement is worked out from. No child reference and no placement is kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastSnapshot {
    /// The day the forecast was made at (spend to date runs to it).
    pub as_at: Date,
    /// The financial year forecast.
    pub financial_year: FinancialYear,
    /// £ budget, if one was set.
    pub budget_gbp: Option<f64>,
    /// £ spent to date.
    pub spend_to_date_gbp: f64,
    /// £ committed on open placements to their end or 31 March.
    pub committed_gbp: f64,
    /// £ allowed for new placements.
    pub new_placements_gbp: f64,
    /// £ income (contributions and other income).
    pub income_gbp: f64,
    /// £ forecast outturn.
    pub forecast_gbp: f64,
    /// £ gross forecast on the listed placements by placement type.
    pub by_type_gbp: ByPlacement<f64>,
    /// £ the new placements' part of each type, where their mix was known. Optional (default
    /// none: the new placements are a line of their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_by_type_gbp: Option<ByPlacement<f64>>,
    /// £ budget by placement type, for the lines given one. Optional (default none).
    #[serde(default, skip_serializing_if = "no_line_budget")]
    pub line_budgets_gbp: ByPlacement<Option<f64>>,
    /// Placements open at the forecast.
    pub open_placements: usize,
    /// The placements over £10,000 a week open at the forecast, dearest first: type, fee and
    /// the month it started (no child reference, no day). Optional (default none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub high_cost: Vec<HighCostPlacement>,
}

/// True if no line has a budget (not written to the file then).
fn no_line_budget(budgets: &ByPlacement<Option<f64>>) -> bool {
    PlacementType::ALL.iter().all(|p| budgets[*p].is_none())
}

/// A placement over £10,000 a week, as kept in a saved forecast.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HighCostPlacement {
    /// Its type.
    pub placement: PlacementType,
    /// £ a week.
    pub weekly_cost_gbp: f64,
    /// The month it started.
    pub since: Month,
}

/// What a saving is expected from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SavingLine {
    /// A lever of the scenario: its delivery is forecast by the model.
    Lever(LeverKind),
    /// The council's own children's homes.
    CouncilHomes,
    /// The block contract.
    BlockContract,
    /// The cap on providers' prices.
    PriceCap,
    /// Anything else, by its name in the MTFS (delivery entered by the officer).
    Other(String),
}

/// A saving the budget assumed for one financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedSaving {
    /// What it is expected from.
    pub line: SavingLine,
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ the budget assumed saved in the year.
    pub planned_gbp: f64,
    /// £ the officer forecasts will be delivered; none: the model's forecast (for a lever or a
    /// price lever), or nothing delivered for an "other" line until one is entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_gbp: Option<f64>,
}

impl super::Scenario {
    /// Names where the monitoring's figures come from in `sources` (the saved forecasts, the
    /// savings, the new placements and income entered), and takes the names out with the figures.
    pub fn monitoring_sources(&mut self) {
        let entries: [(&str, bool, &str); 4] = [
            (
                "monitoring.snapshots",
                !self.monitoring.snapshots.is_empty(),
                "Forecasts saved from the council's placement list (totals only, no child): \
                 docs/outturn.md.",
            ),
            (
                "monitoring.savings",
                !self.monitoring.savings.is_empty(),
                "Entered by the user: the savings the budget assumed (MTFS lines); a delivery \
                 not entered is the model's.",
            ),
            (
                "monitoring.new_placements",
                self.monitoring.new_placements.is_some(),
                "Entered by the user.",
            ),
            (
                "monitoring.other_income_gbp",
                self.monitoring.other_income_gbp != 0.0,
                "Entered by the user.",
            ),
        ];
        for (path, present, source) in entries {
            if present {
                self.sources
                    .entry(path.into())
                    .or_insert_with(|| source.into());
            } else {
                self.sources.remove(path);
            }
        }
    }
}
