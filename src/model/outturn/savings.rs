//! Savings tracked (issue 32, docs/outturn.md): each saving the budget assumed (a line of the
//! MTFS) beside what is forecast to be delivered, the slippage and a RAG. A lever's or a price
//! lever's delivery is the model's: the scenario's net saving in the year less the same
//! scenario's without that lever (so levers that work together are each credited with what they
//! add); an officer's entry replaces it.

use super::Rag;
use crate::model::finance::{Projection, project};
use crate::model::scenario::{PlannedSaving, SavingLine, Scenario};
use crate::model::time::FinancialYear;
use std::collections::BTreeMap;

/// A saving delivered at this % of plan or more, but short of it, is amber; below, red (an
/// assumption: councils' savings trackers mark "at risk" savings amber and "undeliverable" red
/// without a published threshold; enter a delivery to override the model).
pub const AMBER_FROM_PERCENT_OF_PLAN: f64 = 75.0;

/// Where a delivery forecast came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum DeliveredBy {
    /// The model: the scenario with and without the lever.
    Model,
    /// The officer's entry.
    Entered,
    /// Nothing to forecast it with: an "other" line with no entry, or a year outside the
    /// projection. Counted as nothing delivered.
    NoForecast,
}

/// One saving, tracked.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TrackedSaving {
    /// What it is expected from.
    pub line: SavingLine,
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ planned.
    pub planned_gbp: f64,
    /// £ forecast delivered.
    pub delivered_gbp: f64,
    /// Where that came from.
    pub delivered_by: DeliveredBy,
    /// £ planned − delivered (negative: more than planned).
    pub slippage_gbp: f64,
    /// Delivered in full (green), from [`AMBER_FROM_PERCENT_OF_PLAN`] (amber), or less (red).
    pub rag: Rag,
}

/// Every saving tracked, with totals.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct SavingsTracker {
    /// In the order entered.
    pub rows: Vec<TrackedSaving>,
    /// £ planned in all.
    pub planned_gbp: f64,
    /// £ forecast delivered in all.
    pub delivered_gbp: f64,
    /// £ slippage in all.
    pub slippage_gbp: f64,
}

/// The scenario without one line's lever (none for an "other" line).
fn without(scenario: &Scenario, line: &SavingLine) -> Option<Scenario> {
    let mut without = scenario.clone();
    match line {
        SavingLine::Lever(kind) => *without.levers.timing_mut(*kind).value = kind.neutral(scenario),
        SavingLine::CouncilHomes => without.price_levers.council_homes = None,
        SavingLine::BlockContract => without.price_levers.block_contract = None,
        SavingLine::PriceCap => without.price_levers.price_cap = None,
        SavingLine::Other(_) => return None,
    }
    Some(without)
}

/// The colour of `delivered` against `planned`.
pub fn rag(planned: f64, delivered: f64) -> Rag {
    if delivered >= planned - 0.5 {
        Rag::Green
    } else if planned > 0.0 && delivered / planned * 100.0 >= AMBER_FROM_PERCENT_OF_PLAN {
        Rag::Amber
    } else {
        Rag::Red
    }
}

/// The savings in `scenario.monitoring.savings` tracked against `projection` (the scenario's).
pub fn track(scenario: &Scenario, projection: &Projection) -> SavingsTracker {
    let mut without_line: BTreeMap<&SavingLine, Option<Projection>> = BTreeMap::new();
    let mut tracker = SavingsTracker::default();
    for PlannedSaving {
        line,
        financial_year,
        planned_gbp,
        delivered_gbp,
    } in &scenario.monitoring.savings
    {
        let (delivered, delivered_by) = match delivered_gbp {
            Some(entered) => (*entered, DeliveredBy::Entered),
            None => {
                let other = without_line
                    .entry(line)
                    .or_insert_with(|| without(scenario, line).map(|s| project(&s)));
                let with = projection.year(*financial_year);
                match (with, other.as_ref().and_then(|o| o.year(*financial_year))) {
                    (Some(with), Some(without)) => (
                        with.net_saving_gbp - without.net_saving_gbp,
                        DeliveredBy::Model,
                    ),
                    _ => (0.0, DeliveredBy::NoForecast),
                }
            }
        };
        let planned = planned_gbp.max(0.0);
        tracker.planned_gbp += planned;
        tracker.delivered_gbp += delivered;
        tracker.slippage_gbp += planned - delivered;
        tracker.rows.push(TrackedSaving {
            line: line.clone(),
            financial_year: *financial_year,
            planned_gbp: planned,
            delivered_gbp: delivered,
            delivered_by,
            slippage_gbp: planned - delivered,
            rag: rag(planned, delivered),
        });
    }
    tracker
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::LeverKind;

    #[test]
    fn a_levers_delivery_is_what_it_adds_and_an_entry_replaces_it() {
        let mut scenario =
            crate::io::scenario_file::norfolk_2014().expect("the shipped Norfolk scenario");
        scenario.levers.foster_recruitment.value = 20.0;
        scenario.levers.early_help.value = 3_000_000.0;
        let year = scenario.start_month.financial_year().next();
        scenario.monitoring.savings = vec![
            PlannedSaving {
                line: SavingLine::Lever(LeverKind::FosterRecruitment),
                financial_year: year,
                planned_gbp: 400_000.0,
                delivered_gbp: None,
            },
            PlannedSaving {
                line: SavingLine::Other("Transport review".into()),
                financial_year: year,
                planned_gbp: 100_000.0,
                delivered_gbp: Some(80_000.0),
            },
            PlannedSaving {
                line: SavingLine::Other("Not yet forecast".into()),
                financial_year: year,
                planned_gbp: 50_000.0,
                delivered_gbp: None,
            },
        ];
        let projection = project(&scenario);
        let tracker = track(&scenario, &projection);
        // By hand: the year's net saving with and without the recruitment lever.
        let mut no_recruitment = scenario.clone();
        no_recruitment.levers.foster_recruitment.value = 0.0;
        let by_hand = projection
            .year(year)
            .expect("in the horizon")
            .net_saving_gbp
            - project(&no_recruitment)
                .year(year)
                .expect("in the horizon")
                .net_saving_gbp;
        let first = &tracker.rows[0];
        assert_eq!(first.delivered_by, DeliveredBy::Model);
        assert!((first.delivered_gbp - by_hand).abs() < 1e-6);
        assert!(by_hand != 0.0);
        assert_eq!(first.rag, rag(400_000.0, by_hand));
        // The entry replaces the model; 80% of plan is amber.
        assert_eq!(tracker.rows[1].delivered_by, DeliveredBy::Entered);
        assert_eq!(tracker.rows[1].rag, Rag::Amber);
        assert!((tracker.rows[1].slippage_gbp - 20_000.0).abs() < 1e-9);
        // Nothing to forecast with: nothing delivered, red.
        assert_eq!(tracker.rows[2].delivered_by, DeliveredBy::NoForecast);
        assert_eq!(tracker.rows[2].rag, Rag::Red);
        // Totals add up.
        assert!((tracker.planned_gbp - 550_000.0).abs() < 1e-9);
        assert!((tracker.delivered_gbp - (by_hand + 80_000.0)).abs() < 1e-6);
        assert!(
            (tracker.slippage_gbp - (tracker.planned_gbp - tracker.delivered_gbp)).abs() < 1e-6
        );
    }
}
