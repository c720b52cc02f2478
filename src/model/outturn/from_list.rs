//! A scenario started from the placement list (issue 32, docs/outturn.md): the children open on
//! the list at the forecast's day become the opening children by placement type and age band, and
//! what the council pays for them becomes its prices by type. The projection's first financial
//! year (spend to date, then the projected months) is then set beside the forecast outturn.

use super::{Forecast, ListedPlacement};
use crate::model::episodes::{Date, band_at};
use crate::model::placement::{AgeBand, ByAgeBand, ByPlacement, PlacementType, StockTotals};
use crate::model::scenario::{HighCostTier, Scenario};
use crate::model::time::{FinancialYear, Month};

/// What starting from the list did that the scenario does not show (for the words shown).
#[derive(Clone, Debug, PartialEq)]
pub struct StartedFromList {
    /// UASC open on the list, counted apart.
    pub uasc_children: f64,
    /// Open placements whose age came from the scenario's mix (no date of birth on the list).
    pub ages_from_mix: usize,
    /// Children under 16 in supported accommodation on the list (not allowed since October
    /// 2023): counted with residential care, the regulated placement they should be in, at their
    /// own fees.
    pub under_16_in_supported: f64,
}

/// True if a placement is open at the end of `day`.
fn open_at(placement: &ListedPlacement, day: Date) -> bool {
    placement.start <= day && placement.last_day(Date(i32::MAX)) > day
}

/// `base` started from `placements` open at the end of `as_at`: the first projected month is the
/// month after `as_at`'s; opening children and prices by type are the list's; everything else
/// (entries, exits, levers, budget) is `base`'s. Open placements without a date of birth are
/// spread over ages as `base`'s opening children of that type are (or its entries, where it has
/// none of that type).
pub fn scenario_from_list(
    base: &Scenario,
    placements: &[ListedPlacement],
    as_at: Date,
) -> (Scenario, StartedFromList) {
    let mut scenario = base.clone();
    let start = as_at
        .month()
        .map_or(base.start_month, |month| month.plus_months(1));
    scenario.start_month = start;
    let first_day = Date::start_of(start);
    let uasc_apart = base.uasc.is_some();
    let mut stock = ByPlacement::splat(ByAgeBand::splat(0.0));
    let mut uasc_opening = ByAgeBand::splat(0.0);
    let mut fees = ByPlacement::splat((0.0, 0.0));
    let mut high_cost = (0.0, 0.0);
    let (mut uasc_fees, mut uasc_children) = (0.0, 0.0);
    let mut ages_from_mix = 0;
    let mut under_16_in_supported = 0.0;
    for placement in placements.iter().filter(|p| open_at(p, as_at)) {
        let bands: ByAgeBand<f64> = match placement.birth.and_then(|b| band_at(b, first_day)) {
            Some(band) => one_band(band),
            None if placement.birth.is_some() => continue, // 18 by the first month: leaves care.
            None => {
                ages_from_mix += 1;
                age_mix(base, placement.placement)
            }
        };
        if placement.uasc && uasc_apart {
            for band in AgeBand::ALL {
                uasc_opening[band] += bands[band];
            }
            uasc_fees += placement.weekly_cost_gbp;
            uasc_children += 1.0;
            continue;
        }
        // Supported accommodation is for 16 and 17-year-olds only: a younger child there is
        // counted with residential care (the share of the child below 16, where ages are mixed).
        let mut placed = placement.placement;
        if placed == PlacementType::Supported {
            let younger: f64 = AgeBand::ALL
                .iter()
                .filter(|b| !b.may_be_in_supported())
                .map(|b| bands[*b])
                .sum();
            if younger > 0.0 {
                under_16_in_supported += younger;
                for band in AgeBand::ALL
                    .into_iter()
                    .filter(|b| !b.may_be_in_supported())
                {
                    stock[PlacementType::Residential][band] += bands[band];
                }
                if younger >= 1.0 - 1e-9 {
                    placed = PlacementType::Residential;
                }
            }
        }
        for band in AgeBand::ALL {
            if placement.placement != PlacementType::Supported || band.may_be_in_supported() {
                stock[placement.placement][band] += bands[band];
            }
        }
        if placed == PlacementType::Residential
            && placement.weekly_cost_gbp > super::HIGH_COST_GBP_PER_WEEK
        {
            high_cost.0 += placement.weekly_cost_gbp;
            high_cost.1 += 1.0;
        } else {
            fees[placed].0 += placement.weekly_cost_gbp;
            fees[placed].1 += 1.0;
        }
    }
    scenario.opening_looked_after = stock;
    // What the list pays by type; a type with no child on the list keeps the scenario's price.
    for p in PlacementType::ALL {
        let (total, count) = fees[p];
        if count > 0.0 {
            scenario.costs.weekly_gbp[p] = total / count;
        }
    }
    let residential = stock.in_placement(PlacementType::Residential);
    scenario.costs.high_cost = (high_cost.1 > 0.0).then(|| HighCostTier {
        share_of_residential_percent: high_cost.1 / residential.max(1.0) * 100.0,
        weekly_gbp: high_cost.0 / high_cost.1,
    });
    if let Some(uasc) = scenario.uasc.as_mut() {
        uasc.opening = uasc_opening;
        if uasc_children > 0.0 {
            uasc.weekly_cost_gbp = uasc_fees / uasc_children;
        }
    }
    // Enough in-house carers for the children the list has with them.
    let in_house = stock.in_placement(PlacementType::InHouseFoster);
    let per_household = scenario.fostering.children_per_household.max(0.1);
    scenario.fostering.in_house_households = scenario
        .fostering
        .in_house_households
        .max(in_house / per_household);
    let day = as_at.dfe();
    let open = stock.total_children() + uasc_children;
    let source = format!("The council's placement list at {day}: {open:.0} children open");
    for path in [
        "opening_looked_after",
        "costs.weekly_gbp",
        "costs.high_cost",
        "start_month",
    ] {
        scenario.sources.insert(path.into(), source.clone());
    }
    if uasc_apart {
        scenario.sources.insert("uasc.opening".into(), source);
    }
    (
        scenario,
        StartedFromList {
            uasc_children,
            ages_from_mix,
            under_16_in_supported,
        },
    )
}

