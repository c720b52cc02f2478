//! "Plan against outcome": each counted figure beside the scenario's projection and its
//! do-nothing twin for the same month, the difference, and whether it lies inside the band.

use crate::app::format;
use crate::model::outcome::{OutcomeRow, plan_against_outcome, spend_against_outcome};
use crate::model::{Bands, Projection, Scenario};
use egui::RichText;

/// The difference in words: "+339 (+44%)".
pub(crate) fn difference_text(row: &OutcomeRow) -> String {
    match (row.difference(), row.difference_percent()) {
        (Some(difference), Some(percent)) => {
            format!("{} ({percent:+.0}%)", format::count_change(difference))
        }
        (Some(difference), None) => format::count_change(difference),
        _ => "–".into(),
    }
}

/// Whether the count is inside the band, in words.
pub(crate) fn band_text(row: &OutcomeRow, bands_current: bool) -> String {
    match (row.planned, row.band, row.inside_band()) {
        (None, _, _) => "outside the projection".into(),
        (Some(_), Some((low, high)), Some(inside)) => format!(
            "{} ({} to {}){}",
            if inside { "inside" } else { "outside" },
            format::count(low),
            format::count(high),
            if bands_current { "" } else { ", updating" }
        ),
        _ => "band not worked out yet".into(),
    }
}

/// Draws the view.
pub fn plan_against_outcome_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    bands: Option<(&Bands, bool)>,
) {
    let rows = plan_against_outcome(scenario, projection, bands.map(|(b, _)| b));
    let current = bands.is_some_and(|(_, current)| current);
    if rows.is_empty() && scenario.actuals.spend.is_empty() {
        ui.label(
            "This scenario holds no counted figures. Add them to the file under `actuals` (see \
             docs/model.md, \"Actuals\") to see the plan beside what happened.",
        );
        return;
    }
    // The source gets a column wide enough to read; the table scrolls sideways if need be.
    let source_width = (ui.available_width() - 760.0).clamp(280.0, 560.0);
    let source_ui = |ui: &mut egui::Ui, text: &str| {
        ui.scope(|ui| {
            ui.set_width(source_width);
            ui.add(egui::Label::new(RichText::new(text).small()).wrap());
        });
    };
    egui::ScrollArea::both()
        .id_salt("plan_against_outcome")
        .show(ui, |ui| {
            ui.label(RichText::new("Children in care").strong());
            egui::Grid::new("outcome_children")
                .striped(true)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for heading in [
                        "Counted at the end of",
                        "Counted",
                        "Plan",
                        "Doing nothing",
                        "Counted against plan",
                        "Inside the P10-P90 band?",
                        "Source",
                    ] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for row in &rows {
                        ui.label(row.month.short_label());
                        ui.label(format::count(row.counted));
                        ui.label(row.planned.map_or("–".into(), format::count));
                        ui.label(row.do_nothing.map_or("–".into(), format::count));
                        ui.label(difference_text(row));
                        ui.label(band_text(row, current));
                        source_ui(ui, &row.source);
                        ui.end_row();
                    }
                });
            let spend = spend_against_outcome(scenario, projection);
            if !spend.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("Spend").strong());
                egui::Grid::new("outcome_spend")
                    .striped(true)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        for heading in [
                            "Financial year",
                            "Spent",
                            "Budget",
                            "Plan",
                            "Doing nothing",
                            "Source",
                        ] {
                            ui.label(RichText::new(heading).strong());
                        }
                        ui.end_row();
                        for row in &spend {
                            ui.label(row.financial_year.to_string());
                            ui.label(format::money(row.counted_gbp));
                            ui.label(row.budget_gbp.map_or("–".into(), format::money));
                            ui.label(
                                row.planned_gbp
                                    .map_or("outside the projection".into(), format::money),
                            );
                            ui.label(row.do_nothing_gbp.map_or("–".into(), format::money));
                            source_ui(ui, &row.source);
                            ui.end_row();
                        }
                    });
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(
                    "A count is inside the band if it lies between the 10th and 90th percentiles \
                     of the Monte Carlo draws for that month (to within half a child). The \
                     command `care-levers backtest FILE` re-starts the projection at an earlier \
                     count and compares it with every later one.",
                )
                .small()
                .weak(),
            );
        });
}
