//! The levers, grouped in the users' words: each with its slider, reset, start, ramp and end.
//! The panel returns the edits made; the model applies them with its rules.

use crate::app::command::Command;
use crate::app::message::Message;
use crate::app::style as colours;
use crate::model::evidence::{LeverCheck, Library};
use crate::model::scenario::edit::supported_month;
use crate::model::scenario::{LeverParameter, NumberField, ValueFormat};
use crate::model::{Edit, LeverKind, Month, Scenario};
use crate::report::evidence::{check_words, programme_lines};
use crate::report::format;
use egui::{RichText, Slider};

/// The evidence check of the plan's pulled levers in one line, with the button that makes its
/// evidence-based version to compare. Returns the command if it was pressed.
pub fn evidence_summary_ui(ui: &mut egui::Ui, checks: &[LeverCheck]) -> Option<Message> {
    let claims = checks.iter().filter(|check| check.exceeds).count();
    if claims == 0 {
        return None;
    }
    let mut command = None;
    ui.group(|ui| {
        ui.label(
            RichText::new(format!(
                "Evidence check: {claims} {} more than published evaluations support.",
                if claims == 1 { "lever claims" } else { "levers claim" }
            ))
            .color(colours::OVERSPEND),
        );
        let make = Command::EvidenceBasedVersion;
        if ui
            .button(make.label())
            .on_hover_text("Opens a copy with each such lever set to the evidence library's reference programme, beside the plan, and compares the two")
            .clicked()
        {
            command = Some(make.into());
        }
    });
    command
}

/// Draws every lever, grouped. Returns the edits made.
pub fn levers_ui(ui: &mut egui::Ui, scenario: &Scenario, checks: &[LeverCheck]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let library = Library::shipped_or_empty();
    let mut group = "";
    for kind in LeverKind::ALL {
        let spec = kind.spec();
        if spec.group != group {
            group = spec.group;
            ui.add_space(6.0);
            ui.label(RichText::new(group).strong().size(15.0));
            ui.separator();
        }
        edits.extend(lever_ui(ui, scenario, kind));
        let check = checks.iter().find(|check| check.lever == kind);
        edits.extend(evidence_ui(ui, scenario, library, kind, check));
        ui.add_space(4.0);
    }
    edits
}

/// One lever: name, difference mark, reset, slider, start, ramp and end.
fn lever_ui(ui: &mut egui::Ui, scenario: &Scenario, kind: LeverKind) -> Vec<Edit> {
    let spec = kind.spec();
    let neutral = kind.neutral(scenario);
    let pulled = scenario.lever_is_pulled(kind);
    let first_month = scenario.start_month;
    let last_month = scenario.end_month();
    let evidence = scenario
        .levers
        .programme(kind)
        .programme
        .and_then(|id| Library::shipped_or_empty().get(&id))
        .map(|programme| {
            format!(
                "\n\nEvidence: {}: {} ({}, {}). {} Where and when: {}",
                programme.name,
                crate::report::evidence::effect_words(programme),
                programme.evidence.design.words(),
                programme.effect.finding.words(),
                programme.evidence.strength,
                programme.evidence.where_when
            )
        })
        .unwrap_or_default();
    let tooltip = format!("{}\n\n{}{evidence}", spec.help, spec.source);
    let mut edits = Vec::new();
    let timing = scenario.levers.timing(kind);

    ui.horizontal(|ui| {
        ui.label(spec.label).on_hover_text(&tooltip);
        if pulled {
            ui.label(RichText::new("changed").small().color(colours::INVESTMENT))
                .on_hover_text(format!(
                    "Differs from doing nothing ({})",
                    format::lever_value(kind, neutral)
                ));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let reset = ui
                .add_enabled(pulled, egui::Button::new("Reset").small())
                .on_hover_text(format!(
                    "Back to doing nothing: {}",
                    format::lever_value(kind, neutral)
                ))
                .accessible_name(format!("Reset {}", spec.label));
            if reset.clicked() {
                edits.push(Edit::ResetLever(kind));
            }
        });
    });

    let mut value = timing.value;
    let response = ui
        .add(lever_slider(kind, &mut value))
        .on_hover_text(&tooltip)
        .accessible_name(spec.label);
    if moved(kind, timing.value, value, response.changed()) {
        edits.push(Edit::LeverValue(kind, value));
    }
    ui.label(RichText::new(spec.unit).small().weak());

    ui.horizontal(|ui| {
        ui.label("From");
        let earliest = supported_month(first_month.plus_months(-60));
        if let Some(start) = month_ui(
            ui,
            timing.start,
            earliest,
            last_month.max(timing.start),
            &format!("{} start month", spec.label),
        ) {
            edits.push(Edit::LeverStart(kind, start));
        }
        ui.label("ramp");
        let mut ramp = timing.ramp_months;
        let response = ui
            .add(
                egui::DragValue::new(&mut ramp)
                    .range(0..=120)
                    .suffix(" months"),
            )
            .on_hover_text("Months to reach full effect (0: at once)")
            .accessible_name(format!("{} ramp in months", spec.label));
        if response.changed() {
            edits.push(Edit::LeverRamp(kind, ramp));
        }
    });
    ui.horizontal(|ui| {
        let mut stops = timing.end.is_some();
        let toggle = ui
            .checkbox(&mut stops, "Stops after")
            .accessible_name(format!("{} stops", spec.label));
        if toggle.changed() {
            edits.push(Edit::LeverEnd(
                kind,
                stops.then_some(last_month.max(timing.start)),
            ));
        }
        if let Some(end) = timing.end {
            let latest = supported_month(last_month.plus_months(60)).max(end);
            if let Some(end) = month_ui(
                ui,
                end,
                timing.start,
                latest,
                &format!("{} last month", spec.label),
            ) {
                edits.push(Edit::LeverEnd(kind, Some(end)));
            }
        }
    });
    if let Some(note) = outside_note(scenario, timing.start, timing.end) {
        ui.label(RichText::new(note).small().weak());
    }
    edits
}

