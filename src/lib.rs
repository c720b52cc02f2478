//! Care Levers: what-if planning for English councils' children's services.
//!
//! - [`model`]: scenario types, the projection engine and the finance (no window code);
//! - [`io`]: scenario files, overrides and exports;
//! - [`data`]: the public data compiled in (councils);
//! - [`report`]: words for people, shared by the window, the command line and exports;
//! - [`cli`]: the command line (see [`cli::Command`]);
//! - `app`: the desktop window (egui), built on the model's output (the default `gui`
//!   feature; without it the rest builds with no window code).

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod data;
pub mod io;
pub mod model;
pub mod report;
