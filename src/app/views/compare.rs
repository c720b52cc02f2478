//! Several scenarios side by side: overlaid lines and a comparison table.

use super::series;
use crate::app::document::Document;
use crate::app::message::Message;
use crate::app::style as colours;
use crate::app::workspace::Workspace;
use crate::model::Payback;
use crate::report::format;
use egui::RichText;
use egui_plot::{Line, PlotPoints};

/// One scenario's totals for the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// The scenario's name.
    pub name: String,
    /// Children in care at the end of its horizon.
    pub looked_after_at_end: f64,
    /// £ placement spend over its horizon.
    pub total_spend_gbp: f64,
    /// £ invested over its horizon.
    pub total_investment_gbp: f64,
    /// £ net saving against its own "do nothing" twin over its horizon.
    pub net_saving_gbp: f64,
    /// When its investment is paid back.
    pub payback: Payback,
}

impl ComparisonRow {
    /// The totals of one open scenario (its projection must be current).
    pub fn of(document: &Document) -> Self {
        let projection = document.last_projection();
        ComparisonRow {
            name: document.display_name(),
            looked_after_at_end: projection
                .last_month()
                .map(|m| m.looked_after)
                .unwrap_or(0.0),
            total_spend_gbp: projection.total_spend_gbp(),
            total_investment_gbp: projection.total_investment_gbp(),
            net_saving_gbp: projection.total_net_saving_gbp(),
            payback: projection.payback,
        }
    }
}

/// Difference in payback from the reference, in months, where both pay back.
pub fn payback_difference(row: Payback, reference: Payback) -> String {
    match (row.month(), reference.month()) {
        (Some(a), Some(b)) => {
            let months = a.months_since(b);
            match months {
                0 => "same month".into(),
                m if m > 0 => format!("{m} months later"),
                m => format!("{} months sooner", -m),
            }
        }
        _ => "–".into(),
    }
}

fn money_change(value: f64) -> String {
    if value.abs() < 500.0 {
        "no change".into()
    } else if value > 0.0 {
        format!("+{}", format::money(value))
    } else {
        format::money(value)
    }
}

/// The comparison view: total children in care and monthly spend for every scenario shown,
/// then the table with differences from the reference scenario.
pub fn compare_ui(ui: &mut egui::Ui, workspace: &Workspace, height: f32) -> Vec<Message> {
    let active = workspace.active();
    let start = active.scenario.start_month;
    let view_top = ui.cursor().top();
    let shown: Vec<&Document> = workspace
        .documents()
        .iter()
        .filter(|d| d.id == active.id || d.shown_in_comparison)
        .collect();
    let lines = |pick: &dyn Fn(&crate::model::MonthFigures) -> f64| -> Vec<(String, egui::Color32, bool, Vec<[f64; 2]>)> {
        shown
            .iter()
            .map(|d| {
                let values = series::monthly(d.last_projection(), pick);
                (
                    d.display_name(),
                    colours::comparison(d.colour_index),
                    d.id == active.id,
                    series::offset_points(start, d.scenario.start_month, &values),
                )
            })
            .collect()
    };
    let children = lines(&|m| m.looked_after);
    let spend = lines(&|m| series::spend_per_year(m.spend_gbp, m.month));
    let months = children
        .iter()
        .filter_map(|(_, _, _, points)| points.last().map(|p| p[0] + 1.0))
        .fold(0.0_f64, f64::max)
        .max(0.0) as usize;
    for (charts_left, (title, id, lines, money)) in (1..=2).rev().zip([
        ("Children in care", "compare_children", children, false),
        (
            "Placement spend, £ a year at each month's rate",
            "compare_spend",
            spend,
            true,
        ),
    ]) {
        // An equal share of what is left for each chart still to draw, title and legend included.
        let block = super::charts::remaining_height(ui, view_top, height, 4.0) / charts_left as f32;
        ui.label(RichText::new(title).strong());
        // The legend above the chart, never over the lines.
        let legend: Vec<_> = lines
            .iter()
            .map(|(name, colour, _, _)| {
                (
                    name.clone(),
                    *colour,
                    super::charts::Swatch::Line(egui_plot::LineStyle::Solid),
                )
            })
            .collect();
        let legend_height = super::charts::legend_ui(ui, &legend);
        super::charts::monthly_plot(
            ui,
            id,
            start,
            months,
            money,
            (block - legend_height - 26.0).max(90.0),
        )
        .include_y(0.0)
        .label_formatter(move |position| super::charts::hover_label(start, None, money, position))
        .show(ui, |plot| {
            for (name, colour, is_active, points) in lines {
                plot.line(
                    Line::new(name, PlotPoints::from(points))
                        .color(colour)
                        .width(if is_active { 3.5 } else { 2.0 }),
                );
            }
        });
    }
    let commands = comparison_table_ui(ui, workspace);
    spend_split_ui(ui, workspace);
    commands
}

