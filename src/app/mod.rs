//! The desktop window (eframe/egui). It edits a scenario and draws the model's projection;
//! all the numbers come from [`crate::model::project`].

pub mod charts;
pub mod colours;
pub mod format;
pub mod levers;

pub use charts::View;

use crate::model::{FinancialYear, Payback, Projection, Scenario, project};
use egui::RichText;

/// Key for the app's own settings in eframe's storage (the chosen view; never scenarios).
const SETTINGS_KEY: &str = "care_levers_settings";

/// What is remembered between runs besides window size, theme and zoom (which eframe and egui
/// keep themselves). Scenarios are never stored here.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Settings {
    view: View,
}

/// The app: one scenario, its projection, and what the user is looking at.
pub struct CareLeversApp {
    /// The scenario being edited.
    pub scenario: Scenario,
    /// The projection of [`CareLeversApp::scenario`], recomputed whenever it changes.
    projection: Projection,
    /// The scenario the projection was made from, to notice any change.
    projected: Scenario,
    /// The chart or table in the central panel.
    pub view: View,
    /// The last window title sent, so it is only sent when it changes.
    title: String,
}

impl CareLeversApp {
    /// An app showing `scenario`.
    pub fn new(scenario: Scenario) -> Self {
        let projection = project(&scenario);
        CareLeversApp {
            projected: scenario.clone(),
            scenario,
            projection,
            view: View::ChildrenInCare,
            title: String::new(),
        }
    }

    /// An app started by eframe: restores the remembered view.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, scenario: Scenario) -> Self {
        let mut app = CareLeversApp::new(scenario);
        if let Some(settings) = cc
            .storage
            .and_then(|storage| eframe::get_value::<Settings>(storage, SETTINGS_KEY))
        {
            app.view = settings.view;
        }
        app
    }

    /// The projection on screen.
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// Recomputes the projection if the scenario changed since the last one.
    fn refresh(&mut self) {
        if self.scenario != self.projected {
            self.projection = project(&self.scenario);
            self.projected = self.scenario.clone();
        }
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let title = format!("Care Levers – {}", self.scenario.name);
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Care Levers");
                ui.separator();
                ui.label(RichText::new(&self.scenario.name).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    theme_ui(ui);
                });
            });
        });

        egui::Panel::left("levers")
            .resizable(true)
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_space(4.0);
                    levers::levers_ui(ui, &mut self.scenario);
                    ui.add_space(8.0);
                    levers::assumptions_ui(ui, &mut self.scenario);
                    ui.add_space(8.0);
                });
            });

        // Levers are drawn first so that this frame's charts already show their effect.
        self.refresh();

        egui::CentralPanel::default().show(ui, |ui| {
            headline_ui(ui, &self.scenario, &self.projection);
            ui.separator();
            ui.horizontal(|ui| {
                for view in View::ALL {
                    ui.selectable_value(&mut self.view, view, view.label());
                }
            });
            ui.add_space(4.0);
            ui.label(RichText::new(self.view.title()).heading());
            let height = (ui.available_height() - 8.0).max(160.0);
            match self.view {
                View::ChildrenInCare => {
                    charts::children_in_care_ui(ui, &self.scenario, &self.projection, height)
                }
                View::MoneyByYear => charts::money_by_year_ui(ui, &self.projection, height),
                View::SavingsAndPayback => {
                    charts::savings_and_payback_ui(ui, &self.scenario, &self.projection, height)
                }
                View::FosterCare => {
                    charts::foster_care_ui(ui, &self.scenario, &self.projection, height)
                }
                View::Table => years_table_ui(ui, &self.projection),
            }
        });
    }
}

/// Light / dark / system theme, in words (the default fonts have no icon glyphs for these).
fn theme_ui(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    // Right-to-left layout: added in reverse.
    ui.selectable_value(&mut preference, egui::ThemePreference::Dark, "Dark");
    ui.selectable_value(&mut preference, egui::ThemePreference::Light, "Light");
    ui.selectable_value(&mut preference, egui::ThemePreference::System, "System");
    ui.label("Theme:");
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}

