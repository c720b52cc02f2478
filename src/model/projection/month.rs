//! What one run gives for a month, and the chance variation a run may draw.

use crate::model::placement::ByPlacement;
use crate::model::time::Month;

/// One month of a single run (a scenario or its twin), at the end of the month.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMonth {
    /// The month.
    pub month: Month,
    /// Children in care at the end of the month, by placement type (not counting UASC).
    pub by_placement: ByPlacement<f64>,
    /// Children in care at the end of the month, UASC included.
    pub looked_after: f64,
    /// Unaccompanied asylum-seeking children in care at the end of the month (0 if the
    /// scenario does not count them apart).
    pub uasc_looked_after: f64,
    /// Children in care at the start of the month.
    pub opening_looked_after: f64,
    /// Children entering care in the month, UASC included.
    pub entries: f64,
    /// Children leaving care in the month, for any reason (turning 18 included), UASC included.
    pub exits: f64,
    /// £ spent on placements in the month, net of the Home Office grant for UASC.
    pub spend_gbp: f64,
    /// £ spent on UASC placements in the month, before the grant.
    pub uasc_gross_spend_gbp: f64,
    /// £ Home Office grant for UASC in the month.
    pub uasc_grant_gbp: f64,
    /// £ invested in levers in the month.
    pub investment_gbp: f64,
    /// In-house foster places (households × children per household) at the end of the month.
    pub in_house_capacity: f64,
    /// Price index applied to weekly costs in the month (1 at the start).
    pub price_index: f64,
    /// What the price levers did in the month (already in `spend_gbp`; all zero for the "do
    /// nothing" twin and a scenario without them).
    pub price_levers: crate::model::price_levers::PriceLeverMonth,
}

/// Chance variation month to month: how many children actually enter and leave.
pub trait Randomness {
    /// True when every draw is exactly the expected number ([`Expected`]): the engine then
    /// skips working out chance factors that would all be exactly 1.
    const EXACT: bool = false;
    /// Children entering in a month when `expected` are expected (e.g. a Poisson draw).
    fn entries(&mut self, expected: f64) -> f64;
    /// Children leaving out of `count`, each leaving with probability `share` (e.g. binomial).
    /// Must lie between 0 and `count`.
    fn leavers(&mut self, count: f64, share: f64) -> f64;
}

/// No chance variation: exactly the expected numbers.
pub struct Expected;

impl Randomness for Expected {
    const EXACT: bool = true;
    fn entries(&mut self, expected: f64) -> f64 {
        expected
    }
    fn leavers(&mut self, count: f64, share: f64) -> f64 {
        count * share
    }
}
