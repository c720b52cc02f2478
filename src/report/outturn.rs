//! The finance officer's month in words and tables (issue 32): the forecast outturn's headline,
//! the budget-monitoring table in the form committee reports use, the month-by-month build-up,
//! the high-cost placements (no child reference, ever) and the savings tracker. The same in the
//! window, the command line, the exports and the briefing.

use super::chart::{Chart, DataTable};
use super::format;
use crate::model::outturn::savings::{DeliveredBy, SavingsTracker};
use crate::model::outturn::{MonthlyForecast, NewPlacementsFrom, Rag, variance};
use crate::model::scenario::{ForecastSnapshot, SavingLine};

/// A RAG in words, as committee reports print it.
pub fn rag(rag: Option<Rag>) -> &'static str {
    match rag {
        Some(Rag::Green) => "Green",
        Some(Rag::Amber) => "Amber",
        Some(Rag::Red) => "Red",
        None => "No budget entered",
    }
}

/// A movement in money: "up £300k", "down £1.2m", "no change".
pub fn movement(change_gbp: f64) -> String {
    if change_gbp.abs() < 500.0 {
        "no change".into()
    } else if change_gbp > 0.0 {
        format!("up {}", format::money(change_gbp))
    } else {
        format!("down {}", format::money(-change_gbp))
    }
}

/// The forecast in a sentence or two: outturn against budget, the variance and its colour, and
/// the movement since the last saved forecast.
pub fn headline(month: &MonthlyForecast) -> String {
    saved_headline(&month.snapshot(), month.previous.as_ref())
}

/// A saved forecast in a sentence or two, with its movement from `previous`.
pub fn saved_headline(current: &ForecastSnapshot, previous: Option<&ForecastSnapshot>) -> String {
    let mut words = format!(
        "Forecast outturn for {} at {}: {}",
        current.financial_year,
        current.as_at.dfe(),
        format::money(current.forecast_gbp)
    );
    match (
        current.budget_gbp,
        variance(current.forecast_gbp, current.budget_gbp),
    ) {
        (Some(budget), (Some(variance), Some(percent), colour)) => {
            let (word, amount) = format::overspend(variance);
            words.push_str(&format!(
                " against a budget of {}: {} of {amount} ({}% of budget), {}.",
                format::money(budget),
                word.to_lowercase(),
                format::number(percent.abs(), 1),
                rag(colour).to_lowercase()
            ));
        }
        _ => words.push_str(". No budget is entered for the year, so no variance is worked out."),
    }
    match previous {
        Some(previous) => words.push_str(&format!(
            " {} since the forecast at {}.",
            capitalised(&movement(current.forecast_gbp - previous.forecast_gbp)),
            previous.as_at.dfe()
        )),
        None => {
            words.push_str(" No earlier forecast of the year is saved, so no movement is shown.")
        }
    }
    words
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// How the forecast was made, in a sentence: what the list and the scenario gave it.
pub fn method(month: &MonthlyForecast) -> String {
    let f = &month.forecast;
    let new = &month.inputs.new_placements;
    let source = match month.new_placements_from {
        NewPlacementsFrom::Scenario => "the scenario's entries at what the list pays by type",
        NewPlacementsFrom::Entered => "as entered",
    };
    format!(
        "Spend to date {} ({}); {} open placements committed to their end or 31 March, {}; \
         new placements {} a month at £{} a week ({source}), {}; income {}.",
        format::money(f.spend_to_date_gbp),
        if month.inputs.spend_to_date_gbp.is_some() {
            "from the ledger"
        } else {
            "from the list"
        },
        format::count(f.open_placements as f64),
        format::money(f.committed_gbp),
        format::number(new.per_month, 1),
        format::number(new.weekly_cost_gbp, 0),
        format::money(f.new_placements_gbp),
        format::money(f.income_gbp)
    )
}

/// The budget-monitoring table: line, budget, forecast, variance, % of budget, movement. One
/// line per placement type (gross), new placements, income, and the total against the budget.
pub fn monitoring_table(month: &MonthlyForecast) -> DataTable {
    saved_table(&month.snapshot(), month.previous.as_ref())
}

/// A line of the budget-monitoring table by name, as every table of it (and its export) says it.
pub fn line_name(kind: crate::model::outturn::lines::LineKind) -> &'static str {
    use crate::model::outturn::lines::LineKind;
    match kind {
        LineKind::Placement(p) => p.label(),
        LineKind::NewPlacements => "New placements expected",
        LineKind::Income => "Less income",
        LineKind::NotAllocated => "Budget not given to a line",
        LineKind::Total => "Total",
    }
}

