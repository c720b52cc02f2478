//! The opening children: the council's placement and age totals, and the joint split fitted to
//! England's pattern by iterative proportional fitting (docs/model.md 9.1).

use super::figures::{CouncilFigures, get, sum_of};
use crate::model::placement::{AgeBand, ByAgeBand, ByPlacement, PlacementType, Stock, StockTotals};

/// National shares of foster care by 31 March year (DfE national tables, as in the data's
/// README): (kinship, IFA, in-house non-kin), % of foster placements. Years before 2018 use
/// 2018's (the first published); years after 2022 use 2022's.
pub(super) fn foster_shares(year: i32) -> (f64, f64, f64) {
    match year {
        ..=2018 => (17.8, 34.2, 47.7),
        2019 => (18.7, 35.9, 45.0),
        2020 => (20.4, 36.9, 42.4),
        2021 => (21.8, 37.5, 40.4),
        _ => (22.0, 39.0, 38.5),
    }
}

/// The share of the pre-2020 group "secure units, children's homes and semi-independent living"
/// that was semi-independent living, England (README: 26% in 2018, 32% in 2019; 2018's before).
fn semi_independent_share(year: i32) -> f64 {
    if year >= 2019 { 0.32 } else { 0.26 }
}

/// The council's children at 31 March `year` by the app's placement types, as published where
/// the data separate them and split by England's shares where they do not. None where no
/// placement is published at all.
pub(crate) fn placement_margins(
    figures: &CouncilFigures,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<ByPlacement<f64>> {
    let y = year.to_string();
    let la = &figures.looked_after;
    let foster = get(la, &y, "placement_foster")?;
    let (kin, ifa, in_house) = foster_shares(year);
    notes.push(format!(
        "Foster care split {in_house}% in-house, {ifa}% agency (IFA), {kin}% kinship: England's shares at 31 March {}{} (no council publishes this split).",
        year.clamp(2018, 2022),
        if year > 2022 {
            ", the latest national split in the app's data"
        } else {
            ""
        }
    ));
    let (residential, supported) = if year >= 2020 {
        (
            get(la, &y, "placement_secure_homes_and_childrens_homes_2020on").unwrap_or(0.0),
            get(
                la,
                &y,
                "placement_independent_semi_independent_living_2020on",
            )
            .unwrap_or(0.0),
        )
    } else {
        let old = get(
            la,
            &y,
            "placement_secure_childrens_homes_semi_independent_pre2020",
        )
        .unwrap_or(0.0);
        let community = get(la, &y, "placement_other_in_community_pre2020").unwrap_or(0.0);
        let semi = semi_independent_share(year);
        notes.push(format!(
            "Children's homes and semi-independent living are one published group before 2020: split {:.0}% / {:.0}% by England's share.",
            (1.0 - semi) * 100.0,
            semi * 100.0
        ));
        (old * (1.0 - semi), old * semi + community)
    };
    let with_parents_other = sum_of(
        la,
        &y,
        &[
            "placement_with_parents",
            "placement_placed_for_adoption",
            "placement_other",
            "placement_other_residential",
            "placement_residential_schools",
            "placement_missing_pre2015",
        ],
    )
    .unwrap_or(0.0);
    // The published shares are rounded and need not add up to 100: all foster children are
    // shared out.
    let shares = in_house + ifa + kin;
    let mut margins = ByPlacement::splat(0.0);
    margins[PlacementType::InHouseFoster] = foster * in_house / shares;
    margins[PlacementType::Ifa] = foster * ifa / shares;
    margins[PlacementType::Kinship] = foster * kin / shares;
    margins[PlacementType::Residential] = residential;
    margins[PlacementType::Supported] = supported;
    margins[PlacementType::WithParentsOther] = with_parents_other;
    Some(margins)
}

/// The council's children at 31 March `year` by age band (16 and 17 split by England's
/// pattern). None where no age is published.
pub(super) fn age_margins(
    figures: &CouncilFigures,
    year: i32,
    england: &ByAgeBand<f64>,
    notes: &mut Vec<String>,
) -> Option<ByAgeBand<f64>> {
    let y = year.to_string();
    let la = &figures.looked_after;
    let under_5 = sum_of(la, &y, &["age_under_1", "age_1_to_4"])?;
    let mut margins = ByAgeBand::splat(0.0);
    margins[AgeBand::Age0To4] = under_5;
    margins[AgeBand::Age5To9] = get(la, &y, "age_5_to_9").unwrap_or(0.0);
    margins[AgeBand::Age10To15] = get(la, &y, "age_10_to_15").unwrap_or(0.0);
    let older = get(la, &y, "age_16_plus").unwrap_or(0.0);
    let (e16, e17) = (england[AgeBand::Age16], england[AgeBand::Age17]);
    let share_16 = if e16 + e17 > 0.0 {
        e16 / (e16 + e17)
    } else {
        0.5
    };
    notes.push(format!(
        "Children aged 16 and over split {:.0}% aged 16, {:.0}% aged 17: England's pattern (not published by council).",
        share_16 * 100.0,
        (1.0 - share_16) * 100.0
    ));
    margins[AgeBand::Age16] = older * share_16;
    margins[AgeBand::Age17] = older * (1.0 - share_16);
    Some(margins)
}

/// Iterative proportional fitting: the stock closest to `seed` (England's joint pattern) whose
/// placement and age totals are the given margins (both scaled to `total`). Cells that are zero
/// in the seed (supported accommodation under 16) stay zero.
pub(crate) fn fit_stock(
    seed: &Stock,
    placements: &ByPlacement<f64>,
    ages: &ByAgeBand<f64>,
    total: f64,
) -> Stock {
    let scale = |sum: f64| if sum > 0.0 { total / sum } else { 0.0 };
    let p_scale = scale(PlacementType::ALL.iter().map(|&p| placements[p]).sum());
    let a_scale = scale(ages.total());
    let mut stock = *seed;
    // Structural zeros (supported accommodation only at 16-17) slow convergence: allow many
    // rounds; each is 60 multiplications.
    for _ in 0..5000 {
        let mut worst: f64 = 0.0;
        for p in PlacementType::ALL {
            let row: f64 = AgeBand::ALL.iter().map(|&b| stock[p][b]).sum();
            let wanted = placements[p] * p_scale;
            worst = worst.max((row - wanted).abs());
            let factor = if row > 0.0 { wanted / row } else { 0.0 };
            for b in AgeBand::ALL {
                stock[p][b] *= factor;
            }
        }
        for b in AgeBand::ALL {
            let column: f64 = PlacementType::ALL.iter().map(|&p| stock[p][b]).sum();
            let wanted = ages[b] * a_scale;
            worst = worst.max((column - wanted).abs());
            let factor = if column > 0.0 { wanted / column } else { 0.0 };
            for p in PlacementType::ALL {
                stock[p][b] *= factor;
            }
        }
        if worst < 1e-9 {
            break;
        }
    }
    // Where structural zeros make both margins impossible at once, the total still holds.
    let sum = stock.total_children();
    if sum > 0.0 && (sum - total).abs() > 1e-9 {
        for p in PlacementType::ALL {
            for b in AgeBand::ALL {
                stock[p][b] *= total / sum;
            }
        }
    }
    stock
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_fitting_matches_both_margins_and_keeps_structural_zeros() {
        let seed = crate::io::scenario_file::blank_council()
            .unwrap()
            .opening_looked_after;
        let mut placements = ByPlacement::splat(100.0);
        placements[PlacementType::Supported] = 40.0;
        let mut ages = ByAgeBand::splat(0.0);
        ages[AgeBand::Age0To4] = 120.0;
        ages[AgeBand::Age5To9] = 110.0;
        ages[AgeBand::Age10To15] = 200.0;
        ages[AgeBand::Age16] = 60.0;
        ages[AgeBand::Age17] = 50.0;
        let total = 540.0;
        let stock = fit_stock(&seed, &placements, &ages, total);
        for p in PlacementType::ALL {
            assert!(
                (stock.in_placement(p) - placements[p]).abs() < 1e-6,
                "{p:?}"
            );
        }
        for b in AgeBand::ALL {
            assert!((stock.in_age_band(b) - ages[b]).abs() < 1e-6, "{b:?}");
        }
        assert_eq!(stock[PlacementType::Supported][AgeBand::Age0To4], 0.0);
        assert!((stock.total_children() - total).abs() < 1e-6);
    }
}
