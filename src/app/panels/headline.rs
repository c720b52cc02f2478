//! The strip of headline numbers at the top of the central panel (and on meeting-mode slides).

use crate::app::format;
use crate::model::{Projection, Scenario};
use egui::RichText;

/// One headline number: its label, its value, and a line of detail under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadlineFigure {
    /// What it is, e.g. "Children in care, Mar 2017".
    pub label: String,
    /// The number, e.g. "1,364".
    pub value: String,
    /// A line of context, e.g. "+227 against doing nothing (1,137)".
    pub detail: String,
}

fn figure(label: String, value: String, detail: String) -> HeadlineFigure {
    HeadlineFigure {
        label,
        value,
        detail,
    }
}

/// The headline numbers, in the order shown.
pub fn headline_figures(scenario: &Scenario, projection: &Projection) -> Vec<HeadlineFigure> {
    let mut figures = Vec::new();
    if let Some(last) = projection.last_month() {
        figures.push(figure(
            format!("Children in care, {}", last.month.short_label()),
            format::count(last.looked_after),
            format!(
                "{} against doing nothing ({})",
                format::count_change(last.looked_after - last.baseline_looked_after),
                format::count(last.baseline_looked_after)
            ),
        ));
    }
    // What actually happened, where a count falls in the projection.
    let counts = crate::model::outcome::plan_against_outcome(scenario, projection, None);
    if let Some(row) = crate::model::outcome::latest_in_projection(&counts)
        && let Some(planned) = row.planned
    {
        figures.push(figure(
            format!("Counted, {}", row.month.short_label()),
            format::count(row.counted),
            format!("against a plan of {}", format::count(planned)),
        ));
    }
    let this_year = scenario.start_month.financial_year();
    if let Some(year) = projection.year(this_year) {
        let (word, amount) = format::overspend(year.overspend_gbp);
        figures.push(figure(
            format!("{word} {this_year}"),
            amount,
            if year.uasc_grant_gbp > 0.0 {
                format!(
                    "spend {} (net of {} Home Office grant for UASC) against budget {}",
                    format::money(year.spend_gbp),
                    format::money(year.uasc_grant_gbp),
                    format::money(year.budget_gbp)
                )
            } else {
                format!(
                    "spend {} against budget {}",
                    format::money(year.spend_gbp),
                    format::money(year.budget_gbp)
                )
            },
        ));
    }
    if let Some(last) = projection.last_month() {
        figures.push(figure(
            format!("Net saving to {}", last.month.short_label()),
            format::money(last.cumulative_net_saving_gbp),
            format!(
                "after investing {}",
                format::money(last.cumulative_investment_gbp)
            ),
        ));
    }
    let payback = format::payback(projection.payback);
    figures.push(figure(
        "Payback".to_string(),
        payback,
        "when savings repay investment".into(),
    ));
    figures
}

/// The value's type size: large, unless the text would not fit the card on one line.
fn value_size(ui: &egui::Ui, value: &str, width: f32) -> f32 {
    let large = 22.0;
    let galley = ui.ctx().fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            value.to_string(),
            egui::FontId::proportional(large),
            egui::Color32::WHITE,
        )
    });
    if galley.size().x <= width {
        large
    } else {
        15.0
    }
}

/// How many cards go on a row, and each card's inner width, for `count` cards across
/// `available` points: as many as fit at `MIN_CARD` wide, sharing the row's width (a narrow
/// window puts them on two rows rather than pushing the charts off the side).
pub(crate) fn card_layout(available: f32, count: usize, spacing: f32) -> (usize, f32) {
    const MIN_CARD: f32 = 130.0;
    const FRAME: f32 = 22.0;
    let count = count.max(1);
    let fits = (((available + spacing) / (MIN_CARD + FRAME + spacing)).floor() as usize).max(1);
    let per_row = fits.min(count);
    let rows = count.div_ceil(per_row);
    // Rows share the cards evenly (7 cards on two rows: 4 and 3, not 6 and 1).
    let per_row = count.div_ceil(rows);
    let width = ((available - spacing * (per_row as f32 - 1.0)) / per_row as f32 - FRAME)
        .clamp(90.0, 240.0);
    (per_row, width)
}

/// Below this window height (points) the cards leave out their detail line (it stays in the
/// value's hover text), so the chart below keeps room on a 1024×600 screen.
pub const COMPACT_BELOW_HEIGHT: f32 = 700.0;

/// Draws the figures as cards sharing the width, on as many rows as the window needs. Text
/// that does not fit a card wraps onto a second line: it is never cut short. In a short window
/// each card's detail line moves into its hover text.
pub fn headline_ui(ui: &mut egui::Ui, figures: &[HeadlineFigure]) {
    let compact = ui.ctx().content_rect().height() < COMPACT_BELOW_HEIGHT;
    let spacing = ui.spacing().item_spacing.x;
    let (per_row, card_width) = card_layout(ui.available_width(), figures.len(), spacing);
    for row in figures.chunks(per_row.max(1)) {
        ui.horizontal_top(|ui| {
            for figure in row {
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 6))
                    .show(ui, |ui| {
                        ui.set_width(card_width);
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(RichText::new(&figure.label).small()).wrap());
                            let size = value_size(ui, &figure.value, card_width);
                            ui.add(
                                egui::Label::new(RichText::new(&figure.value).size(size).strong())
                                    .wrap(),
                            )
                            .on_hover_text(&figure.detail);
                            if !compact {
                                ui.add(
                                    egui::Label::new(RichText::new(&figure.detail).small().weak())
                                        .wrap(),
                                );
                            }
                        });
                    });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::card_layout;

    #[test]
    fn cards_fit_the_width_on_as_many_rows_as_needed() {
        // A wide window: all seven on one row.
        let (per_row, width) = card_layout(1500.0, 7, 8.0);
        assert_eq!(per_row, 7);
        assert!(7.0 * (width + 22.0) + 6.0 * 8.0 <= 1500.0 + 0.5);
        // 1024 wide with the levers panel: two rows, 4 and 3, never wider than the space.
        let (per_row, width) = card_layout(660.0, 7, 8.0);
        assert_eq!(per_row, 4);
        assert!(4.0 * (width + 22.0) + 3.0 * 8.0 <= 660.0 + 0.5, "{width}");
        // Very narrow: one a row.
        assert_eq!(card_layout(100.0, 3, 8.0).0, 1);
    }
}
