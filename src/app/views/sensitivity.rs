//! The sensitivity view: the tornado (what matters most) and goal seek ("what would it take?").

use crate::app::message::Message;
use crate::app::style as colours;
use crate::model::goal_seek::{Goal, SeekResult, seek};
use crate::model::sensitivity::{Tornado, tornado};
use crate::model::{Edit, FinancialYear, LeverKind, Month, Scenario};
use crate::report::format;
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Plot};

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

impl SensitivityState {
    /// Sets goal seek to `children` in care by `month` (e.g. the number at the statistical
    /// neighbours' median rate), keeping the lever chosen.
    pub fn seek_children(&mut self, children: f64, month: Month) {
        self.goal_is_children = true;
        self.target_children = children.round();
        self.target_month = Some(month);
        if self.lever.is_none() {
            self.lever = Some(LeverKind::FrontDoor);
        }
        self.result = None;
    }

    /// Draws the view for `scenario`. Returns the edit to make if the user applied a goal-seek
    /// answer.
    pub fn ui(&mut self, ui: &mut egui::Ui, scenario: &Scenario, height: f32) -> Option<Message> {
        sensitivity_ui(ui, scenario, self, height)
    }
}

/// The sensitivity view: the tornado and "what would it take?".
fn sensitivity_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    state: &mut SensitivityState,
    height: f32,
) -> Option<Message> {
    let top = ui.cursor().top();
    let fresh = matches!(&state.tornado, Some((for_scenario, _)) if for_scenario == scenario);
    if !fresh {
        state.tornado = Some((scenario.clone(), tornado(scenario, format::lever_value)));
    }
    let apply = goal_seek_ui(ui, scenario, state);
    ui.separator();
    let apply = apply.map(|(kind, value)| Message::Edit(Edit::LeverValue(kind, value)));
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
    // The rest of the view's height (less a line for the note under it), so the view fits
    // and needs no scrolling.
    let used = ui.cursor().top() - top;
    tornado_plot(ui, tornado, (height - used - 30.0).max(110.0));
    apply
}

/// The height each bar needs for its name to be shown beside it, in points.
const BAR_ROW_HEIGHT: f32 = 22.0;

/// How many of `total` bars (largest swing first) a plot `height` high can label: all of them if
/// they fit, else as many as fit, never fewer than 3.
pub(crate) fn bars_that_fit(total: usize, height: f32) -> usize {
    let fit = ((height - 30.0) / BAR_ROW_HEIGHT).floor().max(3.0) as usize;
    total.min(fit)
}

fn tornado_plot(ui: &mut egui::Ui, tornado: &Tornado, height: f32) {
    let base = tornado.base_net_saving_gbp;
    // The legend above the bars, never over them.
    let legend_height = super::charts::legend_ui(
        ui,
        &[
            (
                "Low end of the range".to_string(),
                colours::OVERSPEND,
                super::charts::Swatch::Area,
            ),
            (
                "High end of the range".to_string(),
                colours::SCENARIO,
                super::charts::Swatch::Area,
            ),
            (
                "As set".to_string(),
                Color32::GRAY,
                super::charts::Swatch::Line(egui_plot::LineStyle::Solid),
            ),
        ],
    );
    let height = (height - legend_height - 8.0).max(90.0);
    // Swings come largest first; a bar too thin to carry its name helps nobody.
    let count = bars_that_fit(tornado.swings.len(), height);
    let swings = &tornado.swings[..count];
    let mut low_bars = Vec::new();
    let mut high_bars = Vec::new();
    for (i, swing) in swings.iter().enumerate() {
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
    let names: Vec<String> = swings.iter().map(|s| s.name.clone()).collect();
    Plot::new("tornado")
        .height(height)
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
    if let Some(largest_left_out) = tornado.swings.get(count) {
        ui.label(format!(
            "The {count} largest of {} shown; each of the others moves the net saving by {} or less across its range.",
            tornado.swings.len(),
            format::money(largest_left_out.net_saving_spread())
        ));
    }
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
            let value = format::lever_value(result.lever, result.value);
            let achieved = format::goal_result(&result.goal, result.achieved);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bars_tall_enough_for_their_names_are_drawn() {
        assert_eq!(bars_that_fit(30, 1000.0), 30);
        assert_eq!(bars_that_fit(30, 300.0), 12);
        assert_eq!(bars_that_fit(30, 50.0), 3, "never fewer than three");
        assert_eq!(bars_that_fit(2, 50.0), 2);
        for height in [160.0, 330.0, 600.0] {
            let n = bars_that_fit(30, height);
            assert!((height - 30.0) / n as f32 >= BAR_ROW_HEIGHT || n == 3);
        }
    }
}
