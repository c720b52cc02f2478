//! Colours and type: one fixed colour per placement type across every chart (the Okabe-Ito
//! palette, which stays distinguishable with the common forms of colour blindness and on a
//! projector), other scenarios in colours and line styles of their own, and meeting mode's
//! projector theme and large type.

use crate::model::PlacementType;
use egui::Color32;

/// The colour of a placement type in every chart and table.
pub fn placement(placement: PlacementType) -> Color32 {
    rgb(crate::report::chart::placement_rgb(placement))
}

/// The colour of a cause of a change in spend (volume, mix, price, the grant).
pub fn cause(cause: crate::report::chart::Cause) -> Color32 {
    rgb(crate::report::chart::cause_rgb(cause))
}

const fn rgb([r, g, b]: crate::report::chart::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// Unaccompanied asylum-seeking children, counted apart: the Okabe-Ito palette's yellow, the one
/// colour no placement type uses.
pub const UASC: Color32 = rgb(crate::report::chart::UASC_RGB);

/// "Do nothing" lines: neutral grey, drawn dashed.
pub const DO_NOTHING: Color32 = rgb(crate::report::chart::DO_NOTHING_RGB);
/// The scenario's own totals and spend.
pub const SCENARIO: Color32 = rgb(crate::report::chart::SCENARIO_RGB);
/// Overspend marks.
pub const OVERSPEND: Color32 = rgb(crate::report::chart::OVERSPEND_RGB);
/// Savings.
pub const SAVING: Color32 = rgb(crate::report::chart::SAVING_RGB);
/// Investment.
pub const INVESTMENT: Color32 = rgb(crate::report::chart::INVESTMENT_RGB);

/// The colour of the `index`-th scenario opened (`report::chart::COMPARISON_RGB`), repeating
/// after six; each also has a line style of its own ([`comparison_style`]).
pub fn comparison(index: usize) -> Color32 {
    rgb(crate::report::chart::comparison_rgb(index))
}

/// The line style of the `index`-th scenario opened when drawn over another's chart.
pub fn comparison_style(index: usize) -> egui_plot::LineStyle {
    match index % 3 {
        0 => egui_plot::LineStyle::dotted_dense(),
        1 => egui_plot::LineStyle::dashed_dense(),
        _ => egui_plot::LineStyle::dotted_loose(),
    }
}

/// Large type for a room: no text under 18 points (18 px at 1920×1080 with no scaling).
pub fn use_large_type(style: &mut egui::Style) {
    use egui::TextStyle;
    for (text_style, font) in style.text_styles.iter_mut() {
        font.size = match text_style {
            TextStyle::Heading => 40.0,
            TextStyle::Body | TextStyle::Button => 22.0,
            TextStyle::Small | TextStyle::Monospace => 18.0,
            TextStyle::Name(_) => 20.0,
        };
    }
    style.spacing.interact_size.y = 30.0;
}

/// The projector theme: black on white, strong grid.
pub fn use_projector_theme(style: &mut egui::Style) {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::BLACK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_gray(235);
    visuals.widgets.noninteractive.bg_stroke.color = Color32::from_gray(120);
    visuals.widgets.noninteractive.fg_stroke.color = Color32::BLACK;
    style.visuals = visuals;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_scenarios_never_take_a_placement_colour() {
        for index in 0..crate::report::chart::COMPARISON_RGB.len() {
            for p in PlacementType::ALL {
                assert_ne!(comparison(index), placement(p));
            }
            assert_ne!(comparison(index), DO_NOTHING);
        }
    }
}
