//! Similar councils: the scenario's council beside its DfE statistical neighbours and England,
//! year by year (the comparisons come from the model; this only draws them).

use super::charts::{Swatch, legend_ui};
use crate::app::style as colours;
use crate::data::councils::CouncilData;
use crate::model::Scenario;
use crate::model::neighbours::{Comparison, Measure};
use crate::report::format;
use crate::report::neighbours::gap_words;
use egui::RichText;
use egui_plot::{FilledArea, HoverPosition, Line, LineStyle, Plot, Points};

/// The comparisons for one council, worked out once.
struct Prepared {
    /// The council's DfE code.
    code: String,
    /// Each measure's comparison, or why there is none.
    comparisons: Result<Vec<Comparison>, String>,
}

/// The view's state: which measure is shown, and the comparisons for the scenario's council.
pub struct SimilarCouncilsState {
    /// The measure shown.
    pub measure: Measure,
    /// Draw the number in care at the neighbours' median rate on the children chart.
    pub on_children_chart: bool,
    prepared: Option<Prepared>,
}

impl Default for SimilarCouncilsState {
    fn default() -> Self {
        SimilarCouncilsState {
            measure: Measure::LookedAfterRate,
            on_children_chart: false,
            prepared: None,
        }
    }
}

fn prepare(code: &str) -> Prepared {
    let comparisons = CouncilData::shipped()
        .map_err(|error| error.to_string())
        .and_then(|data| {
            Measure::ALL
                .into_iter()
                .map(|measure| {
                    data.compare_with_neighbours(code, measure)
                        .map_err(|error| error.to_string())
                })
                .collect()
        });
    Prepared {
        code: code.to_string(),
        comparisons,
    }
}

impl SimilarCouncilsState {
    /// The comparisons for `scenario`'s council, worked out once per council.
    fn comparisons(&mut self, scenario: &Scenario) -> Option<&Prepared> {
        let code = scenario.council.as_deref()?;
        if self.prepared.as_ref().is_none_or(|p| p.code != code) {
            self.prepared = Some(prepare(code));
        }
        self.prepared.as_ref()
    }

    /// The reference line for the children chart, if asked for: the number in care at the
    /// neighbours' median rate in the latest year, with its name.
    pub fn reference_line(&mut self, scenario: &Scenario) -> Option<(String, f64)> {
        if !self.on_children_chart {
            return None;
        }
        let comparisons = self.comparisons(scenario)?.comparisons.as_ref().ok()?;
        let rates = comparisons
            .iter()
            .find(|c| c.measure == Measure::LookedAfterRate)?;
        let year = rates.year_or_latest(None)?;
        let level = year.children_at_median?;
        Some((
            format!(
                "At neighbours' median rate ({}): {}",
                year.year,
                format::count(level)
            ),
            level,
        ))
    }

