//! The engine's state: the children by placement and age band in lanes (one run each), the
//! figures that hold for a whole run, and one month's step through the phases (`phases.rs`).

use crate::model::lanes::{Lanes, Mask, yes_if};
use crate::model::placement::{AgeBand, PlacementType};
use crate::model::scenario::{Lever, LeverKind, Levers, Scenario};
use crate::model::time::Month;

/// The growth in demand since the start, by month `index`: the same for a scenario and its twin.
#[derive(Clone, Copy)]
pub(super) struct Growth {
    /// Entries' demand trend, compounded (1 at the start).
    pub(super) entries: f64,
    /// UASC arrivals' trend, compounded (1 at the start; 1 if none are counted apart).
    pub(super) uasc_arrivals: f64,
}

impl Growth {
    pub(super) fn at(scenario: &Scenario, index: usize) -> Growth {
        let compound = |percent_per_year: f64| {
            (1.0 + percent_per_year / 100.0)
                .max(0.0)
                .powf(index as f64 / 12.0)
        };
        Growth {
            entries: compound(scenario.entries.demand_trend_percent_per_year),
            uasc_arrivals: scenario
                .uasc
                .as_ref()
                .map_or(1.0, |u| compound(u.arrivals_trend_percent_per_year)),
        }
    }
}

/// Converts "% a year" into a share per month that compounds to the same over a year.
pub(super) fn monthly_share_from_yearly_percent(percent_per_year: f64) -> f64 {
    let yearly = (percent_per_year / 100.0).clamp(0.0, 1.0);
    1.0 - (1.0 - yearly).powf(1.0 / 12.0)
}

/// Children by placement type and age band, indexed `[placement as usize][band as usize]`, one
/// lane per run: plain arrays keep the monthly step fast enough to rerun on every frame.
pub(super) type Grid<const N: usize> = [[Lanes<N>; AGE_BANDS]; PLACEMENTS];
pub(super) const PLACEMENTS: usize = PlacementType::ALL.len();
pub(super) const AGE_BANDS: usize = AgeBand::ALL.len();
pub(super) const IN_HOUSE: usize = PlacementType::InHouseFoster as usize;
pub(super) const IFA: usize = PlacementType::Ifa as usize;
pub(super) const KINSHIP: usize = PlacementType::Kinship as usize;
pub(super) const RESIDENTIAL: usize = PlacementType::Residential as usize;
pub(super) const SUPPORTED: usize = PlacementType::Supported as usize;
pub(super) const WITH_PARENTS: usize = PlacementType::WithParentsOther as usize;
pub(super) const AGE_17: usize = AgeBand::Age17 as usize;

#[inline(always)]
pub(super) fn row_total<const N: usize>(row: &[Lanes<N>; AGE_BANDS]) -> Lanes<N> {
    Lanes::sum(row)
}

/// Picks one lever out of a scenario's levers (a closure such as `|l| &l.front_door`).
pub(super) type PickLever<A> = fn(&Levers) -> &Lever<A>;

pub(super) struct Engine<'a, const N: usize> {
    pub(super) scenarios: [&'a Scenario; N],
    /// The "do nothing" twins: every lever at its neutral value (the scenario's own values are
    /// ignored), as [`Scenario::do_nothing_twin`] would set them.
    pub(super) twin: [bool; N],
    pub(super) start_month: Month,
    pub(super) counts_uasc: bool,
    pub(super) stock: Grid<N>,
    /// Children by placement type at the end of the last month (the start of this one), added
    /// up as the month's closing totals were: the same figures without adding them again.
    pub(super) stock_totals: [Lanes<N>; PLACEMENTS],
    pub(super) households: Lanes<N>,
    pub(super) price_index: Lanes<N>,
    /// Each placement type's own price index, where the scenario grows prices by type (none:
    /// every type follows `price_index`, as before; the figures stay the same to the last digit).
    pub(super) type_index: Option<[Lanes<N>; PLACEMENTS]>,
    /// UASC in care by age band.
    pub(super) uasc: [Lanes<N>; AGE_BANDS],
    /// UASC in care at the end of the last month.
    pub(super) uasc_total: Lanes<N>,
    /// Share of each band ageing into the next a month (1 / the band's width in months).
    pub(super) ageing_share: [f64; AGE_BANDS],
    pub(super) constants: Constants<N>,
    /// Children stepped down from residential each month so far (net of breakdowns), one entry
    /// a month, kept only where a lane pays specialist carers an enhanced fee.
    pub(super) step_down_history: Vec<Lanes<N>>,
}

