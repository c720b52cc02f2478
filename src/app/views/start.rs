//! The start page, shown when Care Levers is opened with no file: start from your council (the
//! searchable list, inline), open a file or a recent one, start from an SSDA903 return, or open
//! one of Norfolk's worked examples. It only says what was chosen; the app does it.

use crate::app::command::Command;
use crate::app::message::Message;
use crate::io::scenario_file::EXAMPLES;
use egui::RichText;
use std::path::PathBuf;

/// The start page's own state: what is typed in the council search.
#[derive(Default)]
pub struct StartPage {
    /// The council search box.
    pub search: String,
}

impl StartPage {
    /// Draws the page. `recent` are the recent files, `last_council` the DfE code of the
    /// council last started from. Returns what the user chose.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        recent: &[PathBuf],
        last_council: Option<&str>,
    ) -> Option<Message> {
        let mut chosen = None;
        egui::ScrollArea::vertical()
            .id_salt("start_page")
            .show(ui, |ui| {
                ui.heading("Care Levers");
                ui.label(
                    "What if? Projections of children looked after and placement spend, with the \
                     levers a council can pull. Start from your council's published figures, a \
                     saved scenario, your own SSDA903 return, or Norfolk's worked example.",
                );
                ui.add_space(8.0);
                ui.columns(2, |columns| {
                    chosen = chosen
                        .take()
                        .or(self.council_ui(&mut columns[0], last_council));
                    chosen = chosen.take().or(others_ui(&mut columns[1], recent));
                });
            });
        chosen
    }

    fn council_ui(&mut self, ui: &mut egui::Ui, last_council: Option<&str>) -> Option<Message> {
        let mut chosen = None;
        ui.label(RichText::new("Start from your council").strong().size(18.0));
        ui.label(
            "A starting scenario from the council's published figures (DfE, section 251), from \
             the latest 31 March. Check every number against your own records.",
        );
        let data = match crate::data::councils::CouncilData::shipped() {
            Ok(data) => data,
            Err(error) => {
                ui.label(error.to_string());
                return None;
            }
        };
        if let Some(code) = last_council
            && let Ok(council) = data.find(code)
            && ui
                .button(format!("{} again (last time)", council.name))
                .clicked()
        {
            chosen = Some(Message::CreateForCouncil(council.code.clone()));
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("Type a name, region or code")
                .desired_width(320.0),
        )
        .accessible_name("Search councils");
        if let Some(code) =
            crate::app::modals::council_list_ui(ui, &self.search, "start_councils", 340.0)
        {
            chosen = Some(Message::CreateForCouncil(code));
        }
        ui.label(
            RichText::new(crate::data::councils::ATTRIBUTION)
                .small()
                .weak(),
        );
        chosen
    }
}

fn others_ui(ui: &mut egui::Ui, recent: &[PathBuf]) -> Option<Message> {
    let mut chosen = None;
    ui.label(RichText::new("Open a scenario").strong().size(18.0));
    if ui.button(Command::Open.label()).clicked() {
        chosen = Some(Command::Open.into());
    }
    if recent.is_empty() {
        ui.label(RichText::new("No recent files yet.").weak());
    } else {
        ui.label("Recent files:");
        for path in recent {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                chosen = Some(Message::OpenRecent(path.clone()));
            }
        }
    }
    ui.add_space(12.0);
    ui.label(RichText::new("From your own data").strong().size(18.0));
    ui.label("Your SSDA903 return (the header and episodes files, or a folder of years).");
    if ui.button(Command::NewFromSsda903.label()).clicked() {
        chosen = Some(Command::NewFromSsda903.into());
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("Norfolk's worked example")
            .strong()
            .size(18.0),
    );
    for (index, example) in EXAMPLES.iter().enumerate() {
        if ui.button(example.title).clicked() {
            chosen = Some(Message::OpenExample(index));
        }
        ui.label(RichText::new(example.shows).weak());
    }
    chosen
}