/// The budget-monitoring table of a saved forecast, with its movement from `previous`.
pub fn saved_table(f: &ForecastSnapshot, previous: Option<&ForecastSnapshot>) -> DataTable {
    use crate::model::outturn::lines::{LineKind, lines};
    let movement_heading = previous.map_or("Movement".to_string(), |p| {
        format!("Movement since {}", p.as_at.dfe())
    });
    let dash = || "–".to_string();
    let rows = lines(f, previous)
        .into_iter()
        .map(|l| {
            let label = line_name(l.kind).to_string();
            let budget = if l.kind == LineKind::Total {
                format::budget(l.budget_gbp)
            } else {
                l.budget_gbp.map_or_else(dash, format::money)
            };
            vec![
                label,
                budget,
                l.forecast_gbp.map_or_else(dash, format::money),
                l.variance_gbp.map_or_else(dash, format::overspend_short),
                l.variance_percent
                    .map_or_else(dash, |p| format!("{}%", format::number(p, 1))),
                l.movement_gbp.map_or_else(dash, movement),
            ]
        })
        .collect();
    DataTable {
        caption: format!(
            "Budget monitoring, {}: forecast at {}",
            f.financial_year,
            f.as_at.dfe()
        ),
        header: vec![
            "Line".into(),
            "Budget".into(),
            "Forecast".into(),
            "Variance".into(),
            "% of budget".into(),
            movement_heading,
        ],
        rows,
    }
}

/// "£x more than", "£x less than" or "the same as".
fn compared_with(difference_gbp: f64) -> String {
    match format::money_change(difference_gbp).as_str() {
        "no change" => "the same as".to_string(),
        change => format!("{change} than"),
    }
}

/// The scenario's year beside the forecast, in words. A scenario started from the list (its
/// first month the one after the forecast's day) is set beside it as
/// [`crate::model::outturn::agreement`] does; another that projects the whole year is compared on
/// gross placement spend, with what would reconcile them. None where the projection covers the
/// year only in part.
pub fn beside_projection(
    month: &MonthlyForecast,
    scenario: &crate::model::Scenario,
    projection: &crate::model::Projection,
) -> Option<String> {
    let f = &month.forecast;
    if month.as_at.month().map(|m| m.plus_months(1)) == Some(scenario.start_month) {
        let agreed = crate::model::outturn::agreement(projection, scenario.start_month, f);
        return Some(format!(
            "The projection's {} comes to {}: {} the forecast outturn ({}%), children leaving at \
             the scenario's rates where the forecast keeps each placement to its end date or 31 \
             March.",
            agreed.financial_year,
            format::money(agreed.projection_gbp),
            compared_with(agreed.difference_gbp),
            format::number(agreed.difference_percent, 1)
        ));
    }
    let year = projection
        .year(f.financial_year)
        .filter(|y| y.months_covered == 12)?;
    let projected = year.spend_gbp + year.uasc_grant_gbp;
    let listed = f.forecast_gbp + f.income_gbp;
    Some(format!(
        "This scenario projects {} of placement spend in {} before income, {} the {} the list \
         forecasts: its children and prices are its own. Start a scenario from this list to \
         project from the children the council has and what it pays.",
        format::money(projected),
        f.financial_year,
        compared_with(projected - listed),
        format::money(listed)
    ))
}

