//! Files in and out: scenario files (RON), field overrides, projection exports, SSDA903 returns,
//! and the durable saving and file locks they share.
//! Kept apart from the model (which never touches the disk) and from the window.

pub mod briefing_file;
pub mod councils;
pub mod docx;
pub mod durable;
pub mod export;
pub mod lock;
pub mod money_backtest;
pub mod overrides;
pub mod pdf;
pub mod placement_list;
pub mod scenario_file;
pub mod ssda903;
