//! Money by financial year: placement spend against budget, and the net saving.

use super::{Chart, DataTable, Mark, Role, Series, Unit, subtitle};
use crate::model::{Projection, Scenario};
use crate::report::{format, series};

/// The width of each of a year's pair of bars (scenario and doing nothing), in years.
const PAIR_WIDTH: f64 = 0.36;

/// Placement spend against budget by financial year, doing nothing beside it, the Home Office
/// grant for UASC on top of the (net) spend.
pub fn spend_against_budget(scenario: &Scenario, projection: &Projection) -> Chart {
    let years = &projection.years;
    let labels = series::year_labels(projection);
    let index = |i: usize| i as f64;
    let mut chart_series = vec![Series {
        name: if years.iter().any(|y| y.uasc_grant_gbp > 0.0) {
            "Spend (net of the Home Office grant)".into()
        } else {
            "Spend".into()
        },
        role: Role::Scenario,
        mark: Mark::Bars {
            base: vec![0.0; years.len()],
            offset: -0.2,
            width: PAIR_WIDTH,
        },
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [index(i), y.spend_gbp])
            .collect(),
    }];
    let grant = series::grant_on_spend(projection);
    if !grant.is_empty() {
        chart_series.push(Series {
            name: "Home Office grant (UASC)".into(),
            role: Role::Grant,
            mark: Mark::Bars {
                base: grant.iter().map(|(_, net, _)| *net).collect(),
                offset: -0.2,
                width: PAIR_WIDTH,
            },
            points: grant
                .iter()
                .map(|(i, _, amount)| [index(*i), *amount])
                .collect(),
        });
    }
    chart_series.push(Series {
        name: "Doing nothing".into(),
        role: Role::DoNothing,
        mark: Mark::Bars {
            base: vec![0.0; years.len()],
            offset: 0.2,
            width: PAIR_WIDTH,
        },
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [index(i), y.baseline_spend_gbp])
            .collect(),
    });
    // A budget is entered for every year or for none (later years grow from the last listed).
    let budgets: Option<Vec<f64>> = years.iter().map(|y| y.budget_gbp).collect();
    if let Some(budgets) = &budgets {
        chart_series.push(Series {
            name: "Budget".into(),
            role: Role::Budget,
            mark: Mark::Markers,
            points: budgets
                .iter()
                .enumerate()
                .map(|(i, &budget)| [index(i), budget])
                .collect(),
        });
    }
    let counted = series::counted_spend_points(scenario, projection);
    if !counted.is_empty() {
        chart_series.push(Series {
            name: "Counted (what happened)".into(),
            role: Role::Counted,
            mark: Mark::Markers,
            points: counted,
        });
    }

    let variance = |overspend: Option<f64>| match overspend {
        Some(overspend) => {
            let (word, amount) = format::overspend(overspend);
            format!("{} of {amount}", word.to_lowercase())
        }
        None => "no budget entered".to_string(),
    };
    let against = |budget: Option<f64>| match budget {
        Some(budget) => format!("against a budget of {}", format::money(budget)),
        None => "with no budget entered".to_string(),
    };
    let (title, alt_text) = match (years.first(), years.last()) {
        (Some(first), Some(last)) => {
            let first_label = labels.first().cloned().unwrap_or_default();
            let last_label = labels.last().cloned().unwrap_or_default();
            let title = match first.overspend_gbp {
                Some(_) => format!(
                    "Placement spend against budget: {} in {first_label}",
                    variance(first.overspend_gbp)
                ),
                None => format!(
                    "Placement spend: {} in {first_label} (budget not entered)",
                    format::money(first.spend_gbp)
                ),
            };
            let alt = format!(
                "Bar chart of placement spend {} in each financial year from {first_label} to {last_label}, with doing nothing beside each year. In {first_label} the scenario spends {} {}{}. In {last_label} it spends {} {}{}; doing nothing would spend {}.{} The table below gives every year.",
                if budgets.is_some() {
                    "against budget"
                } else {
                    "(no budget entered)"
                },
                format::money(first.spend_gbp),
                against(first.budget_gbp),
                first
                    .overspend_gbp
                    .map(|_| format!(": an {}", variance(first.overspend_gbp)))
                    .unwrap_or_default(),
                format::money(last.spend_gbp),
                against(last.budget_gbp),
                last.overspend_gbp
                    .map(|_| format!(": an {}", variance(last.overspend_gbp)))
                    .unwrap_or_default(),
                format::money(last.baseline_spend_gbp),
                if grant.is_empty() {
                    String::new()
                } else {
                    " Spend is net of the Home Office grant for unaccompanied asylum-seeking children, drawn on top of each year's bar.".to_string()
                }
            );
            (title, alt)
        }
        _ => (
            "Placement spend against budget: no financial year projected".to_string(),
            "No financial year is projected.".to_string(),
        ),
    };
    let rows = years
        .iter()
        .zip(&labels)
        .map(|(y, label)| {
            vec![
                label.clone(),
                format::budget(y.budget_gbp),
                format::money(y.spend_gbp),
                format::overspend_or_none(y.overspend_gbp),
                format::money(y.baseline_spend_gbp),
                format::net_saving(y.net_saving_gbp),
            ]
        })
        .collect();
    Chart {
        title,
        subtitle: subtitle(scenario, "financial year"),
        unit: Unit::Pounds,
        x_labels: labels,
        first_month: None,
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Placement spend, budget and net saving by financial year".into(),
            header: vec![
                "Financial year".into(),
                "Budget".into(),
                "Spend".into(),
                "Overspend or underspend".into(),
                "Doing nothing".into(),
                "Net saving".into(),
            ],
            rows,
        },
    }
}

