//! Meeting mode: full screen, one chart at a time in large type on a light, high-contrast
//! theme, for a projector in a committee room. Also the layout used to export a chart image.

use super::{View, ViewContext, ViewStates, view_ui};
use crate::app::panels::headline::headline_figures;
use crate::model::{LeverKind, Scenario};
use crate::report::format;
use egui::RichText;

/// The charts shown in presentation mode, in order.
pub const CHARTS: [View; 4] = [
    View::ChildrenInCare,
    View::MoneyByYear,
    View::SavingsAndPayback,
    View::FosterCare,
];

/// Presentation mode's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// Index into [`CHARTS`].
    pub chart: usize,
    /// The light, high-contrast projector theme (on by default).
    pub projector_theme: bool,
    /// The small lever overlay is open.
    pub levers_open: bool,
}

impl Presentation {
    /// Starts on `view` if it is a chart, else on the first chart.
    pub fn starting_at(view: View) -> Self {
        Presentation {
            chart: CHARTS.iter().position(|&c| c == view).unwrap_or(0),
            projector_theme: true,
            levers_open: false,
        }
    }

    /// The chart on screen.
    pub fn view(&self) -> View {
        CHARTS[self.chart % CHARTS.len()]
    }

    /// Next chart (wraps round).
    pub fn next_chart(&mut self) {
        self.chart = (self.chart + 1) % CHARTS.len();
    }

    /// Previous chart (wraps round).
    pub fn previous_chart(&mut self) {
        self.chart = (self.chart + CHARTS.len() - 1) % CHARTS.len();
    }
}

/// A one-line summary of the key assumptions and levers, for the foot of a slide.
pub(crate) fn key_assumptions_caption(scenario: &Scenario) -> String {
    let costs = &scenario.costs.weekly_gbp;
    let mut parts = vec![
        format!(
            "{} entries a year ({:+}% a year)",
            format::count(scenario.entries.per_year),
            scenario.entries.demand_trend_percent_per_year
        ),
        format!(
            "residential £{} a week, agency foster care £{} a week, in-house £{} a week",
            format::count(costs.residential),
            format::count(costs.ifa),
            format::count(costs.in_house_foster)
        ),
        format!(
            "inflation {}% a year",
            format::number(scenario.costs.inflation_percent_per_year, 1)
        ),
    ];
    let pulled: Vec<String> = LeverKind::ALL
        .iter()
        .filter(|&&kind| scenario.lever_is_pulled(kind))
        .map(|&kind| {
            let timing = scenario.levers.timing(kind);
            format!(
                "{} {}, {}",
                kind.spec().label.to_lowercase(),
                format::lever_value(kind, timing.value),
                format::lever_timing(&timing)
            )
        })
        .collect();
    if pulled.is_empty() {
        parts.push("no levers pulled".into());
    } else {
        parts.push(format!("levers: {}", pulled.join("; ")));
    }
    format!("Assumptions: {}.", parts.join("; "))
}

/// A chart as a slide: big title, scenario name, the chart, and the caption. Returns the rect
/// of the title and chart together (what a chart image is cropped to).
pub fn chart_slide_ui(
    ui: &mut egui::Ui,
    view: View,
    cx: &ViewContext<'_>,
    states: &mut ViewStates,
    show_headlines: bool,
) -> egui::Rect {
    let document = cx.workspace.active();
    let scenario = &document.scenario;
    let projection = document.last_projection();
    let caption = key_assumptions_caption(scenario);
    ui.scope(|ui| {
        ui.label(RichText::new(view.title()).heading().strong());
        ui.label(RichText::new(&scenario.name).size(26.0));
        if show_headlines {
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                for figure in headline_figures(scenario, projection) {
                    ui.vertical(|ui| {
                        ui.label(RichText::new(&figure.label).size(20.0));
                        ui.label(RichText::new(&figure.value).size(40.0).strong());
                        ui.label(RichText::new(&figure.detail).size(18.0));
                    });
                    ui.add_space(36.0);
                }
            });
        }
        ui.add_space(6.0);
        // Leave room for the caption underneath; only charts are shown as slides.
        let height = (ui.available_height() - 70.0).max(200.0);
        let view = if CHARTS.contains(&view) {
            view
        } else {
            View::ChildrenInCare
        };
        let slide = ViewContext {
            workspace: cx.workspace,
            bands: cx.bands,
            height,
        };
        // Charts return no commands.
        let _ = view_ui(ui, view, &slide, states);
        ui.label(RichText::new(caption).size(18.0));
    })
    .response
    .rect
}
