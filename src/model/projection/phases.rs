//! The nine phases of a month (docs/model.md), each a method of the engine, inlined into its
//! step: the reference projections and the lane tests hold the figures to the last digit.

use super::engine::*;
use super::month::{Randomness, RunMonth};
use crate::model::lanes::{Lanes, Mask, and, any, yes_if};
use crate::model::placement::{AgeBand, ByPlacement, PlacementType};
use crate::model::scenario::Scenario;
use crate::model::time::Month;

impl<'a, const N: usize> Engine<'a, N> {
    /// One month for every lane: the nine phases in the module's order (docs/model.md).
    #[inline(always)]
    pub(super) fn step<R: Randomness>(
        &mut self,
        index: usize,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
    ) -> [RunMonth; N] {
        let month = self.start_month.plus_months(index as i64);
        if index > 0 && month.month == 4 {
            self.price_index *= self.constants.inflation_factor;
            if let Some(index) = &mut self.type_index {
                for (index, growth) in index.iter_mut().zip(&self.constants.type_growth_factor) {
                    *index *= *growth;
                }
            }
        }
        let opening = self.stock_totals;
        let mut investment = Lanes::splat(0.0);
        let capacity = self.foster_carers(month, &mut investment);
        let mut exits = self.exits_and_ageing(randomness);
        self.placement_moves(capacity);
        self.special_guardianship(month, &mut exits, &mut investment);
        self.step_down_17(month, &mut exits, &mut investment);
        self.residential_step_down(month, capacity, &mut investment);
        let entries_placed = self.entries(month, growth, randomness, capacity, &mut investment);
        self.rebalance_foster(capacity);
        let uasc = self.unaccompanied(growth, randomness);
        let mut months = self.spend(
            month,
            opening,
            Flows {
                entries_placed,
                exits,
                investment,
                capacity,
                uasc,
            },
        );
        self.price_levers(&opening, &mut months);
        months
    }