/// Figures that do not change from month to month within a run, one lane per run, worked out
/// once with the same operations as the month would use (so the same figures to the last digit).
pub(super) struct Constants<const N: usize> {
    pub(super) attrition_per_month: Lanes<N>,
    /// 1 + inflation: the price index's rise each April.
    pub(super) inflation_factor: Lanes<N>,
    /// 1 + each type's price growth: its index's rise each April (with `type_index`).
    pub(super) type_growth_factor: [Lanes<N>; PLACEMENTS],
    pub(super) exit_share: [Lanes<N>; AGE_BANDS],
    pub(super) age_share: [Lanes<N>; AGE_BANDS],
    /// Per band: shares of non-residential entries going to foster, kinship, supported, parents.
    pub(super) first_placement: [[Lanes<N>; 4]; AGE_BANDS],
    pub(super) residential_neutral: [f64; N],
    /// Placement moves with no lever pulled, shares a month (each lane's yearly % converted):
    /// foster care to children's homes at 10+, and back; to supported accommodation at 16-17,
    /// and back. All zero: the phase does nothing.
    pub(super) into_residential: Lanes<N>,
    pub(super) out_of_residential: Lanes<N>,
    pub(super) into_supported: Lanes<N>,
    pub(super) out_of_supported: Lanes<N>,
    /// UASC leaving before 18, share a month.
    pub(super) uasc_leaving_share: Lanes<N>,
    /// Age at arrival, shares of UASC arrivals.
    pub(super) uasc_arrival_share: [Lanes<N>; AGE_BANDS],
    /// Households recruited a month with no lever.
    pub(super) recruits_per_month: Lanes<N>,
    /// Children entering a month before trend and levers.
    pub(super) entries_per_month: Lanes<N>,
    /// Share of entries under 10 placed first in residential homes.
    pub(super) residential_under_10: Lanes<N>,
    /// Share of stepped-down 17-year-olds who go home.
    pub(super) home_share: Lanes<N>,
    /// The front door's running cost a month at full effect.
    pub(super) front_door_cost_per_month: [f64; N],
    /// The residential-share lever's running cost a month at full effect.
    pub(super) residential_share_cost_per_month: [f64; N],
    /// UASC arriving a month before their trend.
    pub(super) uasc_arrivals_per_month: Lanes<N>,
    pub(super) children_per_household: Lanes<N>,
    /// £ a week by placement type (never below 0).
    pub(super) weekly_gbp: [Lanes<N>; PLACEMENTS],
    pub(super) uasc_weekly_gbp: Lanes<N>,
    pub(super) uasc_grant_gbp_per_week: Lanes<N>,
    pub(super) cost_per_recruit_gbp: Lanes<N>,
    pub(super) cost_per_order_gbp: Lanes<N>,
    pub(super) step_down_17_cost_per_child_gbp: Lanes<N>,
    pub(super) residential_step_down_cost_per_child_gbp: Lanes<N>,
    /// Share of step-downs that hold (1 − the breakdown share).
    pub(super) step_down_holds: Lanes<N>,
    /// £ a week enhanced fee for each child stepped down, for `step_down_enhanced_months`.
    pub(super) step_down_enhanced_fee_gbp: Lanes<N>,
    /// Months on the enhanced fee.
    pub(super) step_down_enhanced_months: [usize; N],
    /// £ a month of retainers while the lever acts.
    pub(super) step_down_retainer_per_month_gbp: Lanes<N>,
}

/// A count read from a file: negative or not a number counts as none.
pub(super) fn count_or_none(count: f64) -> f64 {
    if count.is_finite() {
        count.max(0.0)
    } else {
        0.0
    }
}

/// Shares of a band's non-residential entries going to foster, kinship, supported, parents.
pub(crate) fn first_placement_shares(scenario: &Scenario, band: AgeBand) -> [f64; 4] {
    let split = &scenario.entries.non_residential_split_percent[band];
    let supported = if band.may_be_in_supported() {
        split.supported.max(0.0)
    } else {
        0.0
    };
    let parts = [
        split.foster.max(0.0),
        split.kinship.max(0.0),
        supported,
        split.with_parents_other.max(0.0),
    ];
    let total: f64 = parts.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    parts.map(|part| part / total)
}

