//! The left panel: levers grouped in the users' words, and the collapsed "Assumptions".

use super::format;
use crate::model::{AgeBand, LeverKind, Month, PlacementType, Scenario};
use egui::{RichText, Slider};

/// Draws every lever, grouped. Returns true if anything changed.
pub fn levers_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    let mut group = "";
    for kind in LeverKind::ALL {
        let spec = kind.spec();
        if spec.group != group {
            group = spec.group;
            ui.add_space(6.0);
            ui.label(RichText::new(group).strong().size(15.0));
            ui.separator();
        }
        changed |= lever_ui(ui, scenario, kind);
        ui.add_space(4.0);
    }
    changed
}

/// One lever: name, difference mark, reset, slider, start, ramp and end.
fn lever_ui(ui: &mut egui::Ui, scenario: &mut Scenario, kind: LeverKind) -> bool {
    let spec = kind.spec();
    let neutral = kind.neutral(scenario);
    let pulled = scenario.lever_is_pulled(kind);
    let first_month = scenario.start_month;
    let last_month = scenario.end_month();
    let tooltip = format!("{}\n\n{}", spec.help, spec.source);
    let mut changed = false;

    ui.horizontal(|ui| {
        let name = ui.label(spec.label).on_hover_text(&tooltip);
        if pulled {
            ui.label(
                RichText::new("changed")
                    .small()
                    .color(super::colours::INVESTMENT),
            )
            .on_hover_text(format!(
                "Differs from doing nothing ({})",
                value_text(kind, neutral)
            ));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let reset = ui
                .add_enabled(pulled, egui::Button::new("Reset").small())
                .on_hover_text(format!(
                    "Back to doing nothing: {}",
                    value_text(kind, neutral)
                ))
                .accessible_name(format!("Reset {}", spec.label));
            if reset.clicked() {
                *scenario.levers.timing_mut(kind).value = neutral;
                changed = true;
            }
        });
        name
    });

    let lever = scenario.levers.timing_mut(kind);
    let response = ui
        .add(lever_slider(kind, lever.value))
        .on_hover_text(&tooltip)
        .accessible_name(spec.label);
    changed |= response.changed();
    ui.label(RichText::new(spec.unit).small().weak());

    ui.horizontal(|ui| {
        ui.label("From");
        changed |= month_ui(
            ui,
            lever.start,
            first_month.plus_months(-60),
            last_month,
            &format!("{} start month", spec.label),
        );
        ui.label("ramp");
        let ramp = ui
            .add(
                egui::DragValue::new(lever.ramp_months)
                    .range(0..=120)
                    .suffix(" months"),
            )
            .on_hover_text("Months to reach full effect (0: at once)")
            .accessible_name(format!("{} ramp in months", spec.label));
        changed |= ramp.changed();
    });
    ui.horizontal(|ui| {
        let mut stops = lever.end.is_some();
        let toggle = ui
            .checkbox(&mut stops, "Stops after")
            .accessible_name(format!("{} stops", spec.label));
        if toggle.changed() {
            *lever.end = stops.then_some(last_month.max(*lever.start));
            changed = true;
        }
        if let Some(end) = lever.end.as_mut() {
            let earliest = *lever.start;
            changed |= month_ui(
                ui,
                end,
                earliest,
                last_month.plus_months(60),
                &format!("{} last month", spec.label),
            );
        }
    });
    changed
}

/// A lever's slider: its range, step and unit.
pub fn lever_slider(kind: LeverKind, value: &mut f64) -> Slider<'_> {
    let spec = kind.spec();
    let slider = Slider::new(value, spec.min..=spec.max).clamping(egui::SliderClamping::Always);
    match kind {
        LeverKind::EarlyHelp => slider
            .step_by(50_000.0)
            .custom_formatter(|v, _| format::money(v))
            .custom_parser(parse_money),
        LeverKind::FosterRecruitment | LeverKind::Permanence => {
            slider.step_by(1.0).suffix(" a year")
        }
        _ => slider.step_by(0.5).suffix("%"),
    }
}

/// Every lever as a labelled slider only, for the presentation overlay. Returns true if any
/// changed.
pub fn compact_levers_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    egui::Grid::new("compact_levers")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for kind in LeverKind::ALL {
                let spec = kind.spec();
                ui.label(spec.label);
                let value = scenario.levers.timing_mut(kind).value;
                changed |= ui
                    .add(lever_slider(kind, value))
                    .on_hover_text(spec.help)
                    .accessible_name(spec.label)
                    .changed();
                ui.end_row();
            }
        });
    changed
}

