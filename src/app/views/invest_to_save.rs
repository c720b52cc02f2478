//! "Invest to save": is a council home (or a block contract) worth it? The plan's terms to
//! edit, and its case as `report::invest_to_save` words it: the answer, the key figures, the
//! years, and what the evidence check found.

use crate::app::message::Message;
use crate::app::style;
use crate::model::scenario::{
    BlockContract, ChildrenFrom, CouncilHomes, Edit, PriceCap, limit_for,
};
use crate::model::{Bands, Projection, Scenario};
use crate::report::format;
use crate::report::invest_to_save::{CaseReport, cases};
use egui::RichText;

/// Draws the view.
pub fn invest_to_save_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    bands: Option<(&Bands, bool)>,
) -> Vec<Message> {
    let mut edits = Vec::new();
    let current_bands = bands.filter(|(_, current)| *current).map(|(b, _)| b);
    let reports = cases(scenario, projection, current_bands);
    egui::ScrollArea::vertical()
        .id_salt("invest_to_save")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                "Levers on price: the council's own children's homes, or beds bought on a block \
                 contract. Each is set against doing nothing: the same children placed at the \
                 prices the scenario projects.",
            );
            ui.add_space(6.0);
            // The terms on the left, what they come to on the right; clear of the scroll bar.
            ui.set_max_width(ui.available_width() - 18.0);
            ui.columns(2, |columns| {
                let [terms, case] = columns else {
                    return;
                };
                edits.extend(terms_ui(terms, scenario, current_bands.is_some()));
                if reports.is_empty() {
                    case.label(
                        "No price lever is pulled. Open council homes or buy beds on a block \
                         contract to see whether they pay: their costs, the fees they avoid, \
                         when they pay back and at what occupancy they break even.",
                    );
                }
                for (i, report) in reports.iter().enumerate() {
                    if i > 0 {
                        case.add_space(10.0);
                        case.separator();
                    }
                    case_ui(case, i, report);
                }
            });
        });
    edits.into_iter().map(Message::Edit).collect()
}

/// The levers' terms to edit, or buttons to pull them.
fn terms_ui(ui: &mut egui::Ui, scenario: &Scenario, bands_current: bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    match &scenario.price_levers.council_homes {
        Some(homes) => {
            ui.label(RichText::new("Council homes: the plan").strong());
            edits.extend(homes_plan_ui(ui, homes));
            if !bands_current {
                ui.label(
                    RichText::new(
                        "The chance of paying back comes from the Monte Carlo: open the \
                         Uncertainty view to work it out.",
                    )
                    .weak(),
                );
            }
        }
        None => {
            if ui
                .button("Open council homes…")
                .on_hover_text("Add a plan to open homes, from typical figures to change")
                .clicked()
            {
                edits.push(Edit::CouncilHomes(Some(Box::new(CouncilHomes::typical(
                    scenario,
                )))));
            }
        }
    }
    ui.add_space(8.0);
    match &scenario.price_levers.block_contract {
        Some(block) => {
            ui.label(RichText::new("Block contract: the terms").strong());
            edits.extend(block_terms_ui(ui, block));
        }
        None => {
            if ui
                .button("Buy beds on a block contract…")
                .on_hover_text("Add a block contract, from typical terms to change")
                .clicked()
            {
                edits.push(Edit::BlockContract(Some(BlockContract::typical(scenario))));
            }
        }
    }
    ui.add_space(8.0);
    match &scenario.price_levers.price_cap {
        Some(cap) => {
            ui.label(RichText::new("Cap on external prices").strong());
            edits.extend(cap_terms_ui(ui, cap, scenario));
        }
        None => {
            if ui
                .button("Cap external prices…")
                .on_hover_text(
                    "A regional cooperative's or the 2026 Act's cap on how fast providers' prices rise",
                )
                .clicked()
            {
                edits.push(Edit::PriceCap(Some(PriceCap::typical(scenario))));
            }
        }
    }
    edits
}

