//! The scenario's name, author and notes.

use crate::model::{Edit, Scenario};
use egui::RichText;

/// Draws the details (collapsed by default). Returns the edits made.
pub fn details_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    egui::CollapsingHeader::new(RichText::new("Scenario details").strong().size(15.0))
        .id_salt("scenario_details")
        .default_open(false)
        .show(ui, |ui| {
            ui.label("Name");
            let mut name = scenario.name.clone();
            if ui
                .text_edit_singleline(&mut name)
                .accessible_name("Scenario name")
                .changed()
            {
                edits.push(Edit::Name(name));
            }
            ui.label("Author");
            let mut author = scenario.author.clone();
            if ui
                .text_edit_singleline(&mut author)
                .accessible_name("Scenario author")
                .changed()
            {
                edits.push(Edit::Author(author));
            }
            ui.label("Description and notes");
            let mut description = scenario.description.clone();
            if ui
                .add(egui::TextEdit::multiline(&mut description).desired_rows(4))
                .accessible_name("Scenario description and notes")
                .changed()
            {
                edits.push(Edit::Description(description));
            }
        });
    edits
}
