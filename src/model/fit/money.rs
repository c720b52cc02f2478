//! Weekly costs and the budget from the council's unit costs and spend.

use super::figures::financial_year_ending;
use super::figures::{CouncilFigures, EnglandFigures, get};
use crate::model::placement::PlacementType;
use crate::model::scenario::Scenario;
use std::collections::BTreeMap;

/// Weekly costs from the council's unit costs, the price level of the year, and the budget.
pub(super) fn fit_money(
    s: &mut Scenario,
    figures: &CouncilFigures,
    england: &EnglandFigures,
    template: &Scenario,
    year: i32,
    notes: &mut Vec<String>,
) {
    let fy = financial_year_ending(year);
    // The template's costs are at 2024-25 prices; the data's unit costs end at 2021-22. Take
    // the template back three years at its own inflation, then to the year by England's median
    // unit cost of all children looked after.
    let latest = england.all_unit_cost.iter().next_back();
    let at_year = england
        .all_unit_cost
        .get(&fy)
        .or_else(|| england.all_unit_cost.values().next());
    let price = match (latest, at_year) {
        (Some((_, latest)), Some(at_year)) if *latest > 0.0 => {
            at_year / latest / (1.0 + template.costs.inflation_percent_per_year / 100.0).powi(3)
        }
        _ => 1.0,
    };
    if !england.all_unit_cost.contains_key(&fy) {
        notes.push(format!(
            "No unit costs are published for {fy}: prices taken from the earliest year that has them."
        ));
    }
    let council_cost = |measure: &str| get(&figures.spend, &fy, measure);
    let ratio = |measure: &str, medians: &BTreeMap<String, f64>| -> Option<f64> {
        let median = medians.get(&fy)?;
        (*median > 0.0).then(|| council_cost(measure).map(|c| c / median))?
    };
    let fostering = ratio(
        "unit_cost_fostering_gbp_per_week",
        &england.fostering_unit_cost,
    );
    let residential = ratio(
        "unit_cost_residential_gbp_per_week",
        &england.residential_unit_cost,
    );
    if fostering.is_none() || residential.is_none() {
        notes.push(format!(
            "The council's own unit costs are not published for {fy}: England's used for {}.",
            match (fostering.is_none(), residential.is_none()) {
                (true, true) => "foster and residential care",
                (true, false) => "foster care",
                _ => "residential care",
            }
        ));
    }
    for p in PlacementType::ALL {
        let factor = match p {
            PlacementType::InHouseFoster | PlacementType::Ifa | PlacementType::Kinship => {
                fostering.unwrap_or(1.0)
            }
            PlacementType::Residential => residential.unwrap_or(1.0),
            _ => 1.0,
        };
        s.costs.weekly_gbp[p] = (template.costs.weekly_gbp[p] * price * factor).round();
    }
    s.sources.insert(
        "costs.weekly_gbp".into(),
        format!(
            "England's weekly costs (blank council, 2024-25 prices) at {fy} prices (England's median unit cost, DfE LAIT), times the council's own unit cost against England's median for foster care ({}) and residential care ({}) (docs/model.md 9.2).",
            fostering.map_or("not published".into(), |f| format!("{f:.2}")),
            residential.map_or("not published".into(), |f| format!("{f:.2}"))
        ),
    );
    // The budget: the council's S251 children-looked-after spend, scaled to the placement line.
    let cla = council_cost("total_cla_gross_gbp").or_else(|| {
        // The latest earlier year that has it.
        figures
            .spend
            .range(..fy.clone())
            .rev()
            .find_map(|(_, v)| v.get("total_cla_gross_gbp").copied())
    });
    let share = england.placement_share_of_spend;
    s.budget.by_financial_year_gbp.clear();
    let first_year = s.start_month.financial_year();
    let opening_spend = crate::model::finance::project(s)
        .years
        .first()
        .map(|y| y.spend_gbp * 12.0 / f64::from(y.months_covered.max(1)))
        .unwrap_or(0.0);
    let budget = match cla {
        Some(cla) if share > 0.0 => {
            s.sources.insert(
                "budget.by_financial_year_gbp".into(),
                format!(
                    "REPLACE with the council's placement budget. Estimated: its section 251 spend on children looked after ({}) times the share of that spend on the fostering and residential lines across England in {} ({:.0}%).",
                    crate::model::scenario::format_number((cla / 1000.0).round() * 1000.0),
                    england.placement_share_year,
                    share * 100.0
                ),
            );
            cla * share
        }
        _ => {
            notes.push("No section 251 spend published: the budget is set to the projected spend of the first year.".into());
            opening_spend
        }
    };
    s.budget
        .by_financial_year_gbp
        .insert(first_year, (budget / 1000.0).round() * 1000.0);
    notes.push("The placement budget is an estimate from section 251 spend: replace it with the council's own.".into());
}
