//! A scenario beside its "do nothing" twin: savings, financial years, budget and payback.
//!
//! Gross saving = twin spend − scenario spend; net saving = gross saving − investment.
//! Overspend = placement spend − placement budget (investment is funded separately, as
//! Norfolk's one-off £12m was). Placement spend is net of the Home Office grant for
//! unaccompanied asylum-seeking children; their gross spend and the grant are given apart. A financial year that the horizon covers only in part gets the
//! same part of its budget (months covered / 12).

use super::placement::ByPlacement;
use super::projection::RunMonth;
use super::scenario::Scenario;
use super::time::{FinancialYear, Month};

/// One month of a projection, scenario beside twin.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    /// The month.
    pub month: Month,
    /// Children in care at the end of the month.
    pub looked_after: f64,
    /// Children in care at the end of the month with no lever pulled.
    pub baseline_looked_after: f64,
    /// Unaccompanied asylum-seeking children in care at the end of the month (counted in
    /// `looked_after`; 0 unless the scenario counts them apart).
    pub uasc_looked_after: f64,
    /// Children in care at the end of the month by placement type (UASC apart).
    pub by_placement: ByPlacement<f64>,
    /// The same with no lever pulled.
    pub baseline_by_placement: ByPlacement<f64>,
    /// Children in the high-cost tier at the end of the month (among those in residential
    /// care; 0 without a tier).
    pub high_cost_looked_after: f64,
    /// Children entering care in the month.
    pub entries: f64,
    /// Children leaving care in the month.
    pub exits: f64,
    /// £ spent on placements in the month, net of the Home Office grant for UASC.
    pub spend_gbp: f64,
    /// £ spent on UASC placements in the month, before the grant.
    pub uasc_gross_spend_gbp: f64,
    /// £ Home Office grant for UASC in the month.
    pub uasc_grant_gbp: f64,
    /// £ of the council's other children-looked-after spend in the month (leaving care,
    /// adoption and SGO support, other services), apart from placements and the placement
    /// budget; the same with or without the levers.
    pub other_cla_spend_gbp: f64,
    /// £ spent on placements in the month with no lever pulled.
    pub baseline_spend_gbp: f64,
    /// £ invested in levers in the month.
    pub investment_gbp: f64,
    /// What the price levers (council homes, block contracts) did in the month: their revenue
    /// effect is in `spend_gbp`; their capital is kept apart from it.
    pub price_levers: super::price_levers::PriceLeverMonth,
    /// £ gross saving in the month (baseline spend − spend).
    pub gross_saving_gbp: f64,
    /// £ net saving in the month (gross saving − investment).
    pub net_saving_gbp: f64,
    /// £ net saving from the start month to the end of this month.
    pub cumulative_net_saving_gbp: f64,
    /// £ invested from the start month to the end of this month.
    pub cumulative_investment_gbp: f64,
    /// In-house foster places at the end of the month.
    pub in_house_capacity: f64,
    /// In-house foster places with no lever pulled.
    pub baseline_in_house_capacity: f64,
}

/// One financial year of a projection (or the part of it inside the horizon).
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigures {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// How many of its months the horizon covers (12 unless at either end).
    pub months_covered: u32,
    /// Children in care at the end of the year's last covered month.
    pub looked_after_at_end: f64,
    /// The same with no lever pulled.
    pub baseline_looked_after_at_end: f64,
    /// £ spent on placements, net of the Home Office grant for UASC.
    pub spend_gbp: f64,
    /// £ spent on UASC placements, before the grant.
    pub uasc_gross_spend_gbp: f64,
    /// £ Home Office grant for UASC.
    pub uasc_grant_gbp: f64,
    /// £ of the council's other children-looked-after spend in the year (see
    /// [`MonthFigures::other_cla_spend_gbp`]).
    pub other_cla_spend_gbp: f64,
    /// £ spent on placements with no lever pulled.
    pub baseline_spend_gbp: f64,
    /// £ budget (pro rata for a part year); None where no budget is entered.
    pub budget_gbp: Option<f64>,
    /// £ spend − budget (negative is an underspend); None where no budget is entered.
    pub overspend_gbp: Option<f64>,
    /// £ overspend with no lever pulled; None where no budget is entered.
    pub baseline_overspend_gbp: Option<f64>,
    /// £ invested in levers.
    pub investment_gbp: f64,
    /// What the price levers did in the year (added up over its months; beds filled are
    /// bed-months).
    pub price_levers: super::price_levers::PriceLeverMonth,
    /// £ baseline spend − spend.
    pub gross_saving_gbp: f64,
    /// £ gross saving − investment.
    pub net_saving_gbp: f64,
    /// £ net saving from the start to the end of this year.
    pub cumulative_net_saving_gbp: f64,
    /// The change in placement spend from the year before, split into volume, mix, price and
    /// the grant; None for the first year and for a year (or a year before it) the horizon
    /// covers only in part.
    pub change: Option<super::bridge::SpendChange>,
}

