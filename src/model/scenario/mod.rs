//! A scenario: the council's starting position, its assumptions and the levers it pulls.
//!
//! Percentages are stored as percent (25.0 means 25%), money as pounds, counts as children or
//! carer households. Every field is described in `docs/model.md` with its source.
//!
//! - this file: the scenario's types;
//! - [`levers`]: the lever catalogue (what each lever is, its range and its "do nothing" value);
//! - [`uncertainty`]: the ranges of the uncertain assumptions, and the [`Assumption`] enum;
//! - [`limits`]: the one table of allowed values for every number (validation, window, `--set`);
//! - [`validation`]: checking a scenario against the limits and the consistency rules;
//! - [`edit`]: the edits the window makes, with the rules that keep a scenario consistent.

pub mod actuals;
pub mod edit;
pub mod lever_parameters;
pub mod levers;
pub mod limits;
pub mod monitoring;
pub mod price_levers;
pub mod range;
pub mod uncertainty;
pub mod validation;

pub use actuals::{Actuals, CountedLookedAfter, CountedSpend};
pub use edit::{Edit, NumberField};
pub use lever_parameters::LeverParameter;
pub use levers::*;
pub use limits::{Limit, limit_for};
pub use monitoring::{
    ForecastSnapshot, HighCostPlacement, Monitoring, NewPlacementsEntry, PlannedSaving, SavingLine,
};
pub use price_levers::{BlockContract, ChildrenFrom, CouncilHomes, PriceCap, PriceLevers};
pub use uncertainty::{Assumption, Delivery, LeverDelivery, Range, Uncertainty, deliver};
pub use validation::{FieldError, format_number};

use super::placement::{AgeBand, ByAgeBand, ByPlacement, Stock};
use super::time::{FinancialYear, Month};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The scenario file format version this build writes and the newest it reads. Older versions
/// are migrated on load ([`Scenario::migrate`]):
/// - 1: early help's curve in pounds (`half_effect_gbp_per_year`);
/// - 2: early help priced per family with a pool of families that grows with the council
///   (`cost_per_family_gbp`, `families_at_half_effect`), and levers may follow a programme from
///   the evidence library (`programme`, `effect_range`, `programme_edited`).
/// - 3: money a finance team recognises (issue 30), all optional: prices growing by placement
///   type (`costs.price_growth_percent_per_year`) with a Monte Carlo range
///   (`uncertainty.price_growth_points`), the other children-looked-after spend
///   (`costs.other_cla_gbp_per_year`), movement between placement types (`placement_moves`),
///   the last published outturn (`budget.last_outturn`), and a budget that may be left empty.
/// - 4: price levers (issue 31), optional: the council's own children's homes and block
///   contracts (`price_levers`). A version 3 file has none and projects as before; an older
///   build refuses a version 4 file rather than drop its price levers unseen.
/// - 5: the finance officer's month (issue 32), optional: saved monthly forecasts and the savings
///   the budget assumed (`monitoring`). A version 4 file has none and projects as before.
pub const CURRENT_VERSION: u32 = 5;

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
    /// The council the scenario is for, by its DfE code (e.g. "926" for Norfolk), so that it
    /// can be set beside its statistical neighbours. Optional (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    /// The first projected month. The opening stock is the count at the start of this month.
    pub start_month: Month,
    /// How many years to project, 1 to 10.
    pub horizon_years: u32,
    /// An optional target, e.g. 770 children by March 2017. Optional (default none). A target
    /// month outside the projection is kept but not drawn (see [`Scenario::target_in_horizon`]).
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
    /// Levers on what placements cost: council homes, block contracts (docs/model.md 10).
    /// Optional (default none, as in files from before them).
    #[serde(default, skip_serializing_if = "PriceLevers::is_none")]
    pub price_levers: PriceLevers,
    /// Children moving between placement types with no lever pulled: the council's own recent
    /// movement (fitted for a council, docs/model.md 9.5). Optional (default none: the mix
    /// moves only by entries, exits and levers, as in files before it).
    #[serde(default, skip_serializing_if = "PlacementMoves::is_none")]
    pub placement_moves: PlacementMoves,
    /// Unaccompanied asylum-seeking children, counted apart from the others: they arrive at
    /// 14-17 (through the National Transfer Scheme or on their own), mostly leave care at 18,
    /// and the Home Office pays a grant for each. Optional (default none: any such children are
    /// among the others, as in version 1 files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uasc: Option<Uasc>,
    /// How uncertain the assumptions are, for Monte Carlo bands. Optional: files without it get
    /// [`Uncertainty::default`].
    #[serde(default)]
    pub uncertainty: Uncertainty,
    /// What was counted and spent, to set the projection against. Optional (default none).
    /// Actuals outside the projection are kept and listed.
    #[serde(default, skip_serializing_if = "Actuals::is_empty")]
    pub actuals: Actuals,
    /// The finance officer's month: saved monthly forecasts (totals only), what the forecast
    /// allows for, and the savings the budget assumed (docs/outturn.md). Optional (default
    /// empty, as in files before it).
    #[serde(default, skip_serializing_if = "Monitoring::is_empty")]
    pub monitoring: Monitoring,
    /// Where each default number came from, by field path (e.g. "costs.weekly_gbp.residential"
    /// → "PSSRU c.2015: about £3,000"). Optional (default empty); kept when the app saves a file,
    /// unlike comments, and listed in the Excel export's assumptions sheet.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

