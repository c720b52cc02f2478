//! One fixed colour per placement type across every chart, from the Okabe-Ito palette, which
//! stays distinguishable with the common forms of colour blindness and on a projector.

use crate::model::PlacementType;
use egui::Color32;

/// The colour of a placement type in every chart and table.
pub fn placement(placement: PlacementType) -> Color32 {
    match placement {
        PlacementType::InHouseFoster => Color32::from_rgb(0x00, 0x72, 0xB2), // blue
        PlacementType::Ifa => Color32::from_rgb(0x56, 0xB4, 0xE9),           // sky blue
        PlacementType::Kinship => Color32::from_rgb(0x00, 0x9E, 0x73),       // bluish green
        PlacementType::Residential => Color32::from_rgb(0xD5, 0x5E, 0x00),   // vermillion
        PlacementType::Supported => Color32::from_rgb(0xE6, 0x9F, 0x00),     // orange
        PlacementType::WithParentsOther => Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    }
}

/// "Do nothing" lines: neutral grey, drawn dashed.
pub const DO_NOTHING: Color32 = Color32::from_rgb(0x80, 0x80, 0x80);
/// The scenario's own totals and spend.
pub const SCENARIO: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// Overspend marks.
pub const OVERSPEND: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// Savings.
pub const SAVING: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
/// Investment.
pub const INVESTMENT: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);

/// Colours for scenarios shown side by side, in the order they are opened.
const COMPARISON: [Color32; 6] = [
    Color32::from_rgb(0x00, 0x72, 0xB2), // blue
    Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
];

/// The colour of the `index`-th scenario opened, repeating after six.
pub fn comparison(index: usize) -> Color32 {
    COMPARISON[index % COMPARISON.len()]
}
