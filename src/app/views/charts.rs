//! The four charts. Each reads the projection and draws; none edits anything.

use super::series;
use crate::app::style as colours;
use crate::app::{format, workspace::Workspace};
use crate::model::{Month, PlacementType, Projection, Scenario};
use egui_plot::{
    Bar, BarChart, FilledArea, GridInput, GridMark, HLine, HoverPosition, Line, LineStyle, Plot,
    PlotPoints, Points, Text, VLine,
};
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
fn year_grid(input: GridInput) -> Vec<GridMark> {
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

fn headroom<'a>(series: impl IntoIterator<Item = &'a [f64]>) -> f64 {
    series::y_top(series)
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
        .y_axis_formatter(move |mark, _| {
            if money {
                format::money(mark.value)
            } else {
                format::count(mark.value)
            }
        })
        .y_axis_min_width(56.0)
        .allow_scroll(false)
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
    let shown = if money {
        format::money(value)
    } else {
        format::count(value)
    };
    Some(format!("{plot_name}\n{}: {shown}", month.short_label()))
}

/// Another open scenario's total, drawn over the active one's chart.
pub struct Overlay {
    /// The scenario's name.
    pub name: String,
    /// Its comparison colour.
    pub colour: egui::Color32,
    /// Its line style (dotted or dashed: never a filled band).
    pub style: LineStyle,
    /// Its first month.
    pub start: Month,
    /// Children in care at the end of each month.
    pub looked_after: Vec<f64>,
}

impl Overlay {
    /// The overlay for an open document (its projection must be current).
    pub fn of(document: &crate::app::document::Document) -> Self {
        Overlay {
            name: document.display_name(),
            colour: colours::comparison(document.colour_index),
            style: colours::comparison_style(document.colour_index),
            start: document.scenario.start_month,
            looked_after: series::monthly(document.last_projection(), |m| m.looked_after),
        }
    }

    /// Every open scenario chosen for comparison other than the active one.
    pub fn others(workspace: &Workspace) -> Vec<Overlay> {
        let active = workspace.active().id;
        workspace
            .documents()
            .iter()
            .filter(|d| d.id != active && d.shown_in_comparison)
            .map(Overlay::of)
            .collect()
    }
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

/// The name counted figures go by on the charts.
pub const COUNTED: &str = "Counted (what happened)";

/// Counted figures as large diamonds in the text colour: a shape no projection uses.
pub(crate) fn counted_markers(points: Vec<[f64; 2]>, colour: egui::Color32) -> Points<'static> {
    Points::new(COUNTED, points)
        .shape(egui_plot::MarkerShape::Diamond)
        .filled(true)
        .color(colour)
        .radius(7.0)
}

