//! The uncertainty view: Monte Carlo bands for children in care and spend, and the chances of
//! overspending and of reaching the target. The bands come from `jobs::bands`.

use super::charts::Swatch;
use super::series;
use crate::app::panels::headline::HeadlineFigure;
use crate::app::style as colours;
use crate::model::monte_carlo::DEFAULT_DRAWS;
use crate::model::{Bands, Month, Percentiles, Scenario};
use crate::report::format;
use egui::RichText;
use egui_plot::{FilledArea, Line, LineStyle};

/// Headline figures from the bands: the chance of overspending in the first financial year
/// and of reaching the target.
pub fn probability_figures(
    scenario: &Scenario,
    bands: Option<(&Bands, bool)>,
) -> Vec<HeadlineFigure> {
    let first_year = scenario.start_month.financial_year();
    let detail = |current: bool, draws: usize| {
        if current {
            format!("of {} draws", format::count(DEFAULT_DRAWS as f64))
        } else {
            format!("{} draws, updating...", format::count(draws as f64))
        }
    };
    let percent = format::percent;
    let mut figures = Vec::new();
    match bands {
        Some((bands, current)) => {
            if let Some((_, p)) = bands
                .overspend_probability
                .iter()
                .find(|(year, _)| *year == first_year)
            {
                figures.push(HeadlineFigure {
                    label: format!("Chance of overspend {first_year}"),
                    value: percent(*p),
                    detail: detail(current, bands.draws),
                });
            }
            if let (Some(target), Some(p)) =
                (scenario.target_in_horizon(), bands.target_probability)
            {
                figures.push(HeadlineFigure {
                    label: format!(
                        "Chance of {} or fewer by {}",
                        format::count(target.looked_after),
                        target.month.short_label()
                    ),
                    value: percent(p),
                    detail: detail(current, bands.draws),
                });
            }
        }
        // The same cards as when the bands are in, so the headline does not jump when they arrive.
        None => {
            figures.push(HeadlineFigure {
                label: format!("Chance of overspend {first_year}"),
                value: "calculating".to_string(),
                detail: format!("{} draws", format::count(DEFAULT_DRAWS as f64)),
            });
            if let Some(target) = scenario.target_in_horizon() {
                figures.push(HeadlineFigure {
                    label: format!(
                        "Chance of {} or fewer by {}",
                        format::count(target.looked_after),
                        target.month.short_label()
                    ),
                    value: "calculating".to_string(),
                    detail: format!("{} draws", format::count(DEFAULT_DRAWS as f64)),
                });
            }
        }
    }
    figures
}

