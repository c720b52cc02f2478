//! What the price levers ([`crate::model::scenario::PriceLevers`]) do to a month of a run
//! (docs/model.md 10). They move no child between placement types: a child in a council home or
//! a block bed is still counted in residential care, and the lever changes what the month's
//! placements cost.
//!
//! - Council homes: the beds filled (the plan's occupancy that month, no more than the children
//!   there are to move) avoid the external fee at that month's residential prices; the homes'
//!   running cost (from registration, at that month's general prices) and the capital charge
//!   (the borrowing's annuity, fixed in cash) are placement spend; the capital itself is kept
//!   apart from revenue.
//! - Block contract: every bed paid at the discounted spot price, filled or not; the beds
//!   filled avoid the spot price.
//!
//! The revenue change ([`PriceLeverMonth::spend_change_gbp`]) is added to the month's placement
//! spend by the engine, for the scenario and never for its "do nothing" twin.

use super::placement::PlacementType;
use super::scenario::{ChildrenFrom, Scenario};
use super::time::Month;

/// What the price levers did in one month (or, added up, a year or a horizon).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct PriceLeverMonth {
    /// Council home beds filled, on average over the month (added up: bed-months).
    pub home_beds_filled: f64,
    /// £ of external fees the council homes' filled beds avoid.
    pub home_fees_avoided_gbp: f64,
    /// £ to run the council homes (staff mostly; from registration, full or empty).
    pub home_running_cost_gbp: f64,
    /// £ repaid on the borrowing for the homes' capital (interest and principal; revenue).
    pub home_capital_charge_gbp: f64,
    /// £ capital spent on the homes (kept apart from revenue and from placement spend).
    pub home_capital_spend_gbp: f64,
    /// Block-contract beds filled, on average over the month (added up: bed-months).
    pub block_beds_filled: f64,
    /// £ paid for the block contract's beds, filled or void.
    pub block_cost_gbp: f64,
    /// £ of spot prices the filled block beds avoid.
    pub block_fees_avoided_gbp: f64,
    /// £ less paid to external providers because their prices rose no faster than the cap.
    pub cap_saving_gbp: f64,
}

impl PriceLeverMonth {
    /// £ the levers add to placement spend (negative: they save): running cost + capital
    /// charge + block contract − fees avoided. The capital itself is not in it.
    pub fn spend_change_gbp(&self) -> f64 {
        self.home_running_cost_gbp + self.home_capital_charge_gbp + self.block_cost_gbp
            - self.home_fees_avoided_gbp
            - self.block_fees_avoided_gbp
            - self.cap_saving_gbp
    }

    /// £ the council homes save before the cost of capital: fees avoided − running cost.
    pub fn home_saving_before_capital_gbp(&self) -> f64 {
        self.home_fees_avoided_gbp - self.home_running_cost_gbp
    }

    /// £ the block contract saves: spot prices avoided − what the beds cost.
    pub fn block_saving_gbp(&self) -> f64 {
        self.block_fees_avoided_gbp - self.block_cost_gbp
    }

    /// Adds another month's figures into these.
    pub fn add(&mut self, other: &PriceLeverMonth) {
        self.home_beds_filled += other.home_beds_filled;
        self.home_fees_avoided_gbp += other.home_fees_avoided_gbp;
        self.home_running_cost_gbp += other.home_running_cost_gbp;
        self.home_capital_charge_gbp += other.home_capital_charge_gbp;
        self.home_capital_spend_gbp += other.home_capital_spend_gbp;
        self.block_beds_filled += other.block_beds_filled;
        self.block_cost_gbp += other.block_cost_gbp;
        self.block_fees_avoided_gbp += other.block_fees_avoided_gbp;
        self.cap_saving_gbp += other.cap_saving_gbp;
    }
}

