//! One function draws every chart the window shows: [`chart_ui`] takes a
//! [`crate::report::chart::Chart`] (the description the PDF and Word briefings draw too) and
//! maps each series' mark to an egui_plot item and its role to a colour and line style. The
//! legend and the hover text come from the same series, by index, so the window cannot name a
//! series differently from a paper.

use super::charts::{Swatch, hover_values, legend_ui, monthly_plot_over, value_text, year_grid};
use super::series;
use crate::app::style as colours;
use crate::report::chart::{Chart, Mark, Role, Series, Unit};
use crate::report::format;
use egui_plot::{
    Bar, BarChart, FilledArea, HLine, Line, LineStyle, MarkerShape, Plot, PlotPoints, PlotUi,
    Points, Text, VLine,
};

/// How a series looks in the window: its colour, how its line is drawn, and its legend swatch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// Its colour.
    pub colour: egui::Color32,
    /// Its line style (for lines and levels).
    pub line: LineStyle,
    /// Its line width, in points.
    pub width: f32,
    /// Its legend entry.
    pub swatch: Swatch,
}

/// The look of a series with `role` drawn as `mark`; `text` is the theme's strong text colour
/// (totals and markers read as ink, in either theme).
pub fn look(role: Role, mark: &Mark, text: egui::Color32) -> Look {
    let line = |colour, line, width| Look {
        colour,
        line,
        width,
        swatch: Swatch::Line(line),
    };
    let area = |colour: egui::Color32| Look {
        colour,
        line: LineStyle::Solid,
        width: 1.0,
        swatch: Swatch::Area,
    };
    let solid = LineStyle::Solid;
    match (role, mark) {
        (Role::Placement(p), Mark::StackedArea { .. }) => {
            area(colours::placement(p).gamma_multiply(0.85))
        }
        (Role::Placement(p), _) => line(colours::placement(p), solid, 2.0),
        (Role::Uasc, _) => area(colours::UASC.gamma_multiply(0.85)),
        (Role::Grant, _) => area(colours::UASC),
        (Role::Cause(cause), _) => area(colours::cause(cause)),
        (Role::Scenario, Mark::Bars { .. }) => area(colours::SCENARIO),
        (Role::DoNothing, Mark::Bars { .. }) => area(colours::DO_NOTHING),
        (Role::Saving, Mark::Bars { .. }) => area(colours::SAVING),
        (Role::Scenario, _) => line(text, solid, 2.0),
        (Role::DoNothing, _) => line(colours::DO_NOTHING, LineStyle::dashed_loose(), 2.5),
        (Role::Budget, _) => line(text, solid, 2.5),
        (Role::Comparison(i), _) => line(colours::comparison(i), colours::comparison_style(i), 3.0),
        (Role::Reference, _) => line(colours::SAVING, LineStyle::dashed_dense(), 2.0),
        (Role::Investment, _) => line(colours::INVESTMENT, solid, 2.5),
        (Role::Spent, _) => line(colours::SCENARIO, solid, 2.5),
        (Role::Saving, _) => line(colours::SAVING, solid, 2.5),
        (Role::Capacity, _) => line(text, solid, 2.5),
        (Role::Need, _) => line(text, LineStyle::dashed_dense(), 2.5),
        (Role::Target, _) => Look {
            swatch: Swatch::Marker,
            ..line(text, LineStyle::dotted_dense(), 2.0)
        },
        (Role::Payback, _) => Look {
            swatch: Swatch::Marker,
            ..line(colours::SCENARIO, LineStyle::dashed_loose(), 1.5)
        },
        (Role::Counted, _) => Look {
            swatch: Swatch::Diamond,
            ..line(text, solid, 1.0)
        },
    }
}

/// The legend's entries for `chart`, in its series' order, with the overspend mark where a
/// year overspends.
pub fn legend_entries(chart: &Chart, text: egui::Color32) -> Vec<(String, egui::Color32, Swatch)> {
    let mut entries: Vec<(String, egui::Color32, Swatch)> = chart
        .series
        .iter()
        .map(|s| {
            let look = look(s.role, &s.mark, text);
            (s.name.clone(), look.colour, look.swatch)
        })
        .collect();
    if !overspends(chart).is_empty() {
        // Before the counted figures, as the marks are drawn.
        let at = chart
            .series
            .iter()
            .position(|s| s.role == Role::Counted)
            .unwrap_or(entries.len());
        entries.insert(
            at,
            (
                OVERSPEND.to_string(),
                colours::OVERSPEND,
                Swatch::Line(LineStyle::Solid),
            ),
        );
    }
    entries
}