    /// Phase 1: Foster carers: households leave and are recruited (normal and lever); the lever's
    /// recruits' cost goes to `investment`. Returns the in-house places.
    #[inline(always)]
    fn foster_carers(&mut self, month: Month, investment: &mut Lanes<N>) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let extra_recruits = self
            .lever(|l| &l.foster_recruitment, month, [0.0; N])
            .max(zero)
            / 12.0;
        *investment += extra_recruits * c.cost_per_recruit_gbp;
        self.households =
            self.households * (1.0 - c.attrition_per_month) + c.recruits_per_month + extra_recruits;
        self.households * c.children_per_household
    }

    /// Phase 2: Exits by rate (by chance where the randomness draws) and ageing, on the opening stock;
    /// 17-year-olds turning 18 leave care. Returns the children who left.
    #[inline(always)]
    fn exits_and_ageing<R: Randomness>(&mut self, randomness: &mut [&mut R; N]) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let mut exits = zero;
        // How many more (or fewer) leave than expected in each band, by chance.
        let mut chance = [Lanes::splat(1.0); AGE_BANDS];
        // Exact draws give actual = expected, a factor of exactly 1.
        if !R::EXACT {
            for (b, factor) in chance.iter_mut().enumerate() {
                let band = Lanes::sum(self.stock.iter().map(|row| &row[b]));
                let expected = band * c.exit_share[b];
                for (i, lane) in randomness.iter_mut().enumerate() {
                    if expected.0[i] > 0.0 {
                        let actual = lane
                            .leavers(band.0[i], c.exit_share[b].0[i])
                            .clamp(0.0, band.0[i]);
                        factor.0[i] = actual / expected.0[i];
                    }
                }
            }
        }
        // In place, youngest band first: each band keeps those who stay and do not age out, and
        // gains those who aged in from the band below (`carried`), in the order a fresh grid
        // filled band by band would add them, so the figures are the same to the last digit.
        for row in &mut self.stock {
            let mut carried = zero;
            for b in 0..AGE_BANDS {
                let count = row[b];
                let leaving = (count * c.exit_share[b] * chance[b]).min(count);
                let staying = count - leaving;
                let ageing = staying * self.ageing_share[b];
                exits += leaving;
                row[b] = carried + (staying - ageing);
                if b + 1 < AGE_BANDS {
                    carried = 0.0 + ageing;
                } else {
                    // Turning 18: leaves care.
                    exits += ageing;
                }
            }
        }
        exits
    }

    /// Phase 2b: Children moving between placement types with no lever pulled (the council's
    /// own movement, [`crate::model::PlacementMoves`]): from foster care into children's homes at
    /// 10 and over (or back), and into supported accommodation at 16 and 17 (or back to foster
    /// care). Those moving to foster care go in-house while there is room, then to agencies.
    #[inline(always)]
    fn placement_moves(&mut self, capacity: Lanes<N>) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let moving: Mask<N> = std::array::from_fn(|i| {
            yes_if(
                [
                    &c.into_residential,
                    &c.out_of_residential,
                    &c.into_supported,
                    &c.out_of_supported,
                ]
                .iter()
                .any(|share| share.0[i] > 0.0),
            )
        });
        if !any(moving) {
            return;
        }
        let mut to_foster = [zero; AGE_BANDS];
        for b in AgeBand::ALL.into_iter().filter(|b| b.is_ten_plus()) {
            let b = b as usize;
            for p in [IN_HOUSE, IFA, KINSHIP] {
                let moved = self.stock[p][b] * c.into_residential;
                self.stock[p][b] -= moved;
                self.stock[RESIDENTIAL][b] += moved;
            }
            let back = self.stock[RESIDENTIAL][b] * c.out_of_residential;
            self.stock[RESIDENTIAL][b] -= back;
            to_foster[b] += back;
        }
        for b in AgeBand::ALL.into_iter().filter(|b| b.may_be_in_supported()) {
            let b = b as usize;
            for p in [IN_HOUSE, IFA, KINSHIP, RESIDENTIAL] {
                let moved = self.stock[p][b] * c.into_supported;
                self.stock[p][b] -= moved;
                self.stock[SUPPORTED][b] += moved;
            }
            let back = self.stock[SUPPORTED][b] * c.out_of_supported;
            self.stock[SUPPORTED][b] -= back;
            to_foster[b] += back;
        }
        let total = row_total(&to_foster);
        place_in_foster(&mut self.stock, capacity, &to_foster, total, moving);
    }

    /// Phase 3: Special guardianship orders from foster and kinship care (the permanence lever).
    #[inline(always)]
    fn special_guardianship(
        &mut self,
        month: Month,
        exits: &mut Lanes<N>,
        investment: &mut Lanes<N>,
    ) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let orders_wanted = self.lever(|l| &l.permanence, month, [0.0; N]).max(zero) / 12.0;
        let ordering = orders_wanted.gt(zero);
        if any(ordering) {
            let sources = [IN_HOUSE, IFA, KINSHIP];
            let eligible = Lanes::sum(&sources.map(|p| row_total(&self.stock[p])));
            let orders = orders_wanted.min(eligible);
            let leaving = and(ordering, eligible.gt(zero));
            let keep = 1.0 - orders / eligible;
            for p in sources {
                for count in &mut self.stock[p] {
                    *count = Lanes::select(leaving, *count * keep, *count);
                }
            }
            *exits = exits.plus_where(ordering, orders);
            *investment = investment.plus_where(ordering, orders * c.cost_per_order_gbp);
        }
    }

    /// Phase 4: 17-year-olds stepped down to supported accommodation or home.
    #[inline(always)]
    fn step_down_17(&mut self, month: Month, exits: &mut Lanes<N>, investment: &mut Lanes<N>) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let rate_17 = self.monthly_rate(|l| &l.step_down_17, month);
        let stepping = rate_17.gt(zero);
        if any(stepping) {
            let home_share = c.home_share;
            let mut moved = zero;
            for p in [IN_HOUSE, IFA, KINSHIP, RESIDENTIAL] {
                let cell = &mut self.stock[p][AGE_17];
                let count = *cell * rate_17;
                *cell = Lanes::select(stepping, *cell - count, *cell);
                moved += count;
            }
            *exits = exits.plus_where(stepping, moved * home_share);
            let supported = &mut self.stock[SUPPORTED][AGE_17];
            *supported = supported.plus_where(stepping, moved * (1.0 - home_share));
            *investment =
                investment.plus_where(stepping, moved * c.step_down_17_cost_per_child_gbp);
        }
    }

    /// Phase 5: Residential to foster care (in-house while there is room, then agencies). Moves
    /// that break down leave the child in residential care; those that hold put specialist
    /// carers on an enhanced fee for some months; retainers are paid while the lever acts. Every
    /// cost goes to `investment` (at the lever's prices, not inflated, like other lever costs).
    #[inline(always)]
    fn residential_step_down(
        &mut self,
        month: Month,
        capacity: Lanes<N>,
        investment: &mut Lanes<N>,
    ) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let rate_residential = self.monthly_rate(|l| &l.residential_step_down, month);
        let stepping_down = rate_residential.gt(zero);
        let mut held = zero;
        if any(stepping_down) {
            let mut attempted = [zero; AGE_BANDS];
            let mut moving = [zero; AGE_BANDS];
            for ((attempt, moving), count) in attempted
                .iter_mut()
                .zip(moving.iter_mut())
                .zip(&mut self.stock[RESIDENTIAL])
            {
                *attempt = *count * rate_residential;
                *moving = *attempt * c.step_down_holds;
                *count = Lanes::select(stepping_down, *count - *moving, *count);
            }
            let attempts = row_total(&attempted);
            let moved = row_total(&moving);
            place_in_foster(&mut self.stock, capacity, &moving, moved, stepping_down);
            *investment = investment.plus_where(
                stepping_down,
                attempts * c.residential_step_down_cost_per_child_gbp,
            );
            // Specialist carers: breakdowns on the enhanced fee for the weeks they lasted, and
            // retainers. Nothing to add where neither is set (files from before them).
            let broken = attempts - moved;
            let extra = broken
                * c.step_down_enhanced_fee_gbp
                * crate::model::scenario::STEP_DOWN_WEEKS_BEFORE_BREAKDOWN
                + c.step_down_retainer_per_month_gbp;
            if any(extra.gt(zero)) {
                *investment = investment.plus_where(stepping_down, extra);
            }
            held = Lanes::select(stepping_down, moved, zero);
        }
        // Children stepped down in the last `enhanced_months` months are on the enhanced fee.
        if any(c.step_down_enhanced_fee_gbp.gt(zero)) {
            self.step_down_history.push(held);
            let history = &self.step_down_history;
            let on_fee = Lanes::from_fn(|i| {
                let months = c.step_down_enhanced_months[i].min(history.len());
                history[history.len() - months..]
                    .iter()
                    .map(|lanes| lanes.0[i])
                    .sum::<f64>()
            });
            *investment += on_fee * c.step_down_enhanced_fee_gbp * month.weeks();
        }
    }

    /// Phase 6: Entries, after the front door and early help, placed by age (foster entries in-house
    /// while there is room, otherwise with agencies). Returns the children placed.
    #[inline(always)]
    fn entries<R: Randomness>(
        &mut self,
        month: Month,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
        capacity: Lanes<N>,
        investment: &mut Lanes<N>,
    ) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let trend = Lanes::from_fn(|i| growth[i].entries);
        let front_door = self
            .lever(|l| &l.front_door, month, [0.0; N])
            .map(|value| value.clamp(0.0, 100.0))
            / 100.0;
        let (front_door_pulled, front_door_cost) = self.running_cost(
            |l| &l.front_door,
            month,
            [0.0; N],
            c.front_door_cost_per_month,
        );
        if any(front_door_pulled) {
            *investment = investment.plus_where(front_door_pulled, front_door_cost);
        }
        let early_help_cut = Lanes::from_fn(|i| {
            if self.twin[i] {
                0.0
            } else {
                early_help_cut(self.scenarios[i], month)
            }
        });
        *investment += self.lever(|l| &l.early_help, month, [0.0; N]).max(zero) / 12.0;
        let expected_entries =
            c.entries_per_month * trend * (1.0 - front_door) * (1.0 - early_help_cut);
        let entries = Lanes::from_fn(|i| randomness[i].entries(expected_entries.0[i]).max(0.0));

        let residential_10_plus =
            (self.lever(|l| &l.residential_share, month, c.residential_neutral) / 100.0)
                .map(|share| share.clamp(0.0, 1.0));
        let (residential_share_pulled, residential_share_cost) = self.running_cost(
            |l| &l.residential_share,
            month,
            c.residential_neutral,
            c.residential_share_cost_per_month,
        );
        if any(residential_share_pulled) {
            *investment = investment.plus_where(residential_share_pulled, residential_share_cost);
        }
        let mut foster_entries = [zero; AGE_BANDS];
        let mut entries_placed = zero;
        for b in AgeBand::ALL {
            let i = b as usize;
            let band_entries = entries * c.age_share[i];
            let residential_share = if b.is_ten_plus() {
                residential_10_plus
            } else {
                c.residential_under_10
            };
            let residential = band_entries * residential_share;
            let rest = band_entries - residential;
            let [foster, kinship, supported, with_parents] =
                c.first_placement[i].map(|share| rest * share);
            self.stock[RESIDENTIAL][i] += residential;
            self.stock[KINSHIP][i] += kinship;
            self.stock[SUPPORTED][i] += supported;
            self.stock[WITH_PARENTS][i] += with_parents;
            foster_entries[i] = foster;
            entries_placed += residential + kinship + supported + with_parents + foster;
        }
        let foster_total = row_total(&foster_entries);
        place_in_foster(
            &mut self.stock,
            capacity,
            &foster_entries,
            foster_total,
            [u64::MAX; N],
        );
        entries_placed
    }

    /// Phase 7: In-house and agency foster care rebalanced: children move to in-house carers as room
    /// appears, and to agencies if carers leave.
    #[inline(always)]
    fn rebalance_foster(&mut self, capacity: Lanes<N>) {
        let zero = Lanes::splat(0.0);
        let in_house = row_total(&self.stock[IN_HOUSE]);
        let ifa = row_total(&self.stock[IFA]);
        let room = capacity - in_house;
        // Carers left: the children they looked after move to agencies.
        let over = and(in_house.gt(capacity), in_house.gt(zero));
        // Room: children move from agencies to in-house carers.
        let under: Mask<N> =
            std::array::from_fn(|i| yes_if(over[i] == 0 && ifa.0[i] > 0.0 && room.0[i] > 0.0));
        if any(over) || any(under) {
            let to_agencies = (in_house - capacity) / in_house;
            let to_in_house = (room / ifa).min(Lanes::splat(1.0));
            for b in 0..AGE_BANDS {
                let (ours, theirs) = (self.stock[IN_HOUSE][b], self.stock[IFA][b]);
                let out = ours * to_agencies;
                let back = theirs * to_in_house;
                self.stock[IN_HOUSE][b] =
                    Lanes::select(over, ours - out, Lanes::select(under, ours + back, ours));
                self.stock[IFA][b] = Lanes::select(
                    over,
                    theirs + out,
                    Lanes::select(under, theirs - back, theirs),
                );
            }
        }
    }

    /// Phase 8: Unaccompanied asylum-seeking children, if counted apart: leaving, ageing, arrivals.
    #[inline(always)]
    fn unaccompanied<R: Randomness>(
        &mut self,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
    ) -> UnaccompaniedMonth<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let uasc_opening = self.uasc_total;
        let (mut uasc_arrivals, mut uasc_exits) = (zero, zero);
        if self.counts_uasc {
            let mut after = [zero; AGE_BANDS];
            for b in 0..AGE_BANDS {
                let count = self.uasc[b];
                let leaving = Lanes::from_fn(|i| {
                    let count = count.0[i];
                    if count > 0.0 {
                        randomness[i]
                            .leavers(count, c.uasc_leaving_share.0[i])
                            .clamp(0.0, count)
                    } else {
                        0.0
                    }
                });
                let staying = count - leaving;
                let ageing = staying * self.ageing_share[b];
                uasc_exits += leaving;
                if b + 1 < AGE_BANDS {
                    after[b + 1] += ageing;
                } else {
                    uasc_exits += ageing;
                }
                after[b] += staying - ageing;
            }
            let expected = c.uasc_arrivals_per_month * Lanes::from_fn(|i| growth[i].uasc_arrivals);
            uasc_arrivals = Lanes::from_fn(|i| {
                if expected.0[i] > 0.0 {
                    randomness[i].entries(expected.0[i]).max(0.0)
                } else {
                    0.0
                }
            });
            for (count, share) in after.iter_mut().zip(c.uasc_arrival_share) {
                *count += uasc_arrivals * share;
            }
            self.uasc = after;
        }
        let uasc_closing = row_total(&self.uasc);
        self.uasc_total = uasc_closing;
        UnaccompaniedMonth {
            opening: uasc_opening,
            closing: uasc_closing,
            arrivals: uasc_arrivals,
            exits: uasc_exits,
        }
    }

    /// Phase 9: Spend: the month's average of opening and closing placements × weekly cost × weeks ×
    /// the price index; UASC at their own cost less the grant. Closes the month.
    #[inline(always)]
    fn spend(
        &mut self,
        month: Month,
        opening: [Lanes<N>; PLACEMENTS],
        flows: Flows<N>,
    ) -> [RunMonth; N] {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let Flows {
            entries_placed,
            exits,
            investment,
            capacity,
            uasc:
                UnaccompaniedMonth {
                    opening: uasc_opening,
                    closing: uasc_closing,
                    arrivals: uasc_arrivals,
                    exits: uasc_exits,
                },
        } = flows;
        let closing: [Lanes<N>; PLACEMENTS] = std::array::from_fn(|p| row_total(&self.stock[p]));
        self.stock_totals = closing;
        let mut weekly = zero;
        let weeks = month.weeks();
        let spend = match &self.type_index {
            // Each type at its own price.
            Some(index) => {
                for p in 0..PLACEMENTS {
                    let average = (opening[p] + closing[p]) / 2.0;
                    weekly += average * c.weekly_gbp[p] * index[p];
                }
                weekly * weeks
            }
            None => {
                for p in 0..PLACEMENTS {
                    let average = (opening[p] + closing[p]) / 2.0;
                    weekly += average * c.weekly_gbp[p];
                }
                weekly * weeks * self.price_index
            }
        };
        let (uasc_gross, uasc_grant) = if self.counts_uasc {
            let average = (uasc_opening + uasc_closing) / 2.0;
            (
                average * c.uasc_weekly_gbp * weeks * self.price_index,
                average * c.uasc_grant_gbp_per_week * weeks,
            )
        } else {
            (zero, zero)
        };
        let spend = spend + uasc_gross - uasc_grant;

        std::array::from_fn(|i| {
            let lane = |totals: &[Lanes<N>; PLACEMENTS]| {
                let mut by_placement = ByPlacement::splat(0.0);
                for p in PlacementType::ALL {
                    by_placement[p] = totals[p as usize].0[i];
                }
                by_placement
            };
            let by_placement = lane(&closing);
            RunMonth {
                month,
                looked_after: by_placement.total() + uasc_closing.0[i],
                uasc_looked_after: uasc_closing.0[i],
                by_placement,
                opening_looked_after: lane(&opening).total() + uasc_opening.0[i],
                entries: entries_placed.0[i] + uasc_arrivals.0[i],
                exits: exits.0[i] + uasc_exits.0[i],
                spend_gbp: spend.0[i],
                uasc_gross_spend_gbp: uasc_gross.0[i],
                uasc_grant_gbp: uasc_grant.0[i],
                investment_gbp: investment.0[i],
                in_house_capacity: capacity.0[i],
                price_index: self.price_index.0[i],
                price_levers: Default::default(),
            }
        })
    }

    /// Phase 10: Price levers (council homes, block contracts): what they add to or save from
    /// the month's placement spend, for each lane that is a scenario (never a twin) with them.
    /// Scalar per lane: no child moves, so the lanes' counts are untouched.
    #[inline(always)]
    fn price_levers(&self, opening: &[Lanes<N>; PLACEMENTS], months: &mut [RunMonth; N]) {
        for (i, month) in months.iter_mut().enumerate() {
            let scenario = self.scenarios[i];
            if self.twin[i] || scenario.price_levers.is_none() {
                continue;
            }
            let residential =
                (opening[RESIDENTIAL].0[i] + month.by_placement[PlacementType::Residential]) / 2.0;
            let index_of = |placement: usize| {
                self.type_index
                    .as_ref()
                    .map_or(self.price_index.0[i], |index| index[placement].0[i])
            };
            let levers = crate::model::price_levers::month(
                scenario,
                crate::model::price_levers::MonthInputs {
                    month: month.month,
                    residential,
                    residential_index: index_of(RESIDENTIAL),
                    price_index: self.price_index.0[i],
                    agency_fostering: (opening[IFA].0[i] + month.by_placement[PlacementType::Ifa])
                        / 2.0,
                    agency_fostering_index: index_of(IFA),
                },
            );
            month.spend_gbp += levers.spend_change_gbp();
            month.price_levers = levers;
        }
    }
}