/// A band chart: P10-P90 and P25-P75 around the median, the central projection, and (where
/// given) the do-nothing twin's P10-P90 band and median from the same draws.
#[allow(clippy::too_many_arguments)] // Each argument is one thing the chart shows.
fn band_plot(
    ui: &mut egui::Ui,
    id: &str,
    start: Month,
    series: &[Percentiles],
    exact: &[f64],
    twin: &[Percentiles],
    money: bool,
    height: f32,
) {
    let xs: Vec<f64> = (0..series.len()).map(|i| i as f64).collect();
    let pick = |f: fn(&Percentiles) -> f64| series.iter().map(f).collect::<Vec<f64>>();
    let (p10, p25, p50, p75, p90) = (
        pick(|p| p.p10),
        pick(|p| p.p25),
        pick(|p| p.p50),
        pick(|p| p.p75),
        pick(|p| p.p90),
    );
    let text = ui.visuals().strong_text_color();
    let has_twin = twin.len() == series.len();
    let band_colour = colours::SCENARIO.gamma_multiply(0.4);
    let mut legend = vec![
        ("P10 to P90".to_string(), band_colour, Swatch::Area),
        (
            "P25 to P75".to_string(),
            colours::SCENARIO.gamma_multiply(0.75),
            Swatch::Area,
        ),
        (
            "Median".to_string(),
            colours::SCENARIO,
            Swatch::Line(LineStyle::Solid),
        ),
        (
            "Central projection".to_string(),
            text,
            Swatch::Line(LineStyle::dashed_loose()),
        ),
    ];
    if has_twin {
        legend.push((
            "Doing nothing, P10 to P90".to_string(),
            colours::DO_NOTHING.gamma_multiply(0.35),
            Swatch::Area,
        ));
        legend.push((
            "Doing nothing, median".to_string(),
            colours::DO_NOTHING,
            Swatch::Line(LineStyle::dashed_loose()),
        ));
    }
    // The legend sits above the chart, never over the bands.
    let height = (height - super::charts::legend_ui(ui, &legend)).max(60.0);
    super::charts::monthly_plot(ui, id, start, series.len(), money, height)
        .include_y(0.0)
        .include_y(series::y_top([p90.as_slice()]))
        .label_formatter(move |position| super::charts::hover_label(start, None, money, position))
        .show(ui, |plot| {
            plot.add(FilledArea::new("P10 to P90", &xs, &p10, &p90).fill_color(band_colour));
            plot.add(
                FilledArea::new("P25 to P75", &xs, &p25, &p75)
                    .fill_color(colours::SCENARIO.gamma_multiply(0.75)),
            );
            let points = |ys: &[f64]| -> Vec<[f64; 2]> {
                ys.iter().enumerate().map(|(i, &y)| [i as f64, y]).collect()
            };
            plot.line(
                Line::new("Median", points(&p50))
                    .color(colours::SCENARIO)
                    .width(2.5),
            );
            if has_twin {
                let low: Vec<f64> = twin.iter().map(|p| p.p10).collect();
                let high: Vec<f64> = twin.iter().map(|p| p.p90).collect();
                let median: Vec<f64> = twin.iter().map(|p| p.p50).collect();
                plot.add(
                    FilledArea::new("Doing nothing, P10 to P90", &xs, &low, &high)
                        .fill_color(colours::DO_NOTHING.gamma_multiply(0.35)),
                );
                plot.line(
                    Line::new("Doing nothing, median", points(&median))
                        .color(colours::DO_NOTHING)
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            plot.line(
                Line::new("Central projection", points(exact))
                    .color(text)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
        });
}

/// The uncertainty view: bands for children in care and spend, and the probabilities.
pub fn uncertainty_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &crate::model::Projection,
    bands: Option<(&Bands, bool)>,
    height: f32,
) {
    let Some((bands, current)) = bands else {
        ui.label("Calculating 1,000 draws...");
        return;
    };
    if !current {
        ui.label(RichText::new("Updating for the latest change...").weak());
    }
    let view_top = ui.cursor().top();
    // The chances and the note under the charts take about 90 points.
    let plot_height =
        ((super::charts::remaining_height(ui, view_top, height, 90.0) - 50.0) / 2.0).max(90.0);
    let exact: Vec<f64> = projection.months.iter().map(|m| m.looked_after).collect();
    ui.label(RichText::new("Children in care: median, P25-P75 and P10-P90").strong());
    band_plot(
        ui,
        "bands_children",
        scenario.start_month,
        &bands.looked_after,
        &exact,
        &bands.baseline_looked_after,
        false,
        plot_height,
    );
    let spend_rate = series::spend_per_year;
    let spend: Vec<Percentiles> = bands
        .spend_gbp
        .iter()
        .zip(&bands.months)
        .map(|(p, &m)| Percentiles {
            p10: spend_rate(p.p10, m),
            p25: spend_rate(p.p25, m),
            p50: spend_rate(p.p50, m),
            p75: spend_rate(p.p75, m),
            p90: spend_rate(p.p90, m),
        })
        .collect();
    let exact_spend: Vec<f64> = projection
        .months
        .iter()
        .map(|m| spend_rate(m.spend_gbp, m.month))
        .collect();
    ui.label(RichText::new("Placement spend, £ a year at each month's rate").strong());
    band_plot(
        ui,
        "bands_spend",
        scenario.start_month,
        &spend,
        &exact_spend,
        &[],
        true,
        plot_height,
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Chance of overspending the budget:").strong());
        for (year, p) in &bands.overspend_probability {
            ui.label(format!("{year}: {}", format::percent(*p)));
        }
        if let (Some(target), Some(p)) = (scenario.target_in_horizon(), bands.target_probability) {
            ui.separator();
            ui.label(RichText::new("Chance of reaching the target").strong());
            ui.label(format!(
                "({} by {}): {}",
                format::count(target.looked_after),
                target.month.short_label(),
                format::percent(p)
            ));
        }
        if let Some(p) = bands.below_do_nothing_probability {
            ui.separator();
            ui.label(RichText::new("Chance of ending below doing nothing:").strong());
            ui.label(format::percent(p));
        }
    });
    ui.label(
        RichText::new(format!(
            "{} draws, seed {}: every uncertain assumption drawn from its range (Assumptions, \
             and the scenario file), each lever's effect achieved and start delay drawn too, \
             entries and exits varying by chance each month. The grey band is doing nothing \
             in the same draws.",
            format::count(bands.draws as f64),
            bands.seed
        ))
        .small()
        .weak(),
    );
}
