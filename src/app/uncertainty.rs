//! Uncertainty in the window: Monte Carlo bands computed on a worker thread, the sensitivity
//! tornado, and "what would it take?" goal seek.

use super::{colours, format, levers};
use crate::model::goal_seek::{Goal, SeekResult, seek};
use crate::model::monte_carlo::{DEFAULT_DRAWS, DEFAULT_SEED, monte_carlo};
use crate::model::sensitivity::{Tornado, tornado};
use crate::model::{Bands, FinancialYear, LeverKind, Month, Percentiles, Scenario};
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Corner, FilledArea, Legend, Line, LineStyle, Plot};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Computes Monte Carlo bands on its own thread, always for the newest scenario asked for, so
/// the window never waits. Idle (blocked, no CPU) when nothing is asked.
pub struct BandsWorker {
    requests: Sender<Scenario>,
    results: Receiver<(Scenario, Bands)>,
    /// The last scenario sent.
    asked: Option<Scenario>,
    /// The newest bands and the scenario they are for.
    latest: Option<(Scenario, Bands)>,
}

impl BandsWorker {
    /// Starts the worker thread. `repaint` is called when new bands are ready.
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = channel::<Scenario>();
        let (outbox, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("monte carlo".into())
            .spawn(move || {
                while let Ok(mut scenario) = inbox.recv() {
                    // Only the newest request matters while a lever is being dragged.
                    while let Ok(newer) = inbox.try_recv() {
                        scenario = newer;
                    }
                    // One thread: the other core stays free for the window.
                    let bands = monte_carlo(&scenario, DEFAULT_DRAWS, DEFAULT_SEED, 1);
                    if outbox.send((scenario, bands)).is_err() {
                        break;
                    }
                    repaint();
                }
            });
        if spawned.is_err() {
            eprintln!("care-levers: could not start the Monte Carlo thread; no bands");
        }
        BandsWorker {
            requests,
            results,
            asked: None,
            latest: None,
        }
    }

    /// Asks for bands for `scenario` unless already asked, and collects finished ones.
    pub fn update(&mut self, scenario: &Scenario) {
        while let Ok(result) = self.results.try_recv() {
            self.latest = Some(result);
        }
        if self.asked.as_ref() != Some(scenario) {
            self.asked = Some(scenario.clone());
            // If the thread is gone, the window simply shows no bands.
            let _ = self.requests.send(scenario.clone());
        }
    }

    /// The newest bands, and whether they are for exactly this scenario (false while a newer
    /// request is being worked on).
    pub fn bands(&self, scenario: &Scenario) -> Option<(&Bands, bool)> {
        self.latest
            .as_ref()
            .map(|(for_scenario, bands)| (bands, for_scenario == scenario))
    }
}

/// Headline figures from the bands: the chance of overspending in the first financial year
/// and of reaching the target.
pub fn probability_figures(
    scenario: &Scenario,
    bands: Option<(&Bands, bool)>,
) -> Vec<(String, String, String)> {
    let first_year = scenario.start_month.financial_year();
    let detail = |current: bool| {
        if current {
            format!("of {} draws", format::count(DEFAULT_DRAWS as f64))
        } else {
            "updating...".to_string()
        }
    };
    let percent = |p: f64| format!("{:.0}%", p * 100.0);
    let mut figures = Vec::new();
    match bands {
        Some((bands, current)) => {
            if let Some((_, p)) = bands
                .overspend_probability
                .iter()
                .find(|(year, _)| *year == first_year)
            {
                figures.push((
                    format!("Chance of overspend {first_year}"),
                    percent(*p),
                    detail(current),
                ));
            }
            if let (Some(target), Some(p)) = (scenario.target, bands.target_probability) {
                figures.push((
                    format!(
                        "Chance of {} or fewer by {}",
                        format::count(target.looked_after),
                        target.month.short_label()
                    ),
                    percent(p),
                    detail(current),
                ));
            }
        }
        None => figures.push((
            "Uncertainty".to_string(),
            "calculating".to_string(),
            format!("{} draws", format::count(DEFAULT_DRAWS as f64)),
        )),
    }
    figures
}