/// Each shown scenario's spend against the reference's (the plan a budget was set on, say),
/// split into volume, mix and price year by year: collapsed under the table.
fn spend_split_ui(ui: &mut egui::Ui, workspace: &Workspace) {
    let reference = workspace.reference();
    let active = workspace.active().id;
    let mut rows = Vec::new();
    for document in workspace
        .documents()
        .iter()
        .filter(|d| d.id != reference.id && (d.id == active || d.shown_in_comparison))
    {
        let split = crate::model::bridge::between(
            (&reference.scenario, reference.last_projection()),
            (&document.scenario, document.last_projection()),
        );
        for (year, change) in split {
            rows.push((document.display_name(), year, change));
        }
    }
    if rows.is_empty() {
        return;
    }
    let reference_name = reference.display_name();
    egui::CollapsingHeader::new(format!(
        "Why spend differs from {reference_name}: volume, mix and price"
    ))
    .id_salt("spend_split")
    .show(ui, |ui| {
        let table = crate::report::table::spend_split_table(&reference_name, &rows);
        super::table::data_table_ui(ui, "spend_split", &table, None);
    });
}

/// The comparison table, with a choice of reference scenario.
fn comparison_table_ui(ui: &mut egui::Ui, workspace: &Workspace) -> Vec<Message> {
    let mut commands = Vec::new();
    let documents = workspace.documents();
    let reference = workspace.reference().id;
    let rows: Vec<ComparisonRow> = documents.iter().map(ComparisonRow::of).collect();
    let base = ComparisonRow::of(workspace.reference());
    ui.horizontal(|ui| {
        ui.label(RichText::new("Compared with").strong());
        let mut chosen = reference;
        egui::ComboBox::from_id_salt("reference_scenario")
            .selected_text(base.name.clone())
            .show_ui(ui, |ui| {
                for (document, row) in documents.iter().zip(&rows) {
                    ui.selectable_value(&mut chosen, document.id, row.name.clone());
                }
            })
            .response
            .on_hover_text("The reference scenario: differences are from this one")
            .accessible_name("Reference scenario");
        if chosen != reference {
            commands.push(Message::SetReference(chosen));
        }
    });
    egui::ScrollArea::both()
        .id_salt("comparison_table")
        .show(ui, |ui| {
            egui::Grid::new("comparison_grid")
                .striped(true)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for heading in [
                        "Scenario",
                        "Children in care at end",
                        "Total spend",
                        "Total investment",
                        "Net saving",
                        "Payback",
                    ] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for (document, row) in documents.iter().zip(&rows) {
                        let colour = colours::comparison(document.colour_index);
                        let marker = if document.id == reference {
                            " (reference)"
                        } else {
                            ""
                        };
                        ui.label(RichText::new(format!("{}{marker}", row.name)).color(colour));
                        ui.label(format!(
                            "{} ({})",
                            format::count(row.looked_after_at_end),
                            format::count_change(
                                row.looked_after_at_end - base.looked_after_at_end
                            )
                        ));
                        for (value, reference_value) in [
                            (row.total_spend_gbp, base.total_spend_gbp),
                            (row.total_investment_gbp, base.total_investment_gbp),
                            (row.net_saving_gbp, base.net_saving_gbp),
                        ] {
                            ui.label(format!(
                                "{} ({})",
                                format::money(value),
                                money_change(value - reference_value)
                            ));
                        }
                        ui.label(format!(
                            "{} ({})",
                            format::payback(row.payback),
                            payback_difference(row.payback, base.payback)
                        ));
                        ui.end_row();
                    }
                });
        });
    commands
}
