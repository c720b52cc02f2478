//! Uncertain assumptions: the ranges the Monte Carlo draws from and the tornado swings across.

use super::Scenario;
use super::levers::LeverKind;
pub use super::range::Range;
use crate::model::placement::{AgeBand, PlacementType};
use serde::{Deserialize, Serialize};

/// Whether one lever delivers what it was set to: the share of its intended effect achieved,
/// and how many months late it starts. Drawn per lever, per draw.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    /// % of the lever's intended effect achieved. Default 0 to 100, most likely 30 (on average 43%).
    pub effect_achieved_percent: Range,
    /// Months between the planned start and the real one. Default 0 to 12, most likely 3.
    pub start_delay_months: Range,
}

impl Delivery {
    /// The default for every lever, from the evidence on programmes that under-deliver
    /// (docs/model.md, section 8.4).
    pub const DEFAULT: Delivery = Delivery {
        effect_achieved_percent: Range::with_mode(0.0, 30.0, 100.0),
        start_delay_months: Range::with_mode(0.0, 3.0, 12.0),
    };

    /// Full effect, on time: today's deterministic lever.
    pub const AS_PLANNED: Delivery = Delivery {
        effect_achieved_percent: Range::point(100.0),
        start_delay_months: Range::point(0.0),
    };
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery::DEFAULT
    }
}

/// Delivery of each lever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeverDelivery {
    /// See [`super::Levers::early_help`].
    pub early_help: Delivery,
    /// See [`super::Levers::front_door`].
    pub front_door: Delivery,
    /// See [`super::Levers::foster_recruitment`].
    pub foster_recruitment: Delivery,
    /// See [`super::Levers::residential_share`].
    pub residential_share: Delivery,
    /// See [`super::Levers::residential_step_down`].
    pub residential_step_down: Delivery,
    /// See [`super::Levers::step_down_17`].
    pub step_down_17: Delivery,
    /// See [`super::Levers::permanence`].
    pub permanence: Delivery,
}

impl LeverDelivery {
    /// The same delivery for every lever.
    pub const fn all(delivery: Delivery) -> Self {
        LeverDelivery {
            early_help: delivery,
            front_door: delivery,
            foster_recruitment: delivery,
            residential_share: delivery,
            residential_step_down: delivery,
            step_down_17: delivery,
            permanence: delivery,
        }
    }

    /// One lever's delivery.
    pub fn of(&self, kind: LeverKind) -> Delivery {
        match kind {
            LeverKind::EarlyHelp => self.early_help,
            LeverKind::FrontDoor => self.front_door,
            LeverKind::FosterRecruitment => self.foster_recruitment,
            LeverKind::ResidentialShare => self.residential_share,
            LeverKind::ResidentialStepDown => self.residential_step_down,
            LeverKind::StepDown17 => self.step_down_17,
            LeverKind::Permanence => self.permanence,
        }
    }
}

impl Default for LeverDelivery {
    fn default() -> Self {
        LeverDelivery::all(Delivery::DEFAULT)
    }
}

/// Applies one lever's delivery to a scenario: `achieved_percent` of its intended effect, and
/// a start `delay_months` later (rounded to whole months). An unpulled lever is left alone.
/// The money still follows the lever's setting where it is spent whatever the effect (early
/// help's investment, a panel's running cost); where it is paid per child or per carer it
/// follows the children or carers actually moved.
pub fn deliver(s: &mut Scenario, kind: LeverKind, achieved_percent: f64, delay_months: f64) {
    if !s.lever_is_pulled(kind) {
        return;
    }
    let share = achieved_percent / 100.0;
    if kind == LeverKind::EarlyHelp {
        if share != 1.0 {
            let effect = &mut s.levers.early_help.assumptions.max_entry_reduction_percent;
            *effect = (*effect * share).clamp(0.0, 100.0);
        }
    } else if share != 1.0 {
        let neutral = kind.neutral(s);
        let lever = s.levers.timing_mut(kind);
        *lever.value = neutral + (*lever.value - neutral) * share;
    }
    let delay = delay_months.round() as i64;
    if delay != 0 {
        let lever = s.levers.timing_mut(kind);
        *lever.start = lever.start.plus_months(delay);
    }
}

