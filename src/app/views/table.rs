//! The financial-year table: the same numbers, in the same order, as the exported tables.

use crate::app::format;
use crate::model::Projection;
use egui::RichText;

/// Draws the table of financial years.
pub fn years_table_ui(ui: &mut egui::Ui, projection: &Projection) {
    let columns = [
        "Financial\nyear",
        "Children in\ncare at end",
        "Doing\nnothing",
        "Spend (net of\nUASC grant)",
        "Spend doing\nnothing",
        "Budget",
        "Over or\nunderspend",
        "Investment",
        "Gross\nsaving",
        "Net\nsaving",
        "Cumulative\nnet saving",
        "UASC gross\nspend",
        "Home Office\nUASC grant",
    ];
    let labels = super::series::year_labels(projection);
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("years_table")
            .striped(true)
            .num_columns(columns.len())
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                for column in columns {
                    ui.label(RichText::new(column).strong());
                }
                ui.end_row();
                let names = crate::io::export::yearly_csv_header();
                for (y, label) in projection.years.iter().zip(labels) {
                    ui.label(label);
                    let values = crate::io::export::year_values(y);
                    for (value, name) in values.iter().zip(&names[1..]).skip(1) {
                        ui.label(if *name == "overspend_gbp" {
                            format::overspend_short(*value)
                        } else if name.ends_with("_gbp") {
                            format::money(*value)
                        } else {
                            format::count(*value)
                        });
                    }
                    ui.end_row();
                }
            });
    });
}