/// A lever's evidence: the programme it follows (pick one from the library), what that
/// programme's evaluation found, the plan's claim against the evidence, and the lever's own
/// effect and cost numbers. Returns the edits made.
fn evidence_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    library: &Library,
    kind: LeverKind,
    check: Option<&LeverCheck>,
) -> Vec<Edit> {
    let spec = kind.spec();
    let mut edits = Vec::new();
    let state = scenario.levers.programme(kind);
    let current = state.programme.as_deref().and_then(|id| library.get(id));
    let status = match (current, state.edited) {
        (Some(programme), false) => format!("From the library: {}", programme.name),
        (Some(programme), true) => format!("Based on {}, edited", programme.name),
        (None, _) => "The file's own assumptions".to_string(),
    };
    if let Some(check) = check
        && check.exceeds
    {
        ui.label(
            RichText::new(format!(
                "Claims more than the evidence: {}",
                check_words(check)
            ))
            .small()
            .color(colours::OVERSPEND),
        );
    }
    egui::CollapsingHeader::new(RichText::new(format!("Evidence: {status}")).small())
        .id_salt(("evidence", spec.key))
        .show(ui, |ui| {
            let programmes: Vec<_> = library.for_lever(kind).collect();
            if programmes.is_empty() {
                ui.label(
                    RichText::new(
                        "No evaluation in the evidence library measures this lever's effect: its numbers are the file's own assumptions (docs/evidence.md).",
                    )
                    .small(),
                );
            } else {
                let mut chosen = state.programme.clone();
                egui::ComboBox::from_id_salt(("programme", spec.key))
                    .selected_text(current.map_or("The file's own assumptions", |p| &p.name))
                    .width(ui.available_width().min(300.0))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, "The file's own assumptions");
                        for programme in &programmes {
                            ui.selectable_value(
                                &mut chosen,
                                Some(programme.id.clone()),
                                &programme.name,
                            );
                        }
                    })
                    .response
                    .on_hover_text("Take the lever's effect, cost, timing and range from a published evaluation")
                    .accessible_name(format!("{} programme", spec.label));
                if chosen != state.programme {
                    edits.push(Edit::Programme(kind, chosen));
                }
            }
            if let Some(programme) = current {
                for line in programme_lines(programme) {
                    ui.label(RichText::new(line).small());
                }
            }
            if let Some(check) = check
                && !check.exceeds
            {
                ui.label(RichText::new(check_words(check)).small().weak());
            }
            for parameter in LeverParameter::of(kind) {
                let field = NumberField::Lever(parameter);
                let limit = field.limit();
                let before = field.get(scenario);
                let mut value = before;
                let money = limit.unit.strip_prefix('£');
                let drag = egui::DragValue::new(&mut value)
                    .range(limit.min..=limit.max)
                    .speed(limit.step);
                let drag = match money {
                    // "£5,000 a family", typed as "5000", "£5k" or "5,000".
                    Some(rest) => drag
                        .custom_formatter(|v, _| format!("£{}", format::number(v, 0)))
                        .custom_parser(parse_money)
                        .suffix(rest),
                    None => drag
                        .custom_formatter(|v, _| format::number(v, 2))
                        .custom_parser(|text| text.replace(',', "").trim().parse().ok())
                        .suffix(format!(" {}", limit.unit)),
                };
                let changed = ui.horizontal(|ui| {
                    ui.label(RichText::new(parameter.label()).small());
                    ui.add(drag).accessible_name(field.label()).changed()
                });
                if changed.inner && value != before {
                    edits.push(Edit::Number(field, value));
                }
            }
        });
    edits
}