/// The year month by month: spend in the month and to date, spent or forecast.
pub fn build_up_table(month: &MonthlyForecast) -> DataTable {
    DataTable {
        caption: format!(
            "The forecast for {} building up month by month (net of income)",
            month.forecast.financial_year
        ),
        header: vec![
            "Month".into(),
            "In the month".into(),
            "April to the month's end".into(),
            "Spent or forecast".into(),
        ],
        rows: month
            .months
            .iter()
            .map(|m| {
                vec![
                    m.month.short_label(),
                    format::money(m.spend_gbp),
                    format::money(m.cumulative_gbp),
                    if m.forecast { "Forecast" } else { "Spent" }.into(),
                ]
            })
            .collect(),
    }
}

/// The build-up chart in words, for people who cannot see it.
pub fn build_up_words(month: &MonthlyForecast) -> String {
    let spent = month.months.iter().rfind(|m| !m.forecast);
    let budget = month.forecast.budget_gbp.map_or(String::new(), |b| {
        format!(", against a budget of {}", format::money(b))
    });
    match spent {
        Some(spent) => format!(
            "Spend net of income builds up to {} by {} and is forecast to reach {} by 31 March{budget}. \
             The table below the chart gives every month.",
            format::money(spent.cumulative_gbp),
            super::chart::month_end_label(spent.month),
            format::money(month.forecast.forecast_gbp)
        ),
        None => format!(
            "Spend net of income is forecast to reach {} by 31 March{budget}.",
            format::money(month.forecast.forecast_gbp)
        ),
    }
}

/// The placements over £10,000 a week, dearest first: type, £ a week and the month it started.
/// No child reference, and no day of the month.
pub fn high_cost_table(month: &MonthlyForecast) -> DataTable {
    saved_high_cost_table(&month.snapshot())
}

/// The high-cost placements of a saved forecast.
pub fn saved_high_cost_table(f: &ForecastSnapshot) -> DataTable {
    DataTable {
        caption: format!(
            "Placements costing over £10,000 a week at {}: {}",
            f.as_at.dfe(),
            format::count(f.high_cost.len() as f64)
        ),
        header: vec![
            "Placement type".into(),
            "£ a week".into(),
            "£ a year at that fee".into(),
            "Since".into(),
        ],
        rows: f
            .high_cost
            .iter()
            .map(|p| {
                vec![
                    p.placement.label().to_string(),
                    format!("£{}", format::number(p.weekly_cost_gbp, 0)),
                    format::money(p.weekly_cost_gbp * 365.25 / 7.0),
                    p.since.short_label(),
                ]
            })
            .collect(),
    }
}

/// Slippage in words: "£120k", or "none (£163k ahead)" when more is delivered than planned (no
/// minus sign on money in a paper).
pub fn slippage(slippage_gbp: f64) -> String {
    if slippage_gbp < -500.0 {
        format!("none ({} ahead)", format::money(-slippage_gbp))
    } else {
        format::money(slippage_gbp.max(0.0))
    }
}

/// A saving's line in words: the lever's name, the price lever, or the MTFS line's own name.
pub fn saving_line(line: &SavingLine) -> String {
    match line {
        SavingLine::Lever(kind) => kind.spec().label.to_string(),
        SavingLine::CouncilHomes => "Council homes".into(),
        SavingLine::BlockContract => "Block contract".into(),
        SavingLine::PriceCap => "Cap on providers' prices".into(),
        SavingLine::Other(name) => name.clone(),
    }
}

/// The savings tracker: line, year, planned, forecast delivered (and by whom), slippage, RAG;
/// with a total.
pub fn savings_table(tracker: &SavingsTracker) -> DataTable {
    let mut rows: Vec<Vec<String>> = tracker
        .rows
        .iter()
        .map(|row| {
            vec![
                saving_line(&row.line),
                row.financial_year.to_string(),
                format::money(row.planned_gbp),
                format::money(row.delivered_gbp),
                match row.delivered_by {
                    DeliveredBy::Model => "The model",
                    DeliveredBy::Entered => "Entered",
                    DeliveredBy::NoForecast => "No forecast yet",
                }
                .into(),
                slippage(row.slippage_gbp),
                rag(Some(row.rag)).into(),
            ]
        })
        .collect();
    if !tracker.rows.is_empty() {
        rows.push(vec![
            "Total".into(),
            String::new(),
            format::money(tracker.planned_gbp),
            format::money(tracker.delivered_gbp),
            String::new(),
            slippage(tracker.slippage_gbp),
            rag(Some(crate::model::outturn::savings::rag(
                tracker.planned_gbp,
                tracker.delivered_gbp,
            )))
            .into(),
        ]);
    }
    DataTable {
        caption: "Savings the budget assumed: planned against forecast delivered".into(),
        header: vec![
            "Saving".into(),
            "Year".into(),
            "Planned".into(),
            "Forecast delivered".into(),
            "Forecast by".into(),
            "Slippage".into(),
            "RAG".into(),
        ],
        rows,
    }
}

