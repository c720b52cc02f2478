//! Synthetic placement lists, for the forecast's tests, its benchmark and its fuzz seeds. No real
//! child's data is anywhere in Care Levers: every reference, date and fee here is made up by a
//! seeded random generator, with a mix and fees of the size councils' lists show (docs/outturn.md).

use crate::model::PlacementType;
use crate::model::episodes::Date;
use crate::model::outturn::ListedPlacement;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use std::fmt::Write;

/// A simulated list: the placements as the model should read them, and the list as a council's
/// system would export it (CSV, the template's columns, dates as dd/mm/yyyy).
#[derive(Clone, Debug, PartialEq)]
pub struct SimulatedList {
    /// The placements, in the list's order.
    pub placements: Vec<ListedPlacement>,
    /// The list as CSV text.
    pub csv: String,
}

/// Share of placements by type (in-house, IFA, kinship, residential, supported, with parents /
/// other) and a typical £ a week: an assumed mix for tests, heavier in foster care and homes than
/// England's at 31 March 2024 (DfE, children looked after: foster care 67%, children's homes 11%,
/// independent and semi-independent living 7%, with parents, placed for adoption and other 15%);
/// the fees are assumptions of the size councils pay.
const MIX: [(PlacementType, f64, f64); 6] = [
    (PlacementType::InHouseFoster, 0.33, 480.0),
    (PlacementType::Ifa, 0.30, 1_050.0),
    (PlacementType::Kinship, 0.12, 320.0),
    (PlacementType::Residential, 0.13, 6_200.0),
    (PlacementType::Supported, 0.07, 1_400.0),
    (PlacementType::WithParentsOther, 0.05, 150.0),
];

/// `count` placements open or ended in the financial year of `as_at`, made from `seed`.
pub fn simulate(count: usize, seed: u64, as_at: Date) -> SimulatedList {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut placements = Vec::with_capacity(count);
    let mut csv = String::from(
        "Child Reference,Placement Type,Provider Type,Weekly Cost,Start Date,End Date,Date of Birth,UASC,Health Contribution,Education Contribution\n",
    );
    for i in 0..count {
        let pick: f64 = rng.random();
        let mut cumulative = 0.0;
        let (placement, typical) = MIX
            .iter()
            .find(|(_, share, _)| {
                cumulative += share;
                pick < cumulative
            })
            .map_or((PlacementType::WithParentsOther, 150.0), |(p, _, fee)| {
                (*p, *fee)
            });
        // Fees spread from 60% to 160% of the type's typical fee; 4% of homes over £10,000.
        let mut weekly: f64 = (typical * rng.random_range(0.6..1.6) * 100.0).round() / 100.0;
        if placement == PlacementType::Residential && rng.random_bool(0.04) {
            weekly = rng.random_range(10_500.0_f64..22_000.0).round();
        }
        let start = Date(as_at.0 - rng.random_range(0..1_100));
        let end = rng
            .random_bool(0.25)
            .then(|| Date(start.0.max(as_at.0 - 180) + rng.random_range(1..300)));
        // Supported accommodation is for 16 and 17-year-olds.
        let birth = if placement == PlacementType::Supported {
            Date(as_at.0 - rng.random_range((16 * 365 + 5)..(18 * 365 - 5)))
        } else {
            Date(start.0 - rng.random_range(0..(16 * 365)))
        };
        let uasc = matches!(placement, PlacementType::Supported | PlacementType::Ifa)
            && rng.random_bool(0.1);
        let (health, education) = if placement == PlacementType::Residential && rng.random_bool(0.2)
        {
            (
                (weekly * 0.1 * 100.0).round() / 100.0,
                (weekly * 0.05 * 100.0).round() / 100.0,
            )
        } else {
            (0.0, 0.0)
        };
        let code = match placement {
            PlacementType::InHouseFoster => "U4,PR1",
            PlacementType::Ifa => "U4,PR4",
            PlacementType::Kinship => "U1,PR1",
            PlacementType::Residential => "K2,PR4",
            PlacementType::Supported => "H5,PR4",
            PlacementType::WithParentsOther => "P1,",
        };
        let dmy = |date: Date| {
            let (y, m, d) = date.ymd();
            format!("{d:02}/{m:02}/{y}")
        };
        let _ = writeln!(
            csv,
            "SIM-{i:06},{code},{weekly:.2},{},{},{},{},{health:.2},{education:.2}",
            dmy(start),
            end.map(dmy).unwrap_or_default(),
            dmy(birth),
            if uasc { "Y" } else { "N" },
        );
        placements.push(ListedPlacement {
            placement,
            weekly_cost_gbp: weekly,
            start,
            end,
            uasc,
            contributions_gbp_per_week: health + education,
            birth: Some(birth),
        });
    }
    SimulatedList { placements, csv }
}