/// A whole child in one band.
fn one_band(band: AgeBand) -> ByAgeBand<f64> {
    let mut bands = ByAgeBand::splat(0.0);
    bands[band] = 1.0;
    bands
}

/// One child spread over the bands as `base`'s opening children of `placement` are, or as its
/// entries are if it has none.
fn age_mix(base: &Scenario, placement: PlacementType) -> ByAgeBand<f64> {
    let of_type = &base.opening_looked_after[placement];
    let total: f64 = AgeBand::ALL.iter().map(|b| of_type[*b].max(0.0)).sum();
    let (mix, total) = if total > 0.0 {
        (*of_type, total)
    } else {
        let entries = &base.entries.age_percent;
        let total: f64 = AgeBand::ALL.iter().map(|b| entries[*b].max(0.0)).sum();
        (*entries, total.max(f64::MIN_POSITIVE))
    };
    let mut bands = ByAgeBand::splat(0.0);
    for band in AgeBand::ALL {
        bands[band] = mix[band].max(0.0) / total;
    }
    bands
}

/// The projection's financial year beside the forecast outturn.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Agreement {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ the projection's year: the forecast's spend to date and income, with the projected
    /// placement spend (before the UASC grant) from the month after the forecast to 31 March in
    /// place of its committed and new placements.
    pub projection_gbp: f64,
    /// £ the forecast outturn.
    pub forecast_gbp: f64,
    /// £ projection − forecast.
    pub difference_gbp: f64,
    /// The difference as % of the forecast.
    pub difference_percent: f64,
}

/// Sets the projection of a scenario started from the list (its months from `first_month`) beside
/// the forecast made at the day before: spend to date and income are the forecast's; the rest of
/// the year is projected.
pub fn agreement(
    projection: &crate::model::Projection,
    first_month: Month,
    forecast: &Forecast,
) -> Agreement {
    let year = forecast.financial_year;
    let projected: f64 = projection
        .months
        .iter()
        .filter(|m| m.month >= first_month && m.month.financial_year() == year)
        .map(|m| m.spend_gbp + m.uasc_grant_gbp)
        .sum();
    let projection_gbp = forecast.spend_to_date_gbp + projected - forecast.income_gbp;
    let difference = projection_gbp - forecast.forecast_gbp;
    Agreement {
        financial_year: year,
        projection_gbp,
        forecast_gbp: forecast.forecast_gbp,
        difference_gbp: difference,
        difference_percent: if forecast.forecast_gbp.abs() > 0.0 {
            difference / forecast.forecast_gbp * 100.0
        } else {
            0.0
        },
    }
}

