//! The edits the window makes to a scenario, and the rules that keep it consistent. The window
//! never writes a field itself: it asks for an [`Edit`], and [`Scenario::apply`] brings the
//! value within its limit (from [`super::limits`]) and applies the rules below. `--set` applies
//! the same rules through [`Scenario::follow_rules`]. So every scenario the window can make is
//! one a file can hold, and the window and `--set` agree.
//!
//! Rules (also in `docs/model.md`, "Editing rules"):
//! - an unpulled residential lever follows its "do nothing" value when that value moves;
//! - moving a lever's start past its end moves the end with it;
//! - months stay within the years a file may hold;
//! - a target or lever date outside the projection is kept as it is.

use super::LeverParameter;
use super::levers::LeverKind;
use super::limits::{Limit, limit_for};
use super::price_levers::{TYPICAL_BLOCK_SOURCE, TYPICAL_CAP_SOURCE, TYPICAL_HOMES_SOURCE};
use super::{Scenario, Target};
use crate::model::evidence::{Library, apply_programme};
use crate::model::placement::{AgeBand, PlacementType};
use crate::model::time::{FinancialYear, Month};

/// One change to a scenario, as the window makes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A lever's setting.
    LeverValue(LeverKind, f64),
    /// A lever back to its "do nothing" value.
    ResetLever(LeverKind),
    /// The first month a lever acts in.
    LeverStart(LeverKind, Month),
    /// Months a lever takes to reach full effect.
    LeverRamp(LeverKind, u32),
    /// The last month a lever acts in (none: to the end of the projection).
    LeverEnd(LeverKind, Option<Month>),
    /// Follow a programme from the evidence library (by id), taking its effect, cost, timing and
    /// range; none keeps the numbers as they are, no longer marked as from the library.
    Programme(LeverKind, Option<String>),
    /// One of the numbers in the Assumptions section.
    Number(NumberField, f64),
    /// The first projected month.
    StartMonth(Month),
    /// How many years to project.
    Horizon(u32),
    /// The target (none: no target).
    Target(Option<Target>),
    /// The scenario's name.
    Name(String),
    /// Who made it.
    Author(String),
    /// Its notes.
    Description(String),
    /// The budget for a financial year: entered (or changed), or none (taken out; with no year
    /// left, no budget is entered).
    Budget(FinancialYear, Option<f64>),
    /// The council homes' plan (none: no homes opened). Numbers are kept within their limits.
    CouncilHomes(Option<Box<super::CouncilHomes>>),
    /// The block contract (none: no contract). Numbers are kept within their limits.
    BlockContract(Option<super::BlockContract>),
    /// The cap on external prices (none: no cap). Numbers are kept within their limits.
    PriceCap(Option<super::PriceCap>),
    /// The month's monitoring: a forecast saved, a saving added, changed or taken out. Numbers
    /// are kept within their limits.
    Monitoring(Box<super::Monitoring>),
}

/// Which of the paths of an exit rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExitRoute {
    /// Return home, % a month.
    ReturnHome,
    /// Adoption or special guardianship, % a month.
    AdoptionSgo,
    /// Other exits, % a month.
    Other,
}

impl ExitRoute {
    /// Every route, in the order shown.
    pub const ALL: [ExitRoute; 3] = [
        ExitRoute::ReturnHome,
        ExitRoute::AdoptionSgo,
        ExitRoute::Other,
    ];

    /// The field name in files.
    pub fn key(self) -> &'static str {
        match self {
            ExitRoute::ReturnHome => "return_home_percent_per_month",
            ExitRoute::AdoptionSgo => "adoption_sgo_percent_per_month",
            ExitRoute::Other => "other_percent_per_month",
        }
    }

    /// In users' words.
    pub fn label(self) -> &'static str {
        match self {
            ExitRoute::ReturnHome => "return home",
            ExitRoute::AdoptionSgo => "adoption or SGO",
            ExitRoute::Other => "other exits",
        }
    }
}

