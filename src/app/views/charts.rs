//! What the window's plots share: month and year grids and axes, hover text, the legend drawn
//! above a chart, other scenarios' overlays, and a chart's description in words and figures.
//! The charts themselves are drawn by [`super::plot::chart_ui`] from `report::chart`.

use super::series;
use crate::model::Month;
use crate::report::chart::{Chart, Mark};
use crate::report::format;
use egui_plot::{GridInput, GridMark, HoverPosition, LineStyle, Plot};
use std::collections::HashMap;

/// Grid marks every month, stronger every quarter and every year.
pub(crate) fn month_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let first = min.floor().max(-1200.0) as i64;
    let last = max.ceil().min(1200.0) as i64;
    (first..=last)
        .map(|i| GridMark {
            value: i as f64,
            step_size: if i % 12 == 0 {
                12.0
            } else if i % 3 == 0 {
                3.0
            } else {
                1.0
            },
        })
        .collect()
}

/// Grid marks at each financial year.
pub(crate) fn year_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let first = min.floor().max(-100.0) as i64;
    let last = max.ceil().min(100.0) as i64;
    (first..=last)
        .map(|i| GridMark {
            value: i as f64,
            step_size: 1.0,
        })
        .collect()
}

fn month_at(start: Month, x: f64) -> Month {
    start.plus_months(x.round() as i64)
}

/// A plot with months on the x axis, counts or money on the y axis, and a legend.
/// `months` is how many months the chart's data spans from `start`: dates are only written
/// under those months, and there is room after the last so its date is never cut off.
pub(crate) fn monthly_plot<'a>(
    ui: &egui::Ui,
    id: &str,
    start: Month,
    months: usize,
    money: bool,
    height: f32,
) -> Plot<'a> {
    monthly_plot_over(
        ui,
        id,
        start,
        (0, months.saturating_sub(1) as i64),
        money,
        height,
    )
}

