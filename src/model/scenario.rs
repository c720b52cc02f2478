//! A scenario: the council's starting position, its assumptions and the levers it pulls.
//!
//! Percentages are stored as percent (25.0 means 25%), money as pounds, counts as children or
//! carer households. Every field is described in `docs/model.md` with its source.

use super::placement::{AgeBand, ByAgeBand, ByPlacement, PlacementType, Stock};
use super::time::{FinancialYear, Month};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The scenario file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

/// Everything a projection needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// File format version; see [`CURRENT_VERSION`].
    pub version: u32,
    /// Short name shown in the title bar, legends and tables.
    pub name: String,
    /// Who made the scenario. Optional in files (default empty).
    #[serde(default)]
    pub author: String,
    /// Free notes: what the scenario is for, what was assumed. Optional (default empty).
    #[serde(default)]
    pub description: String,
    /// The first projected month. The opening stock is the count at the start of this month.
    pub start_month: Month,
    /// How many years to project, 1 to 10.
    pub horizon_years: u32,
    /// An optional target, e.g. 770 children by March 2017. Optional (default none).
    #[serde(default)]
    pub target: Option<Target>,
    /// Children in care at the start, by placement type and age band.
    pub opening_looked_after: Stock,
    /// Children entering care.
    pub entries: Entries,
    /// Children leaving care, other than by turning 18 (which the model does itself).
    pub exits: Exits,
    /// The council's own foster carers.
    pub fostering: Fostering,
    /// Weekly placement costs and inflation.
    pub costs: Costs,
    /// The placement budget per financial year.
    pub budget: Budget,
    /// The levers the council can pull. Each has a neutral "do nothing" value.
    pub levers: Levers,
    /// How uncertain the assumptions are, for Monte Carlo bands. Optional: files without it get
    /// [`Uncertainty::default`].
    #[serde(default)]
    pub uncertainty: Uncertainty,
    /// Where each default number came from, by field path (e.g. "costs.weekly_gbp.residential"
    /// → "PSSRU c.2015: about £3,000"). Optional (default empty); kept when the app saves a file,
    /// unlike comments, and listed in the Excel export's assumptions sheet.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

/// A range for an uncertain assumption: draws follow a triangular distribution from `low` to
/// `high` peaking at the central value (no change, or 100% achieved).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// The lowest value drawn.
    pub low: f64,
    /// The highest value drawn.
    pub high: f64,
}

impl Range {
    /// A range from `low` to `high`.
    pub const fn new(low: f64, high: f64) -> Self {
        Range { low, high }
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
    /// Entries (Poisson) and exits (binomial) vary by chance each month. Default on.
    pub month_to_month_randomness: bool,
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
            month_to_month_randomness: true,
        }
    }
}

impl Uncertainty {
    /// No uncertainty at all: every range a point at its central value, no chance variation.
    pub fn none() -> Self {
        Uncertainty {
            entries_change_percent: Range::new(0.0, 0.0),
            demand_trend_points: Range::new(0.0, 0.0),
            exit_rates_change_percent: Range::new(0.0, 0.0),
            early_help_effect_change_percent: Range::new(0.0, 0.0),
            unit_costs_change_percent: Range::new(0.0, 0.0),
            inflation_points: Range::new(0.0, 0.0),
            recruitment_achieved_percent: Range::new(100.0, 100.0),
            month_to_month_randomness: false,
        }
    }

