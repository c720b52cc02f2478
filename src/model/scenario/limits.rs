//! The one table of allowed values for every number in a scenario. Validation (files and
//! `--set`), the window's sliders and fields, and the window's edits all read it, so a value
//! the window lets a user pick is always one a file may hold.

use super::levers::LeverKind;
use super::uncertainty::Assumption;

/// What a number field may hold, and how the window steps it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    /// Lowest allowed value.
    pub min: f64,
    /// Highest allowed value.
    pub max: f64,
    /// The step a drag or arrow key moves by.
    pub step: f64,
    /// The unit in users' words, e.g. "% a year".
    pub unit: &'static str,
    /// True for whole numbers (years, months).
    pub whole: bool,
}

impl Limit {
    const fn number(min: f64, max: f64, step: f64, unit: &'static str) -> Limit {
        Limit {
            min,
            max,
            step,
            unit,
            whole: false,
        }
    }

    const fn whole(min: f64, max: f64, unit: &'static str) -> Limit {
        Limit {
            min,
            max,
            step: 1.0,
            unit,
            whole: true,
        }
    }

    /// `value` brought within the limit (NaN becomes the minimum; whole numbers are rounded).
    pub fn clamp(&self, value: f64) -> f64 {
        if value.is_nan() {
            return self.min;
        }
        let value = if self.whole { value.round() } else { value };
        value.clamp(self.min, self.max)
    }

    /// True if `value` is allowed.
    pub fn allows(&self, value: f64) -> bool {
        value >= self.min && value <= self.max && (!self.whole || value == value.trunc())
    }
}

const PERCENT: Limit = Limit::number(0.0, 100.0, 0.5, "%");
const MONEY: Limit = Limit::number(0.0, 1_000_000_000.0, 1_000.0, "£");