/// As [`monthly_plot`], for data from month `span.0` to month `span.1` since `start` (the first
/// may be negative: counts before the projection).
pub(crate) fn monthly_plot_over<'a>(
    ui: &egui::Ui,
    id: &str,
    start: Month,
    span: (i64, i64),
    money: bool,
    height: f32,
) -> Plot<'a> {
    // How many months one date label needs, so labels never run into each other: a label is
    // about eight characters wide.
    let label_width = ui.text_style_height(&egui::TextStyle::Body) * 4.5;
    let months_on_screen = (ui.available_width() / label_width).max(1.0);
    let (x_min, x_max) = series::span_axis_range(span);
    let (first, last) = (span.0 as f64, span.1 as f64);
    Plot::new(id.to_string())
        .height(height)
        .set_margin_fraction(egui::vec2(0.0, 0.05))
        .include_x(x_min)
        .include_x(x_max)
        .x_grid_spacer(month_grid)
        .x_axis_formatter(move |mark, range| {
            let span = (range.end() - range.start()).max(1.0) as f32;
            let fits_quarters = span / 3.0 <= months_on_screen;
            let on_data = mark.value >= first - 0.01 && mark.value <= last + 0.01;
            if on_data && (mark.step_size >= 12.0 || (mark.step_size >= 3.0 && fits_quarters)) {
                month_at(start, mark.value).short_label()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| value_text(money, mark.value))
        .y_axis_min_width(56.0)
        .allow_scroll(false)
}

/// A figure on a chart's value axis or in its hover text: money as "£12.3m", else a count.
pub(crate) fn value_text(money: bool, value: f64) -> String {
    if money {
        format::money(value)
    } else {
        format::count(value)
    }
}

/// Hover text: the series name, the month and its exact value (from `values` where given, so
/// that stacked areas show their own count rather than the running total).
pub(crate) fn hover_label(
    start: Month,
    values: Option<&HashMap<String, Vec<f64>>>,
    money: bool,
    position: &HoverPosition<'_>,
) -> Option<String> {
    let HoverPosition::NearDataPoint {
        plot_name,
        position,
        ..
    } = position
    else {
        return None;
    };
    let month = month_at(start, position.x);
    let value = values
        .and_then(|values| values.get(*plot_name))
        .and_then(|series| series.get(position.x.round().max(0.0) as usize))
        .copied()
        .unwrap_or(position.y);
    let shown = value_text(money, value);
    Some(format!("{plot_name}\n{}: {shown}", month.short_label()))
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    /// A filled band.
    Area,
    /// A line in a style.
    Line(LineStyle),
    /// A point.
    Marker,
    /// A diamond: a counted figure.
    Diamond,
}

/// What is left of a view `height` points tall that began at `top` (a `ui.cursor().top()`),
/// less `reserve` for what comes after the charts still to draw. Views size their charts by
/// it, so a view fits its height on a small screen (1024×600) instead of pushing its last axis
/// out of sight.
pub fn remaining_height(ui: &egui::Ui, top: f32, height: f32, reserve: f32) -> f32 {
    height - (ui.cursor().top() - top) - reserve
}

/// A legend drawn above a chart, wrapping across lines, so it never covers the data.
/// Returns the height it took, in points.
pub fn legend_ui(ui: &mut egui::Ui, entries: &[(String, egui::Color32, Swatch)]) -> f32 {
    ui.horizontal_wrapped(|ui| {
        for (name, colour, swatch) in entries {
            // Swatch and name are one item, so a line break never separates them.
            let galley = egui::WidgetText::from(name.as_str()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let swatch_width = 22.0;
            let gap = ui.spacing().item_spacing.x;
            let height = ui
                .text_style_height(&egui::TextStyle::Body)
                .max(galley.size().y);
            let size = egui::vec2(swatch_width + gap + galley.size().x + 8.0, height);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name.as_str()));
            let painter = ui.painter();
            let swatch_rect = egui::Rect::from_min_size(rect.min, egui::vec2(swatch_width, height));
            let mid = swatch_rect.center().y;
            match swatch {
                Swatch::Area => {
                    painter.rect_filled(
                        swatch_rect.shrink2(egui::vec2(2.0, height * 0.25)),
                        2.0,
                        *colour,
                    );
                }
                Swatch::Marker => {
                    painter.circle_filled(swatch_rect.center(), 5.0, *colour);
                }
                Swatch::Diamond => {
                    let c = swatch_rect.center();
                    let r = 6.0;
                    painter.add(egui::Shape::convex_polygon(
                        vec![
                            egui::pos2(c.x, c.y - r),
                            egui::pos2(c.x + r, c.y),
                            egui::pos2(c.x, c.y + r),
                            egui::pos2(c.x - r, c.y),
                        ],
                        *colour,
                        egui::Stroke::NONE,
                    ));
                }
                Swatch::Line(style) => {
                    let stroke = egui::Stroke::new(2.5, *colour);
                    let points = [
                        egui::pos2(swatch_rect.left(), mid),
                        egui::pos2(swatch_rect.right(), mid),
                    ];
                    match style {
                        LineStyle::Solid => {
                            painter.line_segment(points, stroke);
                        }
                        LineStyle::Dotted { .. } => {
                            painter.extend(egui::Shape::dotted_line(&points, *colour, 5.0, 1.5));
                        }
                        LineStyle::Dashed { .. } => {
                            painter.extend(egui::Shape::dashed_line(&points, stroke, 6.0, 4.0));
                        }
                    }
                }
            }
            let text_pos = egui::pos2(
                swatch_rect.right() + gap,
                rect.center().y - galley.size().y / 2.0,
            );
            painter.galley(text_pos, galley, ui.visuals().text_color());
        }
    })
    .response
    .rect
    .height()
}

/// The chart in words and figures, closed by default above the chart: its active title, its
/// alt text and its data as a table (for screen readers, and for anyone who wants the
/// numbers): the same description the chart is drawn from and a paper carries
/// ([`crate::report::chart`]). Returns the height it took.
pub fn chart_in_words_ui(ui: &mut egui::Ui, id: &str, chart: &Chart) -> f32 {
    let top = ui.cursor().top();
    egui::CollapsingHeader::new("This chart in words and figures")
        .id_salt(("chart_in_words", id))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&chart.title).strong());
            ui.label(&chart.alt_text);
            ui.label(egui::RichText::new(&chart.table.caption).italics());
            egui::ScrollArea::vertical()
                .id_salt(("chart_table", chart.table.caption.as_str()))
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new(("chart_grid", chart.table.caption.as_str()))
                        .striped(true)
                        .show(ui, |ui| {
                            for heading in &chart.table.header {
                                ui.label(egui::RichText::new(heading).strong());
                            }
                            ui.end_row();
                            for row in &chart.table.rows {
                                for cell in row {
                                    ui.label(cell);
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    ui.cursor().top() - top
}

/// Each series' own values by name, for the hover text: a stacked area's own count (not the
/// running total it is drawn at), every other series' y.
pub(crate) fn hover_values(chart: &Chart) -> HashMap<String, Vec<f64>> {
    chart
        .series
        .iter()
        .map(|s| {
            let values = match &s.mark {
                Mark::StackedArea { lower } => {
                    s.points.iter().zip(lower).map(|(p, l)| p[1] - l).collect()
                }
                _ => s.points.iter().map(|p| p[1]).collect(),
            };
            (s.name.clone(), values)
        })
        .collect()
}
