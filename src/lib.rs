//! Care Levers: what-if planning for English councils' children's services.
//!
//! - [`model`]: scenario types, the projection engine and the finance (no window code);
//! - [`io`]: scenario files, overrides and exports;
//! - [`cli`]: the command line (`run`, `check`);
//! - [`app`]: the desktop window (egui), built on the model's output.

pub mod app;
pub mod cli;
pub mod data;
pub mod io;
pub mod model;