/// What the engine knows of a month when it applies the price levers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthInputs {
    /// The month.
    pub month: Month,
    /// Children in residential care on average over the month.
    pub residential: f64,
    /// Residential prices this month against the start's (1 at the start).
    pub residential_index: f64,
    /// General prices this month against the start's (1 at the start).
    pub price_index: f64,
    /// Children with fostering agencies on average over the month.
    pub agency_fostering: f64,
    /// Agency fostering prices this month against the start's (1 at the start).
    pub agency_fostering_index: f64,
}

/// External prices under the cap against the scenario's own, for `placement` in `month`: each
/// April after the start, from the cap's first year, prices rise by the lower of the type's
/// growth and the cap (1 before the cap bites, or where the type grows more slowly).
pub fn capped_price_ratio(scenario: &Scenario, placement: PlacementType, month: Month) -> f64 {
    let Some(cap) = &scenario.price_levers.price_cap else {
        return 1.0;
    };
    let growth = scenario
        .costs
        .price_growth_percent_per_year
        .as_ref()
        .map_or(scenario.costs.inflation_percent_per_year, |g| g[placement]);
    if growth <= cap.max_growth_percent_per_year {
        return 1.0;
    }
    // The Aprils after the start up to `month` whose financial year is capped.
    let start = scenario.start_month;
    let first_april = if start.month < 4 {
        start.year
    } else {
        start.year + 1
    };
    let last_april = if month.month >= 4 {
        month.year
    } else {
        month.year - 1
    };
    let capped_aprils = last_april - first_april.max(cap.from.start_year) + 1;
    if capped_aprils <= 0 {
        return 1.0;
    }
    ((1.0 + cap.max_growth_percent_per_year / 100.0) / (1.0 + growth / 100.0)).powi(capped_aprils)
}

/// What the scenario's price levers do in a month (all zero when none is pulled).
pub(crate) fn month(scenario: &Scenario, inputs: MonthInputs) -> PriceLeverMonth {
    let levers = &scenario.price_levers;
    let mut out = PriceLeverMonth::default();
    if levers.is_none() {
        return out;
    }
    let weeks = inputs.month.weeks();
    let residential = inputs.residential.max(0.0);
    let high_cost = scenario.costs.high_cost_children(residential);
    // Children who could move into a council home or a block bed: those in private homes at the
    // residential price, and those in the high-cost tier.
    let mut private_left = residential - high_cost;
    let mut high_cost_left = high_cost;
    if let Some(homes) = &levers.council_homes
        && let Ok(i) = usize::try_from(inputs.month.months_since(homes.start))
    {
        let plan_month = homes.plan.month(i, weeks);
        let left = match homes.children_from {
            ChildrenFrom::PrivateResidential => &mut private_left,
            ChildrenFrom::HighCost => &mut high_cost_left,
        };
        let filled = plan_month.occupied_beds.min(*left).max(0.0);
        *left -= filled;
        out.home_beds_filled = filled;
        out.home_fees_avoided_gbp = filled
            * homes.plan.external_fee_gbp_per_week.max(0.0)
            * inputs.residential_index
            * weeks;
        out.home_running_cost_gbp = plan_month.running_cost_gbp * inputs.price_index;
        out.home_capital_charge_gbp = plan_month.capital_charge_gbp;
        out.home_capital_spend_gbp = plan_month.capital_spend_gbp;
    }
    if let Some(block) = &levers.block_contract
        && block.runs_in(inputs.month)
    {
        let spot = scenario.costs.weekly_gbp[PlacementType::Residential].max(0.0)
            * inputs.residential_index;
        let beds = block.beds.max(0.0);
        let discount = (block.discount_percent / 100.0).clamp(0.0, 1.0);
        let filled =
            (beds * (block.filled_percent / 100.0).clamp(0.0, 1.0)).min(private_left.max(0.0));
        out.block_beds_filled = filled;
        out.block_cost_gbp = beds * spot * (1.0 - discount) * weeks;
        out.block_fees_avoided_gbp = filled * spot * weeks;
        private_left -= filled;
    }
    if let Some(cap) = &levers.price_cap {
        // What the children still placed at external prices would cost at the scenario's own
        // prices, less the same at capped prices.
        let residential_ratio =
            capped_price_ratio(scenario, PlacementType::Residential, inputs.month);
        let external = (cap.residential_external_percent / 100.0).clamp(0.0, 1.0);
        let residential_spend = (private_left.max(0.0)
            * scenario.costs.weekly_gbp[PlacementType::Residential].max(0.0)
            + high_cost_left.max(0.0)
                * scenario
                    .costs
                    .high_cost
                    .as_ref()
                    .map_or(0.0, |tier| tier.weekly_gbp.max(0.0)))
            * inputs.residential_index
            * weeks
            * external;
        out.cap_saving_gbp = residential_spend * (1.0 - residential_ratio);
        if cap.agency_fostering {
            let ratio = capped_price_ratio(scenario, PlacementType::Ifa, inputs.month);
            let agency_spend = inputs.agency_fostering.max(0.0)
                * scenario.costs.weekly_gbp[PlacementType::Ifa].max(0.0)
                * inputs.agency_fostering_index
                * weeks;
            out.cap_saving_gbp += agency_spend * (1.0 - ratio);
        }
    }
    out
}