    /// Every range with its field name, its central value and the widest range allowed.
    pub fn ranges(&self) -> [(&'static str, Range, f64, Range); 7] {
        [
            (
                "entries_change_percent",
                self.entries_change_percent,
                0.0,
                Range::new(-90.0, 200.0),
            ),
            (
                "demand_trend_points",
                self.demand_trend_points,
                0.0,
                Range::new(-20.0, 20.0),
            ),
            (
                "exit_rates_change_percent",
                self.exit_rates_change_percent,
                0.0,
                Range::new(-90.0, 200.0),
            ),
            (
                "early_help_effect_change_percent",
                self.early_help_effect_change_percent,
                0.0,
                Range::new(-100.0, 200.0),
            ),
            (
                "unit_costs_change_percent",
                self.unit_costs_change_percent,
                0.0,
                Range::new(-90.0, 200.0),
            ),
            (
                "inflation_points",
                self.inflation_points,
                0.0,
                Range::new(-10.0, 20.0),
            ),
            (
                "recruitment_achieved_percent",
                self.recruitment_achieved_percent,
                100.0,
                Range::new(0.0, 100.0),
            ),
        ]
    }
}

/// A number of children in care to reach by a month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Children in care, e.g. 770.
    pub looked_after: f64,
    /// The month by whose end the target applies, e.g. 2017-03.
    pub month: Month,
}

/// Children entering care.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entries {
    /// Children entering care a year at the start month, before any lever.
    pub per_year: f64,
    /// Growth (or fall, if negative) in entries, % a year, compounding monthly.
    pub demand_trend_percent_per_year: f64,
    /// Age at entry: % of entries in each age band (adds up to 100).
    pub age_percent: ByAgeBand<f64>,
    /// % of entries under 10 placed first in a residential home.
    pub residential_percent_under_10: f64,
    /// % of entries aged 10 and over placed first in a residential home, with no lever pulled.
    /// The residential-share lever's "do nothing" value.
    pub residential_percent_10_plus: f64,
    /// For each age band, how the entries not placed in residential are placed first (% adding
    /// up to 100). Foster entries go to in-house carers while they have room, otherwise to IFAs.
    pub non_residential_split_percent: ByAgeBand<FirstPlacement>,
}

/// Where children not placed in residential are placed on entry, % adding up to 100.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstPlacement {
    /// Foster care (in-house while there is room, otherwise IFA).
    pub foster: f64,
    /// Kinship / connected carers.
    pub kinship: f64,
    /// Supported accommodation (16 and 17-year-olds only: must be 0 for younger bands).
    pub supported: f64,
    /// Placed with parents / other.
    pub with_parents_other: f64,
}

impl FirstPlacement {
    fn total(&self) -> f64 {
        self.foster + self.kinship + self.supported + self.with_parents_other
    }
}

/// Monthly exit rates, % of the children in each age band leaving care each month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exits {
    /// Return home to parents or family, % a month.
    pub return_home_percent_per_month: ByAgeBand<f64>,
    /// Adoption or special guardianship, % a month (before any permanence lever).
    pub adoption_sgo_percent_per_month: ByAgeBand<f64>,
    /// Other exits (e.g. residence orders, moving to adult services before 18), % a month.
    pub other_percent_per_month: ByAgeBand<f64>,
}

impl Exits {
    /// All exits by rate for a band, as a share per month (0 to 1).
    pub fn monthly_share(&self, band: AgeBand) -> f64 {
        (self.return_home_percent_per_month[band]
            + self.adoption_sgo_percent_per_month[band]
            + self.other_percent_per_month[band])
            / 100.0
    }
}

/// The council's own (in-house) foster carers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fostering {
    /// Approved in-house carer households at the start.
    pub in_house_households: f64,
    /// Children each household can take on average.
    pub children_per_household: f64,
    /// % of households leaving a year (retirement, stopping fostering).
    pub attrition_percent_per_year: f64,
    /// Households recruited a year with no extra effort (the recruitment lever adds to this).
    pub recruits_per_year: f64,
}

/// Placement costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Costs {
    /// £ a week for one child in each placement type, at the start month's prices.
    pub weekly_gbp: ByPlacement<f64>,
    /// Price inflation, % a year, applied each April after the start month.
    pub inflation_percent_per_year: f64,
}

/// The placement budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// £ budget for each listed financial year.
    pub by_financial_year_gbp: BTreeMap<FinancialYear, f64>,
    /// % a year by which the budget grows after the last listed year.
    pub growth_percent_per_year: f64,
}