/// Unaccompanied asylum-seeking children (UASC), counted apart from the other children in care.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uasc {
    /// UASC in care at the start, by age band (not counted in `opening_looked_after`).
    pub opening: ByAgeBand<f64>,
    /// UASC arriving in care a year at the start month.
    pub arrivals_per_year: f64,
    /// Growth (or fall) in arrivals, % a year, compounding monthly.
    pub arrivals_trend_percent_per_year: f64,
    /// Age on arrival: % in each age band (adds up to 100).
    pub arrival_age_percent: ByAgeBand<f64>,
    /// UASC leaving care before 18 (e.g. found to be adults, moving away), % a month.
    pub leaving_percent_per_month: f64,
    /// £ a week for one UASC's placement, at the start month's prices (inflated each April
    /// like the other weekly costs).
    pub weekly_cost_gbp: f64,
    /// The Home Office grant, £ a week for each UASC in care (a fixed rate, not inflated).
    pub grant_gbp_per_week: f64,
    /// How far arrivals a year may be from `arrivals_per_year` in Monte Carlo draws, % change.
    pub arrivals_change_percent: Range,
}

impl Uasc {
    /// UASC in care at the start.
    pub fn opening_total(&self) -> f64 {
        self.opening.total()
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
    /// The four shares added up (100 in a valid scenario).
    pub fn total(&self) -> f64 {
        self.foster + self.kinship + self.supported + self.with_parents_other
    }
}

/// Children moving between placement types each year with no lever pulled (the movement a
/// council's counts show: children's homes and supported accommodation taking a larger or smaller
/// share). Both 0 (the default): none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementMoves {
    /// % a year of children aged 10 and over in foster care (in-house, agency, kinship) who
    /// move to children's homes; negative: % a year of children aged 10 and over in children's
    /// homes who move to foster care. Default 0.
    pub into_residential_percent_per_year: f64,
    /// % a year of 16- and 17-year-olds in foster care and children's homes who move to
    /// supported accommodation; negative: % a year of those in supported accommodation who move
    /// to foster care. Default 0.
    pub into_supported_percent_per_year: f64,
}

impl PlacementMoves {
    /// No movement (the default).
    pub fn is_none(&self) -> bool {
        self.into_residential_percent_per_year == 0.0 && self.into_supported_percent_per_year == 0.0
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
    /// £ a year of the council's other spend on children looked after (leaving care, adoption
    /// and special guardianship support, other services: its S251 children-looked-after gross
    /// less placements), at the start's prices, grown at the inflation rate. Kept apart from
    /// placement spend and the placement budget, so the whole reconciles with S251. Default 0
    /// (none, as in files from before it).
    #[serde(default)]
    pub other_cla_gbp_per_year: f64,
    /// Price growth by placement type, % a year, applied each April after the start month in
    /// place of `inflation_percent_per_year` for placements (which still grows lever costs,
    /// the other spend and UASC). None (the default, and files from before it): every type at
    /// `inflation_percent_per_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_growth_percent_per_year: Option<ByPlacement<f64>>,
    /// Children in residential care placed at over £10,000 a week (unregistered and
    /// deprivation-of-liberty placements among them), with their own price; `weekly_gbp`'s
    /// residential figure is then the price of the rest. None (the default, and files from
    /// before it): one residential price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_cost: Option<HighCostTier>,
}

/// The high-cost tier inside residential care (docs/model.md 9.2).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HighCostTier {
    /// % of the children in residential care who are in the tier.
    pub share_of_residential_percent: f64,
    /// £ a week for a child in the tier, at the start month's prices; grows as residential
    /// prices do.
    pub weekly_gbp: f64,
}

impl Costs {
    /// £ a week for one child in `placement` on average, at the start's prices: residential
    /// blends the high-cost tier with the rest. Never below 0.
    pub fn average_weekly_gbp(&self, placement: crate::model::PlacementType) -> f64 {
        let weekly = self.weekly_gbp[placement].max(0.0);
        match (&self.high_cost, placement) {
            (Some(tier), crate::model::PlacementType::Residential) => {
                let share = (tier.share_of_residential_percent / 100.0).clamp(0.0, 1.0);
                (1.0 - share) * weekly + share * tier.weekly_gbp.max(0.0)
            }
            _ => weekly,
        }
    }

    /// Children in the high-cost tier among `residential` children in residential care (0
    /// without a tier).
    pub fn high_cost_children(&self, residential: f64) -> f64 {
        self.high_cost.as_ref().map_or(0.0, |tier| {
            residential * (tier.share_of_residential_percent / 100.0).clamp(0.0, 1.0)
        })
    }
}