/// One financial year of a price lever's case.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct CaseYear {
    /// The financial year.
    pub financial_year: super::time::FinancialYear,
    /// Beds filled on average over the year's covered months.
    pub beds_filled: f64,
    /// £ the children in those beds would have cost elsewhere: what doing nothing costs.
    pub fees_avoided_gbp: f64,
    /// £ the lever costs in the year (for homes: running cost and capital charge; for a block
    /// contract: the beds, filled or void).
    pub cost_gbp: f64,
    /// £ fees avoided − cost (negative: a loss).
    pub net_saving_gbp: f64,
}

/// The invest-to-save case for the council's homes over the projection (docs/model.md 10).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HomesCase {
    /// Beds in all the homes.
    pub beds: f64,
    /// £ capital (apart from revenue).
    pub capital_gbp: f64,
    /// £ external fees avoided over the horizon: what doing nothing costs for the same children.
    pub fees_avoided_gbp: f64,
    /// £ running cost over the horizon.
    pub running_cost_gbp: f64,
    /// £ capital charge (borrowing repaid, interest and principal) over the horizon.
    pub capital_charge_gbp: f64,
    /// £ fees avoided − running cost: the saving without the cost of capital.
    pub saving_before_capital_gbp: f64,
    /// £ fees avoided − running cost − capital charge: the saving with the cost of capital.
    pub net_saving_gbp: f64,
    /// £ today's value at the Green Book's 3.5% of the capital (when spent) and each month's
    /// fees avoided less running cost: the case as an appraisal would put it.
    pub net_present_value_gbp: f64,
    /// Steady occupancy (0 to 1; above 1: never) at which fees avoided pay the running cost
    /// and the capital charge, at the start's prices.
    pub break_even_occupancy: f64,
    /// The same paying the running cost only (no cost of capital).
    pub break_even_occupancy_before_capital: f64,
    /// The planned steady occupancy (0 to 1).
    pub planned_occupancy: f64,
    /// The month from which the saving before capital since the start has repaid the capital;
    /// None if not within the horizon.
    pub payback: Option<Month>,
    /// Year by year.
    pub years: Vec<CaseYear>,
}

/// The case for a block contract over the projection.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BlockCase {
    /// Beds bought.
    pub beds: f64,
    /// £ spot prices avoided by the beds filled over the horizon.
    pub fees_avoided_gbp: f64,
    /// £ paid for the beds over the horizon, filled or void.
    pub cost_gbp: f64,
    /// £ of that paid for empty beds.
    pub voids_gbp: f64,
    /// £ fees avoided − cost.
    pub net_saving_gbp: f64,
    /// Share of beds (0 to 1) that must be filled for the contract to cost no more than the
    /// spot price: 1 − the discount.
    pub break_even_filled: f64,
    /// Year by year.
    pub years: Vec<CaseYear>,
}