impl Budget {
    /// The budget for a whole financial year: the listed figure; before the first listed year,
    /// the first; after the last, the last grown by [`Budget::growth_percent_per_year`].
    /// Zero if no year is listed.
    pub fn for_year(&self, year: FinancialYear) -> f64 {
        if let Some(&listed) = self.by_financial_year_gbp.get(&year) {
            return listed;
        }
        let Some((&first_year, &first)) = self.by_financial_year_gbp.iter().next() else {
            return 0.0;
        };
        if year < first_year {
            return first;
        }
        let (&last_year, &last) = self
            .by_financial_year_gbp
            .range(..year)
            .next_back()
            .unwrap_or((&first_year, &first));
        let years_after = year.start_year - last_year.start_year;
        last * (1.0 + self.growth_percent_per_year / 100.0).powi(years_after)
    }
}

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

impl Scenario {
    /// The recorded source for a field: the entry for the longest path that contains it
    /// (so "costs.weekly_gbp" covers "costs.weekly_gbp.ifa" unless that has its own).
    pub fn source_for(&self, field: &str) -> Option<&str> {
        let mut path = field;
        loop {
            if let Some(source) = self.sources.get(path) {
                return Some(source);
            }
            path = &path[..path.rfind('.')?];
        }
    }

    /// The last projected month.
    pub fn end_month(&self) -> Month {
        self.start_month
            .plus_months(i64::from(self.horizon_years.max(1)) * 12 - 1)
    }

    /// Number of projected months.
    pub fn horizon_months(&self) -> usize {
        self.horizon_years.max(1) as usize * 12
    }

    /// The "do nothing" twin: the same scenario with every lever at its neutral value.
    pub fn do_nothing_twin(&self) -> Scenario {
        let mut twin = self.clone();
        for kind in LeverKind::ALL {
            let neutral = kind.neutral(self);
            *twin.levers.timing_mut(kind).value = neutral;
        }
        twin
    }

    /// True if the lever differs from "do nothing".
    pub fn lever_is_pulled(&self, kind: LeverKind) -> bool {
        self.levers.timing(kind).value != kind.neutral(self)
    }