fn cap_terms_ui(ui: &mut egui::Ui, cap: &PriceCap, scenario: &Scenario) -> Vec<Edit> {
    let mut edited = *cap;
    let mut changed = false;
    let path = |field: &str| format!("price_levers.price_cap.{field}");
    egui::Grid::new("cap_terms").num_columns(2).show(ui, |ui| {
        ui.label("From");
        let first = scenario.start_month.financial_year();
        let last = scenario.end_month().financial_year();
        egui::ComboBox::from_id_salt("cap_from")
            .selected_text(edited.from.to_string())
            .show_ui(ui, |ui| {
                let mut year = first;
                while year <= last {
                    changed |= ui
                        .selectable_value(&mut edited.from, year, year.to_string())
                        .changed();
                    year = year.next();
                }
            })
            .response
            .accessible_name("Cap from");
        ui.end_row();
        changed |= drag_ui(
            ui,
            "Most prices may rise a year",
            &path("max_growth_percent_per_year"),
            &mut edited.max_growth_percent_per_year,
        );
        changed |= drag_ui(
            ui,
            "Home places bought from private providers",
            &path("residential_external_percent"),
            &mut edited.residential_external_percent,
        );
        ui.label("Fostering agencies");
        changed |= ui
            .checkbox(&mut edited.agency_fostering, "capped too")
            .changed();
        ui.end_row();
    });
    let mut edits = Vec::new();
    if changed {
        edits.push(Edit::PriceCap(Some(edited)));
    }
    if ui.button("Remove the cap").clicked() {
        edits.push(Edit::PriceCap(None));
    }
    edits
}