/// Adds a lever's months into financial years with `pick` giving (beds, fees avoided, cost).
fn case_years(
    months: &[super::finance::MonthFigures],
    pick: impl Fn(&PriceLeverMonth) -> (f64, f64, f64),
) -> Vec<CaseYear> {
    let mut years: Vec<(CaseYear, u32)> = Vec::new();
    for m in months {
        let fy = m.month.financial_year();
        if years.last().map(|(y, _)| y.financial_year) != Some(fy) {
            years.push((
                CaseYear {
                    financial_year: fy,
                    beds_filled: 0.0,
                    fees_avoided_gbp: 0.0,
                    cost_gbp: 0.0,
                    net_saving_gbp: 0.0,
                },
                0,
            ));
        }
        if let Some((year, covered)) = years.last_mut() {
            let (beds, fees, cost) = pick(&m.price_levers);
            year.beds_filled += beds;
            year.fees_avoided_gbp += fees;
            year.cost_gbp += cost;
            year.net_saving_gbp += fees - cost;
            *covered += 1;
        }
    }
    years
        .into_iter()
        .map(|(mut year, covered)| {
            year.beds_filled /= f64::from(covered.max(1));
            year
        })
        .collect()
}

/// Every price lever's case in one place: what the run JSON, the window, the exports and the
/// briefing show.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Cases {
    /// The council homes' case, if the scenario opens any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council_homes: Option<HomesCase>,
    /// The block contract's case, if the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_contract: Option<BlockCase>,
    /// The price cap's case, if the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_cap: Option<CapCase>,
    /// Step-down to specialist foster care's case, if the scenario pulls the residential
    /// step-down lever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_down: Option<StepDownCase>,
}

/// The case for stepping children down from residential to (specialist) foster care: the
/// scenario against the same scenario without the step-down lever, so the figures are the
/// lever's own, whatever else is pulled.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StepDownCase {
    /// Fewer children in residential care at the end of the horizon.
    pub fewer_in_residential_at_end: f64,
    /// £ less spent on placements over the horizon (residential fees avoided, less the foster
    /// placements the children move to).
    pub placement_saving_gbp: f64,
    /// £ the lever costs over the horizon: transition support, enhanced fees and retainers.
    pub cost_gbp: f64,
    /// £ placement saving − cost.
    pub net_saving_gbp: f64,
    /// The month from which the net saving since the start stays at or above zero; None if not
    /// within the horizon.
    pub payback: Option<Month>,
    /// By financial year: (year, placement saving, cost, net saving).
    pub years: Vec<(super::time::FinancialYear, f64, f64, f64)>,
}

/// The case for a cap on external prices over the projection.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CapCase {
    /// £ less paid to external providers over the horizon.
    pub saving_gbp: f64,
    /// How far below the scenario's own residential prices the capped ones are by the end of
    /// the horizon, % (what the cap takes from private children's homes' fees).
    pub residential_cut_percent: f64,
    /// The same for fostering agencies, % (0 if they are not capped).
    pub agency_cut_percent: f64,
    /// £ saved in each financial year.
    pub years: Vec<(super::time::FinancialYear, f64)>,
}

impl Cases {
    /// The cases of the scenario's price levers over its projection.
    pub fn of(scenario: &Scenario, projection: &super::finance::Projection) -> Cases {
        Cases {
            council_homes: homes_case(scenario, projection),
            block_contract: block_case(scenario, projection),
            price_cap: cap_case(scenario, projection),
            step_down: step_down_case(scenario, projection),
        }
    }

    /// True if the scenario pulls no price lever.
    pub fn is_empty(&self) -> bool {
        self.council_homes.is_none()
            && self.block_contract.is_none()
            && self.price_cap.is_none()
            && self.step_down.is_none()
    }
}