/// The chart in words and figures, closed by default above the chart: its active title, its
/// alt text and its data as a table (for screen readers, and for anyone who wants the
/// numbers). The same description a paper carries ([`crate::report::chart`]), built only
/// while the section is open (not on every frame). Returns the height it took.
pub fn chart_in_words_ui(
    ui: &mut egui::Ui,
    id: &str,
    describe: impl FnOnce() -> crate::report::chart::Chart,
) -> f32 {
    let top = ui.cursor().top();
    egui::CollapsingHeader::new("This chart in words and figures")
        .id_salt(("chart_in_words", id))
        .show(ui, |ui| {
            let chart = describe();
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

/// Chart 1: children in care by month, stacked by placement, with "do nothing", the target,
/// the totals of other scenarios chosen for comparison, and a reference level (e.g. the number
/// in care at the statistical neighbours' median rate) with its name.
pub fn children_in_care_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    others: &[Overlay],
    reference: Option<&(String, f64)>,
    height: f32,
) {
    let start = scenario.start_month;
    let xs: Vec<f64> = (0..projection.months.len()).map(|i| i as f64).collect();
    let mut values: HashMap<String, Vec<f64>> = HashMap::new();
    let mut areas = Vec::new();
    let text_colour = ui.visuals().strong_text_color();
    let mut legend = Vec::new();
    for band in series::placement_stack(projection) {
        let p = band.placement;
        let colour = colours::placement(p).gamma_multiply(0.85);
        areas.push(FilledArea::new(p.label(), &xs, &band.lower, &band.upper).fill_color(colour));
        legend.push((p.label().to_string(), colour, Swatch::Area));
        values.insert(p.label().to_string(), band.counts);
    }
    if let Some((counts, lower, upper)) = series::uasc_band(projection) {
        let name = "Unaccompanied asylum-seeking children";
        let colour = colours::UASC.gamma_multiply(0.85);
        areas.push(FilledArea::new(name, &xs, &lower, &upper).fill_color(colour));
        legend.push((name.to_string(), colour, Swatch::Area));
        values.insert(name.into(), counts);
    }
    let total_name = "Children in care";
    let do_nothing_name = "Doing nothing";
    let totals = series::monthly(projection, |m| m.looked_after);
    let baseline = series::monthly(projection, |m| m.baseline_looked_after);
    values.insert(total_name.into(), totals.clone());
    values.insert(do_nothing_name.into(), baseline.clone());
    legend.push((
        total_name.to_string(),
        text_colour,
        Swatch::Line(LineStyle::Solid),
    ));
    legend.push((
        do_nothing_name.to_string(),
        colours::DO_NOTHING,
        Swatch::Line(LineStyle::dashed_loose()),
    ));
    for other in others {
        legend.push((other.name.clone(), other.colour, Swatch::Line(other.style)));
    }
    let target = series::target_marker(scenario);
    if let Some((name, _)) = &target {
        legend.push((name.clone(), text_colour, Swatch::Marker));
    }
    if let Some((name, _)) = reference {
        legend.push((
            name.clone(),
            colours::SAVING,
            Swatch::Line(LineStyle::dashed_dense()),
        ));
    }
    let counted = series::counted_points(scenario);
    if !counted.is_empty() {
        legend.push((COUNTED.to_string(), text_colour, Swatch::Diamond));
    }
    // The legend above takes some of the height.
    let legend_height = legend_ui(ui, &legend) + ui.spacing().item_spacing.y;
    let height = (height - legend_height).max(120.0);
    let span = series::month_span(totals.len(), &counted);
    monthly_plot_over(ui, "children_in_care", start, span, false, height)
        .include_y(0.0)
        .include_y(headroom([
            totals.as_slice(),
            baseline.as_slice(),
            reference
                .map(|(_, level)| std::slice::from_ref(level))
                .unwrap_or_default(),
        ]))
        .label_formatter(|position| hover_label(start, Some(&values), false, position))
        .show(ui, |plot| {
            for area in areas {
                plot.add(area);
            }
            if let Some((name, level)) = reference {
                plot.hline(
                    HLine::new(name.clone(), *level)
                        .color(colours::SAVING)
                        .style(LineStyle::dashed_dense())
                        .width(2.0),
                );
            }
            plot.line(
                Line::new(total_name, points(&totals))
                    .color(text_colour)
                    .width(2.0),
            );
            plot.line(
                Line::new(do_nothing_name, points(&baseline))
                    .color(colours::DO_NOTHING)
                    .style(LineStyle::dashed_loose())
                    .width(2.5),
            );
            for other in others {
                let line = series::offset_points(start, other.start, &other.looked_after);
                plot.line(
                    Line::new(other.name.clone(), PlotPoints::from(line))
                        .color(other.colour)
                        .style(other.style)
                        .width(3.0),
                );
            }
            if let Some((name, point)) = target {
                // From the projection's start: the target says nothing of the years before.
                plot.line(
                    Line::new(
                        name.clone(),
                        series::target_line(&point, totals.len()).to_vec(),
                    )
                    .color(text_colour)
                    .style(LineStyle::dotted_dense())
                    .width(2.0),
                );
                plot.points(
                    Points::new(name, vec![point])
                        .color(text_colour)
                        .radius(6.0),
                );
            }
            if !counted.is_empty() {
                plot.points(counted_markers(counted, text_colour));
            }
        });
}

fn points(ys: &[f64]) -> PlotPoints<'static> {
    ys.iter()
        .enumerate()
        .map(|(i, &y)| [i as f64, y])
        .collect::<Vec<_>>()
        .into()
}

/// Chart 2: spend against budget by financial year, overspend marked, "do nothing" beside it,
/// and the net saving per year underneath.
pub fn money_by_year_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    height: f32,
) {
    let view_top = ui.cursor().top();
    let years = &projection.years;
    // Counted spend sits on the scenario's own bar.
    let counted: Vec<[f64; 2]> = series::counted_spend_points(scenario, projection)
        .into_iter()
        .map(|[x, y]| [x - 0.2, y])
        .collect();
    let counted_colour = ui.visuals().strong_text_color();
    let labels = series::year_labels(projection);
    let labels_for_axis = labels.clone();
    let year_axis = move |mark: GridMark, _: &std::ops::RangeInclusive<f64>| {
        let index = mark.value.round();
        if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
            labels_for_axis
                .get(index as usize)
                .cloned()
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    let spend_bars: Vec<Bar> = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            Bar::new(i as f64 - 0.2, y.spend_gbp)
                .width(0.36)
                .name(format!(
                    "{}: spend {}",
                    labels[i],
                    format::money(y.spend_gbp)
                ))
        })
        .collect();
    let baseline_bars: Vec<Bar> = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            Bar::new(i as f64 + 0.2, y.baseline_spend_gbp)
                .width(0.36)
                .name(format!(
                    "{}: doing nothing {}",
                    labels[i],
                    format::money(y.baseline_spend_gbp)
                ))
        })
        .collect();
    // The Home Office grant for UASC on top of the (net) spend: bar and grant reach the gross.
    let grant_bars: Vec<Bar> = series::grant_on_spend(projection)
        .into_iter()
        .map(|(i, net, grant)| {
            Bar::new(i as f64 - 0.2, grant)
                .base_offset(net)
                .width(0.36)
                .name(format!(
                    "{}: Home Office grant {} for UASC; gross spend {}, net {}",
                    labels[i],
                    format::money(grant),
                    format::money(net + grant),
                    format::money(net)
                ))
        })
        .collect();
    let budget_colour = ui.visuals().strong_text_color();
    let spends: Vec<f64> = years
        .iter()
        .flat_map(|y| {
            [
                y.spend_gbp + y.uasc_grant_gbp,
                y.baseline_spend_gbp,
                y.budget_gbp,
            ]
        })
        .collect();
    ui.label(
        egui::RichText::new(if grant_bars.is_empty() {
            "Spend and budget"
        } else {
            "Spend (net of the Home Office grant for UASC) and budget"
        })
        .strong(),
    );
    // The legend above the chart, never over the first year's bars.
    let mut legend = vec![("Spend".to_string(), colours::SCENARIO, Swatch::Area)];
    if !grant_bars.is_empty() {
        legend.push((
            "Home Office grant (UASC)".to_string(),
            colours::UASC,
            Swatch::Area,
        ));
    }
    legend.push((
        "Doing nothing".to_string(),
        colours::DO_NOTHING,
        Swatch::Area,
    ));
    legend.push((
        "Budget".to_string(),
        budget_colour,
        Swatch::Line(LineStyle::Solid),
    ));
    if years.iter().any(|y| y.overspend_gbp > 0.0) {
        legend.push((
            "Overspend".to_string(),
            colours::OVERSPEND,
            Swatch::Line(LineStyle::Solid),
        ));
    }
    if !counted.is_empty() {
        legend.push((COUNTED.to_string(), counted_colour, Swatch::Diamond));
    }
    legend_ui(ui, &legend);
    // Two thirds of what is left for spend, the rest (less its title) for the net saving.
    let left = remaining_height(ui, view_top, height, 0.0);
    let top_height = (left * 0.64).max(90.0);
    Plot::new("money_by_year")
        .height(top_height)
        .x_grid_spacer(year_grid)
        .x_axis_formatter(year_axis.clone())
        .y_axis_formatter(|mark, _| format::money(mark.value))
        .y_axis_min_width(56.0)
        .include_y(0.0)
        .include_y(headroom([spends.as_slice()]) * 1.25)
        .allow_scroll(false)
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Spend", spend_bars)
                    .color(colours::SCENARIO)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            if !grant_bars.is_empty() {
                plot.bar_chart(
                    BarChart::new("Home Office grant (UASC)", grant_bars)
                        .color(colours::UASC)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
            }
            plot.bar_chart(
                BarChart::new("Doing nothing", baseline_bars)
                    .color(colours::DO_NOTHING)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            for (i, y) in years.iter().enumerate() {
                let x = i as f64;
                plot.line(
                    Line::new(
                        "Budget",
                        vec![[x - 0.45, y.budget_gbp], [x + 0.45, y.budget_gbp]],
                    )
                    .color(budget_colour)
                    .width(2.5),
                );
                if y.overspend_gbp > 0.0 {
                    plot.line(
                        Line::new(
                            "Overspend",
                            vec![[x - 0.2, y.budget_gbp], [x - 0.2, y.spend_gbp]],
                        )
                        .color(colours::OVERSPEND)
                        .width(6.0),
                    );
                    plot.text(
                        Text::new(
                            "",
                            [x - 0.2, y.spend_gbp].into(),
                            egui::RichText::new(format!("{} over", format::money(y.overspend_gbp)))
                                .color(colours::OVERSPEND)
                                .strong(),
                        )
                        .anchor(egui::Align2::CENTER_BOTTOM),
                    );
                }
            }
            if !counted.is_empty() {
                plot.points(counted_markers(counted, counted_colour));
            }
        });
    ui.label(egui::RichText::new("Net saving against doing nothing").strong());
    let saving_bars: Vec<Bar> = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            Bar::new(i as f64, y.net_saving_gbp)
                .width(0.5)
                .fill(if y.net_saving_gbp >= 0.0 {
                    colours::SAVING
                } else {
                    colours::OVERSPEND
                })
                .name(format!(
                    "{}: net saving {} (gross {} less investment {})",
                    labels[i],
                    format::money(y.net_saving_gbp),
                    format::money(y.gross_saving_gbp),
                    format::money(y.investment_gbp)
                ))
        })
        .collect();
    let (saving_low, saving_high) = series::money_axis_span(years.iter().map(|y| y.net_saving_gbp));
    Plot::new("net_saving_by_year")
        .height(remaining_height(ui, view_top, height, 8.0).max(70.0))
        .x_grid_spacer(year_grid)
        .x_axis_formatter(year_axis)
        .y_axis_formatter(|mark, _| format::money(mark.value))
        .y_axis_min_width(56.0)
        .include_y(saving_low)
        .include_y(saving_high)
        .allow_scroll(false)
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Net saving", saving_bars)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
}