/// The headline numbers as (label, value, detail) triples, in the order shown.
pub fn headline_figures(
    scenario: &Scenario,
    projection: &Projection,
) -> Vec<(String, String, String)> {
    let mut figures = Vec::new();
    if let Some(last) = projection.last_month() {
        figures.push((
            format!("Children in care, {}", last.month.short_label()),
            format::count(last.looked_after),
            format!(
                "{} against doing nothing ({})",
                format::count_change(last.looked_after - last.baseline_looked_after),
                format::count(last.baseline_looked_after)
            ),
        ));
    }
    let this_year = scenario.start_month.financial_year();
    if let Some(year) = projection.year(this_year) {
        figures.push((
            format!("Overspend {}", this_year),
            format::money(year.overspend_gbp),
            format!(
                "spend {} against budget {}",
                format::money(year.spend_gbp),
                format::money(year.budget_gbp)
            ),
        ));
    }
    if let Some(last) = projection.last_month() {
        figures.push((
            format!("Net saving to {}", last.month.short_label()),
            format::money(last.cumulative_net_saving_gbp),
            format!(
                "after investing {}",
                format::money(last.cumulative_investment_gbp)
            ),
        ));
    }
    let payback = match projection.payback {
        Payback::InMonth(month) => month.short_label(),
        Payback::NotWithinHorizon => "not within the horizon".to_string(),
        Payback::NoInvestment => "no investment".to_string(),
    };
    figures.push((
        "Payback".to_string(),
        payback,
        "when savings repay investment".into(),
    ));
    figures
}

/// The strip of headline numbers.
fn headline_ui(ui: &mut egui::Ui, scenario: &Scenario, projection: &Projection) {
    ui.horizontal_wrapped(|ui| {
        for (label, value, detail) in headline_figures(scenario, projection) {
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    ui.set_min_width(190.0);
                    ui.vertical(|ui| {
                        ui.label(RichText::new(&label).small());
                        ui.label(RichText::new(&value).size(24.0).strong())
                            .on_hover_text(&detail);
                        ui.label(RichText::new(&detail).small().weak());
                    });
                });
        }
    });
}

/// The financial-year table: the same numbers as the JSON `years`.
fn years_table_ui(ui: &mut egui::Ui, projection: &Projection) {
    let columns = [
        "Financial\nyear",
        "Children in\ncare at end",
        "Doing\nnothing",
        "Spend",
        "Spend doing\nnothing",
        "Budget",
        "Overspend",
        "Investment",
        "Gross\nsaving",
        "Net\nsaving",
        "Cumulative\nnet saving",
    ];
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
                for y in &projection.years {
                    let year: FinancialYear = y.financial_year;
                    let name = if y.months_covered < 12 {
                        format!("{year} ({} months)", y.months_covered)
                    } else {
                        year.to_string()
                    };
                    ui.label(name);
                    ui.label(format::count(y.looked_after_at_end));
                    ui.label(format::count(y.baseline_looked_after_at_end));
                    for value in [
                        y.spend_gbp,
                        y.baseline_spend_gbp,
                        y.budget_gbp,
                        y.overspend_gbp,
                        y.investment_gbp,
                        y.gross_saving_gbp,
                        y.net_saving_gbp,
                        y.cumulative_net_saving_gbp,
                    ] {
                        ui.label(format::money(value));
                    }
                    ui.end_row();
                }
            });
    });
}

impl eframe::App for CareLeversApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        CareLeversApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &Settings { view: self.view });
    }
}

/// Opens the window on `scenario`. Returns when the window closes.
pub fn run_window(scenario: Scenario) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("Care Levers – {}", scenario.name))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Care Levers",
        options,
        Box::new(move |cc| Ok(Box::new(CareLeversApp::from_creation_context(cc, scenario)))),
    )
}
