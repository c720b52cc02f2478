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
    /// A cap on how fast external providers' prices may rise. Optional (default none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_cap: Option<PriceCap>,
}

impl PriceLevers {
    /// True if no price lever is pulled.
    pub fn is_none(&self) -> bool {
        self.council_homes.is_none() && self.block_contract.is_none() && self.price_cap.is_none()
    }
}

/// A cap on the growth of external providers' prices from a financial year: a regional care
/// cooperative's negotiating power, or the Children's Wellbeing and Schools Act 2026's backstop
/// power to cap providers' profits. It applies to private children's homes (their share of
/// residential placements) and, if chosen, to fostering agencies; the rest of the price path is
/// the scenario's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceCap {
    /// The first financial year whose April uplift is capped.
    pub from: crate::model::time::FinancialYear,
    /// At most this % a year rise in external prices from then (the scenario's growth where it
    /// is lower).
    pub max_growth_percent_per_year: f64,
    /// % of residential placements bought from private providers, to which the cap applies.
    /// Default 78: private providers ran 78% of children's home places at 31 March 2021 (DfE,
    /// parliamentary answer 11555, June 2022).
    pub residential_external_percent: f64,
    /// True if fostering agencies' prices are capped too (the profit-cap power covers them).
    pub agency_fostering: bool,
}

impl PriceCap {
    /// Default [`PriceCap::residential_external_percent`].
    pub const PRIVATE_SHARE_OF_HOME_PLACES_PERCENT: f64 = 78.0;

    /// A typical cap for `scenario`: external prices rising at most at general inflation from
    /// the year after the start, for private homes and agencies.
    pub fn typical(scenario: &super::Scenario) -> PriceCap {
        PriceCap {
            from: scenario.start_month.financial_year().next(),
            max_growth_percent_per_year: scenario.costs.inflation_percent_per_year,
            residential_external_percent: Self::PRIVATE_SHARE_OF_HOME_PLACES_PERCENT,
            agency_fostering: true,
        }
    }

    /// Every number within its limit.
    pub fn clamp_to_limits(&mut self) {
        let path = |field: &str| format!("price_levers.price_cap.{field}");
        self.max_growth_percent_per_year = clamped(
            &path("max_growth_percent_per_year"),
            self.max_growth_percent_per_year,
        );
        self.residential_external_percent = clamped(
            &path("residential_external_percent"),
            self.residential_external_percent,
        );
    }
}

/// Where a price cap made in the window starts from, for the file's sources.
pub const TYPICAL_CAP_SOURCE: &str = "Price cap as first set in the window: external prices rising at most at general inflation from the year after the start, on private children's homes (78% of places at 31 March 2021, DfE parliamentary answer 11555) and fostering agencies. What a cap can take is bounded by providers' margins: 23% for children's homes, 19% for agencies (CMA, 2021). Replace with the cap in force or proposed (docs/model.md 10).";

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

/// Where a plan of homes made in the window starts from, for the file's sources.
pub const TYPICAL_HOMES_SOURCE: &str = "Council homes as first set in the window: two homes of four beds, £1.5m capital each and £760,000 a year each to run (Derbyshire's figures: up to £1.5m a home; £3,642 a week a child), registered 9 months on and filled over 6 to 85% (NCERCC 2020), each filled bed avoiding the scenario's residential price; borrowing at 6% over 40 years (PWLB certainty rate: gilts + 0.8 points). Replace them with the council's own (docs/model.md 10; docs/research/price_lever_evidence.md).";

/// Where a block contract made in the window starts from, for the file's sources.
pub const TYPICAL_BLOCK_SOURCE: &str = "Block contract as first set in the window: eight beds for seven years at 8% below the spot price (Derbyshire's £31.5m contract, expected to save £2.5m, about 8%: Burton Mail, 28 Nov 2022), 90% filled (assumption). Replace them with the contract's own terms (docs/model.md 10).";

/// Each number of a price lever kept within its limit in [`super::limits`].
fn clamped(path: &str, value: f64) -> f64 {
    super::limit_for(path).map_or(value, |limit| limit.clamp(value))
}

/// A whole number kept within its limit.
fn clamped_whole(path: &str, value: u32) -> u32 {
    clamped(path, f64::from(value)).round().max(0.0) as u32
}

