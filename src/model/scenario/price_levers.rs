//! Levers on what placements cost rather than how many children are in them (issue 31;
//! docs/model.md 10): the council opening its own children's homes, and beds bought on a block
//! contract. Neither moves a child between placement types: a child in a council home or a
//! block bed is still in residential care, at a different price.

use super::Range;
use crate::model::council_homes::HomesPlan;
use crate::model::time::Month;
use serde::{Deserialize, Serialize};

/// The price levers a scenario pulls. None pulled (the default, and files from before them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceLevers {
    /// Children's homes the council opens and runs itself. Optional (default none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council_homes: Option<CouncilHomes>,
    /// Residential beds bought for years on a block contract. Optional (default none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_contract: Option<BlockContract>,
}

impl PriceLevers {
    /// True if no price lever is pulled.
    pub fn is_none(&self) -> bool {
        self.council_homes.is_none() && self.block_contract.is_none()
    }
}

/// Which children move into the council's homes, and so which fee each filled bed avoids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChildrenFrom {
    /// Children in private children's homes at the residential price (the default).
    #[default]
    PrivateResidential,
    /// Children in the high-cost tier (placements over £10,000 a week): a larger fee avoided,
    /// but they need what a specialist home gives, and there are fewer of them.
    HighCost,
}

impl ChildrenFrom {
    /// Both, in the order the window lists them.
    pub const ALL: [ChildrenFrom; 2] = [ChildrenFrom::PrivateResidential, ChildrenFrom::HighCost];

    /// In words, for the window and the briefing.
    pub fn label(self) -> &'static str {
        match self {
            ChildrenFrom::PrivateResidential => "from private children's homes",
            ChildrenFrom::HighCost => "from placements over £10,000 a week",
        }
    }
}

/// The council opening its own children's homes: the plan (homes, beds, capital, registration,
/// occupancy, running cost, borrowing, and the external fee a filled bed avoids at the start's
/// prices) from a month, with the Monte Carlo's ranges for what decides it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CouncilHomes {
    /// The month the capital is spent and the months to registration start counting from.
    pub start: Month,
    /// Which children move in (and so which fee is avoided).
    #[serde(default)]
    pub children_from: ChildrenFrom,
    /// The homes: their beds, costs and occupancy. `external_fee_gbp_per_week` is at the
    /// scenario's start prices and grows as residential prices do; the running cost grows at
    /// general inflation (mostly pay); the capital charge is fixed in cash.
    pub plan: HomesPlan,
    /// Steady occupancy, % of beds, as the Monte Carlo draws it. Default 60 to the plan's, most
    /// likely 85 (assumption: NCERCC 2020 and the CMA costed homes at 85% occupancy; independent
    /// providers report 80-85%; no official rate for council homes is published).
    pub occupancy_range_percent: Range,
    /// Months of delay to registration, as the Monte Carlo draws it. Default 0 to 12, most
    /// likely 3 (Ofsted's average was 17 weeks c.2023; from late 2025 six to 18 months for
    /// applications without priority; Hillingdon's savings waited on the registration of its
    /// new homes: docs/research/price_lever_evidence.md).
    pub registration_delay_months: Range,
}

impl CouncilHomes {
    /// Default Monte Carlo range of steady occupancy, given the plan's own.
    pub fn default_occupancy_range(planned_percent: f64) -> Range {
        let high = planned_percent.clamp(0.0, 100.0);
        let low = 60.0_f64.min(high);
        Range::with_mode(low, 85.0_f64.clamp(low, high), high)
    }

    /// Default Monte Carlo range of the registration delay, months.
    pub const DEFAULT_REGISTRATION_DELAY: Range = Range::with_mode(0.0, 3.0, 12.0);

    /// The month the homes are registered (and staffed).
    pub fn registered(&self) -> Month {
        self.start
            .plus_months(i64::from(self.plan.months_to_registration))
    }
}

/// Residential beds bought on a block contract: paid whether filled or not, at a discount on
/// the spot price, for some years from a month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockContract {
    /// The first month of the contract.
    pub start: Month,
    /// How long it runs, years.
    pub years: u32,
    /// Beds bought.
    pub beds: f64,
    /// % off the residential spot price the council would otherwise pay. The contract price
    /// moves with residential prices (an assumption: contracts are uplifted each year).
    pub discount_percent: f64,
    /// % of the beds filled on average: the rest are voids, paid for all the same.
    pub filled_percent: f64,
}

impl BlockContract {
    /// The month after the contract's last.
    pub fn end(&self) -> Month {
        self.start.plus_months(i64::from(self.years) * 12)
    }

    /// True if `month` is inside the contract.
    pub fn runs_in(&self, month: Month) -> bool {
        month >= self.start && month < self.end()
    }
}
