//! Checking a scenario: every number against the table in [`super::limits`], then the rules
//! that tie fields together (shares adding up to 100, supported accommodation only at 16 and
//! 17, a lever's end not before its start).
//!
//! Dated settings outside the projection (a target month, a lever's start or end) are allowed:
//! a shorter horizon or a later start month must never make a file unreadable. The rules for
//! what is drawn are in `docs/model.md` ("Dates outside the projection").

use super::LeverParameter;
use super::levers::LeverKind;
use super::limits::limit_for;
use super::{CURRENT_VERSION, Range, Scenario};
use crate::model::placement::{AgeBand, PlacementType};

impl Scenario {
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

    /// Every number in the scenario with its path in the file, e.g.
    /// ("costs.weekly_gbp.ifa", 800.0). Whole-number fields are given as `f64`.
    pub fn numbers(&self) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = Vec::with_capacity(200);
        let mut push = |path: String, value: f64| out.push((path, value));
        push("horizon_years".into(), f64::from(self.horizon_years));
        if let Some(target) = &self.target {
            push("target.looked_after".into(), target.looked_after);
        }
        for p in PlacementType::ALL {
            for b in AgeBand::ALL {
                push(
                    format!("opening_looked_after.{}.{}", p.key(), b.key()),
                    self.opening_looked_after[p][b],
                );
            }
        }
        let e = &self.entries;
        push("entries.per_year".into(), e.per_year);
        push(
            "entries.demand_trend_percent_per_year".into(),
            e.demand_trend_percent_per_year,
        );
        for b in AgeBand::ALL {
            push(format!("entries.age_percent.{}", b.key()), e.age_percent[b]);
        }
        push(
            "entries.residential_percent_under_10".into(),
            e.residential_percent_under_10,
        );
        push(
            "entries.residential_percent_10_plus".into(),
            e.residential_percent_10_plus,
        );
        for b in AgeBand::ALL {
            let split = &e.non_residential_split_percent[b];
            let prefix = format!("entries.non_residential_split_percent.{}", b.key());
            push(format!("{prefix}.foster"), split.foster);
            push(format!("{prefix}.kinship"), split.kinship);
            push(format!("{prefix}.supported"), split.supported);
            push(
                format!("{prefix}.with_parents_other"),
                split.with_parents_other,
            );
        }
        let x = &self.exits;
        for (name, rates) in [
            (
                "return_home_percent_per_month",
                &x.return_home_percent_per_month,
            ),
            (
                "adoption_sgo_percent_per_month",
                &x.adoption_sgo_percent_per_month,
            ),
            ("other_percent_per_month", &x.other_percent_per_month),
        ] {
            for b in AgeBand::ALL {
                push(format!("exits.{name}.{}", b.key()), rates[b]);
            }
        }
        let f = &self.fostering;
        push(
            "fostering.in_house_households".into(),
            f.in_house_households,
        );
        push(
            "fostering.children_per_household".into(),
            f.children_per_household,
        );
        push(
            "fostering.attrition_percent_per_year".into(),
            f.attrition_percent_per_year,
        );
        push("fostering.recruits_per_year".into(), f.recruits_per_year);
        for p in PlacementType::ALL {
            push(
                format!("costs.weekly_gbp.{}", p.key()),
                self.costs.weekly_gbp[p],
            );
        }
        push(
            "costs.inflation_percent_per_year".into(),
            self.costs.inflation_percent_per_year,
        );
        push(
            "costs.other_cla_gbp_per_year".into(),
            self.costs.other_cla_gbp_per_year,
        );
        if let Some(tier) = &self.costs.high_cost {
            push(
                "costs.high_cost.share_of_residential_percent".into(),
                tier.share_of_residential_percent,
            );
            push("costs.high_cost.weekly_gbp".into(), tier.weekly_gbp);
        }
        push(
            "placement_moves.into_residential_percent_per_year".into(),
            self.placement_moves.into_residential_percent_per_year,
        );
        push(
            "placement_moves.into_supported_percent_per_year".into(),
            self.placement_moves.into_supported_percent_per_year,
        );
        if let Some(homes) = &self.price_levers.council_homes {
            let plan = &homes.plan;
            let path = "price_levers.council_homes.plan";
            push(format!("{path}.homes"), f64::from(plan.homes));
            push(
                format!("{path}.beds_per_home"),
                f64::from(plan.beds_per_home),
            );
            push(
                format!("{path}.capital_per_home_gbp"),
                plan.capital_per_home_gbp,
            );
            push(
                format!("{path}.months_to_registration"),
                f64::from(plan.months_to_registration),
            );
            push(format!("{path}.ramp_months"), f64::from(plan.ramp_months));
            push(
                format!("{path}.steady_occupancy_percent"),
                plan.steady_occupancy_percent,
            );
            push(
                format!("{path}.running_cost_per_home_gbp_per_year"),
                plan.running_cost_per_home_gbp_per_year,
            );
            push(
                format!("{path}.external_fee_gbp_per_week"),
                plan.external_fee_gbp_per_week,
            );
            push(
                format!("{path}.borrowing_rate_percent"),
                plan.borrowing_rate_percent,
            );
            push(
                format!("{path}.repayment_years"),
                f64::from(plan.repayment_years),
            );
        }
        if let Some(block) = &self.price_levers.block_contract {
            let path = "price_levers.block_contract";
            push(format!("{path}.years"), f64::from(block.years));
            push(format!("{path}.beds"), block.beds);
            push(format!("{path}.discount_percent"), block.discount_percent);
            push(format!("{path}.filled_percent"), block.filled_percent);
        }
        if let Some(cap) = &self.price_levers.price_cap {
            push(
                "price_levers.price_cap.max_growth_percent_per_year".into(),
                cap.max_growth_percent_per_year,
            );
            push(
                "price_levers.price_cap.residential_external_percent".into(),
                cap.residential_external_percent,
            );
        }
        if let Some(growth) = &self.costs.price_growth_percent_per_year {
            for p in PlacementType::ALL {
                push(
                    format!("costs.price_growth_percent_per_year.{}", p.key()),
                    growth[p],
                );
            }
        }
        for (year, &amount) in &self.budget.by_financial_year_gbp {
            push(format!("budget.by_financial_year_gbp.\"{year}\""), amount);
        }
        push(
            "budget.growth_percent_per_year".into(),
            self.budget.growth_percent_per_year,
        );
        for kind in LeverKind::ALL {
            let key = kind.spec().key;
            let timing = self.levers.timing(kind);
            push(format!("levers.{key}.value"), timing.value);
            push(
                format!("levers.{key}.ramp_months"),
                f64::from(timing.ramp_months),
            );
        }
        for parameter in LeverParameter::ALL {
            push(parameter.path(), parameter.get(&self.levers));
        }
        if let Some(u) = &self.uasc {
            for b in AgeBand::ALL {
                push(format!("uasc.opening.{}", b.key()), u.opening[b]);
                push(
                    format!("uasc.arrival_age_percent.{}", b.key()),
                    u.arrival_age_percent[b],
                );
            }
            push("uasc.arrivals_per_year".into(), u.arrivals_per_year);
            push(
                "uasc.arrivals_trend_percent_per_year".into(),
                u.arrivals_trend_percent_per_year,
            );
            push(
                "uasc.leaving_percent_per_month".into(),
                u.leaving_percent_per_month,
            );
            push("uasc.weekly_cost_gbp".into(), u.weekly_cost_gbp);
            push("uasc.grant_gbp_per_week".into(), u.grant_gbp_per_week);
        }
        let mut push_range = |path: String, range: Range| {
            push(format!("{path}.low"), range.low);
            push(format!("{path}.high"), range.high);
            if let Some(mode) = range.mode {
                push(format!("{path}.mode"), mode);
            }
        };
        for (assumption, range) in self.uncertainty.ranges() {
            push_range(format!("uncertainty.{}", assumption.key()), range);
        }
        for kind in LeverKind::ALL {
            if let Some(range) = self.levers.programme(kind).effect_range {
                push_range(format!("levers.{}.effect_range", kind.spec().key), range);
            }
        }
        if let Some(u) = &self.uasc {
            push_range(
                "uasc.arrivals_change_percent".into(),
                u.arrivals_change_percent,
            );
        }
        push_range(
            "uncertainty.price_growth_points".into(),
            self.uncertainty.price_growth_points,
        );
        if let Some(range) = self
            .price_levers
            .block_contract
            .as_ref()
            .and_then(|block| block.filled_range_percent)
        {
            push_range(
                "price_levers.block_contract.filled_range_percent".into(),
                range,
            );
        }
        if let Some(homes) = &self.price_levers.council_homes {
            push_range(
                "price_levers.council_homes.occupancy_range_percent".into(),
                homes.occupancy_range_percent,
            );
            push_range(
                "price_levers.council_homes.registration_delay_months".into(),
                homes.registration_delay_months,
            );
        }
        for kind in LeverKind::ALL {
            let delivery = self.uncertainty.lever_delivery.of(kind);
            let path = format!("uncertainty.lever_delivery.{}", kind.spec().key);
            push_range(
                format!("{path}.effect_achieved_percent"),
                delivery.effect_achieved_percent,
            );
            push_range(
                format!("{path}.start_delay_months"),
                delivery.start_delay_months,
            );
        }
        out.extend(self.actuals.numbers());
        out.extend(self.monitoring.numbers());
        out
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
        for (path, value) in self.numbers() {
            match limit_for(&path) {
                Some(limit) if limit.whole && !limit.allows(value) => c.errors.push(FieldError {
                    field: path,
                    value: format_number(value),
                    allowed: format!(
                        "a whole number from {} to {}",
                        format_number(limit.min),
                        format_number(limit.max)
                    ),
                }),
                Some(limit) => c.range(&path, value, limit.min, limit.max),
                // A number with no limit is a mistake in this program, not in the file.
                None => c.errors.push(FieldError {
                    field: path,
                    value: format_number(value),
                    allowed: "a field with a known limit (please report this)".into(),
                }),
            }
        }
        for p in PlacementType::ALL {
            for b in AgeBand::ALL {
                let count = self.opening_looked_after[p][b];
                if p == PlacementType::Supported && !b.may_be_in_supported() && count != 0.0 {
                    c.errors.push(FieldError {
                        field: format!("opening_looked_after.{}.{}", p.key(), b.key()),
                        value: format_number(count),
                        allowed: "0 (supported accommodation is for 16 and 17-year-olds)".into(),
                    });
                }
            }
        }
        let e = &self.entries;
        c.sums_to_100("entries.age_percent", e.age_percent.total());
        if let Some(u) = &self.uasc {
            c.sums_to_100("uasc.arrival_age_percent", u.arrival_age_percent.total());
        }
        for b in AgeBand::ALL {
            let split = &e.non_residential_split_percent[b];
            let prefix = format!("entries.non_residential_split_percent.{}", b.key());
            if !b.may_be_in_supported() && split.supported != 0.0 {
                c.errors.push(FieldError {
                    field: format!("{prefix}.supported"),
                    value: format_number(split.supported),
                    allowed: "0 (supported accommodation is for 16 and 17-year-olds)".into(),
                });
            }
            c.sums_to_100(&prefix, split.total());
        }
        let mut ranges: Vec<(String, Range)> = self
            .uncertainty
            .ranges()
            .iter()
            .map(|(a, r)| (format!("uncertainty.{}", a.key()), *r))
            .collect();
        for kind in LeverKind::ALL {
            let delivery = self.uncertainty.lever_delivery.of(kind);
            let path = format!("uncertainty.lever_delivery.{}", kind.spec().key);
            ranges.push((
                format!("{path}.effect_achieved_percent"),
                delivery.effect_achieved_percent,
            ));
            ranges.push((
                format!("{path}.start_delay_months"),
                delivery.start_delay_months,
            ));
            if let Some(range) = self.levers.programme(kind).effect_range {
                ranges.push((format!("levers.{}.effect_range", kind.spec().key), range));
            }
        }
        if let Some(u) = &self.uasc {
            ranges.push((
                "uasc.arrivals_change_percent".into(),
                u.arrivals_change_percent,
            ));
        }
        ranges.push((
            "uncertainty.price_growth_points".into(),
            self.uncertainty.price_growth_points,
        ));
        for (path, range) in ranges {
            if range.low > range.high {
                c.errors.push(FieldError {
                    field: format!("{path}.low"),
                    value: format_number(range.low),
                    allowed: format!("at most the high end ({})", format_number(range.high)),
                });
            }
            if let Some(mode) = range.mode
                && !(mode >= range.low && mode <= range.high)
            {
                c.errors.push(FieldError {
                    field: format!("{path}.mode"),
                    value: format_number(mode),
                    allowed: format!(
                        "a number from the low end ({}) to the high end ({})",
                        format_number(range.low),
                        format_number(range.high)
                    ),
                });
            }
        }
        let library = crate::model::evidence::Library::shipped_or_empty();
        for kind in LeverKind::ALL {
            let key = kind.spec().key;
            let Some(id) = self.levers.programme(kind).programme else {
                continue;
            };
            match library.get(&id) {
                Some(programme) if programme.lever == kind => {}
                found => {
                    let ids: Vec<&str> = library
                        .for_lever(kind)
                        .map(|programme| programme.id.as_str())
                        .collect();
                    c.errors.push(FieldError {
                        field: format!("levers.{key}.programme"),
                        value: id.clone(),
                        allowed: format!(
                            "{}one of the evidence library's programmes for this lever: {} (`care-levers evidence` lists them)",
                            if found.is_some() { "a programme for this lever, " } else { "" },
                            if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
                        ),
                    });
                }
            }
        }
        for kind in LeverKind::ALL {
            let timing = self.levers.timing(kind);
            if let Some(end) = timing.end
                && end < timing.start
            {
                c.errors.push(FieldError {
                    field: format!("levers.{}.end", kind.spec().key),
                    value: end.to_string(),
                    allowed: format!("none, or a month from the start ({}) on", timing.start),
                });
            }
        }
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