impl CouncilHomes {
    /// A typical plan ([`TYPICAL_HOMES_SOURCE`]) for `scenario`: from its start, each filled bed
    /// avoiding its residential price.
    pub fn typical(scenario: &super::Scenario) -> CouncilHomes {
        let plan = HomesPlan {
            homes: 2,
            beds_per_home: 4,
            capital_per_home_gbp: 1_500_000.0,
            months_to_registration: 9,
            ramp_months: 6,
            steady_occupancy_percent: 85.0,
            running_cost_per_home_gbp_per_year: 760_000.0,
            external_fee_gbp_per_week: scenario.costs.weekly_gbp
                [crate::model::PlacementType::Residential]
                .round(),
            borrowing_rate_percent: 6.0,
            repayment_years: 40,
        };
        CouncilHomes {
            start: scenario.start_month,
            children_from: ChildrenFrom::PrivateResidential,
            plan,
            occupancy_range_percent: CouncilHomes::default_occupancy_range(85.0),
            registration_delay_months: CouncilHomes::DEFAULT_REGISTRATION_DELAY,
        }
    }

    /// Every number within its limit (as the window and `--set` keep them).
    pub fn clamp_to_limits(&mut self) {
        let path = |field: &str| format!("price_levers.council_homes.plan.{field}");
        let p = &mut self.plan;
        p.homes = clamped_whole(&path("homes"), p.homes);
        p.beds_per_home = clamped_whole(&path("beds_per_home"), p.beds_per_home);
        p.capital_per_home_gbp = clamped(&path("capital_per_home_gbp"), p.capital_per_home_gbp);
        p.months_to_registration =
            clamped_whole(&path("months_to_registration"), p.months_to_registration);
        p.ramp_months = clamped_whole(&path("ramp_months"), p.ramp_months);
        p.steady_occupancy_percent = clamped(
            &path("steady_occupancy_percent"),
            p.steady_occupancy_percent,
        );
        p.running_cost_per_home_gbp_per_year = clamped(
            &path("running_cost_per_home_gbp_per_year"),
            p.running_cost_per_home_gbp_per_year,
        );
        p.external_fee_gbp_per_week = clamped(
            &path("external_fee_gbp_per_week"),
            p.external_fee_gbp_per_week,
        );
        p.borrowing_rate_percent =
            clamped(&path("borrowing_rate_percent"), p.borrowing_rate_percent);
        p.repayment_years = clamped_whole(&path("repayment_years"), p.repayment_years);
        // The Monte Carlo's occupancy never above the plan's own.
        let range = &mut self.occupancy_range_percent;
        range.high = range.high.min(p.steady_occupancy_percent).max(0.0);
        range.low = range.low.min(range.high).max(0.0);
        if let Some(mode) = range.mode.as_mut() {
            *mode = mode.clamp(range.low, range.high);
        }
    }
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
    /// The share filled, %, as the Monte Carlo draws it. Optional: none draws from
    /// [`BlockContract::default_filled_range`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_range_percent: Option<Range>,
}

impl BlockContract {
    /// A typical contract ([`TYPICAL_BLOCK_SOURCE`]) from `scenario`'s start.
    pub fn typical(scenario: &super::Scenario) -> BlockContract {
        BlockContract {
            start: scenario.start_month,
            years: 7,
            beds: 8.0,
            discount_percent: 8.0,
            filled_percent: 90.0,
            filled_range_percent: None,
        }
    }

    /// The range the Monte Carlo draws the share filled from, where the contract names none:
    /// 15 points below the planned share to 5 above, most likely the planned (an assumption:
    /// matching children to beds leaves voids; no contract's void rate was found published).
    pub fn default_filled_range(planned_percent: f64) -> Range {
        let planned = planned_percent.clamp(0.0, 100.0);
        Range::with_mode(
            (planned - 15.0).max(0.0),
            planned,
            (planned + 5.0).min(100.0),
        )
    }

    /// The range the Monte Carlo draws the share filled from.
    pub fn filled_range(&self) -> Range {
        self.filled_range_percent
            .unwrap_or_else(|| Self::default_filled_range(self.filled_percent))
    }

    /// Every number within its limit.
    pub fn clamp_to_limits(&mut self) {
        let path = |field: &str| format!("price_levers.block_contract.{field}");
        self.years = clamped_whole(&path("years"), self.years);
        self.beds = clamped(&path("beds"), self.beds);
        self.discount_percent = clamped(&path("discount_percent"), self.discount_percent);
        self.filled_percent = clamped(&path("filled_percent"), self.filled_percent);
    }

    /// The month after the contract's last.
    pub fn end(&self) -> Month {
        self.start.plus_months(i64::from(self.years) * 12)
    }

    /// True if `month` is inside the contract.
    pub fn runs_in(&self, month: Month) -> bool {
        month >= self.start && month < self.end()
    }
}