/// The lever's value as users read it, e.g. "£3.0m a year" or "12%".
pub fn value_text(kind: LeverKind, value: f64) -> String {
    match kind {
        LeverKind::EarlyHelp => format!("{} a year", format::money(value)),
        LeverKind::FosterRecruitment => format!("{} households a year", format::number(value, 1)),
        LeverKind::Permanence => format!("{} children a year", format::number(value, 1)),
        _ => format!("{}%", format::number(value, 1)),
    }
}

/// Reads "£3m", "3,000,000", "850k" or "2.5m" as pounds.
pub fn parse_money(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' '))
        .collect::<String>()
        .to_lowercase();
    let cleaned = cleaned.trim_end_matches("ayear").trim_end_matches("/yr");
    let (number, scale) = if let Some(n) = cleaned.strip_suffix('m') {
        (n, 1e6)
    } else if let Some(n) = cleaned.strip_suffix('k') {
        (n, 1e3)
    } else {
        (cleaned, 1.0)
    };
    number
        .parse::<f64>()
        .ok()
        .map(|v| v * scale)
        .filter(|v| v.is_finite())
}

/// A month picker: a drag value over months, shown as "Apr 2014", typed as "2014-04".
fn month_ui(
    ui: &mut egui::Ui,
    month: &mut Month,
    earliest: Month,
    latest: Month,
    accessible_name: &str,
) -> bool {
    let anchor = earliest;
    let mut offset = month.months_since(anchor) as f64;
    let span = latest.months_since(anchor).max(0) as f64;
    ui.add(
        egui::DragValue::new(&mut offset)
            .range(0.0..=span)
            .speed(0.2)
            .custom_formatter(move |v, _| anchor.plus_months(v.round() as i64).short_label())
            .custom_parser(move |text| parse_month(text).map(|m| m.months_since(anchor) as f64)),
    )
    .on_hover_text("Drag, or type a month as 2014-09")
    .accessible_name(accessible_name);
    let new_month = anchor.plus_months(offset.round() as i64);
    let changed = new_month != *month;
    *month = new_month;
    changed
}

/// Reads "2014-09" or "Sep 2014".
fn parse_month(text: &str) -> Option<Month> {
    if let Ok(month) = text.trim().parse::<Month>() {
        return Some(month);
    }
    let (name, year) = text.trim().split_once(' ')?;
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_lowercase();
    let index = NAMES.iter().position(|n| lower.starts_with(n))?;
    Month::new(year.trim().parse().ok()?, index as u32 + 1)
}

/// The "Assumptions" section: collapsed by default.
pub fn assumptions_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    egui::CollapsingHeader::new(RichText::new("Assumptions").strong().size(15.0))
        .id_salt("assumptions")
        .default_open(false)
        .show(ui, |ui| {
            changed |= timing_ui(ui, scenario);
            changed |= costs_ui(ui, scenario);
            changed |= budget_ui(ui, scenario);
            changed |= entries_ui(ui, scenario);
            changed |= exits_ui(ui, scenario);
            changed |= fostering_ui(ui, scenario);
        });
    changed
}

/// A labelled number field in a two-column grid.
fn field_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
    speed: f64,
) -> bool {
    ui.label(label);
    let changed = ui
        .add(
            egui::DragValue::new(value)
                .range(range)
                .speed(speed)
                .suffix(suffix),
        )
        .accessible_name(label)
        .changed();
    ui.end_row();
    changed
}

fn timing_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Time").strong());
    egui::Grid::new("assumptions_time")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Start month");
            let earliest = Month::new(Month::MIN_YEAR, 1).unwrap_or(scenario.start_month);
            let latest = Month::new(Month::MAX_YEAR - 11, 1).unwrap_or(scenario.start_month);
            changed |= month_ui(
                ui,
                &mut scenario.start_month,
                earliest,
                latest,
                "Start month",
            );
            ui.end_row();
            ui.label("Horizon");
            changed |= ui
                .add(Slider::new(&mut scenario.horizon_years, 1..=10).suffix(" years"))
                .accessible_name("Horizon in years")
                .changed();
            ui.end_row();
        });
    changed
}

fn costs_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Unit costs (£ a week per child)").strong());
    egui::Grid::new("assumptions_costs")
        .num_columns(2)
        .show(ui, |ui| {
            for p in PlacementType::ALL {
                ui.label(p.label());
                changed |= ui
                    .add(
                        egui::DragValue::new(&mut scenario.costs.weekly_gbp[p])
                            .range(0.0..=100_000.0)
                            .speed(5.0)
                            .prefix("£"),
                    )
                    .accessible_name(format!("Weekly cost: {}", p.label()))
                    .changed();
                ui.end_row();
            }
            changed |= field_ui(
                ui,
                "Inflation (each April)",
                &mut scenario.costs.inflation_percent_per_year,
                -10.0..=50.0,
                "% a year",
                0.1,
            );
        });
    changed
}