/// The legend's name for the mark of a year's overspend.
pub const OVERSPEND: &str = "Overspend";

/// Years whose spend bar rises above the budget: (x of the scenario's bar, budget, spend).
fn overspends(chart: &Chart) -> Vec<(f64, f64, f64)> {
    let spend = chart
        .series
        .iter()
        .find(|s| s.role == Role::Scenario && matches!(s.mark, Mark::Bars { .. }));
    let budget = chart.series.iter().find(|s| s.role == Role::Budget);
    let (Some(spend), Some(budget)) = (spend, budget) else {
        return Vec::new();
    };
    let offset = bar_offset(spend);
    spend
        .points
        .iter()
        .zip(&budget.points)
        .filter(|(s, b)| s[1] > b[1])
        .map(|(s, b)| (s[0] + offset, b[1], s[1]))
        .collect()
}

fn bar_offset(series: &Series) -> f64 {
    match series.mark {
        Mark::Bars { offset, .. } => offset,
        _ => 0.0,
    }
}

/// True for a chart by financial year (bars), false for one by month.
fn is_yearly(chart: &Chart) -> bool {
    chart
        .series
        .iter()
        .any(|s| matches!(s.mark, Mark::Bars { .. }))
}

/// Draws `chart` in `height` points (its legend above it, so it never covers the data). The
/// chart's `id` keeps its zoom apart from other charts'.
pub fn chart_ui(ui: &mut egui::Ui, id: &str, chart: &Chart, height: f32) {
    let text = ui.visuals().strong_text_color();
    let legend = legend_entries(chart, text);
    let height = (height - legend_ui(ui, &legend) - ui.spacing().item_spacing.y).max(70.0);
    let money = chart.unit == Unit::Pounds;
    let plot = if is_yearly(chart) {
        yearly_plot(id, chart, height)
    } else {
        let Some(start) = chart.first_month else {
            return;
        };
        let values = hover_values(chart);
        let counted: Vec<[f64; 2]> = chart
            .series
            .iter()
            .filter(|s| s.role == Role::Counted)
            .flat_map(|s| s.points.iter().copied())
            .collect();
        let span = series::month_span(chart.x_labels.len(), &counted);
        monthly_plot_over(ui, id, start, span, money, height).label_formatter(move |position| {
            super::charts::hover_label(start, Some(&values), money, position)
        })
    };
    let (low, high) = y_range(chart);
    plot.include_y(low).include_y(high).show(ui, |plot| {
        // Areas and bars first, then lines and levels, then markers on top.
        for layer in 0..3 {
            for series in &chart.series {
                if layer_of(&series.mark) == layer {
                    series_ui(plot, chart, series, text);
                }
            }
            if layer == 1 {
                overspends_ui(plot, chart);
            }
        }
    });
}

fn layer_of(mark: &Mark) -> u8 {
    match mark {
        Mark::StackedArea { .. } | Mark::Bars { .. } => 0,
        Mark::Line | Mark::Level => 1,
        Mark::Markers => 2,
    }
}

/// The y axis's range: from zero (or the lowest value) to the highest with room above.
fn y_range(chart: &Chart) -> (f64, f64) {
    let values = chart.series.iter().flat_map(|s| {
        let base: Vec<f64> = match &s.mark {
            Mark::Bars { base, .. } => base.clone(),
            _ => vec![0.0; s.points.len()],
        };
        s.points
            .iter()
            .zip(base)
            .map(|(p, b)| {
                if matches!(s.mark, Mark::Bars { .. }) {
                    p[1] + b
                } else {
                    p[1]
                }
            })
            .collect::<Vec<_>>()
    });
    let values: Vec<f64> = values.collect();
    if values.iter().any(|v| *v < 0.0) {
        series::money_axis_span(values)
    } else {
        // Bars carry their labels above them ("£1.2m over").
        let room = if is_yearly(chart) { 1.25 } else { 1.0 };
        (0.0, series::y_top([values.as_slice()]) * room)
    }
}

/// A plot by financial year: the years' labels under each pair of bars.
fn yearly_plot<'a>(id: &str, chart: &Chart, height: f32) -> Plot<'a> {
    let labels = chart.x_labels.clone();
    let money = chart.unit == Unit::Pounds;
    Plot::new(id.to_string())
        .height(height)
        .x_grid_spacer(year_grid)
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                labels.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| value_text(money, mark.value))
        .y_axis_min_width(56.0)
        .allow_scroll(false)
        .label_formatter(|_| None)
}

