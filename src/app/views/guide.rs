//! The guide window (Help → Guide, F1, or the "?" beside a view's title): the sections of
//! `report::guide`, opened at the section asked for. A window beside the work, not a modal, so
//! the chart it explains stays in view; reachable by keyboard (F1) and read by screen readers
//! as headings and text.

use crate::app::View;
use crate::report::guide::SECTIONS;
use egui::RichText;

/// The guide's state: whether it is open, and the section to bring into view next frame.
#[derive(Default)]
pub struct GuideWindow {
    /// Shown.
    pub open: bool,
    /// The section to scroll to (once).
    pub scroll_to: Option<&'static str>,
}

impl GuideWindow {
    /// Opens the guide at `section` (or at the top).
    pub fn show_section(&mut self, section: Option<&'static str>) {
        self.open = true;
        self.scroll_to = Some(section.unwrap_or("start"));
    }

    /// Draws the window while it is open.
    pub fn ui(&mut self, ctx: &egui::Context) {
        let mut open = self.open;
        egui::Window::new("Guide")
            .open(&mut open)
            .default_size([460.0, 520.0])
            .vscroll(true)
            .show(ctx, |ui| {
                for section in SECTIONS {
                    let heading = ui.label(RichText::new(section.heading).heading());
                    if self.scroll_to == Some(section.key) {
                        heading.scroll_to_me(Some(egui::Align::TOP));
                        self.scroll_to = None;
                    }
                    for paragraph in section.paragraphs {
                        ui.label(*paragraph);
                    }
                    ui.add_space(6.0);
                }
            });
        self.open = open;
    }
}

/// The guide section that explains `view`.
pub fn section_for(view: View) -> &'static str {
    match view {
        View::ChildrenInCare => "children",
        View::MoneyByYear
        | View::SavingsAndPayback
        | View::Table
        | View::InvestToSave
        | View::BudgetMonitoring => "money",
        View::Uncertainty | View::Sensitivity => "uncertainty",
        View::SimilarCouncils | View::PlanAgainstOutcome => "councils",
        View::FosterCare | View::Compare => "levers",
    }
}