fn budget_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Placement budget").strong());
    egui::Grid::new("assumptions_budget")
        .num_columns(2)
        .show(ui, |ui| {
            for (year, amount) in scenario.budget.by_financial_year_gbp.iter_mut() {
                let label = format!("Budget {year}");
                ui.label(&label);
                changed |= ui
                    .add(
                        egui::DragValue::new(amount)
                            .range(0.0..=10_000_000_000.0)
                            .speed(50_000.0)
                            .custom_formatter(|v, _| format::money(v))
                            .custom_parser(parse_money),
                    )
                    .accessible_name(label)
                    .changed();
                ui.end_row();
            }
            changed |= field_ui(
                ui,
                "Budget growth after",
                &mut scenario.budget.growth_percent_per_year,
                -50.0..=100.0,
                "% a year",
                0.1,
            );
        });
    changed
}

fn entries_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Entries into care").strong());
    egui::Grid::new("assumptions_entries")
        .num_columns(2)
        .show(ui, |ui| {
            let e = &mut scenario.entries;
            changed |= field_ui(
                ui,
                "Entries a year at the start",
                &mut e.per_year,
                0.0..=100_000.0,
                " children",
                1.0,
            );
            changed |= field_ui(
                ui,
                "Demand trend",
                &mut e.demand_trend_percent_per_year,
                -50.0..=50.0,
                "% a year",
                0.1,
            );
            let before = e.residential_percent_10_plus;
            changed |= field_ui(
                ui,
                "Entrants 10+ placed in residential",
                &mut e.residential_percent_10_plus,
                0.0..=60.0,
                "%",
                0.5,
            );
            // Keep an unpulled residential lever at "do nothing" when its baseline moves.
            if e.residential_percent_10_plus != before
                && scenario.levers.residential_share.value == before
            {
                scenario.levers.residential_share.value = e.residential_percent_10_plus;
            }
        });
    changed
}

fn exits_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Exits (% of each age band a month)").strong());
    egui::Grid::new("assumptions_exits")
        .num_columns(4)
        .show(ui, |ui| {
            ui.label("Age");
            ui.label("Home");
            ui.label("Adopt./SGO");
            ui.label("Other");
            ui.end_row();
            for b in AgeBand::ALL {
                ui.label(b.label());
                let x = &mut scenario.exits;
                for (name, value) in [
                    ("return home", &mut x.return_home_percent_per_month[b]),
                    ("adoption or SGO", &mut x.adoption_sgo_percent_per_month[b]),
                    ("other exits", &mut x.other_percent_per_month[b]),
                ] {
                    changed |= ui
                        .add(
                            egui::DragValue::new(value)
                                .range(0.0..=50.0)
                                .speed(0.01)
                                .max_decimals(2)
                                .suffix("%"),
                        )
                        .accessible_name(format!("Exits a month aged {}: {name}", b.label()))
                        .changed();
                }
                ui.end_row();
            }
        });
    changed
}

fn fostering_ui(ui: &mut egui::Ui, scenario: &mut Scenario) -> bool {
    let mut changed = false;
    ui.label(RichText::new("In-house foster carers").strong());
    egui::Grid::new("assumptions_fostering")
        .num_columns(2)
        .show(ui, |ui| {
            let f = &mut scenario.fostering;
            changed |= field_ui(
                ui,
                "Carer households at the start",
                &mut f.in_house_households,
                0.0..=100_000.0,
                "",
                1.0,
            );
            changed |= field_ui(
                ui,
                "Children per household",
                &mut f.children_per_household,
                0.1..=10.0,
                "",
                0.01,
            );
            changed |= field_ui(
                ui,
                "Households leaving",
                &mut f.attrition_percent_per_year,
                0.0..=100.0,
                "% a year",
                0.1,
            );
            changed |= field_ui(
                ui,
                "Households recruited normally",
                &mut f.recruits_per_year,
                0.0..=10_000.0,
                " a year",
                1.0,
            );
        });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_months_parse_as_typed() {
        assert_eq!(parse_money("£3m"), Some(3_000_000.0));
        assert_eq!(parse_money("850k"), Some(850_000.0));
        assert_eq!(parse_money("2,500,000"), Some(2_500_000.0));
        assert_eq!(parse_money("£1.5m a year"), Some(1_500_000.0));
        assert_eq!(parse_money("lots"), None);
        assert_eq!(parse_month("2014-09"), Month::new(2014, 9));
        assert_eq!(parse_month("Sep 2014"), Month::new(2014, 9));
        assert_eq!(parse_month("September 2014"), Month::new(2014, 9));
        assert_eq!(parse_month("Smarch 2014"), None);
    }
}
