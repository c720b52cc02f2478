//! The lever catalogue: each lever's timing, its own assumptions, and how it is described to
//! users (group, name, unit, range, step, help and the source of its "do nothing" value).

use super::Scenario;
use super::range::Range;
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
    /// The programme from the evidence library (`assets/evidence/library.ron`) whose effect,
    /// cost and timing the lever took, by its id. Optional (default none: the file's own
    /// assumptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// The range of the lever's effect that the programme's evidence supports (early help: its
    /// most cut in entries, %; every other lever: its value). The Monte Carlo draws the effect
    /// from it, peaking at the lever's own effect. Optional (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_range: Option<Range>,
    /// True once a number the programme set was changed by hand: the lever is then "based on"
    /// the programme, no longer "from the library". Optional (default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub programme_edited: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl<A> Lever<A> {
    /// Share of full effect in `month`: 0 before the start or after the end, then rising by
    /// 1/ramp each month from the start month.
    pub fn progress(&self, month: Month) -> f64 {
        if month < self.start || self.end.is_some_and(|end| month > end) {
            return 0.0;
        }
        let months_in = month.months_since(self.start) + 1;
        // Ramped up: exactly what the division below would give, without it (this runs for
        // every lever in every month of every draw).
        if months_in >= i64::from(self.ramp_months) {
            return 1.0;
        }
        (months_in as f64 / f64::from(self.ramp_months)).min(1.0)
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

/// Early help's effect and cost: money buys families helped, and helping families keeps
/// children out of care, with diminishing returns.
///
/// With `I` the investment (£ a year) in force `lag_months` earlier, the families helped a year
/// are `F = I / cost_per_family_gbp`, and entries fall by
/// `max_entry_reduction_percent × F / (F + families_at_half_effect)`. The same programme at the
/// same reach (families helped for each child entering care) cuts entries by the same share in
/// any council, because `families_at_half_effect` is set from the council's own entries
/// ([`crate::model::evidence::fit_levers_to_council`]). The investment itself is the lever's cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlyHelpAssumptions {
    /// The most that any amount of early help can cut entries by, %.
    pub max_entry_reduction_percent: f64,
    /// £ per family helped for a year, at the scenario's start prices. Read as 0 from a
    /// version 1 file, which is then migrated ([`Scenario::migrate`]).
    #[serde(default)]
    pub cost_per_family_gbp: f64,
    /// Families helped a year at which the cut is half its maximum: the council's pool of
    /// families the programme can reach, which grows with the council. Read as 0 from a
    /// version 1 file, which is then migrated.
    #[serde(default)]
    pub families_at_half_effect: f64,
    /// Months between money being spent and entries falling.
    pub lag_months: u32,
    /// Version 1 files only: £ a year that achieved half the maximum cut. Migrated on load
    /// into families and a cost per family; never written.
    #[serde(default, skip_serializing)]
    pub half_effect_gbp_per_year: Option<f64>,
}

impl EarlyHelpAssumptions {
    /// Share (0 to 1) of entries cut by `invested_gbp_per_year` in full force.
    pub fn entry_cut(&self, invested_gbp_per_year: f64) -> f64 {
        if invested_gbp_per_year <= 0.0 {
            return 0.0;
        }
        let max_cut = (self.max_entry_reduction_percent / 100.0).clamp(0.0, 1.0);
        // In pounds: the spend that helps `families_at_half_effect` families.
        let half = (self.cost_per_family_gbp.max(1.0) * self.families_at_half_effect).max(1.0);
        max_cut * invested_gbp_per_year / (invested_gbp_per_year + half)
    }

    /// Children kept out of care per 100 families helped, at low reach (the effect an
    /// evaluation of a small programme measures), for a council with `entries_per_year`.
    pub fn kept_out_per_100_families(&self, entries_per_year: f64) -> f64 {
        if self.families_at_half_effect <= 0.0 {
            return 0.0;
        }
        self.max_entry_reduction_percent * entries_per_year / self.families_at_half_effect
    }
}

/// The cost per family given to version 1 files' early help when they are migrated. Version 1
/// gave early help a curve in pounds (half the maximum cut at £H a year); it becomes
/// `H / 5,000` families at half effect at £5,000 a family, which projects exactly the same. The
/// split is nominal: a round figure near Troubled Families phase 1's spend per family
/// (docs/evidence.md).
pub const V1_COST_PER_FAMILY_GBP: f64 = 5_000.0;