/// The placement budget: the council's own, entered by the user (or in its file); none until
/// then. No estimate is ever put in its place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// £ budget for each listed financial year (an MTFS runs three to five). Empty: no budget
    /// entered, and no overspend is worked out.
    pub by_financial_year_gbp: BTreeMap<FinancialYear, f64>,
    /// % a year by which the budget grows after the last listed year.
    pub growth_percent_per_year: f64,
    /// The council's last published spend on children looked after, shown beside the
    /// projection (above all where no budget is entered). Optional (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_outturn: Option<Outturn>,
}

/// A council's published spend on children looked after in one financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outturn {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ gross: placements, the UASC before the Home Office grant, and the other
    /// children-looked-after spend (the section 251 children-looked-after lines).
    pub gross_spend_gbp: f64,
    /// Where the figure comes from.
    pub source: String,
}

impl Budget {
    /// True where the user has entered a budget for at least one year.
    pub fn is_entered(&self) -> bool {
        !self.by_financial_year_gbp.is_empty()
    }

    /// The budget for a whole financial year: the listed figure; before the first listed year,
    /// the first; after the last, the last grown by [`Budget::growth_percent_per_year`].
    /// None if no year is listed (no budget entered).
    pub fn for_year(&self, year: FinancialYear) -> Option<f64> {
        if let Some(&listed) = self.by_financial_year_gbp.get(&year) {
            return Some(listed);
        }
        let (&first_year, &first) = self.by_financial_year_gbp.iter().next()?;
        if year < first_year {
            return Some(first);
        }
        let (&last_year, &last) = self
            .by_financial_year_gbp
            .range(..year)
            .next_back()
            .unwrap_or((&first_year, &first));
        let years_after = year.start_year - last_year.start_year;
        Some(last * (1.0 + self.growth_percent_per_year / 100.0).powi(years_after))
    }
}

impl Scenario {
    /// Brings a scenario read from an older file version up to [`CURRENT_VERSION`], projecting
    /// exactly as before. Returns the version it was read as. Newer or unknown versions are
    /// left for validation to refuse.
    pub fn migrate(&mut self) -> u32 {
        let read_as = self.version;
        if self.version == 1 {
            // Version 1: half the maximum cut at £H a year. Version 2: at F families helped a
            // year at £c a family. H = c × F keeps the curve; c is nominal.
            let a = &mut self.levers.early_help.assumptions;
            let half_gbp = a.half_effect_gbp_per_year.unwrap_or(0.0);
            a.cost_per_family_gbp = V1_COST_PER_FAMILY_GBP;
            a.families_at_half_effect = half_gbp / V1_COST_PER_FAMILY_GBP;
            self.version = 2;
        }
        if self.version == 2 {
            // Version 3 adds optional fields only (price growth by placement type, placement
            // moves, the last outturn, the price growth's Monte Carlo range): a version 2 file
            // has none of them, so its one inflation rate prices every type, as before.
            self.version = 3;
        }
        if self.version == 3 {
            // Version 4 adds the optional price levers only.
            self.version = 4;
        }
        if self.version == 4 {
            // Version 5 adds the optional monitoring (saved forecasts and savings) only.
            self.version = 5;
        }
        // Only version 1 has it; never written again.
        self.levers.early_help.assumptions.half_effect_gbp_per_year = None;
        read_as
    }

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

    /// True if `month` is one of the projected months.
    pub fn in_horizon(&self, month: Month) -> bool {
        month >= self.start_month && month <= self.end_month()
    }

    /// The target, if there is one and its month is projected. A target outside the projection
    /// stays in the file (a shorter horizon should not lose it) but is not drawn or scored.
    pub fn target_in_horizon(&self) -> Option<Target> {
        self.target.filter(|target| self.in_horizon(target.month))
    }

    /// The "do nothing" twin: the same scenario with every lever at its neutral value.
    pub fn do_nothing_twin(&self) -> Scenario {
        let mut twin = self.clone();
        for kind in LeverKind::ALL {
            let neutral = kind.neutral(self);
            *twin.levers.timing_mut(kind).value = neutral;
        }
        twin.price_levers = PriceLevers::default();
        twin
    }

    /// The range a lever's effect is drawn from in the Monte Carlo and swung across in the
    /// tornado: its programme's, while the lever is pulled and follows the programme unedited
    /// (and the range is more than one value). For early help it takes the place of
    /// `uncertainty.early_help_effect_change_percent`.
    pub fn programme_range(&self, kind: LeverKind) -> Option<Range> {
        let programme = self.levers.programme(kind);
        let range = programme.effect_range?;
        (!programme.edited && self.lever_is_pulled(kind) && !range.is_point()).then_some(range)
    }

    /// True if the lever differs from "do nothing".
    pub fn lever_is_pulled(&self, kind: LeverKind) -> bool {
        self.levers.timing(kind).value != kind.neutral(self)
    }
}