/// A number in the Assumptions section of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberField {
    /// £ a week for one child in a placement type.
    WeeklyCost(PlacementType),
    /// Price inflation, % a year.
    Inflation,
    /// The council's other children-looked-after spend, £ a year.
    OtherClaSpend,
    /// A placement type's price growth, % a year (with price growth by type only).
    PriceGrowth(PlacementType),
    /// Net % a year of children 10+ in foster care moving to children's homes.
    MovesIntoResidential,
    /// Net % a year of 16-17-year-olds moving to supported accommodation.
    MovesIntoSupported,
    /// % of children in residential care in the high-cost tier (with a tier only).
    HighCostShare,
    /// £ a week for a child in the high-cost tier (with a tier only).
    HighCostWeekly,
    /// £ budget for a listed financial year.
    Budget(FinancialYear),
    /// Budget growth after the last listed year, % a year.
    BudgetGrowth,
    /// Entries a year at the start.
    EntriesPerYear,
    /// Demand trend, % a year.
    DemandTrend,
    /// % of entrants aged 10+ placed in residential with no lever pulled.
    ResidentialShare10Plus,
    /// An exit rate for an age band, % a month.
    Exit(ExitRoute, AgeBand),
    /// In-house carer households at the start.
    InHouseHouseholds,
    /// Children per household.
    ChildrenPerHousehold,
    /// Households leaving, % a year.
    Attrition,
    /// Households recruited a year with no extra effort.
    Recruits,
    /// A number in a lever's own assumptions (its effect, cost or timing).
    Lever(LeverParameter),
}

impl NumberField {
    /// The field's path in files and `--set`.
    pub fn path(self) -> String {
        match self {
            NumberField::WeeklyCost(p) => format!("costs.weekly_gbp.{}", p.key()),
            NumberField::Inflation => "costs.inflation_percent_per_year".into(),
            NumberField::OtherClaSpend => "costs.other_cla_gbp_per_year".into(),
            NumberField::PriceGrowth(p) => {
                format!("costs.price_growth_percent_per_year.{}", p.key())
            }
            NumberField::MovesIntoResidential => {
                "placement_moves.into_residential_percent_per_year".into()
            }
            NumberField::MovesIntoSupported => {
                "placement_moves.into_supported_percent_per_year".into()
            }
            NumberField::HighCostShare => "costs.high_cost.share_of_residential_percent".into(),
            NumberField::HighCostWeekly => "costs.high_cost.weekly_gbp".into(),
            NumberField::Budget(year) => format!("budget.by_financial_year_gbp.\"{year}\""),
            NumberField::BudgetGrowth => "budget.growth_percent_per_year".into(),
            NumberField::EntriesPerYear => "entries.per_year".into(),
            NumberField::DemandTrend => "entries.demand_trend_percent_per_year".into(),
            NumberField::ResidentialShare10Plus => "entries.residential_percent_10_plus".into(),
            NumberField::Exit(route, band) => format!("exits.{}.{}", route.key(), band.key()),
            NumberField::InHouseHouseholds => "fostering.in_house_households".into(),
            NumberField::ChildrenPerHousehold => "fostering.children_per_household".into(),
            NumberField::Attrition => "fostering.attrition_percent_per_year".into(),
            NumberField::Recruits => "fostering.recruits_per_year".into(),
            NumberField::Lever(parameter) => parameter.path(),
        }
    }