/// Families at half effect for each child entering care a year, in a council's default
/// scenario when the library has no reference early-help programme (version 1's Norfolk curve:
/// £2m a year at £5,000 a family for 442 entries a year, about 0.9).
pub const DEFAULT_FAMILIES_PER_ENTRY_AT_HALF_EFFECT: f64 = 400.0 / 442.0;

/// A front door's running cost, £ a year for each child entering care a year: Norfolk's
/// assumed £150k a year for 442 entries a year in 2014 (an assumption, scaled by each
/// council's entries).
pub const FRONT_DOOR_COST_PER_ENTRY_GBP: f64 = 150_000.0 / 442.0;

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

/// Moving a child from residential to foster care: with specialist carers paid an enhanced fee
/// and a retainer, and some moves breaking down (docs/model.md 2). All but the one-off cost are
/// optional (default 0: an ordinary foster placement, no retainer, no breakdowns, as in files
/// from before them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDownAssumptions {
    /// £ one-off per child moved (transition support).
    pub cost_per_child_gbp: f64,
    /// £ a week paid to the specialist carer on top of the foster placement's price, for each
    /// child stepped down, for [`StepDownAssumptions::enhanced_months`]. Default 0.
    #[serde(default)]
    pub enhanced_fee_gbp_per_week: f64,
    /// Months each child stepped down is on the enhanced fee before it becomes an ordinary foster
    /// placement. Default 0.
    #[serde(default)]
    pub enhanced_months: u32,
    /// £ a year paid in retainers to the specialist carers while the lever acts, whether or not
    /// a child is placed. Default 0.
    #[serde(default)]
    pub retainer_gbp_per_year: f64,
    /// % of moves that break down, the child going back to residential care (after
    /// [`STEP_DOWN_WEEKS_BEFORE_BREAKDOWN`] weeks on the enhanced fee). Default 0.
    #[serde(default)]
    pub breakdown_percent: f64,
}

/// Weeks a step-down placement that breaks down lasts, on the enhanced fee: 13 (Birmingham's
/// step-down programme: 5 of its first 20 placements disrupted before week 14; Rees Centre,
/// 2018).
pub const STEP_DOWN_WEEKS_BEFORE_BREAKDOWN: f64 = 13.0;

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

/// Which lever. Named in files and the evidence library by its key, e.g. `early_help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    #[serde(rename = "step_down_17")]
    StepDown17,
    /// See [`Levers::permanence`].
    Permanence,
}

/// How a lever's value is written and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueFormat {
    /// Pounds a year, e.g. "£3.0m a year".
    MoneyPerYear,
    /// A count a year, e.g. "20 households a year"; the text is the thing counted.
    CountPerYear(&'static str),
    /// A percentage, e.g. "42%".
    Percent,
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
    /// How its value is written.
    pub format: ValueFormat,
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
                format: ValueFormat::MoneyPerYear,
                help: "Money a year for support to families before a crisis. It pays for \
                       families helped, at the cost per family; helping families keeps some \
                       children out of care after a lag, with diminishing returns as more of \
                       the council's families are reached. The money spent counts as investment.",
                source: "Do nothing: £0. Its effect, cost per family and lag come from a programme in the evidence library (docs/evidence.md) or from the file's own assumptions; a council's pool of families grows with its entries into care.",
            },
            LeverKind::FrontDoor => LeverSpec {
                key: "front_door",
                group: "Front door",
                label: "Gatekeeping: fewer entries",
                unit: "% fewer entries",
                min: 0.0,
                max: 50.0,
                step: 0.5,
                format: ValueFormat::Percent,
                help: "How the council decides which children come into care: a senior panel \
                       examining every decision, or a whole-system model such as Family \
                       Safeguarding. Cuts entries by this %. Its running cost counts as \
                       investment.",
                source: "Do nothing: 0%. Norfolk set up a senior panel to examine every decision to take a child into care in April 2014 (EDP, April 2014). Running cost: Norfolk's assumed £150k a year for 442 entries a year, about £340 for each child entering care a year, scaled to each council's entries (an assumption).",
            },
            LeverKind::FosterRecruitment => LeverSpec {
                key: "foster_recruitment",
                group: "Fostering",
                label: "Extra in-house foster carers",
                unit: "carer households a year",
                min: 0.0,
                max: 200.0,
                step: 1.0,
                format: ValueFormat::CountPerYear("households"),
                help: "Extra in-house carer households recruited each year on top of normal \
                       recruitment. More in-house room means fewer children placed with \
                       agencies (IFAs). Each recruit costs the 'cost per recruit'.",
                source: "Do nothing: 0. £10k per recruit is an assumption: no published cost per approved household was found (docs/evidence.md); carers leave at about 13% a year (Ofsted fostering statistics 2014-15).",
            },
            LeverKind::ResidentialShare => LeverSpec {
                key: "residential_share",
                group: "Residential",
                label: "New placements of 10+ in residential",
                unit: "% of new placements",
                min: 0.0,
                max: 60.0,
                step: 0.5,
                format: ValueFormat::Percent,
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
                format: ValueFormat::Percent,
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
                format: ValueFormat::Percent,
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
                format: ValueFormat::CountPerYear("children"),
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
            LeverKind::EarlyHelp
            | LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => 0.0,
        }
    }

    /// The number that says how strong the lever is, which the evidence library sets and the
    /// Monte Carlo draws: early help's most cut in entries (%), because its value is money;
    /// every other lever's value.
    pub fn effect(self, scenario: &Scenario) -> f64 {
        match self {
            LeverKind::EarlyHelp => {
                scenario
                    .levers
                    .early_help
                    .assumptions
                    .max_entry_reduction_percent
            }
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => scenario.levers.timing(self).value,
        }
    }

    /// The unit of [`LeverKind::effect`], in users' words, e.g. "% most cut in entries".
    pub fn effect_unit(self) -> &'static str {
        match self {
            LeverKind::EarlyHelp => "% most cut in entries",
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => self.spec().unit,
        }
    }

    /// Sets the number [`LeverKind::effect`] reads.
    pub fn set_effect(self, scenario: &mut Scenario, effect: f64) {
        match self {
            LeverKind::EarlyHelp => {
                scenario
                    .levers
                    .early_help
                    .assumptions
                    .max_entry_reduction_percent = effect;
            }
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => *scenario.levers.timing_mut(self).value = effect,
        }
    }
}

