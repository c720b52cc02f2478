//! The panels around the central view: the menu bar and scenario tabs, the headline numbers,
//! the levers, the assumptions and the scenario's details. Each draws the scenario it is given
//! and returns the edits or commands the user made; none writes a field itself.

pub mod assumptions;
pub mod details;
pub mod headline;
pub mod levers;
pub mod menu;