/// One case: heading, answer, figures, years and findings.
fn case_ui(ui: &mut egui::Ui, index: usize, report: &CaseReport) {
    // Words wrap within the case's column, whatever the table below needs.
    let width = ui.available_width();
    ui.set_max_width(width);
    ui.label(RichText::new(&report.heading).heading());
    ui.add(egui::Label::new(RichText::new(&report.answer).strong()).wrap());
    for finding in &report.findings {
        let colour = if finding.starts_with("Beyond") {
            style::OVERSPEND
        } else {
            ui.visuals().text_color()
        };
        ui.add(egui::Label::new(RichText::new(finding).color(colour)).wrap());
    }
    ui.add_space(4.0);
    // Both columns wrap within the half of the view the case has.
    let column = (ui.available_width() / 2.0 - 8.0).max(120.0);
    egui::Grid::new(("case_figures", index))
        .num_columns(2)
        .striped(true)
        .max_col_width(column)
        .show(ui, |ui| {
            for (what, figure) in &report.figures {
                ui.add(egui::Label::new(what).wrap());
                ui.add(egui::Label::new(figure).wrap());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    super::table::data_table_ui(ui, &format!("case_years_{index}"), &report.years, None);
}

/// A number of a price lever, dragged within its limit; true if changed.
fn drag_ui(ui: &mut egui::Ui, label: &str, path: &str, value: &mut f64) -> bool {
    ui.label(label);
    let limit = limit_for(path);
    let mut drag = egui::DragValue::new(value);
    if let Some(limit) = limit {
        drag = drag.range(limit.min..=limit.max).speed(limit.step);
        drag = match limit.unit {
            unit if unit.starts_with("£ a year") || unit == "£ a home" => drag
                .custom_formatter(|v, _| format::money(v))
                .custom_parser(super::super::panels::levers::parse_money),
            "£ a week" => drag
                .custom_formatter(|v, _| format!("£{} a week", format::number(v, 0)))
                .custom_parser(|text| {
                    text.trim()
                        .trim_start_matches('£')
                        .trim_end_matches("a week")
                        .trim()
                        .replace(',', "")
                        .parse()
                        .ok()
                }),
            unit if unit.starts_with('%') => drag.suffix(unit),
            unit => drag.suffix(format!(" {unit}")),
        };
    }
    let changed = ui.add(drag).accessible_name(label).changed();
    ui.end_row();
    changed
}

/// A whole number of a price lever; true if changed.
fn whole_ui(ui: &mut egui::Ui, label: &str, path: &str, value: &mut u32) -> bool {
    let mut number = f64::from(*value);
    let changed = drag_ui(ui, label, path, &mut number);
    if changed {
        *value = number.round().max(0.0) as u32;
    }
    changed
}

fn homes_plan_ui(ui: &mut egui::Ui, homes: &CouncilHomes) -> Vec<Edit> {
    let mut edited = homes.clone();
    let mut changed = false;
    let path = |field: &str| format!("price_levers.council_homes.plan.{field}");
    egui::Grid::new("homes_plan").num_columns(2).show(ui, |ui| {
        let p = &mut edited.plan;
        changed |= whole_ui(ui, "Homes", &path("homes"), &mut p.homes);
        changed |= whole_ui(
            ui,
            "Beds in each home",
            &path("beds_per_home"),
            &mut p.beds_per_home,
        );
        changed |= drag_ui(
            ui,
            "Capital for each home",
            &path("capital_per_home_gbp"),
            &mut p.capital_per_home_gbp,
        );
        changed |= whole_ui(
            ui,
            "Months to registration",
            &path("months_to_registration"),
            &mut p.months_to_registration,
        );
        changed |= whole_ui(
            ui,
            "Months to fill",
            &path("ramp_months"),
            &mut p.ramp_months,
        );
        changed |= drag_ui(
            ui,
            "Beds filled once steady",
            &path("steady_occupancy_percent"),
            &mut p.steady_occupancy_percent,
        );
        changed |= drag_ui(
            ui,
            "Running cost of each home a year",
            &path("running_cost_per_home_gbp_per_year"),
            &mut p.running_cost_per_home_gbp_per_year,
        );
        changed |= drag_ui(
            ui,
            "Fee each filled bed avoids",
            &path("external_fee_gbp_per_week"),
            &mut p.external_fee_gbp_per_week,
        );
        changed |= drag_ui(
            ui,
            "Borrowing rate",
            &path("borrowing_rate_percent"),
            &mut p.borrowing_rate_percent,
        );
        changed |= whole_ui(
            ui,
            "Years to repay",
            &path("repayment_years"),
            &mut p.repayment_years,
        );
        ui.label("Children moving in");
        egui::ComboBox::from_id_salt("homes_children_from")
            .selected_text(edited.children_from.label())
            .show_ui(ui, |ui| {
                for from in ChildrenFrom::ALL {
                    changed |= ui
                        .selectable_value(&mut edited.children_from, from, from.label())
                        .changed();
                }
            })
            .response
            .accessible_name("Children moving in");
        ui.end_row();
    });
    let mut edits = Vec::new();
    if changed {
        edits.push(Edit::CouncilHomes(Some(Box::new(edited))));
    }
    if ui.button("Remove the council homes").clicked() {
        edits.push(Edit::CouncilHomes(None));
    }
    edits
}

fn block_terms_ui(ui: &mut egui::Ui, block: &BlockContract) -> Vec<Edit> {
    let mut edited = *block;
    let mut changed = false;
    let path = |field: &str| format!("price_levers.block_contract.{field}");
    egui::Grid::new("block_terms")
        .num_columns(2)
        .show(ui, |ui| {
            changed |= drag_ui(ui, "Beds bought", &path("beds"), &mut edited.beds);
            changed |= whole_ui(ui, "Years", &path("years"), &mut edited.years);
            changed |= drag_ui(
                ui,
                "Discount on the spot price",
                &path("discount_percent"),
                &mut edited.discount_percent,
            );
            changed |= drag_ui(
                ui,
                "Beds filled on average",
                &path("filled_percent"),
                &mut edited.filled_percent,
            );
        });
    let mut edits = Vec::new();
    if changed {
        edits.push(Edit::BlockContract(Some(edited)));
    }
    if ui.button("Remove the block contract").clicked() {
        edits.push(Edit::BlockContract(None));
    }
    edits
}