    /// The field's name in the window, e.g. "Entries a year at the start".
    pub fn label(self) -> String {
        match self {
            NumberField::WeeklyCost(p) => format!("Weekly cost: {}", p.label()),
            NumberField::Inflation => "Inflation (each April)".into(),
            NumberField::OtherClaSpend => "Other children-looked-after spend".into(),
            NumberField::PriceGrowth(p) => format!("Price growth: {}", p.label()),
            NumberField::MovesIntoResidential => "Moving from foster care to homes (10+)".into(),
            NumberField::MovesIntoSupported => "Moving to supported accommodation (16-17)".into(),
            NumberField::HighCostShare => "Residential over £10k a week: share".into(),
            NumberField::HighCostWeekly => "Residential over £10k a week: weekly cost".into(),
            NumberField::Budget(year) => format!("Budget {year}"),
            NumberField::BudgetGrowth => "Budget growth after".into(),
            NumberField::EntriesPerYear => "Entries a year at the start".into(),
            NumberField::DemandTrend => "Demand trend".into(),
            NumberField::ResidentialShare10Plus => "Entrants 10+ placed in residential".into(),
            NumberField::Exit(route, band) => {
                format!("Exits a month aged {}: {}", band.label(), route.label())
            }
            NumberField::InHouseHouseholds => "Carer households at the start".into(),
            NumberField::ChildrenPerHousehold => "Children per household".into(),
            NumberField::Attrition => "Households leaving".into(),
            NumberField::Recruits => "Households recruited normally".into(),
            NumberField::Lever(parameter) => {
                format!("{}: {}", parameter.lever().spec().label, parameter.label())
            }
        }
    }

    /// The field's name where a group heading already says what it is, e.g. the placement for a
    /// weekly cost under "Unit costs".
    pub fn short_label(self) -> String {
        match self {
            NumberField::WeeklyCost(p) | NumberField::PriceGrowth(p) => p.label().to_string(),
            NumberField::Lever(parameter) => parameter.label().to_string(),
            NumberField::MovesIntoResidential => "Foster care to homes (10+)".into(),
            NumberField::MovesIntoSupported => "To supported accommodation (16-17)".into(),
            NumberField::HighCostShare => "Over £10k a week: share".into(),
            NumberField::HighCostWeekly => "Over £10k a week: £ a week".into(),
            other => other.label(),
        }
    }

    /// What the field may hold (from the one table of limits).
    pub fn limit(self) -> Limit {
        // Every NumberField's path is in the table (a unit test checks it); this fallback only
        // keeps the window drawing if that were ever broken.
        limit_for(&self.path()).unwrap_or(Limit {
            min: 0.0,
            max: 0.0,
            step: 1.0,
            unit: "",
            whole: false,
        })
    }

    /// The field's value in `scenario` (0 for a budget year the scenario does not list).
    pub fn get(self, s: &Scenario) -> f64 {
        match self {
            NumberField::WeeklyCost(p) => s.costs.weekly_gbp[p],
            NumberField::Inflation => s.costs.inflation_percent_per_year,
            NumberField::OtherClaSpend => s.costs.other_cla_gbp_per_year,
            NumberField::PriceGrowth(p) => s
                .costs
                .price_growth_percent_per_year
                .as_ref()
                .map_or(s.costs.inflation_percent_per_year, |growth| growth[p]),
            NumberField::MovesIntoResidential => {
                s.placement_moves.into_residential_percent_per_year
            }
            NumberField::MovesIntoSupported => s.placement_moves.into_supported_percent_per_year,
            NumberField::HighCostShare => s
                .costs
                .high_cost
                .map_or(0.0, |tier| tier.share_of_residential_percent),
            NumberField::HighCostWeekly => s.costs.high_cost.map_or(0.0, |tier| tier.weekly_gbp),
            NumberField::Budget(year) => s
                .budget
                .by_financial_year_gbp
                .get(&year)
                .copied()
                .unwrap_or(0.0),
            NumberField::BudgetGrowth => s.budget.growth_percent_per_year,
            NumberField::EntriesPerYear => s.entries.per_year,
            NumberField::DemandTrend => s.entries.demand_trend_percent_per_year,
            NumberField::ResidentialShare10Plus => s.entries.residential_percent_10_plus,
            NumberField::Exit(route, band) => exit_rates(s, route)[band],
            NumberField::InHouseHouseholds => s.fostering.in_house_households,
            NumberField::ChildrenPerHousehold => s.fostering.children_per_household,
            NumberField::Attrition => s.fostering.attrition_percent_per_year,
            NumberField::Recruits => s.fostering.recruits_per_year,
            NumberField::Lever(parameter) => parameter.get(&s.levers),
        }
    }