/// How far each uncertain assumption may be from its central value, and whether children's
/// entries and exits also vary by chance month to month. Defaults and their reasoning are in
/// `docs/model.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Uncertainty {
    /// Entries a year, % change from the scenario's figure. Default -10 to +10.
    pub entries_change_percent: Range,
    /// Demand trend, percentage points added. Default -2 to +2.
    pub demand_trend_points: Range,
    /// All exit rates, % change. Default -15 to +15.
    pub exit_rates_change_percent: Range,
    /// Early help's maximum cut in entries, % change. Default -50 to +25.
    pub early_help_effect_change_percent: Range,
    /// Every weekly unit cost, % change. Default -5 to +10.
    pub unit_costs_change_percent: Range,
    /// Inflation, percentage points added. Default -1 to +2.
    pub inflation_points: Range,
    /// Share of the recruitment lever's extra carers actually recruited, %. Default 50 to 100.
    pub recruitment_achieved_percent: Range,
    /// Price growth by placement type, percentage points added to every type's growth each year
    /// (drawn only for a scenario with `costs.price_growth_percent_per_year`). Default -2 to +6:
    /// from 2019-20 to 2024-25 England's median residential and fostering unit costs grew from
    /// 1.8 points below to 8.3 points above their trailing five-year trend in a year, and from 1
    /// below to 5.4 above over two (docs/model.md 9.2).
    pub price_growth_points: Range,
    /// Entries (Poisson) and exits (binomial) vary by chance each month. Default on.
    pub month_to_month_randomness: bool,
    /// Whether each lever delivers: its effect achieved and its start delay. Optional in files
    /// (default [`Delivery::DEFAULT`] for every lever).
    pub lever_delivery: LeverDelivery,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            entries_change_percent: Range::new(-10.0, 10.0),
            demand_trend_points: Range::new(-2.0, 2.0),
            exit_rates_change_percent: Range::new(-15.0, 15.0),
            early_help_effect_change_percent: Range::new(-50.0, 25.0),
            unit_costs_change_percent: Range::new(-5.0, 10.0),
            inflation_points: Range::new(-1.0, 2.0),
            recruitment_achieved_percent: Range::new(50.0, 100.0),
            price_growth_points: Range::new(-2.0, 6.0),
            month_to_month_randomness: true,
            lever_delivery: LeverDelivery::default(),
        }
    }
}

impl Uncertainty {
    /// No uncertainty at all: every range a point at its central value, no chance variation.
    pub fn none() -> Self {
        let mut none = Uncertainty {
            month_to_month_randomness: false,
            lever_delivery: LeverDelivery::all(Delivery::AS_PLANNED),
            ..Uncertainty::default()
        };
        for assumption in Assumption::ALL {
            let central = assumption.central();
            *none.range_mut(assumption) = Range::new(central, central);
        }
        none
    }

    /// The range of one assumption.
    pub fn range(&self, assumption: Assumption) -> Range {
        match assumption {
            Assumption::Entries => self.entries_change_percent,
            Assumption::DemandTrend => self.demand_trend_points,
            Assumption::ExitRates => self.exit_rates_change_percent,
            Assumption::EarlyHelpEffect => self.early_help_effect_change_percent,
            Assumption::UnitCosts => self.unit_costs_change_percent,
            Assumption::Inflation => self.inflation_points,
            Assumption::RecruitmentAchieved => self.recruitment_achieved_percent,
        }
    }

    /// The range of one assumption, for editing.
    pub(crate) fn range_mut(&mut self, assumption: Assumption) -> &mut Range {
        match assumption {
            Assumption::Entries => &mut self.entries_change_percent,
            Assumption::DemandTrend => &mut self.demand_trend_points,
            Assumption::ExitRates => &mut self.exit_rates_change_percent,
            Assumption::EarlyHelpEffect => &mut self.early_help_effect_change_percent,
            Assumption::UnitCosts => &mut self.unit_costs_change_percent,
            Assumption::Inflation => &mut self.inflation_points,
            Assumption::RecruitmentAchieved => &mut self.recruitment_achieved_percent,
        }
    }

    /// Every assumption with its range, in [`Assumption::ALL`] order.
    pub fn ranges(&self) -> [(Assumption, Range); 7] {
        Assumption::ALL.map(|assumption| (assumption, self.range(assumption)))
    }
}