    /// Draws the view for `scenario`. Returns the number in care at the neighbours' median rate
    /// if the user asked what it would take to reach it.
    pub fn ui(&mut self, ui: &mut egui::Ui, scenario: &Scenario, height: f32) -> Option<f64> {
        let Some(code) = scenario.council.as_deref() else {
            ui.label(
                "This scenario does not name its council, so it cannot be set beside similar \
                 councils. Start from File > New for a council, or add the council's DfE code \
                 to the file, e.g. council: \"926\" for Norfolk (care-levers councils lists \
                 the codes).",
            );
            return None;
        };
        let view_top = ui.cursor().top();
        let mut measure = self.measure;
        let mut on_chart = self.on_children_chart;
        let prepared = self.comparisons(scenario)?;
        let comparisons = match &prepared.comparisons {
            Ok(comparisons) => comparisons,
            Err(reason) => {
                ui.label(format!("No comparison for council {code}: {reason}"));
                return None;
            }
        };
        ui.horizontal_wrapped(|ui| {
            for choice in Measure::ALL {
                ui.selectable_value(&mut measure, choice, choice.label());
            }
            ui.separator();
            ui.checkbox(
                &mut on_chart,
                "Draw the neighbours' median rate on the Children in care chart",
            );
        });
        let comparison = comparisons.iter().find(|c| c.measure == measure)?;
        ui.label(RichText::new(gap_words(comparison, None)).strong());
        // The chart next, sized to leave room for the goal-seek button and the sources under
        // it, so it shows whole on a small screen.
        comparison_chart_ui(
            ui,
            comparison,
            super::charts::remaining_height(ui, view_top, height, 80.0).max(110.0),
        );
        let mut seek = None;
        // Offered only to a council above its neighbours' median: below it, reaching the median
        // would mean more children in care, which no plan aims at.
        if let Some(level) = comparisons
            .iter()
            .find(|c| c.measure == Measure::LookedAfterRate)
            .and_then(|rates| rates.year_or_latest(None))
            .filter(|year| year.children_above_median.is_some_and(|above| above > 0.0))
            .and_then(|year| year.children_at_median)
        {
            let end = scenario.end_month();
            if ui
                .button(format!(
                    "What would it take to reach the neighbours' median rate ({} children) by {}?",
                    format::count(level),
                    end.short_label()
                ))
                .on_hover_text("Sets goal seek in the Sensitivity view to this number of children in care by the projection's last month")
                .clicked()
            {
                seek = Some(level);
            }
        }
        ui.label(
            RichText::new(format!(
                "Statistical neighbours (DfE, May 2025), closest first: {}. Rates: 31 March counts \
                 over the children aged 0-17 at the mid-year before (DfE's convention). Source: DfE \
                 Children looked after in England including adoptions; ONS mid-year population \
                 estimates (Open Government Licence v3.0).",
                comparison
                    .neighbours
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .small()
            .weak(),
        );
        self.measure = measure;
        self.on_children_chart = on_chart;
        seek
    }
}

/// The council's line, its neighbours' median, range and average, and England's.
fn comparison_chart_ui(ui: &mut egui::Ui, comparison: &Comparison, height: f32) {
    let text = ui.visuals().strong_text_color();
    let band = colours::DO_NOTHING.gamma_multiply(0.35);
    let legend = vec![
        (
            comparison.name.clone(),
            colours::SCENARIO,
            Swatch::Line(LineStyle::Solid),
        ),
        (
            "Neighbours' median".to_string(),
            colours::DO_NOTHING,
            Swatch::Line(LineStyle::Solid),
        ),
        ("Neighbours' range".to_string(), band, Swatch::Area),
        (
            "Neighbours' average".to_string(),
            colours::DO_NOTHING,
            Swatch::Line(LineStyle::dashed_loose()),
        ),
        (
            "England".to_string(),
            text,
            Swatch::Line(LineStyle::dotted_loose()),
        ),
    ];
    let height = (height - legend_ui(ui, &legend)).max(80.0);
    let points = |pick: fn(&crate::model::neighbours::ComparedYear) -> Option<f64>| {
        comparison
            .years
            .iter()
            .filter_map(|y| Some([f64::from(y.year), pick(y)?]))
            .collect::<Vec<[f64; 2]>>()
    };
    let ranged: Vec<_> = comparison
        .years
        .iter()
        .filter_map(|y| Some((f64::from(y.year), y.lowest?, y.highest?)))
        .collect();
    let xs: Vec<f64> = ranged.iter().map(|r| r.0).collect();
    let lows: Vec<f64> = ranged.iter().map(|r| r.1).collect();
    let highs: Vec<f64> = ranged.iter().map(|r| r.2).collect();
    let measure = comparison.measure;
    let council = points(|y| y.council);
    Plot::new(("similar_councils", measure.key()))
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .y_axis_min_width(56.0)
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .y_axis_formatter(move |mark, _| match measure {
            Measure::ResidentialShare => format!("{}%", format::number(mark.value, 1)),
            Measure::LookedAfterRate | Measure::StartsRate => format::number(mark.value, 1),
        })
        .label_formatter(move |hover| {
            let HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } = hover
            else {
                return None;
            };
            Some(format!(
                "{plot_name}, 31 March {:.0}: {}",
                position.x,
                crate::report::neighbours::value_words(measure, position.y)
            ))
        })
        .show(ui, |plot| {
            plot.add(FilledArea::new("Neighbours' range", &xs, &lows, &highs).fill_color(band));
            plot.line(
                Line::new("Neighbours' median", points(|y| y.median))
                    .color(colours::DO_NOTHING)
                    .width(2.0),
            );
            plot.line(
                Line::new("Neighbours' average", points(|y| y.average))
                    .color(colours::DO_NOTHING)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            plot.line(
                Line::new("England", points(|y| y.england))
                    .color(text)
                    .style(LineStyle::dotted_loose())
                    .width(1.5),
            );
            plot.line(
                Line::new(comparison.name.clone(), council.clone())
                    .color(colours::SCENARIO)
                    .width(3.0),
            );
            plot.points(
                Points::new(comparison.name.clone(), council)
                    .color(colours::SCENARIO)
                    .radius(3.0),
            );
        });
}