    fn set(self, s: &mut Scenario, value: f64) {
        match self {
            NumberField::WeeklyCost(p) => s.costs.weekly_gbp[p] = value,
            NumberField::Inflation => s.costs.inflation_percent_per_year = value,
            NumberField::OtherClaSpend => s.costs.other_cla_gbp_per_year = value,
            // Only a scenario with prices by type lists these.
            NumberField::PriceGrowth(p) => {
                if let Some(growth) = &mut s.costs.price_growth_percent_per_year {
                    growth[p] = value;
                }
            }
            NumberField::MovesIntoResidential => {
                s.placement_moves.into_residential_percent_per_year = value;
            }
            NumberField::MovesIntoSupported => {
                s.placement_moves.into_supported_percent_per_year = value;
            }
            // Only a scenario with a tier lists these.
            NumberField::HighCostShare => {
                if let Some(tier) = &mut s.costs.high_cost {
                    tier.share_of_residential_percent = value;
                }
            }
            NumberField::HighCostWeekly => {
                if let Some(tier) = &mut s.costs.high_cost {
                    tier.weekly_gbp = value;
                }
            }
            NumberField::Budget(year) => {
                // Only listed years are edited; the window lists no others.
                if let Some(amount) = s.budget.by_financial_year_gbp.get_mut(&year) {
                    *amount = value;
                }
            }
            NumberField::BudgetGrowth => s.budget.growth_percent_per_year = value,
            NumberField::EntriesPerYear => s.entries.per_year = value,
            NumberField::DemandTrend => s.entries.demand_trend_percent_per_year = value,
            NumberField::ResidentialShare10Plus => s.entries.residential_percent_10_plus = value,
            NumberField::Exit(route, band) => match route {
                ExitRoute::ReturnHome => s.exits.return_home_percent_per_month[band] = value,
                ExitRoute::AdoptionSgo => s.exits.adoption_sgo_percent_per_month[band] = value,
                ExitRoute::Other => s.exits.other_percent_per_month[band] = value,
            },
            NumberField::InHouseHouseholds => s.fostering.in_house_households = value,
            NumberField::ChildrenPerHousehold => s.fostering.children_per_household = value,
            NumberField::Attrition => s.fostering.attrition_percent_per_year = value,
            NumberField::Recruits => s.fostering.recruits_per_year = value,
            NumberField::Lever(parameter) => parameter.set(&mut s.levers, value),
        }
    }

    /// Every field the Assumptions section shows for `scenario`, grouped as shown.
    pub fn groups(scenario: &Scenario) -> Vec<(&'static str, Vec<NumberField>)> {
        let mut costs: Vec<NumberField> = PlacementType::ALL
            .into_iter()
            .map(NumberField::WeeklyCost)
            .collect();
        if scenario.costs.high_cost.is_some() {
            costs.push(NumberField::HighCostShare);
            costs.push(NumberField::HighCostWeekly);
        }
        costs.push(NumberField::Inflation);
        costs.push(NumberField::OtherClaSpend);
        // The budget's years are a table of their own (the window's budget table), where a
        // year may be left empty: not entered.
        let budget = if scenario.budget.is_entered() {
            vec![NumberField::BudgetGrowth]
        } else {
            Vec::new()
        };
        let mut groups = vec![("Unit costs (£ a week per child)", costs)];
        if scenario.costs.price_growth_percent_per_year.is_some() {
            groups.push((
                "Price growth (% a year, each April)",
                PlacementType::ALL
                    .into_iter()
                    .map(NumberField::PriceGrowth)
                    .collect(),
            ));
        }
        groups.extend([
            ("Placement budget", budget),
            (
                "Entries into care",
                vec![
                    NumberField::EntriesPerYear,
                    NumberField::DemandTrend,
                    NumberField::ResidentialShare10Plus,
                ],
            ),
            (
                "In-house foster carers",
                vec![
                    NumberField::InHouseHouseholds,
                    NumberField::ChildrenPerHousehold,
                    NumberField::Attrition,
                    NumberField::Recruits,
                ],
            ),
            (
                "Placement moves (% a year, net)",
                vec![
                    NumberField::MovesIntoResidential,
                    NumberField::MovesIntoSupported,
                ],
            ),
        ]);
        groups
    }
}

