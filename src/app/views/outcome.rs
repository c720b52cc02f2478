//! "Plan against outcome": each counted figure beside the scenario's projection and its
//! do-nothing twin for the same month, the difference, and whether it lies inside the band.

use crate::model::outcome::{plan_against_outcome, spend_against_outcome};
use crate::model::{Bands, Projection, Scenario};
use crate::report::format::Figures;
use crate::report::outcome::{outcome_table, spend_outcome_table};
use egui::RichText;

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
    egui::ScrollArea::both()
        .id_salt("plan_against_outcome")
        .show(ui, |ui| {
            ui.label(RichText::new("Children in care").strong());
            let children = outcome_table(&rows, Figures::Exact, current, true);
            super::table::data_table_ui(ui, "outcome_children", &children, Some(source_width));
            let spend = spend_against_outcome(scenario, projection);
            if !spend.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("Spend").strong());
                let table = spend_outcome_table(&spend);
                super::table::data_table_ui(ui, "outcome_spend", &table, Some(source_width));
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