/// Net saving against doing nothing by financial year (gross saving less what the levers
/// cost): the money view's second chart.
pub fn net_saving_by_year(scenario: &Scenario, projection: &Projection) -> Chart {
    let years = &projection.years;
    let labels = series::year_labels(projection);
    let chart_series = vec![Series {
        name: "Net saving".into(),
        role: Role::Saving,
        mark: Mark::Bars {
            base: vec![0.0; years.len()],
            offset: 0.0,
            width: PAIR_WIDTH,
        },
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [i as f64, y.net_saving_gbp])
            .collect(),
    }];
    let (title, alt_text) = match (years.first(), years.last(), labels.first(), labels.last()) {
        (Some(first), Some(last), Some(first_label), Some(last_label)) => (
            format!(
                "Net saving against doing nothing: {} in {first_label}, {} in {last_label}",
                format::net_saving(first.net_saving_gbp),
                format::net_saving(last.net_saving_gbp)
            ),
            format!(
                "Bar chart of the net saving against doing nothing in each financial year from {first_label} to {last_label}: what the scenario spends less than doing nothing, less what its levers cost. {first_label}: {}; {last_label}: {}. The table below gives every year.",
                format::net_saving(first.net_saving_gbp),
                format::net_saving(last.net_saving_gbp)
            ),
        ),
        _ => (
            "Net saving against doing nothing: no financial year projected".to_string(),
            "No financial year is projected.".to_string(),
        ),
    };
    let rows = years
        .iter()
        .zip(&labels)
        .map(|(y, label)| {
            vec![
                label.clone(),
                format::saving(y.gross_saving_gbp),
                format::money(y.investment_gbp),
                format::net_saving(y.net_saving_gbp),
            ]
        })
        .collect();
    Chart {
        title,
        subtitle: subtitle(scenario, "financial year"),
        unit: Unit::Pounds,
        x_labels: labels,
        first_month: None,
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Gross saving, investment and net saving by financial year".into(),
            header: vec![
                "Financial year".into(),
                "Gross saving".into(),
                "Invested".into(),
                "Net saving".into(),
            ],
            rows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project;
    use crate::report::chart::{Role, target_plan};

    #[test]
    fn the_money_chart_words_overspends_and_underspends_and_never_a_negative_overspend() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let chart = spend_against_budget(&scenario, &projection);
        assert!(chart.title.starts_with("Placement spend against budget: "));
        assert!(
            chart.title.contains("overspend of £") || chart.title.contains("underspend of £"),
            "{}",
            chart.title
        );
        for row in &chart.table.rows {
            assert!(
                row[3].starts_with("Overspend £") || row[3].starts_with("Underspend £"),
                "{row:?}"
            );
            assert!(!row[3].contains("-£"), "{row:?}");
        }
        assert_eq!(chart.table.rows.len(), projection.years.len());
        assert_eq!(chart.table.rows[0][0], "2014-15");
        assert!(!chart.series.iter().any(|s| s.role == Role::Grant));
    }
}
