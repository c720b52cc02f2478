//! A range an uncertain assumption is drawn from.

use serde::{Deserialize, Serialize};

/// A range for an uncertain assumption: draws follow a triangular distribution from `low` to
/// `high` peaking at `mode`, or where no mode is given at the central value (no change, or
/// 100% achieved).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// The lowest value drawn.
    pub low: f64,
    /// The highest value drawn.
    pub high: f64,
    /// The most likely value, if not the central one. Optional in files (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<f64>,
}

impl Range {
    /// A range from `low` to `high`, peaking at the central value.
    pub const fn new(low: f64, high: f64) -> Self {
        Range {
            low,
            high,
            mode: None,
        }
    }

    /// A range from `low` to `high` peaking at `mode`.
    pub const fn with_mode(low: f64, mode: f64, high: f64) -> Self {
        Range {
            low,
            high,
            mode: Some(mode),
        }
    }

    /// A range that is one value.
    pub const fn point(value: f64) -> Self {
        Range::new(value, value)
    }

    /// True if every draw gives the same value.
    pub fn is_point(&self) -> bool {
        self.high <= self.low
    }
}