fn exit_rates(s: &Scenario, route: ExitRoute) -> &crate::model::placement::ByAgeBand<f64> {
    match route {
        ExitRoute::ReturnHome => &s.exits.return_home_percent_per_month,
        ExitRoute::AdoptionSgo => &s.exits.adoption_sgo_percent_per_month,
        ExitRoute::Other => &s.exits.other_percent_per_month,
    }
}

/// `month` brought within the years a file may hold.
pub fn supported_month(month: Month) -> Month {
    month.clamp(Month::FIRST_SUPPORTED, Month::LAST_SUPPORTED)
}

/// The latest start month: one whose longest projection still ends within the supported years.
pub fn latest_start_month() -> Month {
    Month::LAST_SUPPORTED.plus_months(-(10 * 12 - 1))
}

impl Scenario {
    /// Makes one edit, bringing the value within its limit and applying the editing rules.
    pub fn apply(&mut self, edit: Edit) {
        let before = self.clone();
        match edit {
            Edit::LeverValue(kind, value) => {
                let limit = limit_for(&format!("levers.{}.value", kind.spec().key));
                let value = limit.map_or(value, |l| l.clamp(value));
                *self.levers.timing_mut(kind).value = value;
            }
            Edit::ResetLever(kind) => {
                let neutral = kind.neutral(self);
                *self.levers.timing_mut(kind).value = neutral;
            }
            Edit::LeverStart(kind, month) => {
                let lever = self.levers.timing_mut(kind);
                *lever.start = supported_month(month);
                if let Some(end) = lever.end.as_mut()
                    && *end < *lever.start
                {
                    *end = *lever.start;
                }
            }
            Edit::LeverRamp(kind, months) => {
                let limit = limit_for("levers.early_help.ramp_months");
                let months = limit.map_or(f64::from(months), |l| l.clamp(f64::from(months)));
                *self.levers.timing_mut(kind).ramp_months = months as u32;
            }
            Edit::LeverEnd(kind, end) => {
                let lever = self.levers.timing_mut(kind);
                *lever.end = end.map(|end| supported_month(end).max(*lever.start));
            }
            Edit::Programme(kind, id) => *self.levers.programme_mut(kind).programme = id,
            Edit::Number(field, value) => field.set(self, field.limit().clamp(value)),
            Edit::StartMonth(month) => {
                self.start_month = month.clamp(Month::FIRST_SUPPORTED, latest_start_month());
            }
            Edit::Horizon(years) => {
                let limit = limit_for("horizon_years");
                let years = limit.map_or(f64::from(years), |l| l.clamp(f64::from(years)));
                self.horizon_years = years as u32;
            }
            Edit::Target(target) => {
                self.target = target.map(|t| Target {
                    looked_after: limit_for("target.looked_after")
                        .map_or(t.looked_after, |l| l.clamp(t.looked_after)),
                    month: supported_month(t.month),
                });
            }
            Edit::Name(name) => self.name = name,
            Edit::Author(author) => self.author = author,
            Edit::Description(text) => self.description = text,
            Edit::Budget(year, Some(amount)) => {
                let amount = NumberField::Budget(year).limit().clamp(amount);
                self.budget.by_financial_year_gbp.insert(year, amount);
                self.sources
                    .entry("budget.by_financial_year_gbp".into())
                    .or_insert_with(|| "Entered by the user.".into());
            }
            Edit::Budget(year, None) => {
                self.budget.by_financial_year_gbp.remove(&year);
                if !self.budget.is_entered() {
                    self.sources.remove("budget.by_financial_year_gbp");
                }
            }
            Edit::CouncilHomes(homes) => {
                let added = self.price_levers.council_homes.is_none();
                self.price_levers.council_homes = homes.map(|homes| {
                    let mut homes = *homes;
                    homes.clamp_to_limits();
                    homes
                });
                let pulled = self.price_levers.council_homes.is_some();
                self.price_lever_sources("council_homes", added, pulled, TYPICAL_HOMES_SOURCE);
            }
            Edit::BlockContract(block) => {
                let added = self.price_levers.block_contract.is_none();
                self.price_levers.block_contract = block.map(|mut block| {
                    block.clamp_to_limits();
                    block
                });
                let pulled = self.price_levers.block_contract.is_some();
                self.price_lever_sources("block_contract", added, pulled, TYPICAL_BLOCK_SOURCE);
            }
            Edit::PriceCap(cap) => {
                let added = self.price_levers.price_cap.is_none();
                self.price_levers.price_cap = cap.map(|mut cap| {
                    cap.clamp_to_limits();
                    cap
                });
                let pulled = self.price_levers.price_cap.is_some();
                self.price_lever_sources("price_cap", added, pulled, TYPICAL_CAP_SOURCE);
            }
            Edit::Monitoring(monitoring) => {
                let mut monitoring = *monitoring;
                monitoring.clamp_to_limits();
                self.monitoring = monitoring;
                self.monitoring_sources();
            }
        }
        self.follow_rules(&before);
    }