/// When the money invested has been paid back by savings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Payback {
    /// Nothing is invested, so there is nothing to pay back.
    NoInvestment,
    /// From this month on the cumulative net saving stays at or above zero.
    InMonth(Month),
    /// The cumulative net saving is still below zero at the end of the horizon.
    NotWithinHorizon,
}

impl Payback {
    /// The payback month, if there is one.
    pub fn month(self) -> Option<Month> {
        match self {
            Payback::InMonth(month) => Some(month),
            _ => None,
        }
    }
}

/// A scenario's projection beside its "do nothing" twin.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// One entry per month of the horizon.
    pub months: Vec<MonthFigures>,
    /// One entry per financial year the horizon touches.
    pub years: Vec<YearFigures>,
    /// When the investment is paid back.
    pub payback: Payback,
    /// Children in care at the start.
    pub opening_looked_after: f64,
    /// £ a year the opening placements cost at start prices (weekly cost × 365.25 / 7).
    pub opening_annual_spend_gbp: f64,
}

impl Projection {
    /// The last month's figures, if the horizon has any month.
    pub fn last_month(&self) -> Option<&MonthFigures> {
        self.months.last()
    }

    /// The figures for `month`, if it is inside the horizon.
    pub fn month(&self, month: Month) -> Option<&MonthFigures> {
        let first = self.months.first()?.month;
        let index = usize::try_from(month.months_since(first)).ok()?;
        self.months.get(index)
    }

    /// The figures for a financial year, if the horizon touches it.
    pub fn year(&self, year: FinancialYear) -> Option<&YearFigures> {
        self.years.iter().find(|y| y.financial_year == year)
    }

    /// £ capital spent on price levers (council homes) over the whole horizon: kept apart from
    /// the investment and from spend (its borrowing is repaid from spend).
    pub fn total_capital_gbp(&self) -> f64 {
        self.months
            .iter()
            .map(|m| m.price_levers.home_capital_spend_gbp)
            .sum()
    }

    /// £ invested over the whole horizon.
    pub fn total_investment_gbp(&self) -> f64 {
        self.months.iter().map(|m| m.investment_gbp).sum()
    }

    /// £ spent on placements over the whole horizon.
    pub fn total_spend_gbp(&self) -> f64 {
        self.months.iter().map(|m| m.spend_gbp).sum()
    }

    /// £ net saving over the whole horizon at today's value: each month's net saving
    /// discounted at `rate_percent` a year from the start (the Green Book's 3.5% for public
    /// spending: [`super::council_homes::GREEN_BOOK_DISCOUNT_PERCENT`]).
    pub fn net_present_value_gbp(&self, rate_percent: f64) -> f64 {
        let monthly: Vec<f64> = self.months.iter().map(|m| m.net_saving_gbp).collect();
        super::council_homes::net_present_value(&monthly, rate_percent)
    }

    /// £ net saving over the whole horizon.
    pub fn total_net_saving_gbp(&self) -> f64 {
        self.months
            .last()
            .map(|m| m.cumulative_net_saving_gbp)
            .unwrap_or(0.0)
    }
}

/// Projects a scenario and its "do nothing" twin and works out the money.
pub fn project(scenario: &Scenario) -> Projection {
    let (scenario_run, twin_run) = super::projection::run_pair(scenario);
    combine(scenario, &scenario_run, &twin_run)
}

fn combine(scenario: &Scenario, scenario_run: &[RunMonth], twin_run: &[RunMonth]) -> Projection {
    let mut months = Vec::with_capacity(scenario_run.len());
    let mut cumulative_net = 0.0;
    let mut cumulative_investment = 0.0;
    for (ours, twin) in scenario_run.iter().zip(twin_run) {
        let gross = twin.spend_gbp - ours.spend_gbp;
        let net = gross - ours.investment_gbp;
        cumulative_net += net;
        cumulative_investment += ours.investment_gbp;
        months.push(MonthFigures {
            month: ours.month,
            looked_after: ours.looked_after,
            uasc_looked_after: ours.uasc_looked_after,
            baseline_looked_after: twin.looked_after,
            by_placement: ours.by_placement,
            baseline_by_placement: twin.by_placement,
            high_cost_looked_after: scenario.costs.high_cost_children(
                ours.by_placement[super::placement::PlacementType::Residential],
            ),
            entries: ours.entries,
            exits: ours.exits,
            spend_gbp: ours.spend_gbp,
            uasc_gross_spend_gbp: ours.uasc_gross_spend_gbp,
            uasc_grant_gbp: ours.uasc_grant_gbp,
            other_cla_spend_gbp: other_cla_spend(scenario, ours),
            baseline_spend_gbp: twin.spend_gbp,
            investment_gbp: ours.investment_gbp,
            price_levers: ours.price_levers,
            gross_saving_gbp: gross,
            net_saving_gbp: net,
            cumulative_net_saving_gbp: cumulative_net,
            cumulative_investment_gbp: cumulative_investment,
            in_house_capacity: ours.in_house_capacity,
            baseline_in_house_capacity: twin.in_house_capacity,
        });
    }
    let years = financial_years(scenario, &months);
    let payback = payback(&months);
    let opening = &scenario.opening_looked_after;
    let mut weekly = 0.0;
    for p in super::placement::PlacementType::ALL {
        weekly += opening[p].total() * scenario.costs.average_weekly_gbp(p);
    }
    if let Some(uasc) = &scenario.uasc {
        weekly += uasc.opening_total() * (uasc.weekly_cost_gbp - uasc.grant_gbp_per_week);
    }
    Projection {
        months,
        years,
        payback,
        opening_looked_after: scenario_run
            .first()
            .map(|m| m.opening_looked_after)
            .unwrap_or(0.0),
        opening_annual_spend_gbp: weekly * 365.25 / 7.0,
    }
}