/// An uncertain assumption: what the Monte Carlo draws and the tornado swings. Each is a change
/// to one or more scenario fields, in its own unit (a % change, percentage points, or a %
/// achieved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Assumption {
    /// Entries a year, % change.
    Entries,
    /// Demand trend, percentage points added.
    DemandTrend,
    /// All exit rates, % change.
    ExitRates,
    /// Early help's maximum cut in entries, % change.
    EarlyHelpEffect,
    /// Every weekly unit cost, % change.
    UnitCosts,
    /// Inflation, percentage points added.
    Inflation,
    /// Share of the recruitment lever's extra carers actually recruited, %.
    RecruitmentAchieved,
}

impl Assumption {
    /// Every assumption, in the order of the file's `uncertainty` section.
    pub const ALL: [Assumption; 7] = [
        Assumption::Entries,
        Assumption::DemandTrend,
        Assumption::ExitRates,
        Assumption::EarlyHelpEffect,
        Assumption::UnitCosts,
        Assumption::Inflation,
        Assumption::RecruitmentAchieved,
    ];

    /// The field name in the file's `uncertainty` section, e.g. "entries_change_percent".
    pub fn key(self) -> &'static str {
        match self {
            Assumption::Entries => "entries_change_percent",
            Assumption::DemandTrend => "demand_trend_points",
            Assumption::ExitRates => "exit_rates_change_percent",
            Assumption::EarlyHelpEffect => "early_help_effect_change_percent",
            Assumption::UnitCosts => "unit_costs_change_percent",
            Assumption::Inflation => "inflation_points",
            Assumption::RecruitmentAchieved => "recruitment_achieved_percent",
        }
    }

    /// The name in users' words, e.g. "Entries a year".
    pub fn label(self) -> &'static str {
        match self {
            Assumption::Entries => "Entries a year",
            Assumption::DemandTrend => "Demand trend",
            Assumption::ExitRates => "Exit rates",
            Assumption::EarlyHelpEffect => "Early help's effect",
            Assumption::UnitCosts => "Unit costs",
            Assumption::Inflation => "Inflation",
            Assumption::RecruitmentAchieved => "Recruitment achieved",
        }
    }

    /// The value that changes nothing: 0 (no change), or 100 (% achieved).
    pub fn central(self) -> f64 {
        match self {
            Assumption::RecruitmentAchieved => 100.0,
            _ => 0.0,
        }
    }

    /// The widest range a file may give.
    pub fn widest(self) -> Range {
        match self {
            Assumption::Entries | Assumption::ExitRates | Assumption::UnitCosts => {
                Range::new(-90.0, 200.0)
            }
            Assumption::DemandTrend => Range::new(-20.0, 20.0),
            Assumption::EarlyHelpEffect => Range::new(-100.0, 200.0),
            Assumption::Inflation => Range::new(-10.0, 20.0),
            Assumption::RecruitmentAchieved => Range::new(0.0, 100.0),
        }
    }

    /// An amount in the assumption's unit as users read it, e.g. "+10%" or "-2 points".
    pub fn amount_text(self, amount: f64) -> String {
        match self {
            Assumption::DemandTrend | Assumption::Inflation => format!("{amount:+} points"),
            Assumption::RecruitmentAchieved => format!("{amount}%"),
            _ => format!("{amount:+}%"),
        }
    }

    /// Moves the scenario's fields by `amount` of this assumption.
    pub fn apply(self, s: &mut Scenario, amount: f64) {
        let factor = 1.0 + amount / 100.0;
        match self {
            Assumption::Entries => s.entries.per_year *= factor,
            Assumption::DemandTrend => s.entries.demand_trend_percent_per_year += amount,
            Assumption::ExitRates => {
                for rates in [
                    &mut s.exits.return_home_percent_per_month,
                    &mut s.exits.adoption_sgo_percent_per_month,
                    &mut s.exits.other_percent_per_month,
                ] {
                    for band in AgeBand::ALL {
                        rates[band] *= factor;
                    }
                }
            }
            Assumption::EarlyHelpEffect => {
                let effect = &mut s.levers.early_help.assumptions.max_entry_reduction_percent;
                *effect = (*effect * factor).clamp(0.0, 100.0);
            }
            Assumption::UnitCosts => {
                for p in PlacementType::ALL {
                    s.costs.weekly_gbp[p] *= factor;
                }
                if let Some(tier) = &mut s.costs.high_cost {
                    tier.weekly_gbp *= factor;
                }
            }
            Assumption::Inflation => s.costs.inflation_percent_per_year += amount,
            Assumption::RecruitmentAchieved => s.levers.foster_recruitment.value *= amount / 100.0,
        }
    }
}
