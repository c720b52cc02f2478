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
        let spend = if year.uasc_grant_gbp > 0.0 {
            format!(
                "spend {} (net of {} Home Office grant for UASC)",
                format::money(year.spend_gbp),
                format::money(year.uasc_grant_gbp)
            )
        } else {
            format!("spend {}", format::money(year.spend_gbp))
        };
        match (year.overspend_gbp, year.budget_gbp) {
            (Some(overspend), Some(budget)) => {
                let (word, amount) = format::overspend(overspend);
                figures.push(figure(
                    format!("{word} {this_year}"),
                    amount,
                    format!("{spend} against budget {}", format::money(budget)),
                ));
            }
            _ => figures.push(figure(
                format!("Overspend {this_year}"),
                format::BUDGET_NOT_ENTERED.to_string(),
                against_outturn(scenario, year).unwrap_or(spend),
            )),
        }
    }
    if let Some(last) = projection.last_month() {
        let capital = projection.total_capital_gbp();
        let invested = if capital > 0.0 {
            format!(
                "after investing {} and {} of capital for council homes (its borrowing repaid from spend)",
                format::money(last.cumulative_investment_gbp),
                format::money(capital)
            )
        } else {
            format!(
                "after investing {}",
                format::money(last.cumulative_investment_gbp)
            )
        };
        figures.push(figure(
            format!("Net saving to {}", last.month.short_label()),
            format::net_saving(last.cumulative_net_saving_gbp),
            if last.cumulative_investment_gbp > 0.0 || capital > 0.0 {
                format!(
                    "{invested}; {} at today's value (3.5% a year)",
                    format::net_saving(projection.net_present_value_gbp(
                        crate::model::council_homes::GREEN_BOOK_DISCOUNT_PERCENT
                    ))
                )
            } else {
                invested
            },
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

/// The year's gross spend on children looked after against the council's last published
/// outturn: "all CLA spend £43.1m, £2.0m more than 2024-25's outturn (£41.1m)". None where the
/// scenario carries no outturn.
fn against_outturn(scenario: &Scenario, year: &crate::model::YearFigures) -> Option<String> {
    let outturn = scenario.budget.last_outturn.as_ref()?;
    let gross = year.spend_gbp + year.uasc_grant_gbp + year.other_cla_spend_gbp;
    let change = format::money_change(gross - outturn.gross_spend_gbp);
    let compared = if change == "no change" {
        "the same as".to_string()
    } else {
        format!("{change} than")
    };
    let grant = if year.uasc_grant_gbp > 0.0 {
        format!(
            "; {} Home Office grant for UASC against it",
            format::money(year.uasc_grant_gbp)
        )
    } else {
        String::new()
    };
    Some(format!(
        "all children-looked-after spend {}, {compared} {}'s outturn ({}){grant}",
        format::money(gross),
        outturn.financial_year,
        format::money(outturn.gross_spend_gbp)
    ))
}