    /// A price lever's sources after an edit: a plan's traced sources stay while it is edited; a
    /// new one names where its first figures come from; no plan, no sources.
    fn price_lever_sources(&mut self, key: &str, added: bool, pulled: bool, typical: &str) {
        let path = format!("price_levers.{key}");
        if !pulled {
            self.sources.retain(|field, _| !field.starts_with(&path));
        } else if added {
            self.sources.insert(path, typical.into());
        }
    }

    /// Applies the rules that tie fields together after `before` became `self` (however the
    /// change was made: in the window or by `--set`).
    pub fn follow_rules(&mut self, before: &Scenario) {
        // An unpulled residential lever means "do nothing": keep it there when "do nothing"
        // moves, unless the lever itself was moved in the same edit.
        let old_neutral = before.entries.residential_percent_10_plus;
        let new_neutral = self.entries.residential_percent_10_plus;
        let lever = &mut self.levers.residential_share.value;
        if new_neutral != old_neutral
            && before.levers.residential_share.value == old_neutral
            && *lever == old_neutral
        {
            *lever = new_neutral;
        }
        self.follow_programmes(before, Library::shipped_or_empty());
    }

    /// A lever given a programme from the library takes its effect, cost and timing; a lever
    /// that follows one and has a number the programme set changed by hand is marked edited.
    fn follow_programmes(&mut self, before: &Scenario, library: &Library) {
        for kind in LeverKind::ALL {
            let was = before.levers.programme(kind);
            let now = self.levers.programme(kind);
            if now.programme != was.programme {
                match now.programme.as_deref().and_then(|id| library.get(id)) {
                    Some(programme) if programme.lever == kind => {
                        apply_programme(self, programme);
                    }
                    // No programme, or one the library does not have (validation says so).
                    _ => {
                        let state = self.levers.programme_mut(kind);
                        *state.effect_range = None;
                        *state.edited = false;
                    }
                }
                continue;
            }
            if now.programme.is_none() {
                continue;
            }
            // A lever whose value is its effect, set back to doing nothing, follows no
            // programme any more (early help's money can be nil and still say what it buys).
            if kind != LeverKind::EarlyHelp && !self.lever_is_pulled(kind) {
                let state = self.levers.programme_mut(kind);
                *state.programme = None;
                *state.effect_range = None;
                *state.edited = false;
                continue;
            }
            if now.edited {
                continue;
            }
            // Early help's timing is its lag (a parameter); every other lever's is its ramp.
            let ramp_changed = kind != LeverKind::EarlyHelp
                && self.levers.timing(kind).ramp_months != before.levers.timing(kind).ramp_months;
            let changed = ramp_changed
                || kind.effect(self) != kind.effect(before)
                || LeverParameter::of(kind).any(|parameter| {
                    parameter.set_by_programme()
                        && parameter.get(&self.levers) != parameter.get(&before.levers)
                });
            if changed {
                *self.levers.programme_mut(kind).edited = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;

    #[test]
    fn every_assumption_field_has_a_limit_and_reads_back_what_was_set() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let mut fields: Vec<NumberField> = NumberField::groups(&scenario)
            .into_iter()
            .flat_map(|(_, fields)| fields)
            .collect();
        for route in ExitRoute::ALL {
            for band in AgeBand::ALL {
                fields.push(NumberField::Exit(route, band));
            }
        }
        for field in fields {
            let limit =
                limit_for(&field.path()).unwrap_or_else(|| panic!("no limit for {}", field.path()));
            scenario.apply(Edit::Number(field, limit.max * 2.0 + 1.0));
            assert_eq!(field.get(&scenario), limit.max, "{}", field.path());
            assert!(scenario.validate().is_ok(), "{}", field.path());
        }
    }

    #[test]
    fn every_number_in_a_scenario_has_a_limit() {
        let scenario = scenario_file::norfolk_2014().unwrap();
        for (path, _) in scenario.numbers() {
            assert!(limit_for(&path).is_some(), "no limit for {path}");
        }
    }

    #[test]
    fn an_unpulled_residential_lever_follows_its_baseline() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        scenario.apply(Edit::Number(NumberField::ResidentialShare10Plus, 20.0));
        assert_eq!(scenario.levers.residential_share.value, 20.0);
        assert!(!scenario.lever_is_pulled(LeverKind::ResidentialShare));
        // A pulled lever stays where it was put.
        scenario.apply(Edit::LeverValue(LeverKind::ResidentialShare, 5.0));
        scenario.apply(Edit::Number(NumberField::ResidentialShare10Plus, 15.0));
        assert_eq!(scenario.levers.residential_share.value, 5.0);
    }

    #[test]
    fn a_lever_start_past_its_end_moves_the_end() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let kind = LeverKind::EarlyHelp;
        let start = scenario.start_month;
        scenario.apply(Edit::LeverEnd(kind, Some(start.plus_months(6))));
        scenario.apply(Edit::LeverStart(kind, start.plus_months(12)));
        assert_eq!(scenario.levers.early_help.end, Some(start.plus_months(12)));
        assert!(scenario.validate().is_ok());
        // An end before the start is taken as the start.
        scenario.apply(Edit::LeverEnd(kind, Some(start)));
        assert_eq!(scenario.levers.early_help.end, Some(start.plus_months(12)));
    }

    #[test]
    fn months_stay_within_the_years_a_file_may_hold() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let far = Month::new(Month::MAX_YEAR, 12).unwrap().plus_months(120);
        scenario.apply(Edit::StartMonth(far));
        scenario.apply(Edit::Horizon(10));
        assert!(scenario.end_month() <= Month::new(Month::MAX_YEAR, 12).unwrap());
        scenario.apply(Edit::LeverEnd(LeverKind::FrontDoor, Some(far)));
        assert!(scenario.validate().is_ok());
        let text = scenario_file::to_text(&scenario).unwrap();
        assert_eq!(scenario_file::parse(&text, "t").unwrap().scenario, scenario);
    }
}
