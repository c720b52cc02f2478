//! The lever catalogue: each lever's timing, its own assumptions, and how it is described to
//! users (group, name, unit, range, step, help and the source of its "do nothing" value).

use super::Scenario;
use crate::model::time::Month;
use serde::{Deserialize, Serialize};

/// A lever: its value, when it starts, how long it takes to reach full effect, and when it stops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lever<A> {
    /// The lever's setting, in the unit given by [`LeverKind::unit`].
    pub value: f64,
    /// The first month the lever acts in.
    pub start: Month,
    /// Months to reach full effect, rising in equal steps (0: full effect at once).
    pub ramp_months: u32,
    /// The last month the lever acts in; none means to the end of the projection.
    #[serde(default)]
    pub end: Option<Month>,
    /// The lever's own assumptions: its effect curve and what it costs.
    pub assumptions: A,
}

impl<A> Lever<A> {
    /// Share of full effect in `month`: 0 before the start or after the end, then rising by
    /// 1/ramp each month from the start month.
    pub fn progress(&self, month: Month) -> f64 {
        if month < self.start || self.end.is_some_and(|end| month > end) {
            return 0.0;
        }
        if self.ramp_months == 0 {
            return 1.0;
        }
        let months_in = (month.months_since(self.start) + 1) as f64;
        (months_in / f64::from(self.ramp_months)).min(1.0)
    }

    /// The value in force in `month`, moving from `neutral` towards [`Lever::value`] as the
    /// lever ramps up. Exactly `neutral` when the lever is at its neutral value.
    pub fn effective(&self, month: Month, neutral: f64) -> f64 {
        if self.value == neutral {
            return neutral;
        }
        neutral + (self.value - neutral) * self.progress(month)
    }

    fn timing_mut(&mut self) -> LeverTimingMut<'_> {
        LeverTimingMut {
            value: &mut self.value,
            start: &mut self.start,
            ramp_months: &mut self.ramp_months,
            end: &mut self.end,
        }
    }

    fn timing(&self) -> LeverTiming {
        LeverTiming {
            value: self.value,
            start: self.start,
            ramp_months: self.ramp_months,
            end: self.end,
        }
    }
}

/// The parts every lever has, copied out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeverTiming {
    /// See [`Lever::value`].
    pub value: f64,
    /// See [`Lever::start`].
    pub start: Month,
    /// See [`Lever::ramp_months`].
    pub ramp_months: u32,
    /// See [`Lever::end`].
    pub end: Option<Month>,
}

/// The parts every lever has, for editing.
pub struct LeverTimingMut<'a> {
    /// See [`Lever::value`].
    pub value: &'a mut f64,
    /// See [`Lever::start`].
    pub start: &'a mut Month,
    /// See [`Lever::ramp_months`].
    pub ramp_months: &'a mut u32,
    /// See [`Lever::end`].
    pub end: &'a mut Option<Month>,
}

/// Early help's effect curve and lag.
///
/// Entries fall by `max_entry_reduction_percent × I / (I + half_effect_gbp_per_year)`, where
/// `I` is the investment (£ a year) in force `lag_months` earlier: diminishing returns, half the
/// maximum effect at `half_effect_gbp_per_year`. The investment itself is the lever's cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlyHelpAssumptions {
    /// The most that any amount of early help can cut entries by, %.
    pub max_entry_reduction_percent: f64,
    /// £ a year that achieves half the maximum cut.
    pub half_effect_gbp_per_year: f64,
    /// Months between money being spent and entries falling.
    pub lag_months: u32,
}

/// A lever whose cost is a running cost while it acts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunningCost {
    /// £ a year while the lever acts (scaled by its ramp), e.g. a senior panel's staff time.
    pub annual_cost_gbp: f64,
}

/// Foster recruitment's cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecruitmentAssumptions {
    /// £ to recruit, assess and train one extra carer household.
    pub cost_per_recruit_gbp: f64,
}

/// Moving a child from residential to foster care.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDownAssumptions {
    /// £ one-off per child moved (transition support).
    pub cost_per_child_gbp: f64,
}

/// Stepping 17-year-olds down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeventeenStepDownAssumptions {
    /// % of those stepped down who go home (leaving care); the rest go to supported accommodation.
    pub home_percent: f64,
    /// £ one-off per young person stepped down.
    pub cost_per_child_gbp: f64,
}