/// A note when a lever's dates fall outside the projection (kept, but it does nothing there).
fn outside_note(scenario: &Scenario, start: Month, end: Option<Month>) -> Option<String> {
    if start > scenario.end_month() {
        Some(format!(
            "Starts after the projection ends ({}): no effect.",
            scenario.end_month().short_label()
        ))
    } else if end.is_some_and(|end| end < scenario.start_month) {
        Some(format!(
            "Stops before the projection starts ({}): no effect.",
            scenario.start_month.short_label()
        ))
    } else {
        None
    }
}

/// The value a lever's slider shows for `value`: the nearest step (as egui's slider rounds).
fn on_step(kind: LeverKind, value: f64) -> f64 {
    let spec = kind.spec();
    spec.min + ((value - spec.min) / spec.step).round() * spec.step
}

/// True if the user moved the slider. A slider rounds a value between steps (such as one found
/// by goal seek) to show it; that rounding alone is not an edit, so the exact value is kept.
fn moved(kind: LeverKind, before: f64, after: f64, changed: bool) -> bool {
    changed && after != on_step(kind, before)
}

/// A lever's slider: its range, step and unit.
pub(crate) fn lever_slider(kind: LeverKind, value: &mut f64) -> Slider<'_> {
    let spec = kind.spec();
    let slider = Slider::new(value, spec.min..=spec.max)
        .clamping(egui::SliderClamping::Always)
        .step_by(spec.step);
    match spec.format {
        ValueFormat::MoneyPerYear => slider
            .custom_formatter(|v, _| format::money(v))
            .custom_parser(parse_money),
        ValueFormat::CountPerYear(_) => slider.suffix(" a year"),
        ValueFormat::Percent => slider.suffix("%"),
    }
}

/// Every lever as a labelled slider only, for the meeting-mode overlay. Returns the edits made.
pub fn compact_levers_ui(ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Edit> {
    let mut edits = Vec::new();
    egui::Grid::new("compact_levers")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for kind in LeverKind::ALL {
                let spec = kind.spec();
                ui.label(spec.label);
                let before = scenario.levers.timing(kind).value;
                let mut value = before;
                let changed = ui
                    .add(lever_slider(kind, &mut value))
                    .on_hover_text(spec.help)
                    .accessible_name(spec.label)
                    .changed();
                if moved(kind, before, value, changed) {
                    edits.push(Edit::LeverValue(kind, value));
                }
                ui.end_row();
            }
        });
    edits
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

/// A month picker: a drag value over months, shown as "Apr 2014", typed as "2014-04". Returns
/// the new month if the user changed it.
pub fn month_ui(
    ui: &mut egui::Ui,
    month: Month,
    earliest: Month,
    latest: Month,
    accessible_name: &str,
) -> Option<Month> {
    let anchor = earliest.min(month);
    let mut offset = month.months_since(anchor) as f64;
    let span = latest.max(month).months_since(anchor).max(0) as f64;
    ui.add(
        egui::DragValue::new(&mut offset)
            .range(0.0..=span)
            .speed(0.2)
            .custom_formatter(move |v, _| anchor.plus_months(v.round() as i64).short_label())
            .custom_parser(move |text| parse_month(text).map(|m| m.months_since(anchor) as f64)),
    )
    .on_hover_text("Drag, or type a month as 2014-09")
    .accessible_name(accessible_name);
    let new_month = supported_month(anchor.plus_months(offset.round() as i64));
    (new_month != month).then_some(new_month)
}

/// Reads "2014-09" or "Sep 2014".
pub(crate) fn parse_month(text: &str) -> Option<Month> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slider_showing_a_value_between_steps_is_not_an_edit() {
        assert!(!moved(LeverKind::FrontDoor, 32.96, 33.0, true));
        assert!(moved(LeverKind::FrontDoor, 32.96, 33.5, true));
        assert!(!moved(LeverKind::FrontDoor, 30.0, 30.5, false));
    }

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