fn band_plot(
    ui: &mut egui::Ui,
    id: &str,
    start: Month,
    series: &[Percentiles],
    exact: &[f64],
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
    super::charts::monthly_plot(ui, id, start, money, height)
        .include_y(0.0)
        .label_formatter(move |position| super::charts::hover_label(start, None, money, position))
        .show(ui, |plot| {
            plot.add(
                FilledArea::new("P10 to P90", &xs, &p10, &p90)
                    .fill_color(colours::SCENARIO.gamma_multiply(0.4)),
            );
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
    let plot_height = ((height - 150.0) / 2.0).max(120.0);
    let exact: Vec<f64> = projection.months.iter().map(|m| m.looked_after).collect();
    ui.label(RichText::new("Children in care: median, P25-P75 and P10-P90").strong());
    band_plot(
        ui,
        "bands_children",
        scenario.start_month,
        &bands.looked_after,
        &exact,
        false,
        plot_height,
    );
    let spend_rate = |spend: f64, month: Month| spend / f64::from(month.days()) * 365.25;
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
        true,
        plot_height,
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Chance of overspending the budget:").strong());
        for (year, p) in &bands.overspend_probability {
            ui.label(format!("{year}: {:.0}%", p * 100.0));
        }
        if let (Some(target), Some(p)) = (scenario.target, bands.target_probability) {
            ui.separator();
            ui.label(RichText::new("Chance of reaching the target").strong());
            ui.label(format!(
                "({} by {}): {:.0}%",
                format::count(target.looked_after),
                target.month.short_label(),
                p * 100.0
            ));
        }
    });
    ui.label(
        RichText::new(format!(
            "{} draws, seed {}: every uncertain assumption drawn from its range (Assumptions, \
             and the scenario file), entries and exits varying by chance each month.",
            format::count(bands.draws as f64),
            bands.seed
        ))
        .small()
        .weak(),
    );
}

/// What the sensitivity view keeps between frames.
#[derive(Default)]
pub struct SensitivityState {
    /// The tornado and the scenario it was worked out for.
    tornado: Option<(Scenario, Tornado)>,
    /// Goal seek: children in care (true) or overspend (false).
    goal_is_children: bool,
    target_children: f64,
    target_month: Option<Month>,
    target_year: Option<FinancialYear>,
    lever: Option<LeverKind>,
    /// The last result and the lever value it found.
    result: Option<Result<SeekResult, String>>,
}

/// The sensitivity view: the tornado and "what would it take?". Returns a lever value to apply
/// if the user asked for one.
pub fn sensitivity_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    state: &mut SensitivityState,
    height: f32,
) -> Option<(LeverKind, f64)> {
    let fresh = matches!(&state.tornado, Some((for_scenario, _)) if for_scenario == scenario);
    if !fresh {
        state.tornado = Some((scenario.clone(), tornado(scenario, levers::value_text)));
    }
    let apply = goal_seek_ui(ui, scenario, state);
    ui.separator();
    let Some((_, tornado)) = &state.tornado else {
        return apply;
    };
    ui.label(
        RichText::new(format!(
            "Net saving over the horizon: {} as set. Each bar: how far it moves with one lever \
             or assumption at the low (orange) and high (blue) end of its range.",
            format::money(tornado.base_net_saving_gbp)
        ))
        .strong(),
    );
    tornado_plot(ui, tornado, (height - 150.0).max(200.0));
    apply
}

fn tornado_plot(ui: &mut egui::Ui, tornado: &Tornado, height: f32) {
    let base = tornado.base_net_saving_gbp;
    let count = tornado.swings.len();
    let mut low_bars = Vec::new();
    let mut high_bars = Vec::new();
    for (i, swing) in tornado.swings.iter().enumerate() {
        let y = (count - 1 - i) as f64;
        let describe = |end: &str, saving: f64, children: f64| {
            format!(
                "{} at {end}: net saving {}, {} children in care at the end",
                swing.name,
                format::money(saving),
                format::count(children)
            )
        };
        low_bars.push(
            Bar::new(y, swing.net_saving_gbp.0 - base)
                .base_offset(base)
                .width(0.7)
                .name(describe(
                    &swing.ends.0,
                    swing.net_saving_gbp.0,
                    swing.looked_after.0,
                )),
        );
        high_bars.push(
            Bar::new(y, swing.net_saving_gbp.1 - base)
                .base_offset(base)
                .width(0.7)
                .name(describe(
                    &swing.ends.1,
                    swing.net_saving_gbp.1,
                    swing.looked_after.1,
                )),
        );
    }
    let names: Vec<String> = tornado.swings.iter().map(|s| s.name.clone()).collect();
    Plot::new("tornado")
        .height(height)
        .legend(Legend::default().position(Corner::RightBottom))
        .y_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() > 1e-6 || index < 0.0 {
                return String::new();
            }
            names
                .len()
                .checked_sub(1 + index as usize)
                .and_then(|i| names.get(i))
                .cloned()
                .unwrap_or_default()
        })
        .y_axis_min_width(200.0)
        .x_axis_formatter(|mark, _| format::money(mark.value))
        .y_grid_spacer(move |input| {
            let (min, max) = input.bounds;
            ((min.ceil().max(0.0) as i64)..=(max.floor() as i64).min(count as i64))
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .allow_scroll(false)
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Low end", low_bars)
                    .color(colours::OVERSPEND)
                    .horizontal()
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.bar_chart(
                BarChart::new("High end", high_bars)
                    .color(colours::SCENARIO)
                    .horizontal()
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.vline(egui_plot::VLine::new("As set", base).color(Color32::GRAY));
        });
}