/// Chart 3: cumulative net saving against cumulative investment, payback marked.
pub fn savings_and_payback_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    height: f32,
) {
    let start = scenario.start_month;
    let saving_name = "Cumulative net saving";
    let investment_name = "Cumulative investment";
    let savings: Vec<f64> = series::monthly(projection, |m| m.cumulative_net_saving_gbp);
    let investment: Vec<f64> = series::monthly(projection, |m| m.cumulative_investment_gbp);
    let mut values = HashMap::new();
    values.insert(saving_name.to_string(), savings.clone());
    values.insert(investment_name.to_string(), investment.clone());
    let payback = projection.payback.month();
    // The legend above the chart, never over the lines.
    let mut legend = vec![
        (
            investment_name.to_string(),
            colours::INVESTMENT,
            Swatch::Line(LineStyle::Solid),
        ),
        (
            saving_name.to_string(),
            colours::SAVING,
            Swatch::Line(LineStyle::Solid),
        ),
    ];
    if let Some(month) = payback {
        legend.push((
            format!("Paid back: {}", month.short_label()),
            colours::SCENARIO,
            Swatch::Marker,
        ));
    }
    let height = (height - legend_ui(ui, &legend) - ui.spacing().item_spacing.y).max(120.0);
    let (low, high) = series::money_axis_span(savings.iter().chain(&investment).copied());
    monthly_plot(
        ui,
        "savings_and_payback",
        start,
        savings.len(),
        true,
        height,
    )
    .include_y(low)
    .include_y(high)
    .label_formatter(|position| hover_label(start, Some(&values), true, position))
    .show(ui, |plot| {
        plot.hline(HLine::new("", 0.0).color(colours::DO_NOTHING).width(1.0));
        plot.line(
            Line::new(saving_name, points(&savings))
                .color(colours::SAVING)
                .width(2.5),
        );
        plot.line(
            Line::new(investment_name, points(&investment))
                .color(colours::INVESTMENT)
                .width(2.5),
        );
        if let Some(month) = payback {
            let x = month.months_since(start) as f64;
            let name = format!("Paid back: {}", month.short_label());
            plot.vline(
                VLine::new(name.clone(), x)
                    .color(colours::SCENARIO)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            let y = savings.get(x as usize).copied().unwrap_or(0.0);
            plot.points(
                Points::new(name, vec![[x, y]])
                    .color(colours::SCENARIO)
                    .radius(6.0),
            );
        }
    });
}

/// Chart 4: in-house foster places against children needing foster care, and IFA use.
pub fn foster_care_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    height: f32,
) {
    let start = scenario.start_month;
    let series: [(&str, Vec<f64>); 5] = [
        (
            "In-house places (capacity)",
            series::monthly(projection, |m| m.in_house_capacity),
        ),
        (
            "In-house places, doing nothing",
            series::monthly(projection, |m| m.baseline_in_house_capacity),
        ),
        (
            "Children needing foster care",
            series::monthly(projection, |m| {
                m.by_placement.in_house_foster + m.by_placement.ifa
            }),
        ),
        (
            "Children with in-house carers",
            series::monthly(projection, |m| m.by_placement.in_house_foster),
        ),
        (
            "Children with agencies (IFA)",
            series::monthly(projection, |m| m.by_placement.ifa),
        ),
    ];
    let values: HashMap<String, Vec<f64>> = series
        .iter()
        .map(|(name, ys)| (name.to_string(), ys.clone()))
        .collect();
    let text_colour = ui.visuals().strong_text_color();
    // The legend above the chart, never over the lines; its styles are the lines' below.
    let legend = [
        (
            series[0].0.to_string(),
            text_colour,
            Swatch::Line(LineStyle::Solid),
        ),
        (
            series[1].0.to_string(),
            colours::DO_NOTHING,
            Swatch::Line(LineStyle::dashed_loose()),
        ),
        (
            series[2].0.to_string(),
            text_colour,
            Swatch::Line(LineStyle::dashed_dense()),
        ),
        (
            series[3].0.to_string(),
            colours::placement(PlacementType::InHouseFoster),
            Swatch::Line(LineStyle::Solid),
        ),
        (
            series[4].0.to_string(),
            colours::placement(PlacementType::Ifa),
            Swatch::Area,
        ),
    ];
    let height = (height - legend_ui(ui, &legend) - ui.spacing().item_spacing.y).max(120.0);
    monthly_plot(
        ui,
        "foster_care",
        start,
        projection.months.len(),
        false,
        height,
    )
    .include_y(0.0)
    .include_y(headroom(series.iter().map(|(_, ys)| ys.as_slice())))
    .label_formatter(|position| hover_label(start, Some(&values), false, position))
    .show(ui, |plot| {
        let [capacity, baseline_capacity, need, in_house, ifa] = &series;
        plot.line(
            Line::new(capacity.0, points(&capacity.1))
                .color(text_colour)
                .width(2.5),
        );
        plot.line(
            Line::new(baseline_capacity.0, points(&baseline_capacity.1))
                .color(colours::DO_NOTHING)
                .style(LineStyle::dashed_loose())
                .width(2.0),
        );
        plot.line(
            Line::new(need.0, points(&need.1))
                .color(text_colour)
                .style(LineStyle::dashed_dense())
                .width(2.5),
        );
        plot.line(
            Line::new(in_house.0, points(&in_house.1))
                .color(colours::placement(PlacementType::InHouseFoster))
                .width(2.0),
        );
        plot.line(
            Line::new(ifa.0, points(&ifa.1))
                .color(colours::placement(PlacementType::Ifa))
                .width(2.0)
                .fill(0.0)
                .fill_alpha(0.3),
        );
    });
}
