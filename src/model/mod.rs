//! The model: scenario types, the projection engine and the money. Pure Rust, no window code:
//! deterministic and fast enough to rerun on every frame while a lever is dragged.

pub mod bridge;
pub mod council_homes;
pub mod episodes;
pub mod evidence;
pub mod finance;
pub mod fit;
pub mod goal_seek;
mod lanes;
pub mod monte_carlo;
pub mod neighbours;
pub mod outcome;
pub mod outturn;
pub mod placement;
pub mod price_evidence;
pub mod price_levers;
pub mod projection;
pub mod scenario;
pub mod sensitivity;
pub mod time;

pub use finance::{MonthFigures, Payback, Projection, YearFigures, project};
pub use monte_carlo::{Bands, Percentiles, monte_carlo};
pub use placement::{AgeBand, ByAgeBand, ByPlacement, PlacementType, Stock, StockTotals};
pub use projection::{Randomness, RunMonth, run, run_with};
pub use scenario::{
    Actuals, Assumption, CURRENT_VERSION, CountedLookedAfter, CountedSpend, Delivery, Edit,
    FieldError, Lever, LeverDelivery, LeverKind, LeverSpec, LeverTiming, Limit, NumberField,
    PlacementMoves, Range, Scenario, Target, Uncertainty, limit_for,
};
pub use time::{FinancialYear, Month};