fn goal_seek_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    state: &mut SensitivityState,
) -> Option<(LeverKind, f64)> {
    let mut apply = None;
    let first_year = scenario.start_month.financial_year();
    let last_year = scenario.end_month().financial_year();
    if state.target_month.is_none() {
        let target = scenario.target;
        state.goal_is_children = true;
        state.target_children = target.map_or(770.0, |t| t.looked_after);
        state.target_month = Some(target.map_or(scenario.end_month(), |t| t.month));
        state.target_year = Some(last_year);
        state.lever = Some(LeverKind::FrontDoor);
    }
    ui.label(RichText::new("What would it take?").strong().size(16.0));
    ui.horizontal_wrapped(|ui| {
        ui.label("Reach");
        egui::ComboBox::from_id_salt("goal_kind")
            .selected_text(if state.goal_is_children {
                "children in care"
            } else {
                "no overspend"
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.goal_is_children, true, "children in care");
                ui.selectable_value(&mut state.goal_is_children, false, "no overspend");
            })
            .response
            .accessible_name("Goal");
        if state.goal_is_children {
            ui.add(egui::DragValue::new(&mut state.target_children).range(0.0..=100_000.0))
                .accessible_name("Target number of children in care");
            ui.label("children by");
            let mut month = state.target_month.unwrap_or(scenario.end_month());
            let months: Vec<Month> = (0..scenario.horizon_months())
                .map(|i| scenario.start_month.plus_months(i as i64))
                .collect();
            egui::ComboBox::from_id_salt("goal_month")
                .selected_text(month.short_label())
                .show_ui(ui, |ui| {
                    for m in months {
                        ui.selectable_value(&mut month, m, m.short_label());
                    }
                })
                .response
                .accessible_name("Target month");
            state.target_month = Some(month);
        } else {
            ui.label("in");
            let mut year = state.target_year.unwrap_or(last_year);
            egui::ComboBox::from_id_salt("goal_year")
                .selected_text(year.to_string())
                .show_ui(ui, |ui| {
                    let mut y = first_year;
                    while y <= last_year {
                        ui.selectable_value(&mut year, y, y.to_string());
                        y = y.next();
                    }
                })
                .response
                .accessible_name("Target financial year");
            state.target_year = Some(year);
        }
        ui.label("by moving");
        let mut lever = state.lever.unwrap_or(LeverKind::FrontDoor);
        egui::ComboBox::from_id_salt("goal_lever")
            .selected_text(lever.spec().label)
            .show_ui(ui, |ui| {
                for kind in LeverKind::ALL {
                    ui.selectable_value(&mut lever, kind, kind.spec().label);
                }
            })
            .response
            .accessible_name("Lever to move");
        state.lever = Some(lever);
        if ui.button("Find").clicked() {
            let goal = if state.goal_is_children {
                Goal::LookedAfter {
                    target: state.target_children,
                    month: state.target_month.unwrap_or(scenario.end_month()),
                }
            } else {
                Goal::Overspend {
                    at_most_gbp: 0.0,
                    year: state.target_year.unwrap_or(last_year),
                }
            };
            state.result = Some(seek(scenario, lever, goal).map_err(|e| e.to_string()));
        }
    });
    match &state.result {
        Some(Ok(result)) => {
            let spec = result.lever.spec();
            let value = levers::value_text(result.lever, result.value);
            let achieved = if state.goal_is_children {
                format!("{} children in care", format::count(result.achieved))
            } else if result.achieved <= 0.0 {
                format!("an underspend of {}", format::money(-result.achieved))
            } else {
                format!("an overspend of {}", format::money(result.achieved))
            };
            ui.horizontal_wrapped(|ui| {
                if result.reached {
                    ui.label(format!("{} at {value} gives {achieved}.", spec.label));
                    if ui.button("Apply").clicked() {
                        apply = Some((result.lever, result.value));
                    }
                } else {
                    ui.label(
                        RichText::new(format!(
                            "Not possible with {} alone: even at {value} it gives {achieved}.",
                            spec.label.to_lowercase()
                        ))
                        .color(colours::OVERSPEND),
                    );
                }
            });
        }
        Some(Err(message)) => {
            ui.label(RichText::new(message).color(colours::OVERSPEND));
        }
        None => {}
    }
    apply
}
