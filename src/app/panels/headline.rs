//! The strip of headline numbers at the top of the central panel (and on meeting-mode slides).

pub use crate::report::figures::{HeadlineFigure, headline_figures};
use egui::RichText;

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
/// each card's detail line moves into its hover text. Returns true when "Enter budget" (on the
/// card of a budget not entered) was clicked.
pub fn headline_ui(ui: &mut egui::Ui, figures: &[HeadlineFigure]) -> bool {
    let mut enter_budget = false;
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
                            if figure.value == crate::report::format::BUDGET_NOT_ENTERED
                                && ui.small_button("Enter budget").clicked()
                            {
                                enter_budget = true;
                            }
                        });
                    });
            }
        });
    }
    enter_budget
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