/// Step-down's case, if the scenario pulls the residential step-down lever: against the same
/// scenario with that lever at doing nothing.
pub fn step_down_case(
    scenario: &Scenario,
    projection: &super::finance::Projection,
) -> Option<StepDownCase> {
    use super::scenario::LeverKind;
    if !scenario.lever_is_pulled(LeverKind::ResidentialStepDown) {
        return None;
    }
    let mut without = scenario.clone();
    without.levers.residential_step_down.value = LeverKind::ResidentialStepDown.neutral(scenario);
    let without = super::finance::project(&without);
    let mut years: Vec<(super::time::FinancialYear, f64, f64, f64)> = Vec::new();
    let (mut saving, mut cost, mut cumulative) = (0.0, 0.0, 0.0);
    let mut last_negative = None;
    for (i, (with, alone)) in projection.months.iter().zip(&without.months).enumerate() {
        let month_saving = alone.spend_gbp - with.spend_gbp;
        let month_cost = with.investment_gbp - alone.investment_gbp;
        saving += month_saving;
        cost += month_cost;
        cumulative += month_saving - month_cost;
        if cumulative < 0.0 {
            last_negative = Some(i);
        }
        let fy = with.month.financial_year();
        match years.last_mut() {
            Some((year, s, c, n)) if *year == fy => {
                *s += month_saving;
                *c += month_cost;
                *n += month_saving - month_cost;
            }
            _ => years.push((fy, month_saving, month_cost, month_saving - month_cost)),
        }
    }
    let payback = match last_negative {
        None => projection.months.first().map(|m| m.month),
        Some(i) => projection.months.get(i + 1).map(|m| m.month),
    };
    let residential_at_end = |p: &super::finance::Projection| {
        p.last_month()
            .map_or(0.0, |m| m.by_placement[PlacementType::Residential])
    };
    Some(StepDownCase {
        fewer_in_residential_at_end: residential_at_end(&without) - residential_at_end(projection),
        placement_saving_gbp: saving,
        cost_gbp: cost,
        net_saving_gbp: saving - cost,
        payback,
        years,
    })
}

/// How far below the scenario's own prices the capped ones are by `month`, % (0 without a cap).
pub fn cap_cut_percent(scenario: &Scenario, placement: PlacementType, month: Month) -> f64 {
    (1.0 - capped_price_ratio(scenario, placement, month)) * 100.0
}

/// The price cap's case, if the scenario has one.
pub fn cap_case(scenario: &Scenario, projection: &super::finance::Projection) -> Option<CapCase> {
    let cap = scenario.price_levers.price_cap.as_ref()?;
    let end = scenario.end_month();
    let mut years: Vec<(super::time::FinancialYear, f64)> = Vec::new();
    for m in &projection.months {
        let fy = m.month.financial_year();
        match years.last_mut() {
            Some((year, saving)) if *year == fy => *saving += m.price_levers.cap_saving_gbp,
            _ => years.push((fy, m.price_levers.cap_saving_gbp)),
        }
    }
    Some(CapCase {
        saving_gbp: projection
            .months
            .iter()
            .map(|m| m.price_levers.cap_saving_gbp)
            .sum(),
        residential_cut_percent: cap_cut_percent(scenario, PlacementType::Residential, end),
        agency_cut_percent: if cap.agency_fostering {
            cap_cut_percent(scenario, PlacementType::Ifa, end)
        } else {
            0.0
        },
        years,
    })
}