impl<'a, const N: usize> Engine<'a, N> {
    #[inline(always)]
    pub(super) fn new(scenarios: [&'a Scenario; N], twin: [bool; N]) -> Self {
        let lanes = |f: &dyn Fn(&Scenario) -> f64| Lanes::from_fn(|i| f(scenarios[i]));
        let by_band = |f: &dyn Fn(&Scenario, AgeBand) -> f64| {
            AgeBand::ALL.map(|b| Lanes::from_fn(|i| f(scenarios[i], b)))
        };
        let stock = PlacementType::ALL
            .map(|p| by_band(&|s, b| count_or_none(s.opening_looked_after[p][b])));
        let uasc_arrival_share = by_band(&|s, b| {
            s.uasc.as_ref().map_or(0.0, |u| {
                let arrival_total: f64 = AgeBand::ALL
                    .iter()
                    .map(|&b| u.arrival_age_percent[b].max(0.0))
                    .sum::<f64>()
                    .max(f64::MIN_POSITIVE);
                u.arrival_age_percent[b].max(0.0) / arrival_total
            })
        });
        let first_placement = AgeBand::ALL.map(|b| {
            let shares: [[f64; 4]; N] = scenarios.map(|s| first_placement_shares(s, b));
            std::array::from_fn(|k| Lanes::from_fn(|i| shares[i][k]))
        });
        let first = scenarios.first();
        // A net move, % a year, as a share a month one way (none the other way).
        let moves = monthly_share_from_yearly_percent;
        let uasc = by_band(&|s, b| s.uasc.as_ref().map_or(0.0, |u| count_or_none(u.opening[b])));
        Engine {
            stock_totals: std::array::from_fn(|p| row_total(&stock[p])),
            uasc_total: row_total(&uasc),
            uasc,
            scenarios,
            twin,
            start_month: first.map_or(Month::FIRST_SUPPORTED, |s| s.start_month),
            counts_uasc: first.is_some_and(|s| s.uasc.is_some()),
            stock,
            households: lanes(&|s| s.fostering.in_house_households.max(0.0)),
            price_index: Lanes::splat(1.0),
            type_index: first
                .is_some_and(|s| s.costs.price_growth_percent_per_year.is_some())
                .then(|| [Lanes::splat(1.0); PLACEMENTS]),
            ageing_share: AgeBand::ALL.map(|b| 1.0 / b.width_months()),
            constants: Constants {
                attrition_per_month: lanes(&|s| {
                    monthly_share_from_yearly_percent(s.fostering.attrition_percent_per_year)
                }),
                inflation_factor: lanes(&|s| 1.0 + s.costs.inflation_percent_per_year / 100.0),
                type_growth_factor: std::array::from_fn(|p| {
                    lanes(&|s| {
                        let percent = s
                            .costs
                            .price_growth_percent_per_year
                            .as_ref()
                            .map_or(s.costs.inflation_percent_per_year, |growth| {
                                growth[PlacementType::ALL[p]]
                            });
                        1.0 + percent / 100.0
                    })
                }),
                exit_share: by_band(&|s, b| s.exits.monthly_share(b).clamp(0.0, 1.0)),
                age_share: by_band(&|s, b| (s.entries.age_percent[b] / 100.0).max(0.0)),
                first_placement,
                residential_neutral: scenarios.map(|s| LeverKind::ResidentialShare.neutral(s)),
                into_residential: lanes(&|s| {
                    moves(s.placement_moves.into_residential_percent_per_year)
                }),
                out_of_residential: lanes(&|s| {
                    moves(-s.placement_moves.into_residential_percent_per_year)
                }),
                into_supported: lanes(&|s| {
                    moves(s.placement_moves.into_supported_percent_per_year)
                }),
                out_of_supported: lanes(&|s| {
                    moves(-s.placement_moves.into_supported_percent_per_year)
                }),
                uasc_leaving_share: lanes(&|s| {
                    s.uasc.as_ref().map_or(0.0, |u| {
                        (u.leaving_percent_per_month / 100.0).clamp(0.0, 1.0)
                    })
                }),
                uasc_arrival_share,
                recruits_per_month: lanes(&|s| s.fostering.recruits_per_year.max(0.0) / 12.0),
                entries_per_month: lanes(&|s| s.entries.per_year.max(0.0) / 12.0),
                residential_under_10: lanes(&|s| {
                    (s.entries.residential_percent_under_10 / 100.0).clamp(0.0, 1.0)
                }),
                home_share: lanes(&|s| {
                    (s.levers.step_down_17.assumptions.home_percent / 100.0).clamp(0.0, 1.0)
                }),
                front_door_cost_per_month: scenarios
                    .map(|s| s.levers.front_door.assumptions.annual_cost_gbp / 12.0),
                residential_share_cost_per_month: scenarios
                    .map(|s| s.levers.residential_share.assumptions.annual_cost_gbp / 12.0),
                uasc_arrivals_per_month: lanes(&|s| {
                    s.uasc
                        .as_ref()
                        .map_or(0.0, |u| u.arrivals_per_year.max(0.0) / 12.0)
                }),
                children_per_household: lanes(&|s| s.fostering.children_per_household.max(0.0)),
                weekly_gbp: PlacementType::ALL
                    .map(|p| Lanes::from_fn(|i| scenarios[i].costs.average_weekly_gbp(p))),
                uasc_weekly_gbp: lanes(&|s| {
                    s.uasc.as_ref().map_or(0.0, |u| u.weekly_cost_gbp.max(0.0))
                }),
                uasc_grant_gbp_per_week: lanes(&|s| {
                    s.uasc
                        .as_ref()
                        .map_or(0.0, |u| u.grant_gbp_per_week.max(0.0))
                }),
                cost_per_recruit_gbp: lanes(&|s| {
                    s.levers.foster_recruitment.assumptions.cost_per_recruit_gbp
                }),
                cost_per_order_gbp: lanes(&|s| s.levers.permanence.assumptions.cost_per_order_gbp),
                step_down_17_cost_per_child_gbp: lanes(&|s| {
                    s.levers.step_down_17.assumptions.cost_per_child_gbp
                }),
                residential_step_down_cost_per_child_gbp: lanes(&|s| {
                    s.levers
                        .residential_step_down
                        .assumptions
                        .cost_per_child_gbp
                }),
                step_down_holds: lanes(&|s| {
                    1.0 - (s.levers.residential_step_down.assumptions.breakdown_percent / 100.0)
                        .clamp(0.0, 1.0)
                }),
                step_down_enhanced_fee_gbp: lanes(&|s| {
                    s.levers
                        .residential_step_down
                        .assumptions
                        .enhanced_fee_gbp_per_week
                        .max(0.0)
                }),
                step_down_enhanced_months: scenarios
                    .map(|s| s.levers.residential_step_down.assumptions.enhanced_months as usize),
                step_down_retainer_per_month_gbp: lanes(&|s| {
                    s.levers
                        .residential_step_down
                        .assumptions
                        .retainer_gbp_per_year
                        .max(0.0)
                        / 12.0
                }),
            },
            step_down_history: Vec::new(),
        }
    }

    /// The value of a lever in force in `month`: exactly `neutral` for a twin, as
    /// [`crate::model::Lever::effective`] gives for a lever at its neutral value.
    #[inline(always)]
    pub(super) fn lever<A>(&self, pick: PickLever<A>, month: Month, neutral: [f64; N]) -> Lanes<N> {
        Lanes::from_fn(|i| {
            if self.twin[i] {
                neutral[i]
            } else {
                pick(&self.scenarios[i].levers).effective(month, neutral[i])
            }
        })
    }

    /// A lever set in "% a year" as a share a month (0 to 1): exactly 0 for a twin, as
    /// (0 / 100 / 12) would give.
    #[inline(always)]
    pub(super) fn monthly_rate<A>(&self, pick: PickLever<A>, month: Month) -> Lanes<N> {
        Lanes::from_fn(|i| {
            if self.twin[i] {
                0.0
            } else {
                (pick(&self.scenarios[i].levers).effective(month, 0.0) / 100.0 / 12.0)
                    .clamp(0.0, 1.0)
            }
        })
    }

    /// What a pulled lever's running cost adds to the month's investment (`cost_per_month` at
    /// full effect, scaled by its ramp-up), and in which lanes it is pulled (never a twin).
    #[inline(always)]
    pub(super) fn running_cost<A>(
        &self,
        pick: PickLever<A>,
        month: Month,
        neutral: [f64; N],
        cost_per_month: [f64; N],
    ) -> (Mask<N>, Lanes<N>) {
        let pulled: [bool; N] = std::array::from_fn(|i| {
            !self.twin[i] && pick(&self.scenarios[i].levers).value != neutral[i]
        });
        let cost = Lanes::from_fn(|i| {
            if pulled[i] {
                cost_per_month[i] * pick(&self.scenarios[i].levers).progress(month)
            } else {
                0.0
            }
        });
        (pulled.map(yes_if), cost)
    }

    /// Each lane's growth in demand by month `index`, worked out once for lanes that run the
    /// same scenario (a scenario and its twin).
    pub(super) fn growth(&self, index: usize) -> [Growth; N] {
        let mut growth = [Growth {
            entries: 1.0,
            uasc_arrivals: 1.0,
        }; N];
        for i in 0..N {
            growth[i] = if i > 0 && std::ptr::eq(self.scenarios[i], self.scenarios[i - 1]) {
                growth[i - 1]
            } else {
                Growth::at(self.scenarios[i], index)
            };
        }
        growth
    }
}
