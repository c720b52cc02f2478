//! The "Assumptions" section (collapsed by default): time and target, unit costs, budget,
//! entries, exits and foster carers. Every number field takes its range, step and unit from the
//! model's one table of limits, so nothing typed here can make a file unreadable.

use super::levers::{month_ui, parse_money};
use crate::model::scenario::edit::ExitRoute;
use crate::model::scenario::edit::latest_start_month;
use crate::model::{AgeBand, Edit, Month, NumberField, Scenario, Target, limit_for};
use crate::report::format;
use egui::{RichText, Slider};

/// Draws the section. Returns the edits made.
pub fn assumptions_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    egui::CollapsingHeader::new(RichText::new("Assumptions").strong().size(15.0))
        .id_salt("assumptions")
        .default_open(false)
        .show(ui, |ui| {
            edits.extend(time_ui(ui, scenario));
            for (title, fields) in NumberField::groups(scenario) {
                ui.label(RichText::new(title).strong());
                egui::Grid::new(title).num_columns(2).show(ui, |ui| {
                    if title == BUDGET_GROUP {
                        edits.extend(budget_rows_ui(ui, scenario));
                    }
                    for field in fields {
                        edits.extend(number_ui(ui, scenario, field));
                    }
                });
            }
            edits.extend(exits_ui(ui, scenario));
        });
    edits
}

/// The title of the budget's group of fields.
const BUDGET_GROUP: &str = "Placement budget";

/// The budget as a small table: one row a financial year of the projection, each a box for the
/// council's budget that year; an empty box is a year not entered. Returns the edits made.
pub fn budget_table_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    egui::Grid::new("budget_table")
        .num_columns(2)
        .show(ui, |ui| edits = budget_rows_ui(ui, scenario));
    edits
}

/// The budget table's rows, in a two-column grid.
fn budget_rows_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    let first = scenario.start_month.financial_year();
    let last = scenario.end_month().financial_year();
    let mut year = first;
    while year <= last {
        let listed = scenario.budget.by_financial_year_gbp.get(&year).copied();
        let label = format!("Budget {year}");
        ui.label(&label);
        // The text being typed lives in egui's memory until the box loses focus; then it is
        // read, and an empty box takes the year out.
        let id = egui::Id::unique(("budget", year.start_year));
        let shown = listed.map(format::money).unwrap_or_default();
        let mut text = ui
            .data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| shown.clone());
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("not entered")
                .desired_width(110.0),
        );
        let response = response.accessible_name(&label);
        if response.has_focus() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        } else if response.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(id));
            let typed = text.trim();
            if typed == shown {
                // Left as shown (rounded): nothing changed.
            } else if typed.is_empty() {
                if listed.is_some() {
                    edits.push(Edit::Budget(year, None));
                }
            } else if let Some(amount) = parse_money(typed)
                && listed != Some(amount)
            {
                edits.push(Edit::Budget(year, Some(amount)));
            }
        }
        ui.end_row();
        year = year.next();
    }
    edits
}

/// A drag value for a number field, ranged and stepped by its limit.
fn number_drag(value: &mut f64, field: NumberField) -> egui::DragValue<'_> {
    let limit = field.limit();
    let drag = egui::DragValue::new(value)
        .range(limit.min..=limit.max)
        .speed(limit.step);
    match limit.unit {
        "£" | "£ a year" => drag
            .custom_formatter(|v, _| format::money(v))
            .custom_parser(parse_money),
        "£ a week" => drag.prefix("£"),
        unit if unit.starts_with('%') => drag.suffix(unit),
        unit => drag.suffix(format!(" {unit}")),
    }
}

/// A labelled number field in a two-column grid.
fn number_ui(ui: &mut egui::Ui, scenario: &Scenario, field: NumberField) -> Option<Edit> {
    let label = field.label();
    ui.label(field.short_label());
    let mut value = field.get(scenario);
    let changed = ui
        .add(number_drag(&mut value, field))
        .accessible_name(&label)
        .changed();
    ui.end_row();
    changed.then_some(Edit::Number(field, value))
}

fn time_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    ui.label(RichText::new("Time and target").strong());
    egui::Grid::new("assumptions_time")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Start month");
            if let Some(month) = month_ui(
                ui,
                scenario.start_month,
                Month::FIRST_SUPPORTED,
                latest_start_month(),
                "Start month",
            ) {
                edits.push(Edit::StartMonth(month));
            }
            ui.end_row();
            ui.label("Horizon");
            let mut years = scenario.horizon_years;
            let limit = limit_for("horizon_years");
            let (min, max) = limit.map_or((1, 10), |l| (l.min as u32, l.max as u32));
            if ui
                .add(Slider::new(&mut years, min..=max).suffix(" years"))
                .accessible_name("Horizon in years")
                .changed()
            {
                edits.push(Edit::Horizon(years));
            }
            ui.end_row();
            edits.extend(target_ui(ui, scenario));
        });
    if let Some(note) = target_note(scenario) {
        ui.label(RichText::new(note).small().weak());
    }
    edits
}

fn target_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Option<Edit> {
    let mut edit = None;
    let mut has_target = scenario.target.is_some();
    if ui
        .checkbox(&mut has_target, "Target")
        .accessible_name("Has a target")
        .changed()
    {
        edit = Some(Edit::Target(has_target.then_some(Target {
            looked_after: 0.0,
            month: scenario.end_month(),
        })));
    }
    match scenario.target {
        Some(target) => {
            ui.horizontal(|ui| {
                let mut count = target.looked_after;
                let limit = limit_for("target.looked_after");
                let (min, max) = limit.map_or((0.0, 100_000.0), |l| (l.min, l.max));
                if ui
                    .add(egui::DragValue::new(&mut count).range(min..=max))
                    .accessible_name("Target: children in care")
                    .changed()
                {
                    edit = Some(Edit::Target(Some(Target {
                        looked_after: count,
                        ..target
                    })));
                }
                ui.label("by");
                // The target may be outside the projection: its month stays selectable.
                let earliest = scenario.start_month.min(target.month);
                let latest = scenario.end_month().max(target.month);
                if let Some(month) = month_ui(ui, target.month, earliest, latest, "Target month") {
                    edit = Some(Edit::Target(Some(Target { month, ..target })));
                }
            });
        }
        None => {
            ui.label(RichText::new("none").weak());
        }
    }
    ui.end_row();
    edit
}

/// What the window says beside a target outside the projection.
pub(crate) fn target_note(scenario: &Scenario) -> Option<String> {
    let target = scenario.target?;
    (!scenario.in_horizon(target.month)).then(|| {
        format!(
            "The target month, {}, is outside the projection ({} to {}): it is kept in the file \
             but not drawn or scored.",
            target.month.short_label(),
            scenario.start_month.short_label(),
            scenario.end_month().short_label()
        )
    })
}

fn exits_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    ui.label(RichText::new("Exits (% of each age band a month)").strong());
    egui::Grid::new("assumptions_exits")
        .num_columns(4)
        .show(ui, |ui| {
            ui.label("Age");
            ui.label("Home");
            ui.label("Adopt./SGO");
            ui.label("Other");
            ui.end_row();
            for band in AgeBand::ALL {
                ui.label(band.label());
                for route in ExitRoute::ALL {
                    let field = NumberField::Exit(route, band);
                    let mut value = field.get(scenario);
                    let changed = ui
                        .add(number_drag(&mut value, field).max_decimals(2))
                        .accessible_name(field.label())
                        .changed();
                    if changed {
                        edits.push(Edit::Number(field, value));
                    }
                }
                ui.end_row();
            }
        });
    edits
}
