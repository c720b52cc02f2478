//! The headline figures: the strip at the top of the window and of meeting-mode slides, in
//! words (the sign of money is a word, never a minus).

use super::format;
use crate::model::{Projection, Scenario};

/// One headline number: its label, its value, and a line of detail under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadlineFigure {
    /// What it is, e.g. "Children in care, Mar 2017".
    pub label: String,
    /// The number, e.g. "1,364".
    pub value: String,
    /// A line of context, e.g. "+227 against doing nothing (1,137)".
    pub detail: String,
}

fn figure(label: String, value: String, detail: String) -> HeadlineFigure {
    HeadlineFigure {
        label,
        value,
        detail,
    }
}

/// The headline numbers, in the order shown.
pub fn headline_figures(scenario: &Scenario, projection: &Projection) -> Vec<HeadlineFigure> {
    let mut figures = Vec::new();
    if let Some(last) = projection.last_month() {
        figures.push(figure(
            format!("Children in care, {}", last.month.short_label()),
            format::count(last.looked_after),
            format!(
                "{} against doing nothing ({})",
                format::count_change(last.looked_after - last.baseline_looked_after),
                format::count(last.baseline_looked_after)
            ),
        ));
    }
    // What actually happened, where a count falls in the projection.
    let counts = crate::model::outcome::plan_against_outcome(scenario, projection, None);
    if let Some(row) = crate::model::outcome::latest_in_projection(&counts)
        && let Some(planned) = row.planned
    {
        figures.push(figure(
            format!("Counted, {}", row.month.short_label()),
            format::count(row.counted),
            format!("against a plan of {}", format::count(planned)),
        ));
    }
    let this_year = scenario.start_month.financial_year();
    if let Some(year) = projection.year(this_year) {
        let (word, amount) = format::overspend(year.overspend_gbp);
        figures.push(figure(
            format!("{word} {this_year}"),
            amount,
            if year.uasc_grant_gbp > 0.0 {
                format!(
                    "spend {} (net of {} Home Office grant for UASC) against budget {}",
                    format::money(year.spend_gbp),
                    format::money(year.uasc_grant_gbp),
                    format::money(year.budget_gbp)
                )
            } else {
                format!(
                    "spend {} against budget {}",
                    format::money(year.spend_gbp),
                    format::money(year.budget_gbp)
                )
            },
        ));
    }
    if let Some(last) = projection.last_month() {
        figures.push(figure(
            format!("Net saving to {}", last.month.short_label()),
            format::net_saving(last.cumulative_net_saving_gbp),
            format!(
                "after investing {}",
                format::money(last.cumulative_investment_gbp)
            ),
        ));
    }
    let payback = format::payback(projection.payback);
    figures.push(figure(
        "Payback".to_string(),
        payback,
        "when savings repay investment".into(),
    ));
    figures
}
