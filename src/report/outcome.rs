//! Plan against outcome in words: each counted figure beside the plan and doing nothing, as one
//! table for the window and the briefing alike.

use super::chart::{DataTable, month_end_label};
use super::format::{self, Figures};
use crate::model::outcome::{OutcomeRow, SpendOutcomeRow};

/// The difference in words: "+339 (+44%)".
pub fn difference_text(row: &OutcomeRow, figures: Figures) -> String {
    match (row.difference(), row.difference_percent()) {
        (Some(difference), Some(percent)) => {
            format!("{} ({percent:+.0}%)", figures.children_change(difference))
        }
        (Some(difference), None) => figures.children_change(difference),
        _ => "–".into(),
    }
}

/// Whether the count is inside the Monte Carlo band, in words ("inside (1,020 to 1,160)");
/// `current` false while the band is being worked out again.
pub fn band_text(row: &OutcomeRow, current: bool, figures: Figures) -> String {
    match (row.planned, row.band, row.inside_band()) {
        (None, _, _) => "outside the projection".into(),
        (Some(_), Some((low, high)), Some(inside)) => format!(
            "{} ({} to {}){}",
            if inside { "inside" } else { "outside" },
            figures.children(low),
            figures.children(high),
            if current { "" } else { ", updating" }
        ),
        _ => "band not worked out yet".into(),
    }
}

/// Children counted against the plan: one row a count, with its source where `with_sources`
/// (the window; a paper names its sources in the footer). Counts as `figures` says (exact in
/// the window, to the nearest 5 in papers).
pub fn outcome_table(
    rows: &[OutcomeRow],
    figures: Figures,
    bands_current: bool,
    with_sources: bool,
) -> DataTable {
    let mut header: Vec<String> = [
        "At",
        "Counted",
        "Planned",
        "Doing nothing",
        "Counted against plan",
        "Inside the P10-P90 band?",
    ]
    .map(String::from)
    .to_vec();
    if with_sources {
        header.push("Source".into());
    }
    DataTable {
        caption: "Children looked after: counted, planned and doing nothing".into(),
        header,
        rows: rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    month_end_label(row.month),
                    figures.children(row.counted),
                    row.planned.map_or("–".into(), |v| figures.children(v)),
                    row.do_nothing.map_or("–".into(), |v| figures.children(v)),
                    difference_text(row, figures),
                    band_text(row, bands_current, figures),
                ];
                if with_sources {
                    cells.push(row.source.clone());
                }
                cells
            })
            .collect(),
    }
}

/// Spend counted against the plan, by financial year, with each figure's source.
pub fn spend_outcome_table(rows: &[SpendOutcomeRow]) -> DataTable {
    DataTable {
        caption: "Placement spend: counted, budget, planned and doing nothing".into(),
        header: [
            "Financial year",
            "Spent",
            "Budget",
            "Planned",
            "Doing nothing",
            "Source",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.financial_year.to_string(),
                    format::money(row.counted_gbp),
                    row.budget_gbp.map_or("–".into(), format::money),
                    row.planned_gbp
                        .map_or("outside the projection".into(), format::money),
                    row.do_nothing_gbp.map_or("–".into(), format::money),
                    row.source.clone(),
                ]
            })
            .collect(),
    }
}