/// The library programme a lever follows, copied out.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeState {
    /// See [`Lever::programme`].
    pub programme: Option<String>,
    /// See [`Lever::effect_range`].
    pub effect_range: Option<Range>,
    /// See [`Lever::programme_edited`].
    pub edited: bool,
}

/// A lever's programme fields, for editing.
pub struct ProgrammeStateMut<'a> {
    /// See [`Lever::programme`].
    pub programme: &'a mut Option<String>,
    /// See [`Lever::effect_range`].
    pub effect_range: &'a mut Option<Range>,
    /// See [`Lever::programme_edited`].
    pub edited: &'a mut bool,
}

impl<A> Lever<A> {
    fn programme_state(&self) -> ProgrammeState {
        ProgrammeState {
            programme: self.programme.clone(),
            effect_range: self.effect_range,
            edited: self.programme_edited,
        }
    }

    fn programme_state_mut(&mut self) -> ProgrammeStateMut<'_> {
        ProgrammeStateMut {
            programme: &mut self.programme,
            effect_range: &mut self.effect_range,
            edited: &mut self.programme_edited,
        }
    }
}

impl Levers {
    /// The programme one lever follows.
    pub fn programme(&self, kind: LeverKind) -> ProgrammeState {
        match kind {
            LeverKind::EarlyHelp => self.early_help.programme_state(),
            LeverKind::FrontDoor => self.front_door.programme_state(),
            LeverKind::FosterRecruitment => self.foster_recruitment.programme_state(),
            LeverKind::ResidentialShare => self.residential_share.programme_state(),
            LeverKind::ResidentialStepDown => self.residential_step_down.programme_state(),
            LeverKind::StepDown17 => self.step_down_17.programme_state(),
            LeverKind::Permanence => self.permanence.programme_state(),
        }
    }

    /// The programme one lever follows, for editing.
    pub fn programme_mut(&mut self, kind: LeverKind) -> ProgrammeStateMut<'_> {
        match kind {
            LeverKind::EarlyHelp => self.early_help.programme_state_mut(),
            LeverKind::FrontDoor => self.front_door.programme_state_mut(),
            LeverKind::FosterRecruitment => self.foster_recruitment.programme_state_mut(),
            LeverKind::ResidentialShare => self.residential_share.programme_state_mut(),
            LeverKind::ResidentialStepDown => self.residential_step_down.programme_state_mut(),
            LeverKind::StepDown17 => self.step_down_17.programme_state_mut(),
            LeverKind::Permanence => self.permanence.programme_state_mut(),
        }
    }

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
