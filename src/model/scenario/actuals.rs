//! What actually happened: children in care counted on a date, and spend by financial year,
//! each with its source. A scenario's projection is set against them ("plan against
//! outcome") and backtested on them.

use crate::model::placement::PlacementType;
use crate::model::time::{FinancialYear, Month};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Observed figures. Optional in files (default none).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Actuals {
    /// Children in care counted at the end of a month, oldest first.
    pub looked_after: Vec<CountedLookedAfter>,
    /// Spend by financial year, oldest first.
    pub spend: Vec<CountedSpend>,
}

/// Children in care counted at the end of a month (a 31 March count is month "2017-03").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountedLookedAfter {
    /// The month at whose end the children were counted.
    pub month: Month,
    /// Children in care.
    pub total: f64,
    /// Children by placement type, where published (any subset of the six types).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_placement: BTreeMap<PlacementType, f64>,
    /// Where the figure comes from, e.g. "DfE SSDA903, children looked after at 31 March 2017".
    pub source: String,
}

/// Placement spend in a financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountedSpend {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ spent (or forecast at the year's end) on the placements the scenario models.
    pub spend_gbp: f64,
    /// £ budget that year, where published. Optional (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_gbp: Option<f64>,
    /// Where the figure comes from.
    pub source: String,
}

impl Actuals {
    /// True if there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.looked_after.is_empty() && self.spend.is_empty()
    }

    /// Every number with its path in the file, e.g. ("actuals.looked_after.3.total", 1107.0).
    pub fn numbers(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for (i, counted) in self.looked_after.iter().enumerate() {
            out.push((format!("actuals.looked_after.{i}.total"), counted.total));
            for (placement, &count) in &counted.by_placement {
                out.push((
                    format!("actuals.looked_after.{i}.by_placement.{}", placement.key()),
                    count,
                ));
            }
        }
        for (i, spent) in self.spend.iter().enumerate() {
            out.push((format!("actuals.spend.{i}.spend_gbp"), spent.spend_gbp));
            if let Some(budget) = spent.budget_gbp {
                out.push((format!("actuals.spend.{i}.budget_gbp"), budget));
            }
        }
        out
    }
}