/// The other children-looked-after spend in a month: a year's worth spread by the month's days,
/// at the month's prices (nothing to work out for a scenario without it).
fn other_cla_spend(scenario: &Scenario, month: &RunMonth) -> f64 {
    let per_year = scenario.costs.other_cla_gbp_per_year;
    if per_year == 0.0 {
        0.0
    } else {
        per_year / (365.25 / 7.0) * month.month.weeks() * month.price_index
    }
}

fn financial_years(scenario: &Scenario, months: &[MonthFigures]) -> Vec<YearFigures> {
    let mut years: Vec<YearFigures> = Vec::new();
    for m in months {
        let fy = m.month.financial_year();
        if years.last().map(|y| y.financial_year) != Some(fy) {
            years.push(YearFigures {
                financial_year: fy,
                months_covered: 0,
                looked_after_at_end: 0.0,
                baseline_looked_after_at_end: 0.0,
                spend_gbp: 0.0,
                uasc_gross_spend_gbp: 0.0,
                uasc_grant_gbp: 0.0,
                other_cla_spend_gbp: 0.0,
                baseline_spend_gbp: 0.0,
                budget_gbp: None,
                overspend_gbp: None,
                baseline_overspend_gbp: None,
                investment_gbp: 0.0,
                price_levers: Default::default(),
                gross_saving_gbp: 0.0,
                net_saving_gbp: 0.0,
                cumulative_net_saving_gbp: 0.0,
                change: None,
            });
        }
        if let Some(year) = years.last_mut() {
            year.months_covered += 1;
            year.looked_after_at_end = m.looked_after;
            year.baseline_looked_after_at_end = m.baseline_looked_after;
            year.spend_gbp += m.spend_gbp;
            year.uasc_gross_spend_gbp += m.uasc_gross_spend_gbp;
            year.uasc_grant_gbp += m.uasc_grant_gbp;
            year.other_cla_spend_gbp += m.other_cla_spend_gbp;
            year.baseline_spend_gbp += m.baseline_spend_gbp;
            year.investment_gbp += m.investment_gbp;
            year.price_levers.add(&m.price_levers);
            year.gross_saving_gbp += m.gross_saving_gbp;
            year.net_saving_gbp += m.net_saving_gbp;
            year.cumulative_net_saving_gbp = m.cumulative_net_saving_gbp;
        }
    }
    for year in &mut years {
        year.budget_gbp = scenario
            .budget
            .for_year(year.financial_year)
            .map(|budget| budget * f64::from(year.months_covered) / 12.0);
        year.overspend_gbp = year.budget_gbp.map(|budget| year.spend_gbp - budget);
        year.baseline_overspend_gbp = year
            .budget_gbp
            .map(|budget| year.baseline_spend_gbp - budget);
    }
    let activity = super::bridge::activity_by_year(scenario, months);
    for i in 1..years.len().min(activity.len()) {
        let (before, after) = (&years[i - 1], &years[i]);
        if before.months_covered == 12 && after.months_covered == 12 {
            let mut change = super::bridge::explain(&activity[i - 1], &activity[i]);
            // The change itself is the engine's, to the penny; the split is worked out from
            // each month's children and prices.
            change.total_gbp = after.spend_gbp - before.spend_gbp;
            years[i].change = Some(change);
        }
    }
    years
}

/// Payback counts council homes' capital as money invested when it is spent (cash): their
/// borrowing, repaid from spend, is added back, so the homes pay back when their savings before
/// the cost of capital have repaid the capital (as [`super::price_levers::HomesCase::payback`]).
/// Without homes, when the cumulative net saving stops being negative, as before.
fn payback(months: &[MonthFigures]) -> Payback {
    let invested = months
        .iter()
        .any(|m| m.investment_gbp > 0.0 || m.price_levers.home_capital_spend_gbp > 0.0);
    if !invested {
        return Payback::NoInvestment;
    }
    let mut cash = 0.0;
    let cumulative: Vec<f64> = months
        .iter()
        .map(|m| {
            cash += m.net_saving_gbp + m.price_levers.home_capital_charge_gbp
                - m.price_levers.home_capital_spend_gbp;
            cash
        })
        .collect();
    match cumulative.iter().rposition(|&saved| saved < 0.0) {
        None => months
            .first()
            .map(|m| Payback::InMonth(m.month))
            .unwrap_or(Payback::NoInvestment),
        Some(last_negative) => match months.get(last_negative + 1) {
            Some(m) => Payback::InMonth(m.month),
            None => Payback::NotWithinHorizon,
        },
    }
}
