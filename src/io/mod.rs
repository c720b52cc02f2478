//! Files in and out: scenario files (RON), field overrides, and projection exports.
//! Kept apart from the model (which never touches the disk) and from the window.

pub mod councils;
pub mod export;
pub mod overrides;
pub mod scenario_file;
pub mod ssda903;