/// The tracker in a sentence.
pub fn savings_words(tracker: &SavingsTracker) -> String {
    if tracker.rows.is_empty() {
        return "No savings are entered. Enter the savings the budget assumed (the MTFS lines) to \
                track what is forecast to be delivered."
            .into();
    }
    let count = |rag: Rag| tracker.rows.iter().filter(|r| r.rag == rag).count();
    // Slipping: what the savings short of plan are short by (those ahead do not make up for
    // them line by line).
    let slipping: f64 = tracker.rows.iter().map(|r| r.slippage_gbp.max(0.0)).sum();
    format!(
        "{} of savings planned; {} forecast delivered, {} slipping. {} green, {} amber, {} red.",
        format::money(tracker.planned_gbp),
        format::money(tracker.delivered_gbp),
        format::money(slipping),
        count(Rag::Green),
        count(Rag::Amber),
        count(Rag::Red)
    )
}

/// The name of the spend-to-date line in the build-up chart.
pub const SPENT: &str = "Spent to date";
/// The name of the forecast line in the build-up chart.
pub const FORECAST_TO_MARCH: &str = "Forecast to 31 March";

/// The year's spend building up month by month: spent to date (solid), the forecast from there
/// to 31 March (dashed), and the budget (a level), by the end of each month from April.
pub fn build_up_chart(month: &MonthlyForecast) -> Chart {
    use super::chart::{Mark, Role, Series, Unit};
    let f = &month.forecast;
    let at = |i: usize, m: &crate::model::outturn::BuildUpMonth| [i as f64, m.cumulative_gbp];
    let last_spent = month.months.iter().rposition(|m| !m.forecast);
    let spent: Vec<[f64; 2]> = month
        .months
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.forecast)
        .map(|(i, m)| at(i, m))
        .collect();
    // The forecast line starts where spend to date ends, so the two join.
    let forecast: Vec<[f64; 2]> = month
        .months
        .iter()
        .enumerate()
        .filter(|(i, m)| m.forecast || Some(*i) == last_spent)
        .map(|(i, m)| at(i, m))
        .collect();
    let mut series = vec![
        Series {
            name: SPENT.into(),
            role: Role::Spent,
            mark: Mark::Line,
            points: spent,
        },
        Series {
            name: FORECAST_TO_MARCH.into(),
            role: Role::DoNothing,
            mark: Mark::Line,
            points: forecast,
        },
    ];
    if let Some(budget) = f.budget_gbp {
        series.push(Series {
            name: format!("Budget {}", format::money(budget)),
            role: Role::Budget,
            mark: Mark::Level,
            points: vec![[0.0, budget]],
        });
    }
    let title = match f.variance_gbp {
        Some(variance) => {
            let (word, amount) = format::overspend(variance);
            format!(
                "{}: forecast {} against a budget of {}, {} {amount}",
                f.financial_year,
                format::money(f.forecast_gbp),
                format::budget(f.budget_gbp),
                word.to_lowercase()
            )
        }
        None => format!(
            "{}: forecast outturn {}",
            f.financial_year,
            format::money(f.forecast_gbp)
        ),
    };
    Chart {
        title,
        subtitle: format!(
            "From the placement list at {}, by the end of each month from April",
            month.as_at.dfe()
        ),
        unit: Unit::Pounds,
        x_labels: month.months.iter().map(|m| m.month.short_label()).collect(),
        first_month: month.months.first().map(|m| m.month),
        series,
        alt_text: build_up_words(month),
        table: build_up_table(month),
    }
}
