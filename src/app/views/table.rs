//! The financial-year table: the same numbers, in the same order, as the exported tables.

use crate::model::Projection;
use crate::report::table::{Kind, YEAR_COLUMNS, YearColumn};
use egui::RichText;

/// Draws the table of financial years: the columns of [`YEAR_COLUMNS`] (but the months a year
/// covers, which only the exports carry).
pub fn years_table_ui(ui: &mut egui::Ui, projection: &Projection) {
    let columns: Vec<&YearColumn> = YEAR_COLUMNS
        .iter()
        .filter(|c| c.kind != Kind::Months)
        .collect();
    let labels = super::series::year_labels(projection);
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("years_table")
            .striped(true)
            .num_columns(columns.len() + 1)
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Financial\nyear").strong());
                for column in &columns {
                    ui.label(RichText::new(column.heading).strong());
                }
                ui.end_row();
                for (year, label) in projection.years.iter().zip(labels) {
                    ui.label(label);
                    for column in &columns {
                        ui.label(column.text(year));
                    }
                    ui.end_row();
                }
            });
    });
}

/// Draws a table the report made (header row in bold, striped rows). Every table in the window
/// that holds figures is one of these; `last_column_width`, where given, wraps the last column
/// (a source, a note) at that width.
pub fn data_table_ui(
    ui: &mut egui::Ui,
    id: &str,
    table: &crate::report::chart::DataTable,
    last_column_width: Option<f32>,
) {
    egui::Grid::new(("data_table", id))
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for heading in &table.header {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for row in &table.rows {
                let last = row.len().saturating_sub(1);
                for (i, cell) in row.iter().enumerate() {
                    match last_column_width {
                        Some(width) if i == last => {
                            ui.scope(|ui| {
                                ui.set_width(width);
                                ui.add(egui::Label::new(RichText::new(cell).small()).wrap());
                            });
                        }
                        _ => {
                            ui.label(cell);
                        }
                    }
                }
                ui.end_row();
            }
        });
}