    /// Checks every field against its allowed range and the scenario's consistency rules.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut check = Checker::default();
        self.check_into(&mut check);
        if check.errors.is_empty() {
            Ok(())
        } else {
            Err(check.errors)
        }
    }

    fn check_into(&self, c: &mut Checker) {
        if self.version == 0 || self.version > CURRENT_VERSION {
            c.errors.push(FieldError {
                field: "version".into(),
                value: self.version.to_string(),
                allowed: format!(
                    "1 to {CURRENT_VERSION} (a newer version was written by a newer Care Levers)"
                ),
            });
        }
        c.whole("horizon_years", self.horizon_years, 1, 10);
        if let Some(target) = &self.target {
            c.range("target.looked_after", target.looked_after, 0.0, 100_000.0);
            let (first, last) = (self.start_month, self.end_month());
            if target.month < first || target.month > last {
                c.errors.push(FieldError {
                    field: "target.month".into(),
                    value: target.month.to_string(),
                    allowed: format!("a month from {first} to {last}"),
                });
            }
        }
        for p in PlacementType::ALL {
            for b in AgeBand::ALL {
                let field = format!("opening_looked_after.{}.{}", p.key(), b.key());
                let count = self.opening_looked_after[p][b];
                c.range(&field, count, 0.0, 100_000.0);
                if p == PlacementType::Supported && !b.may_be_in_supported() && count != 0.0 {
                    c.errors.push(FieldError {
                        field,
                        value: format_number(count),
                        allowed: "0 (supported accommodation is for 16 and 17-year-olds)".into(),
                    });
                }
            }
        }
        let e = &self.entries;
        c.range("entries.per_year", e.per_year, 0.0, 100_000.0);
        c.range(
            "entries.demand_trend_percent_per_year",
            e.demand_trend_percent_per_year,
            -50.0,
            50.0,
        );
        for b in AgeBand::ALL {
            c.range(
                &format!("entries.age_percent.{}", b.key()),
                e.age_percent[b],
                0.0,
                100.0,
            );
        }
        c.sums_to_100("entries.age_percent", e.age_percent.total());
        c.range(
            "entries.residential_percent_under_10",
            e.residential_percent_under_10,
            0.0,
            100.0,
        );
        let spec = LeverKind::ResidentialShare.spec();
        c.range(
            "entries.residential_percent_10_plus",
            e.residential_percent_10_plus,
            spec.min,
            spec.max,
        );
        for b in AgeBand::ALL {
            let split = &e.non_residential_split_percent[b];
            let prefix = format!("entries.non_residential_split_percent.{}", b.key());
            c.range(&format!("{prefix}.foster"), split.foster, 0.0, 100.0);
            c.range(&format!("{prefix}.kinship"), split.kinship, 0.0, 100.0);
            c.range(&format!("{prefix}.supported"), split.supported, 0.0, 100.0);
            c.range(
                &format!("{prefix}.with_parents_other"),
                split.with_parents_other,
                0.0,
                100.0,
            );
            if !b.may_be_in_supported() && split.supported != 0.0 {
                c.errors.push(FieldError {
                    field: format!("{prefix}.supported"),
                    value: format_number(split.supported),
                    allowed: "0 (supported accommodation is for 16 and 17-year-olds)".into(),
                });
            }
            c.sums_to_100(&prefix, split.total());
        }
        for b in AgeBand::ALL {
            let x = &self.exits;
            for (name, value) in [
                (
                    "return_home_percent_per_month",
                    x.return_home_percent_per_month[b],
                ),
                (
                    "adoption_sgo_percent_per_month",
                    x.adoption_sgo_percent_per_month[b],
                ),
                ("other_percent_per_month", x.other_percent_per_month[b]),
            ] {
                c.range(&format!("exits.{name}.{}", b.key()), value, 0.0, 50.0);
            }
        }
        let f = &self.fostering;
        c.range(
            "fostering.in_house_households",
            f.in_house_households,
            0.0,
            100_000.0,
        );
        c.range(
            "fostering.children_per_household",
            f.children_per_household,
            0.1,
            10.0,
        );
        c.range(
            "fostering.attrition_percent_per_year",
            f.attrition_percent_per_year,
            0.0,
            100.0,
        );
        c.range(
            "fostering.recruits_per_year",
            f.recruits_per_year,
            0.0,
            10_000.0,
        );
        for p in PlacementType::ALL {
            c.range(
                &format!("costs.weekly_gbp.{}", p.key()),
                self.costs.weekly_gbp[p],
                0.0,
                100_000.0,
            );
        }
        c.range(
            "costs.inflation_percent_per_year",
            self.costs.inflation_percent_per_year,
            -10.0,
            50.0,
        );
        for (year, &amount) in &self.budget.by_financial_year_gbp {
            c.range(
                &format!("budget.by_financial_year_gbp.\"{year}\""),
                amount,
                0.0,
                10_000_000_000.0,
            );
        }
        c.range(
            "budget.growth_percent_per_year",
            self.budget.growth_percent_per_year,
            -50.0,
            100.0,
        );
        self.check_levers(c);
        for (name, range, central, allowed) in self.uncertainty.ranges() {
            let field = format!("uncertainty.{name}");
            c.range(&format!("{field}.low"), range.low, allowed.low, central);
            c.range(&format!("{field}.high"), range.high, central, allowed.high);
        }
    }

    fn check_levers(&self, c: &mut Checker) {
        for kind in LeverKind::ALL {
            let spec = kind.spec();
            let timing = self.levers.timing(kind);
            let prefix = format!("levers.{}", spec.key);
            c.range(&format!("{prefix}.value"), timing.value, spec.min, spec.max);
            c.whole(&format!("{prefix}.ramp_months"), timing.ramp_months, 0, 120);
            if let Some(end) = timing.end
                && end < timing.start
            {
                c.errors.push(FieldError {
                    field: format!("{prefix}.end"),
                    value: end.to_string(),
                    allowed: format!("none, or a month from the start ({}) on", timing.start),
                });
            }
        }
        let l = &self.levers;
        let eh = &l.early_help.assumptions;
        c.range(
            "levers.early_help.assumptions.max_entry_reduction_percent",
            eh.max_entry_reduction_percent,
            0.0,
            100.0,
        );
        c.range(
            "levers.early_help.assumptions.half_effect_gbp_per_year",
            eh.half_effect_gbp_per_year,
            1_000.0,
            1_000_000_000.0,
        );
        c.whole(
            "levers.early_help.assumptions.lag_months",
            eh.lag_months,
            0,
            60,
        );
        let costs = [
            (
                "levers.front_door.assumptions.annual_cost_gbp",
                l.front_door.assumptions.annual_cost_gbp,
            ),
            (
                "levers.foster_recruitment.assumptions.cost_per_recruit_gbp",
                l.foster_recruitment.assumptions.cost_per_recruit_gbp,
            ),
            (
                "levers.residential_share.assumptions.annual_cost_gbp",
                l.residential_share.assumptions.annual_cost_gbp,
            ),
            (
                "levers.residential_step_down.assumptions.cost_per_child_gbp",
                l.residential_step_down.assumptions.cost_per_child_gbp,
            ),
            (
                "levers.step_down_17.assumptions.cost_per_child_gbp",
                l.step_down_17.assumptions.cost_per_child_gbp,
            ),
            (
                "levers.permanence.assumptions.cost_per_order_gbp",
                l.permanence.assumptions.cost_per_order_gbp,
            ),
        ];
        for (field, value) in costs {
            c.range(field, value, 0.0, 1_000_000_000.0);
        }
        c.range(
            "levers.step_down_17.assumptions.home_percent",
            l.step_down_17.assumptions.home_percent,
            0.0,
            100.0,
        );
    }
}