/// The new placements a forecast allows for from a scenario: its entries a month (and UASC
/// arrivals, where counted apart) at the start, and the £ a week of a new placement in its mix
/// of first placements at its prices (foster care split between in-house and agencies as its
/// opening foster children are). Levers and the demand trend are left out: the forecast runs to
/// 31 March at most.
pub fn new_placements_from(scenario: &Scenario) -> super::NewPlacements {
    let entries = &scenario.entries;
    let costs = &scenario.costs;
    let in_house = scenario
        .opening_looked_after
        .in_placement(PlacementType::InHouseFoster);
    let agency = scenario
        .opening_looked_after
        .in_placement(PlacementType::Ifa);
    let in_house_share = if in_house + agency > 0.0 {
        in_house / (in_house + agency)
    } else {
        0.5
    };
    let age_total: f64 = AgeBand::ALL
        .iter()
        .map(|b| entries.age_percent[*b].max(0.0))
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    // £ a week of a new placement, by the type it goes to, weighted by how many go there.
    let mut by_type: ByPlacement<f64> = ByPlacement::splat(0.0);
    for band in AgeBand::ALL {
        let residential = if matches!(band, AgeBand::Age0To4 | AgeBand::Age5To9) {
            entries.residential_percent_under_10
        } else {
            entries.residential_percent_10_plus
        }
        .clamp(0.0, 100.0)
            / 100.0;
        let shares = crate::model::projection::first_placement_shares(scenario, band);
        let of_band = entries.age_percent[band].max(0.0) / age_total;
        let rest = (1.0 - residential) * of_band;
        let price = |p| costs.average_weekly_gbp(p);
        by_type[PlacementType::Residential] +=
            residential * of_band * price(PlacementType::Residential);
        by_type[PlacementType::InHouseFoster] +=
            rest * shares[0] * in_house_share * price(PlacementType::InHouseFoster);
        by_type[PlacementType::Ifa] +=
            rest * shares[0] * (1.0 - in_house_share) * price(PlacementType::Ifa);
        by_type[PlacementType::Kinship] += rest * shares[1] * price(PlacementType::Kinship);
        by_type[PlacementType::Supported] += rest * shares[2] * price(PlacementType::Supported);
        by_type[PlacementType::WithParentsOther] +=
            rest * shares[3] * price(PlacementType::WithParentsOther);
    }
    let weekly: f64 = PlacementType::ALL.iter().map(|p| by_type[*p]).sum();
    let per_month = entries.per_year.max(0.0) / 12.0;
    let (uasc_per_month, uasc_weekly) = scenario.uasc.as_ref().map_or((0.0, 0.0), |u| {
        (
            u.arrivals_per_year.max(0.0) / 12.0,
            u.weekly_cost_gbp.max(0.0),
        )
    });
    // Each type's part of the new placements' cost; UASC arrivals (16 and 17 mostly) count with
    // supported accommodation.
    let mut cost_by_type = by_type;
    for p in PlacementType::ALL {
        cost_by_type[p] *= per_month;
    }
    cost_by_type[PlacementType::Supported] += uasc_per_month * uasc_weekly;
    let total: f64 = PlacementType::ALL.iter().map(|p| cost_by_type[*p]).sum();
    let all = per_month + uasc_per_month;
    super::NewPlacements {
        per_month: all,
        weekly_cost_gbp: if all > 0.0 {
            (per_month * weekly + uasc_per_month * uasc_weekly) / all
        } else {
            0.0
        },
        cost_share_by_type: (total > 0.0).then(|| {
            let mut share = cost_by_type;
            for p in PlacementType::ALL {
                share[p] /= total;
            }
            share
        }),
    }
}