/// The council homes' case, if the scenario opens any.
pub fn homes_case(
    scenario: &Scenario,
    projection: &super::finance::Projection,
) -> Option<HomesCase> {
    let homes = scenario.price_levers.council_homes.as_ref()?;
    let mut total = PriceLeverMonth::default();
    for m in &projection.months {
        total.add(&m.price_levers);
    }
    let mut saved = 0.0;
    let payback = projection.months.iter().find_map(|m| {
        saved += m.price_levers.home_saving_before_capital_gbp();
        (total.home_capital_spend_gbp > 0.0 && saved >= total.home_capital_spend_gbp)
            .then_some(m.month)
    });
    let monthly: Vec<f64> = projection
        .months
        .iter()
        .map(|m| {
            m.price_levers.home_saving_before_capital_gbp() - m.price_levers.home_capital_spend_gbp
        })
        .collect();
    let plan = &homes.plan;
    let full = plan.beds() * plan.annual_fee_per_bed_gbp();
    Some(HomesCase {
        beds: plan.beds(),
        capital_gbp: total.home_capital_spend_gbp,
        fees_avoided_gbp: total.home_fees_avoided_gbp,
        running_cost_gbp: total.home_running_cost_gbp,
        capital_charge_gbp: total.home_capital_charge_gbp,
        saving_before_capital_gbp: total.home_saving_before_capital_gbp(),
        net_saving_gbp: total.home_saving_before_capital_gbp() - total.home_capital_charge_gbp,
        net_present_value_gbp: super::council_homes::net_present_value(
            &monthly,
            super::council_homes::GREEN_BOOK_DISCOUNT_PERCENT,
        ),
        break_even_occupancy: plan.break_even_occupancy(),
        break_even_occupancy_before_capital: if full > 0.0 {
            plan.annual_running_cost_gbp() / full
        } else {
            f64::INFINITY
        },
        planned_occupancy: (plan.steady_occupancy_percent / 100.0).clamp(0.0, 1.0),
        payback,
        years: case_years(&projection.months, |m| {
            (
                m.home_beds_filled,
                m.home_fees_avoided_gbp,
                m.home_running_cost_gbp + m.home_capital_charge_gbp,
            )
        }),
    })
}