/// Special guardianship orders from foster or kinship care.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PermanenceAssumptions {
    /// £ one-off per order (legal costs and set-up support).
    pub cost_per_order_gbp: f64,
}

/// Every lever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Levers {
    /// Early-help investment, £ a year; neutral 0.
    pub early_help: Lever<EarlyHelpAssumptions>,
    /// Front door / gatekeeping: % fewer entries; neutral 0.
    pub front_door: Lever<RunningCost>,
    /// In-house foster recruitment: extra carer households a year; neutral 0.
    pub foster_recruitment: Lever<RecruitmentAssumptions>,
    /// % of new placements of children aged 10+ that go to residential; neutral
    /// [`Entries::residential_percent_10_plus`].
    pub residential_share: Lever<RunningCost>,
    /// % a year of children in residential moved to foster care; neutral 0.
    pub residential_step_down: Lever<StepDownAssumptions>,
    /// % a year of 17-year-olds stepped down to supported accommodation or home; neutral 0.
    pub step_down_17: Lever<SeventeenStepDownAssumptions>,
    /// Children a year leaving foster or kinship care on special guardianship orders; neutral 0.
    pub permanence: Lever<PermanenceAssumptions>,
}

/// Which lever.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeverKind {
    /// See [`Levers::early_help`].
    EarlyHelp,
    /// See [`Levers::front_door`].
    FrontDoor,
    /// See [`Levers::foster_recruitment`].
    FosterRecruitment,
    /// See [`Levers::residential_share`].
    ResidentialShare,
    /// See [`Levers::residential_step_down`].
    ResidentialStepDown,
    /// See [`Levers::step_down_17`].
    StepDown17,
    /// See [`Levers::permanence`].
    Permanence,
}

/// How a lever is described to users: group, name, unit, allowed range and what it does.
#[derive(Clone, Copy, Debug)]
pub struct LeverSpec {
    /// Field name in files and `--set` paths, e.g. "early_help".
    pub key: &'static str,
    /// The group it is shown in, in users' words.
    pub group: &'static str,
    /// Its name, e.g. "Early-help investment".
    pub label: &'static str,
    /// Its unit in plain English, e.g. "£ a year".
    pub unit: &'static str,
    /// Lowest allowed value.
    pub min: f64,
    /// Highest allowed value.
    pub max: f64,
    /// The step a slider moves by.
    pub step: f64,
    /// What it does in the model.
    pub help: &'static str,
    /// Where its "do nothing" value and default assumptions come from.
    pub source: &'static str,
}

impl LeverKind {
    /// Every lever, in the order shown.
    pub const ALL: [LeverKind; 7] = [
        LeverKind::EarlyHelp,
        LeverKind::FrontDoor,
        LeverKind::FosterRecruitment,
        LeverKind::ResidentialShare,
        LeverKind::ResidentialStepDown,
        LeverKind::StepDown17,
        LeverKind::Permanence,
    ];

