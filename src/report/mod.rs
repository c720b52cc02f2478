//! Words for people: how the model's figures are put in sentences, shared by the window, the
//! command line and exports, so that they say the same thing everywhere. No window code.

pub mod briefing;
pub mod chart;
pub mod evidence;
pub mod figures;
pub mod format;
pub mod guide;
pub mod invest_to_save;
pub mod neighbours;
pub mod outcome;
pub mod outturn;
pub mod series;
pub mod table;
