//! The published figures a fit reads, and England's medians and shares worked out from every
//! council's.

use crate::model::scenario::Scenario;
use std::collections::BTreeMap;

/// One table's published figures for a council: year (or financial year, as "2018-19") →
/// measure → value. A figure that is missing was suppressed or not published.
pub type Figures = BTreeMap<String, BTreeMap<String, f64>>;

/// A council's published figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CouncilFigures {
    /// DfE three-digit code, e.g. "926".
    pub code: String,
    /// Name, e.g. "Norfolk".
    pub name: String,
    /// Region, e.g. "East of England".
    pub region: String,
    /// Children looked after at 31 March, by year ("2017").
    pub looked_after: Figures,
    /// Children who started to be looked after in the year ending 31 March, by year.
    pub starts: Figures,
    /// Children who ceased to be looked after in the year ending 31 March, by year.
    pub ceased: Figures,
    /// Spend and unit costs by financial year ("2016-17").
    pub spend: Figures,
    /// Children aged 0 to 17 at 30 June of each year (ONS), when given.
    pub population: BTreeMap<i32, f64>,
}

/// England's figures the fit needs, worked out from every council (see [`england_figures`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnglandFigures {
    /// Median LAIT unit cost of foster care, £ a week, by financial year.
    pub fostering_unit_cost: BTreeMap<String, f64>,
    /// Median LAIT unit cost of residential care, £ a week, by financial year.
    pub residential_unit_cost: BTreeMap<String, f64>,
    /// Median LAIT unit cost of all children looked after, £ a week, by financial year.
    pub all_unit_cost: BTreeMap<String, f64>,
    /// Share (0 to 1) of S251 children-looked-after spend on the fostering and residential lines,
    /// all councils together, in the latest year the lines are published.
    pub placement_share_of_spend: f64,
    /// The financial year that share is from.
    pub placement_share_year: String,
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// England's medians and shares from every council's figures.
pub fn england_figures(councils: &[CouncilFigures]) -> EnglandFigures {
    let mut years: Vec<String> = councils
        .iter()
        .flat_map(|c| c.spend.keys().cloned())
        .collect();
    years.sort();
    years.dedup();
    let medians = |measure: &str| -> BTreeMap<String, f64> {
        years
            .iter()
            .filter_map(|year| {
                let values = councils
                    .iter()
                    .filter_map(|c| c.spend.get(year)?.get(measure).copied())
                    .collect();
                Some((year.clone(), median(values)?))
            })
            .collect()
    };
    let mut placement_share_of_spend = 0.0;
    let mut placement_share_year = String::new();
    for year in years.iter().rev() {
        let (mut lines, mut total) = (0.0, 0.0);
        for c in councils {
            let Some(s) = c.spend.get(year) else {
                continue;
            };
            if let (Some(f), Some(r), Some(t)) = (
                s.get("fostering_services_gbp"),
                s.get("residential_care_gbp"),
                s.get("s251_total_cla_line_gbp"),
            ) {
                lines += f + r;
                total += t;
            }
        }
        if total > 0.0 {
            placement_share_of_spend = lines / total;
            placement_share_year = year.clone();
            break;
        }
    }
    EnglandFigures {
        fostering_unit_cost: medians("unit_cost_fostering_gbp_per_week"),
        residential_unit_cost: medians("unit_cost_residential_gbp_per_week"),
        all_unit_cost: medians("unit_cost_all_cla_gbp_per_week"),
        placement_share_of_spend,
        placement_share_year,
    }
}

/// Why no scenario can be made for a council and year.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FitError {
    /// A figure the fit cannot do without is not published.
    #[error("{council}: {what} is not published, so no scenario can be made from {year} data")]
    Missing {
        /// The council.
        council: String,
        /// The 31 March year asked for.
        year: i32,
        /// What is missing, in words.
        what: String,
    },
    /// The council had no children in care.
    #[error("{council} had no children in care at 31 March {year}: there is nothing to project")]
    NoChildren {
        /// The council.
        council: String,
        /// The year.
        year: i32,
    },
}

/// A fitted scenario and what was filled in from England's pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct FittedScenario {
    /// The scenario, starting in April after the 31 March count.
    pub scenario: Scenario,
    /// Every stand-in and assumption, in words (also in the scenario's description).
    pub notes: Vec<String>,
}

pub(super) fn get(figures: &Figures, year: &str, measure: &str) -> Option<f64> {
    figures
        .get(year)?
        .get(measure)
        .copied()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

pub(super) fn sum_of(figures: &Figures, year: &str, measures: &[&str]) -> Option<f64> {
    let values: Vec<f64> = measures
        .iter()
        .filter_map(|m| get(figures, year, m))
        .collect();
    (!values.is_empty()).then(|| values.iter().sum())
}

/// "2018-19" for the financial year that ends in March `year` (2019).
pub(super) fn financial_year_ending(year: i32) -> String {
    crate::model::time::FinancialYear::starting(year - 1).to_string()
}