/// One series, drawn by its mark in its role's look.
fn series_ui(plot: &mut PlotUi<'_>, chart: &Chart, series: &Series, text: egui::Color32) {
    let look = look(series.role, &series.mark, text);
    let name = series.name.as_str();
    match &series.mark {
        Mark::StackedArea { lower } => {
            let xs: Vec<f64> = series.points.iter().map(|p| p[0]).collect();
            let upper: Vec<f64> = series.points.iter().map(|p| p[1]).collect();
            plot.add(FilledArea::new(name, &xs, lower, &upper).fill_color(look.colour));
        }
        Mark::Bars {
            base,
            offset,
            width,
        } => {
            let bars = series
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let label = chart.x_labels.get(i).map_or("", String::as_str);
                    let bar = Bar::new(p[0] + offset, p[1])
                        .base_offset(base.get(i).copied().unwrap_or(0.0))
                        .width(*width)
                        .name(format!(
                            "{label}: {name} {}",
                            value_text(chart.unit == Unit::Pounds, p[1])
                        ));
                    if series.role == Role::Saving && p[1] < 0.0 {
                        bar.fill(colours::OVERSPEND)
                    } else {
                        bar.fill(look.colour)
                    }
                })
                .collect();
            plot.bar_chart(
                BarChart::new(name, bars)
                    .color(look.colour)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        }
        Mark::Line => plot.line(
            Line::new(name, PlotPoints::from(series.points.clone()))
                .color(look.colour)
                .style(look.line)
                .width(look.width),
        ),
        Mark::Level => {
            if let Some(p) = series.points.first() {
                plot.hline(
                    HLine::new(name, p[1])
                        .color(look.colour)
                        .style(look.line)
                        .width(look.width),
                );
            }
        }
        Mark::Markers => markers_ui(plot, chart, series, look),
    }
}

/// Markers: a target with its level from the start, a payback month with its rule, counted
/// figures as diamonds (on the scenario's bar in a chart by year), a budget as a level across
/// each year's pair of bars.
fn markers_ui(plot: &mut PlotUi<'_>, chart: &Chart, series: &Series, look: Look) {
    let name = series.name.as_str();
    match series.role {
        Role::Budget => {
            for p in &series.points {
                plot.line(
                    Line::new(name, vec![[p[0] - 0.45, p[1]], [p[0] + 0.45, p[1]]])
                        .color(look.colour)
                        .width(look.width),
                );
            }
        }
        Role::Target | Role::Payback => {
            for p in &series.points {
                if series.role == Role::Target {
                    // From the projection's start: the target says nothing of the years before.
                    plot.line(
                        Line::new(name, series::target_line(p, chart.x_labels.len()).to_vec())
                            .color(look.colour)
                            .style(look.line)
                            .width(look.width),
                    );
                } else {
                    // The month the savings repay the investment, as a rule across the chart.
                    plot.vline(
                        VLine::new(name, p[0])
                            .color(look.colour)
                            .style(look.line)
                            .width(look.width),
                    );
                }
            }
            plot.points(
                Points::new(name, series.points.clone())
                    .color(look.colour)
                    .radius(6.0),
            );
        }
        Role::Counted => {
            // On a chart by year a counted spend sits on the scenario's own bar.
            let shift = chart
                .series
                .iter()
                .find(|s| s.role == Role::Scenario)
                .map_or(0.0, bar_offset);
            let points: Vec<[f64; 2]> =
                series.points.iter().map(|p| [p[0] + shift, p[1]]).collect();
            plot.points(
                Points::new(name, points)
                    .shape(MarkerShape::Diamond)
                    .filled(true)
                    .color(look.colour)
                    .radius(7.0),
            );
        }
        _ => plot.points(
            Points::new(name, series.points.clone())
                .color(look.colour)
                .radius(6.0),
        ),
    }
}

/// Each overspending year: a red mark from the budget up to the spend, and "£1.2m over".
fn overspends_ui(plot: &mut PlotUi<'_>, chart: &Chart) {
    for (x, budget, spend) in overspends(chart) {
        plot.line(
            Line::new(OVERSPEND, vec![[x, budget], [x, spend]])
                .color(colours::OVERSPEND)
                .width(6.0),
        );
        plot.text(
            Text::new(
                "",
                [x, spend].into(),
                egui::RichText::new(format::overspend_short(spend - budget))
                    .color(colours::OVERSPEND)
                    .strong(),
            )
            .anchor(egui::Align2::CENTER_BOTTOM),
        );
    }
}