/// Field paths (as in files and `--set`; `*` stands for any one part) and their limits. Lever
/// values and uncertainty ranges come from the lever catalogue and [`Assumption`].
const LIMITS: &[(&str, Limit)] = &[
    ("horizon_years", Limit::whole(1.0, 10.0, "years")),
    (
        "target.looked_after",
        Limit::number(0.0, 100_000.0, 1.0, "children"),
    ),
    (
        "opening_looked_after.*.*",
        Limit::number(0.0, 100_000.0, 1.0, "children"),
    ),
    (
        "entries.per_year",
        Limit::number(0.0, 100_000.0, 1.0, "children a year"),
    ),
    (
        "entries.demand_trend_percent_per_year",
        Limit::number(-50.0, 50.0, 0.1, "% a year"),
    ),
    ("entries.age_percent.*", PERCENT),
    ("entries.residential_percent_under_10", PERCENT),
    ("entries.non_residential_split_percent.*.*", PERCENT),
    ("exits.*.*", Limit::number(0.0, 50.0, 0.01, "% a month")),
    (
        "fostering.in_house_households",
        Limit::number(0.0, 100_000.0, 1.0, "households"),
    ),
    (
        "fostering.children_per_household",
        Limit::number(0.1, 10.0, 0.01, "children"),
    ),
    (
        "fostering.attrition_percent_per_year",
        Limit::number(0.0, 100.0, 0.1, "% a year"),
    ),
    (
        "fostering.recruits_per_year",
        Limit::number(0.0, 10_000.0, 1.0, "households a year"),
    ),
    (
        "costs.weekly_gbp.*",
        Limit::number(0.0, 100_000.0, 5.0, "£ a week"),
    ),
    (
        "costs.inflation_percent_per_year",
        Limit::number(-10.0, 50.0, 0.1, "% a year"),
    ),
    (
        "costs.price_growth_percent_per_year.*",
        Limit::number(-10.0, 50.0, 0.1, "% a year"),
    ),
    (
        "price_levers.council_homes.plan.homes",
        Limit::whole(0.0, 100.0, "homes"),
    ),
    (
        "price_levers.council_homes.plan.beds_per_home",
        Limit::whole(1.0, 20.0, "beds"),
    ),
    (
        "price_levers.council_homes.plan.capital_per_home_gbp",
        Limit::number(0.0, 20_000_000.0, 50_000.0, "£ a home"),
    ),
    (
        "price_levers.council_homes.plan.months_to_registration",
        Limit::whole(0.0, 60.0, "months"),
    ),
    (
        "price_levers.council_homes.plan.ramp_months",
        Limit::whole(0.0, 60.0, "months"),
    ),
    (
        "price_levers.council_homes.plan.steady_occupancy_percent",
        Limit::number(0.0, 100.0, 1.0, "% of beds"),
    ),
    (
        "price_levers.council_homes.plan.running_cost_per_home_gbp_per_year",
        Limit::number(0.0, 20_000_000.0, 25_000.0, "£ a year a home"),
    ),
    (
        "price_levers.council_homes.plan.external_fee_gbp_per_week",
        Limit::number(0.0, 200_000.0, 100.0, "£ a week"),
    ),
    (
        "price_levers.council_homes.plan.borrowing_rate_percent",
        Limit::number(0.0, 20.0, 0.1, "% a year"),
    ),
    (
        "price_levers.council_homes.plan.repayment_years",
        Limit::whole(1.0, 60.0, "years"),
    ),
    (
        "price_levers.council_homes.occupancy_range_percent.*",
        Limit::number(0.0, 100.0, 1.0, "% of beds"),
    ),
    (
        "price_levers.council_homes.registration_delay_months.*",
        Limit::number(0.0, 60.0, 1.0, "months"),
    ),
    (
        "price_levers.block_contract.years",
        Limit::whole(1.0, 15.0, "years"),
    ),
    (
        "price_levers.block_contract.beds",
        Limit::number(0.0, 1_000.0, 1.0, "beds"),
    ),
    (
        "price_levers.block_contract.discount_percent",
        Limit::number(0.0, 100.0, 1.0, "% off the spot price"),
    ),
    (
        "price_levers.block_contract.filled_range_percent.*",
        Limit::number(0.0, 100.0, 1.0, "% of beds"),
    ),
    (
        "price_levers.block_contract.filled_percent",
        Limit::number(0.0, 100.0, 1.0, "% of beds"),
    ),
    (
        "price_levers.price_cap.max_growth_percent_per_year",
        Limit::number(-10.0, 50.0, 0.1, "% a year"),
    ),
    (
        "price_levers.price_cap.residential_external_percent",
        Limit::number(0.0, 100.0, 1.0, "% of places"),
    ),
    (
        "monitoring.other_income_gbp",
        Limit::number(0.0, 1e9, 1_000.0, "£ a year"),
    ),
    (
        "monitoring.new_placements.per_month",
        Limit::number(0.0, 1_000.0, 0.5, "placements a month"),
    ),
    (
        "monitoring.new_placements.weekly_cost_gbp",
        Limit::number(0.0, 200_000.0, 10.0, "£ a week"),
    ),
    (
        "monitoring.line_budgets.*.*",
        Limit::number(0.0, 1e10, 10_000.0, "£ in the year"),
    ),
    (
        "monitoring.savings.*.planned_gbp",
        Limit::number(0.0, 1e9, 10_000.0, "£ in the year"),
    ),
    (
        "monitoring.savings.*.delivered_gbp",
        Limit::number(-1e9, 1e9, 10_000.0, "£ in the year"),
    ),
    (
        "monitoring.snapshots.*.*",
        Limit::number(-1e11, 1e11, 1.0, "£"),
    ),
    (
        "placement_moves.*",
        Limit::number(-100.0, 100.0, 0.5, "% a year"),
    ),
    (
        "costs.high_cost.share_of_residential_percent",
        Limit::number(0.0, 100.0, 0.5, "%"),
    ),
    (
        "costs.high_cost.weekly_gbp",
        Limit::number(0.0, 200_000.0, 100.0, "£ a week"),
    ),
    (
        "costs.other_cla_gbp_per_year",
        Limit::number(0.0, 10_000_000_000.0, 50_000.0, "£ a year"),
    ),
    (
        "budget.by_financial_year_gbp.*",
        Limit::number(0.0, 10_000_000_000.0, 50_000.0, "£"),
    ),
    (
        "budget.growth_percent_per_year",
        Limit::number(-50.0, 100.0, 0.1, "% a year"),
    ),
    ("levers.*.ramp_months", Limit::whole(0.0, 120.0, "months")),
    (
        "levers.early_help.assumptions.max_entry_reduction_percent",
        PERCENT,
    ),
    (
        "levers.early_help.assumptions.cost_per_family_gbp",
        Limit::number(1.0, 1_000_000.0, 100.0, "£ a family"),
    ),
    (
        "levers.early_help.assumptions.families_at_half_effect",
        Limit::number(0.01, 10_000_000.0, 10.0, "families a year"),
    ),
    (
        "levers.early_help.assumptions.lag_months",
        Limit::whole(0.0, 60.0, "months"),
    ),
    ("levers.front_door.assumptions.annual_cost_gbp", MONEY),
    (
        "levers.foster_recruitment.assumptions.cost_per_recruit_gbp",
        MONEY,
    ),
    (
        "levers.residential_share.assumptions.annual_cost_gbp",
        MONEY,
    ),
    (
        "levers.residential_step_down.assumptions.cost_per_child_gbp",
        MONEY,
    ),
    (
        "levers.residential_step_down.assumptions.enhanced_fee_gbp_per_week",
        Limit::number(0.0, 20_000.0, 10.0, "£ a week"),
    ),
    (
        "levers.residential_step_down.assumptions.enhanced_months",
        Limit::whole(0.0, 60.0, "months"),
    ),
    (
        "levers.residential_step_down.assumptions.retainer_gbp_per_year",
        Limit::number(0.0, 10_000_000.0, 5_000.0, "£ a year"),
    ),
    (
        "levers.residential_step_down.assumptions.breakdown_percent",
        Limit::number(0.0, 100.0, 1.0, "% of moves"),
    ),
    ("levers.step_down_17.assumptions.cost_per_child_gbp", MONEY),
    ("levers.step_down_17.assumptions.home_percent", PERCENT),
    ("levers.permanence.assumptions.cost_per_order_gbp", MONEY),
    (
        "uasc.opening.*",
        Limit::number(0.0, 100_000.0, 1.0, "children"),
    ),
    ("uasc.arrival_age_percent.*", PERCENT),
    (
        "uasc.arrivals_per_year",
        Limit::number(0.0, 100_000.0, 1.0, "children a year"),
    ),
    (
        "uasc.arrivals_trend_percent_per_year",
        Limit::number(-50.0, 100.0, 0.5, "% a year"),
    ),
    (
        "uasc.leaving_percent_per_month",
        Limit::number(0.0, 50.0, 0.1, "% a month"),
    ),
    (
        "uasc.weekly_cost_gbp",
        Limit::number(0.0, 100_000.0, 5.0, "£ a week"),
    ),
    (
        "uasc.grant_gbp_per_week",
        Limit::number(0.0, 100_000.0, 1.0, "£ a week"),
    ),
    (
        "uncertainty.price_growth_points.low",
        Limit::number(-20.0, 0.0, 0.5, "points"),
    ),
    (
        "uncertainty.price_growth_points.high",
        Limit::number(0.0, 30.0, 0.5, "points"),
    ),
    (
        "uncertainty.price_growth_points.mode",
        Limit::number(-20.0, 30.0, 0.5, "points"),
    ),
    (
        "uasc.arrivals_change_percent.low",
        Limit::number(-90.0, 0.0, 1.0, "%"),
    ),
    (
        "uasc.arrivals_change_percent.high",
        Limit::number(0.0, 300.0, 1.0, "%"),
    ),
    (
        "uasc.arrivals_change_percent.mode",
        Limit::number(-90.0, 300.0, 1.0, "%"),
    ),
    (
        "actuals.looked_after.*.total",
        Limit::number(0.0, 100_000.0, 1.0, "children"),
    ),
    (
        "actuals.looked_after.*.by_placement.*",
        Limit::number(0.0, 100_000.0, 1.0, "children"),
    ),
    (
        "actuals.spend.*.spend_gbp",
        Limit::number(0.0, 10_000_000_000.0, 50_000.0, "£"),
    ),
    (
        "actuals.spend.*.budget_gbp",
        Limit::number(0.0, 10_000_000_000.0, 50_000.0, "£"),
    ),
];

fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = path.split('.');
    for wanted in pattern.split('.') {
        match parts.next() {
            Some(part) if wanted == "*" || wanted == part => {}
            _ => return false,
        }
    }
    parts.next().is_none()
}

/// The limit for a number field, by its path in the file (e.g. "costs.weekly_gbp.ifa" or
/// "levers.front_door.value"). None for a path that is not a number field.
pub fn limit_for(path: &str) -> Option<Limit> {
    // The residential lever and the share it moves away from are one quantity.
    let path = if path == "entries.residential_percent_10_plus" {
        "levers.residential_share.value"
    } else {
        path
    };
    for kind in LeverKind::ALL {
        let spec = kind.spec();
        let Some(rest) = path
            .strip_prefix("levers.")
            .and_then(|rest| rest.strip_prefix(spec.key))
            .and_then(|rest| rest.strip_prefix('.'))
        else {
            continue;
        };
        if rest == "value" {
            return Some(Limit::number(spec.min, spec.max, spec.step, spec.unit));
        }
        // The range of the lever's effect (its value, or early help's most cut in entries).
        if let Some("low" | "high" | "mode") = rest.strip_prefix("effect_range.") {
            return Some(match kind {
                LeverKind::EarlyHelp => PERCENT,
                LeverKind::FrontDoor
                | LeverKind::FosterRecruitment
                | LeverKind::ResidentialShare
                | LeverKind::ResidentialStepDown
                | LeverKind::StepDown17
                | LeverKind::Permanence => Limit::number(spec.min, spec.max, spec.step, spec.unit),
            });
        }
    }
    if let Some(rest) = path.strip_prefix("uncertainty.lever_delivery.") {
        let mut parts = rest.split('.');
        let (lever, which, end) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || !LeverKind::ALL.iter().any(|k| k.spec().key == lever) {
            return None;
        }
        if !matches!(end, "low" | "high" | "mode") {
            return None;
        }
        return match which {
            "effect_achieved_percent" => Some(Limit::number(0.0, 100.0, 5.0, "%")),
            "start_delay_months" => Some(Limit::number(0.0, 60.0, 1.0, "months")),
            _ => None,
        };
    }
    // The price growth's range is in the table below (it is not one of the assumptions).
    if let Some(rest) = path.strip_prefix("uncertainty.")
        && !rest.starts_with("price_growth_points.")
    {
        let (key, end) = rest.split_once('.')?;
        let assumption = Assumption::ALL.into_iter().find(|a| a.key() == key)?;
        let (widest, central) = (assumption.widest(), assumption.central());
        let unit = if key.ends_with("_points") {
            "points"
        } else {
            "%"
        };
        return match end {
            "low" => Some(Limit::number(widest.low, central, 1.0, unit)),
            "high" => Some(Limit::number(central, widest.high, 1.0, unit)),
            "mode" => Some(Limit::number(widest.low, widest.high, 1.0, unit)),
            _ => None,
        };
    }
    LIMITS
        .iter()
        .find(|(pattern, _)| matches(pattern, path))
        .map(|(_, limit)| *limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_limits() {
        assert_eq!(
            limit_for("costs.weekly_gbp.ifa").map(|l| l.max),
            Some(100_000.0)
        );
        assert_eq!(
            limit_for("exits.other_percent_per_month.age_17").map(|l| l.max),
            Some(50.0)
        );
        assert_eq!(
            limit_for("levers.front_door.value").map(|l| l.max),
            Some(50.0)
        );
        assert_eq!(
            limit_for("entries.residential_percent_10_plus"),
            limit_for("levers.residential_share.value")
        );
        assert_eq!(
            limit_for("uncertainty.recruitment_achieved_percent.high").map(|l| (l.min, l.max)),
            Some((100.0, 100.0))
        );
        assert!(limit_for("horizon_years").is_some_and(|l| l.whole));
        assert_eq!(limit_for("costs.weekly_gbp"), None);
        assert_eq!(limit_for("costs.weekly_gbp.ifa.extra"), None);
        assert_eq!(limit_for("name"), None);
        assert_eq!(
            limit_for("uncertainty.lever_delivery.front_door.start_delay_months.high")
                .map(|l| l.max),
            Some(60.0)
        );
        assert_eq!(
            limit_for("uncertainty.lever_delivery.nothing.start_delay_months.high"),
            None
        );
    }

    #[test]
    fn clamping_keeps_values_allowed() {
        let horizon = limit_for("horizon_years").unwrap();
        assert_eq!(horizon.clamp(0.4), 1.0);
        assert_eq!(horizon.clamp(f64::NAN), 1.0);
        assert_eq!(horizon.clamp(99.0), 10.0);
        assert!(horizon.allows(horizon.clamp(3.6)));
        assert!(!horizon.allows(2.5));
    }
}