/// What phase 8 ([`Engine::unaccompanied`]) leaves for the month's figures.
#[derive(Clone, Copy)]
struct UnaccompaniedMonth<const N: usize> {
    opening: Lanes<N>,
    closing: Lanes<N>,
    arrivals: Lanes<N>,
    exits: Lanes<N>,
}

/// The month's flows, carried from the phases to the spend (phase 9).
#[derive(Clone, Copy)]
struct Flows<const N: usize> {
    entries_placed: Lanes<N>,
    exits: Lanes<N>,
    investment: Lanes<N>,
    capacity: Lanes<N>,
    uasc: UnaccompaniedMonth<N>,
}

/// Share of entries cut by early help in `month`, from the investment in force `lag` earlier.
fn early_help_cut(scenario: &Scenario, month: Month) -> f64 {
    let lever = &scenario.levers.early_help;
    let a = &lever.assumptions;
    let invested = lever
        .effective(month.plus_months(-i64::from(a.lag_months)), 0.0)
        .max(0.0);
    a.entry_cut(invested)
}

/// Places children needing foster care, in the lanes `placing` with some to place: in-house
/// while there is room (`capacity` less the children already with in-house carers), then IFA,
/// keeping each age band's share.
#[inline(always)]
fn place_in_foster<const N: usize>(
    stock: &mut Grid<N>,
    capacity: Lanes<N>,
    children: &[Lanes<N>; AGE_BANDS],
    total: Lanes<N>,
    placing: Mask<N>,
) {
    // As the scalar engine's "nothing to place" return: `!(total <= 0)`, so that a total that
    // is not a number is placed (and shows) rather than dropped.
    let placing: Mask<N> = std::array::from_fn(|i| {
        let nothing_to_place = total.0[i] <= 0.0;
        placing[i] & yes_if(!nothing_to_place)
    });
    if !any(placing) {
        return;
    }
    let room = (capacity - row_total(&stock[IN_HOUSE])).max(Lanes::splat(0.0));
    let in_house_share = (room / total).min(Lanes::splat(1.0));
    for (i, &count) in children.iter().enumerate() {
        let to_in_house = count * in_house_share;
        stock[IN_HOUSE][i] = stock[IN_HOUSE][i].plus_where(placing, to_in_house);
        stock[IFA][i] = stock[IFA][i].plus_where(placing, count - to_in_house);
    }
}