/// A field whose value is not allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field in the file, e.g. "levers.front_door.value".
    pub field: String,
    /// The value found, as text.
    pub value: String,
    /// What is allowed, e.g. "0 to 50".
    pub allowed: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is {}, which is not allowed: it must be {}",
            self.field, self.value, self.allowed
        )
    }
}

/// Collects field errors.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn range(&mut self, field: &str, value: f64, min: f64, max: f64) {
        // NaN fails both comparisons, so it is caught here too.
        if !(value >= min && value <= max) {
            self.errors.push(FieldError {
                field: field.to_string(),
                value: format_number(value),
                allowed: format!(
                    "a number from {} to {}",
                    format_number(min),
                    format_number(max)
                ),
            });
        }
    }

    fn whole(&mut self, field: &str, value: u32, min: u32, max: u32) {
        if !(min..=max).contains(&value) {
            self.errors.push(FieldError {
                field: field.to_string(),
                value: value.to_string(),
                allowed: format!("a whole number from {min} to {max}"),
            });
        }
    }

    fn sums_to_100(&mut self, field: &str, total: f64) {
        if total.is_nan() || (total - 100.0).abs() > 0.5 {
            self.errors.push(FieldError {
                field: field.to_string(),
                value: format!("{} in total", format_number(total)),
                allowed: "percentages adding up to 100 (±0.5)".into(),
            });
        }
    }
}

/// A number as users write it: no trailing ".0", NaN and infinity spelled out.
pub fn format_number(value: f64) -> String {
    if value.is_nan() {
        "not a number (NaN)".into()
    } else if value.is_infinite() {
        if value > 0.0 {
            "infinity"
        } else {
            "minus infinity"
        }
        .into()
    } else if value == value.trunc() && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}