    /// Name, unit, range and help text.
    pub fn spec(self) -> LeverSpec {
        match self {
            LeverKind::EarlyHelp => LeverSpec {
                key: "early_help",
                group: "Early help",
                label: "Early-help investment",
                unit: "£ a year",
                min: 0.0,
                max: 20_000_000.0,
                step: 50_000.0,
                help: "Money a year for support to families before a crisis. Cuts entries into \
                       care after a lag, with diminishing returns: half the maximum cut at the \
                       'half-effect' investment. The money spent counts as investment.",
                source: "Do nothing: £0. The effect curve (at most a 40% cut, half of it at £2m a year, 6 months' lag) is an assumption; Norfolk's 2014 pilot seconded social workers to six schools (CYP Now, March 2014).",
            },
            LeverKind::FrontDoor => LeverSpec {
                key: "front_door",
                group: "Front door",
                label: "Gatekeeping: fewer entries",
                unit: "% fewer entries",
                min: 0.0,
                max: 50.0,
                step: 0.5,
                help: "Screening of referrals, e.g. a senior panel examining every decision to \
                       take a child into care. Cuts entries by this %. Its running cost counts \
                       as investment.",
                source: "Do nothing: 0%. Norfolk set up a senior panel to examine every decision to take a child into care in April 2014 (EDP, April 2014); its £150k a year running cost is an assumption.",
            },
            LeverKind::FosterRecruitment => LeverSpec {
                key: "foster_recruitment",
                group: "Fostering",
                label: "Extra in-house foster carers",
                unit: "carer households a year",
                min: 0.0,
                max: 200.0,
                step: 1.0,
                help: "Extra in-house carer households recruited each year on top of normal \
                       recruitment. More in-house room means fewer children placed with \
                       agencies (IFAs). Each recruit costs the 'cost per recruit'.",
                source: "Do nothing: 0. £10k per recruit is an assumption (councils report £8k-15k); carers leave at about 13% a year (Ofsted fostering statistics 2014-15).",
            },
            LeverKind::ResidentialShare => LeverSpec {
                key: "residential_share",
                group: "Residential",
                label: "New placements of 10+ in residential",
                unit: "% of new placements",
                min: 0.0,
                max: 60.0,
                step: 0.5,
                help: "Share of children aged 10 and over entering care who are placed in a \
                       residential home. The rest are placed like other entrants of their age.",
                source: "Do nothing: the scenario's own share of older entrants placed in residential (Norfolk files: 12%, an assumption from DfE SSDA903 2015).",
            },
            LeverKind::ResidentialStepDown => LeverSpec {
                key: "residential_step_down",
                group: "Step-down and permanence",
                label: "Residential to foster care",
                unit: "% of children in residential a year",
                min: 0.0,
                max: 100.0,
                step: 0.5,
                help: "Children moved each year from residential homes to foster care: to \
                       in-house carers while they have room, otherwise to IFAs.",
                source: "Do nothing: 0%. £5k of transition support per child is an assumption.",
            },
            LeverKind::StepDown17 => LeverSpec {
                key: "step_down_17",
                group: "Step-down and permanence",
                label: "17-year-olds stepped down",
                unit: "% of 17-year-olds a year",
                min: 0.0,
                max: 100.0,
                step: 0.5,
                help: "17-year-olds in foster, kinship or residential care moved each year to \
                       supported accommodation or home (the 'home %' leave care).",
                source: "Do nothing: 0%. In March 2014 Norfolk had begun step-down discussions with 55 of about 160 young people aged 17+ (CYP Now, March 2014); 30% going home is an assumption.",
            },
            LeverKind::Permanence => LeverSpec {
                key: "permanence",
                group: "Step-down and permanence",
                label: "Special guardianship orders",
                unit: "children a year",
                min: 0.0,
                max: 300.0,
                step: 1.0,
                help: "Children a year leaving foster or kinship care to live permanently with \
                       a special guardian, on top of the usual adoption / SGO exits.",
                source: "Do nothing: 0. In March 2014 Norfolk had identified 40 children in foster care for special guardianship (CYP Now, March 2014); £8k per order is an assumption.",
            },
        }
    }

    /// The lever's "do nothing" value for this scenario.
    pub fn neutral(self, scenario: &Scenario) -> f64 {
        match self {
            LeverKind::ResidentialShare => scenario.entries.residential_percent_10_plus,
            _ => 0.0,
        }
    }
}

impl Levers {
    /// Value, start, ramp and end of one lever.
    pub fn timing(&self, kind: LeverKind) -> LeverTiming {
        match kind {
            LeverKind::EarlyHelp => self.early_help.timing(),
            LeverKind::FrontDoor => self.front_door.timing(),
            LeverKind::FosterRecruitment => self.foster_recruitment.timing(),
            LeverKind::ResidentialShare => self.residential_share.timing(),
            LeverKind::ResidentialStepDown => self.residential_step_down.timing(),
            LeverKind::StepDown17 => self.step_down_17.timing(),
            LeverKind::Permanence => self.permanence.timing(),
        }
    }

    /// Value, start, ramp and end of one lever, for editing.
    pub fn timing_mut(&mut self, kind: LeverKind) -> LeverTimingMut<'_> {
        match kind {
            LeverKind::EarlyHelp => self.early_help.timing_mut(),
            LeverKind::FrontDoor => self.front_door.timing_mut(),
            LeverKind::FosterRecruitment => self.foster_recruitment.timing_mut(),
            LeverKind::ResidentialShare => self.residential_share.timing_mut(),
            LeverKind::ResidentialStepDown => self.residential_step_down.timing_mut(),
            LeverKind::StepDown17 => self.step_down_17.timing_mut(),
            LeverKind::Permanence => self.permanence.timing_mut(),
        }
    }
}