/// The block contract's case, if the scenario has one.
pub fn block_case(
    scenario: &Scenario,
    projection: &super::finance::Projection,
) -> Option<BlockCase> {
    let block = scenario.price_levers.block_contract.as_ref()?;
    let mut total = PriceLeverMonth::default();
    for m in &projection.months {
        total.add(&m.price_levers);
    }
    let discount = (block.discount_percent / 100.0).clamp(0.0, 1.0);
    // A void costs the discounted price of a bed; the beds filled are paid at the same.
    let beds = block.beds.max(0.0);
    let filled_share = if beds > 0.0 && total.block_cost_gbp > 0.0 {
        // Bed-months filled over bed-months paid.
        let months_paid = projection
            .months
            .iter()
            .filter(|m| m.price_levers.block_cost_gbp > 0.0)
            .count() as f64;
        (total.block_beds_filled / (beds * months_paid.max(1.0))).clamp(0.0, 1.0)
    } else {
        0.0
    };
    Some(BlockCase {
        beds,
        fees_avoided_gbp: total.block_fees_avoided_gbp,
        cost_gbp: total.block_cost_gbp,
        voids_gbp: total.block_cost_gbp * (1.0 - filled_share),
        net_saving_gbp: total.block_saving_gbp(),
        break_even_filled: 1.0 - discount,
        years: case_years(&projection.months, |m| {
            (
                m.block_beds_filled,
                m.block_fees_avoided_gbp,
                m.block_cost_gbp,
            )
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{BlockContract, CouncilHomes};

    fn scenario_with_homes(occupancy: f64) -> Scenario {
        let mut s = crate::io::scenario_file::norfolk_2014().expect("the shipped Norfolk scenario");
        s.costs.high_cost = None;
        s.price_levers.council_homes = Some(CouncilHomes {
            start: s.start_month,
            children_from: ChildrenFrom::PrivateResidential,
            plan: crate::model::council_homes::tests::two_homes(occupancy),
            occupancy_range_percent: CouncilHomes::default_occupancy_range(occupancy),
            registration_delay_months: CouncilHomes::DEFAULT_REGISTRATION_DELAY,
        });
        s
    }

    fn inputs(s: &Scenario, residential: f64) -> MonthInputs {
        MonthInputs {
            month: s.start_month,
            residential,
            residential_index: 1.0,
            price_index: 1.0,
            agency_fostering: 0.0,
            agency_fostering_index: 1.0,
        }
    }

    #[test]
    fn no_more_beds_are_filled_than_there_are_children_to_move() {
        let s = scenario_with_homes(100.0);
        let plenty = month(&s, inputs(&s, 50.0));
        assert_eq!(plenty.home_beds_filled, 8.0);
        let few = month(&s, inputs(&s, 3.0));
        assert_eq!(few.home_beds_filled, 3.0);
        // Fewer filled, the same running cost: the empty beds cost.
        assert_eq!(few.home_running_cost_gbp, plenty.home_running_cost_gbp);
        assert!(few.spend_change_gbp() > plenty.spend_change_gbp());
    }

    #[test]
    fn a_block_contract_pays_for_its_voids() {
        let mut s = crate::io::scenario_file::norfolk_2014().expect("the shipped Norfolk scenario");
        s.costs.high_cost = None;
        s.price_levers.block_contract = Some(BlockContract {
            start: s.start_month,
            years: 5,
            beds: 10.0,
            discount_percent: 10.0,
            filled_percent: 80.0,
            filled_range_percent: None,
        });
        let spot = s.costs.weekly_gbp[PlacementType::Residential];
        let m = month(&s, inputs(&s, 100.0));
        let weeks = s.start_month.weeks();
        assert!((m.block_cost_gbp - 10.0 * spot * 0.9 * weeks).abs() < 1e-6);
        assert!((m.block_fees_avoided_gbp - 8.0 * spot * weeks).abs() < 1e-6);
        // 8 filled at the spot price against 10 paid at 90% of it: a loss of one bed's price.
        assert!((m.spend_change_gbp() - spot * weeks).abs() < 1e-6);
        // Outside the contract, nothing.
        let mut later = inputs(&s, 100.0);
        later.month = s.start_month.plus_months(60);
        assert_eq!(month(&s, later), PriceLeverMonth::default());
    }

    #[test]
    fn in_a_projection_empty_homes_cost_their_running_cost_and_charge_and_save_nothing() {
        let s = scenario_with_homes(0.0);
        let projection = crate::model::project(&s);
        let twin = crate::model::project(&s.do_nothing_twin());
        for (m, t) in projection.months.iter().zip(&twin.months) {
            let levers = &m.price_levers;
            assert_eq!(levers.home_fees_avoided_gbp, 0.0);
            // The twin has no homes; the scenario spends their running cost and charge more.
            assert_eq!(t.price_levers, PriceLeverMonth::default());
            let extra = m.spend_gbp - t.spend_gbp;
            let cost = levers.home_running_cost_gbp + levers.home_capital_charge_gbp;
            assert!((extra - cost).abs() < 1e-6 * cost, "{}", m.month);
            assert!((m.gross_saving_gbp + cost).abs() < 1e-6 * cost);
        }
        let case = homes_case(&s, &projection).expect("homes");
        assert_eq!(case.fees_avoided_gbp, 0.0);
        assert_eq!(case.payback, None);
        assert_eq!(case.capital_gbp, 2_000_000.0);
        assert!(case.net_saving_gbp < 0.0);
        assert!(case.years.iter().all(|y| y.net_saving_gbp < 0.0));
    }

    #[test]
    fn full_homes_pay_back_and_their_case_adds_up() {
        let s = scenario_with_homes(100.0);
        let projection = crate::model::project(&s);
        let case = homes_case(&s, &projection).expect("homes");
        assert!(case.beds == 8.0 && case.planned_occupancy == 1.0);
        assert!(
            (case.saving_before_capital_gbp - (case.fees_avoided_gbp - case.running_cost_gbp))
                .abs()
                < 1e-6
        );
        let by_year: f64 = case.years.iter().map(|y| y.net_saving_gbp).sum();
        assert!((by_year - case.net_saving_gbp).abs() < 1e-3);
        // 8 beds × £6,000 a week against £1.8m a year: about £0.7m a year before capital, so
        // £2m of capital is repaid in the third year.
        let payback = case.payback.expect("pays back");
        let months = payback.months_since(s.start_month);
        assert!((24..40).contains(&months), "{months}");
        assert!(case.break_even_occupancy < 1.0);
        assert!(case.break_even_occupancy_before_capital < case.break_even_occupancy);
        // Whatever the homes save is what the projection's spend falls by.
        let fall: f64 = projection.months.iter().map(|m| m.gross_saving_gbp).sum();
        assert!((fall - case.net_saving_gbp).abs() < 1e-3 * fall.abs());
    }

    #[test]
    fn a_cap_holds_external_prices_to_its_rise_from_its_year() {
        let mut s = scenario_with_homes(85.0);
        s.price_levers.council_homes = None;
        let mut growth = crate::model::ByPlacement::splat(3.0);
        growth[PlacementType::Residential] = 13.0;
        s.costs.price_growth_percent_per_year = Some(growth);
        let start = s.start_month;
        s.price_levers.price_cap = Some(crate::model::scenario::PriceCap {
            from: start.financial_year().next(),
            max_growth_percent_per_year: 2.0,
            residential_external_percent: 78.0,
            agency_fostering: true,
        });
        // Norfolk starts in April 2014: the first capped April is 2015's.
        assert_eq!(
            capped_price_ratio(&s, PlacementType::Residential, start),
            1.0
        );
        let ratio = capped_price_ratio(&s, PlacementType::Residential, start.plus_months(12));
        assert!((ratio - 1.02 / 1.13).abs() < 1e-12);
        let later = capped_price_ratio(&s, PlacementType::Residential, start.plus_months(35));
        assert!((later - (1.02f64 / 1.13).powi(2)).abs() < 1e-12);
        let agencies = capped_price_ratio(&s, PlacementType::Ifa, start.plus_months(12));
        assert!((agencies - 1.02 / 1.03).abs() < 1e-12);
        // Where a type grows no faster than the cap, nothing changes.
        s.price_levers
            .price_cap
            .as_mut()
            .expect("cap")
            .max_growth_percent_per_year = 20.0;
        assert_eq!(
            capped_price_ratio(&s, PlacementType::Residential, start.plus_months(35)),
            1.0
        );
        s.price_levers
            .price_cap
            .as_mut()
            .expect("cap")
            .max_growth_percent_per_year = 2.0;
        // In a projection: nothing saved in the first year, then the external spend's cut.
        let projection = crate::model::project(&s);
        let first_year: f64 = projection.months[..12]
            .iter()
            .map(|m| m.price_levers.cap_saving_gbp)
            .sum();
        assert_eq!(first_year, 0.0);
        let m = &projection.months[12];
        assert!(m.price_levers.cap_saving_gbp > 0.0);
        assert!((m.gross_saving_gbp - m.price_levers.cap_saving_gbp).abs() < 1e-6);
        let case = cap_case(&s, &projection).expect("cap");
        assert!(
            (case.residential_cut_percent - (1.0 - (1.02f64 / 1.13).powi(2)) * 100.0).abs() < 1e-9
        );
        // Held to 2% against 13% for two Aprils: 20% off by the end, within providers' 23%.
        assert!(crate::model::price_evidence::check(&s).is_empty());
        // Held to nothing for four Aprils: 39% off, beyond their margins.
        s.price_levers
            .price_cap
            .as_mut()
            .expect("cap")
            .max_growth_percent_per_year = 0.0;
        s.horizon_years = 5;
        assert!(matches!(
            crate::model::price_evidence::check(&s).as_slice(),
            [crate::model::price_evidence::PriceLeverFinding::CapBeyondMargins { .. }]
        ));
    }
}
