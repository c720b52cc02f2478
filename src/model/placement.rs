//! Where children in care live (placement types) and how old they are (age bands).

use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// Where a looked-after child lives. Written in files by its key, e.g. "in_house_foster".
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PlacementType {
    /// The council's own foster carers.
    InHouseFoster,
    /// Independent fostering agency: foster care bought in, roughly twice the price.
    Ifa,
    /// Kinship / connected persons foster care (family and friends).
    Kinship,
    /// Residential children's home: the most expensive placement.
    Residential,
    /// Supported / semi-independent accommodation, for 16 and 17-year-olds only.
    Supported,
    /// Placed with parents, placed for adoption, or other placements.
    WithParentsOther,
}

impl PlacementType {
    /// Every placement type, in the order used in tables, charts and files.
    pub const ALL: [PlacementType; 6] = [
        PlacementType::InHouseFoster,
        PlacementType::Ifa,
        PlacementType::Kinship,
        PlacementType::Residential,
        PlacementType::Supported,
        PlacementType::WithParentsOther,
    ];

    /// The name users read, e.g. "In-house foster care".
    pub fn label(self) -> &'static str {
        match self {
            PlacementType::InHouseFoster => "In-house foster care",
            PlacementType::Ifa => "Independent fostering agency",
            PlacementType::Kinship => "Kinship / connected carers",
            PlacementType::Residential => "Residential children's home",
            PlacementType::Supported => "Supported accommodation (16-17)",
            PlacementType::WithParentsOther => "Placed with parents / other",
        }
    }

    /// The field name used in scenario files and JSON/CSV output, e.g. "in_house_foster".
    pub fn key(self) -> &'static str {
        match self {
            PlacementType::InHouseFoster => "in_house_foster",
            PlacementType::Ifa => "ifa",
            PlacementType::Kinship => "kinship",
            PlacementType::Residential => "residential",
            PlacementType::Supported => "supported",
            PlacementType::WithParentsOther => "with_parents_other",
        }
    }

    /// True for the foster placements that count against foster capacity and need.
    pub fn is_foster(self) -> bool {
        matches!(self, PlacementType::InHouseFoster | PlacementType::Ifa)
    }
}

/// An age band. Children move up a band as they age and leave care at 18.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    /// Under 5.
    Age0To4,
    /// 5 to 9.
    Age5To9,
    /// 10 to 15.
    Age10To15,
    /// 16-year-olds.
    Age16,
    /// 17-year-olds: a band of their own so that they can be stepped down on their own.
    Age17,
}

impl AgeBand {
    /// Every age band, youngest first.
    pub const ALL: [AgeBand; 5] = [
        AgeBand::Age0To4,
        AgeBand::Age5To9,
        AgeBand::Age10To15,
        AgeBand::Age16,
        AgeBand::Age17,
    ];

    /// How many months of age the band spans; a child spends this long in it on average.
    pub fn width_months(self) -> f64 {
        match self {
            AgeBand::Age0To4 | AgeBand::Age5To9 => 60.0,
            AgeBand::Age10To15 => 72.0,
            AgeBand::Age16 | AgeBand::Age17 => 12.0,
        }
    }

    /// The band a child moves into on ageing out of this one; `None` for 17 (leaves care at 18).
    pub fn next(self) -> Option<AgeBand> {
        match self {
            AgeBand::Age0To4 => Some(AgeBand::Age5To9),
            AgeBand::Age5To9 => Some(AgeBand::Age10To15),
            AgeBand::Age10To15 => Some(AgeBand::Age16),
            AgeBand::Age16 => Some(AgeBand::Age17),
            AgeBand::Age17 => None,
        }
    }

    /// True for children aged 10 and over, to whom the residential-share lever applies.
    pub fn is_ten_plus(self) -> bool {
        matches!(self, AgeBand::Age10To15 | AgeBand::Age16 | AgeBand::Age17)
    }

    /// True for 16 and 17-year-olds, the only ages placed in supported accommodation.
    pub fn may_be_in_supported(self) -> bool {
        matches!(self, AgeBand::Age16 | AgeBand::Age17)
    }

    /// The label users read, e.g. "10-15".
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Age0To4 => "0-4",
            AgeBand::Age5To9 => "5-9",
            AgeBand::Age10To15 => "10-15",
            AgeBand::Age16 => "16",
            AgeBand::Age17 => "17",
        }
    }

    /// The field name used in scenario files, e.g. "age_10_to_15".
    pub fn key(self) -> &'static str {
        match self {
            AgeBand::Age0To4 => "age_0_to_4",
            AgeBand::Age5To9 => "age_5_to_9",
            AgeBand::Age10To15 => "age_10_to_15",
            AgeBand::Age16 => "age_16",
            AgeBand::Age17 => "age_17",
        }
    }
}

/// One value for each placement type (a count, a weekly cost, a share...).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ByPlacement<T> {
    /// In-house foster care.
    pub in_house_foster: T,
    /// Independent fostering agency.
    pub ifa: T,
    /// Kinship / connected carers.
    pub kinship: T,
    /// Residential children's home.
    pub residential: T,
    /// Supported accommodation (16-17).
    pub supported: T,
    /// Placed with parents / other.
    pub with_parents_other: T,
}

impl<T> Index<PlacementType> for ByPlacement<T> {
    type Output = T;
    fn index(&self, placement: PlacementType) -> &T {
        match placement {
            PlacementType::InHouseFoster => &self.in_house_foster,
            PlacementType::Ifa => &self.ifa,
            PlacementType::Kinship => &self.kinship,
            PlacementType::Residential => &self.residential,
            PlacementType::Supported => &self.supported,
            PlacementType::WithParentsOther => &self.with_parents_other,
        }
    }
}

impl<T> IndexMut<PlacementType> for ByPlacement<T> {
    fn index_mut(&mut self, placement: PlacementType) -> &mut T {
        match placement {
            PlacementType::InHouseFoster => &mut self.in_house_foster,
            PlacementType::Ifa => &mut self.ifa,
            PlacementType::Kinship => &mut self.kinship,
            PlacementType::Residential => &mut self.residential,
            PlacementType::Supported => &mut self.supported,
            PlacementType::WithParentsOther => &mut self.with_parents_other,
        }
    }
}

impl<T: Copy> ByPlacement<T> {
    /// The same value for every placement type.
    pub fn splat(value: T) -> Self {
        ByPlacement {
            in_house_foster: value,
            ifa: value,
            kinship: value,
            residential: value,
            supported: value,
            with_parents_other: value,
        }
    }
}

impl ByPlacement<f64> {
    /// The sum over placement types.
    pub fn total(&self) -> f64 {
        PlacementType::ALL.iter().map(|&p| self[p]).sum()
    }
}

/// One value for each age band.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ByAgeBand<T> {
    /// Under 5.
    pub age_0_to_4: T,
    /// 5 to 9.
    pub age_5_to_9: T,
    /// 10 to 15.
    pub age_10_to_15: T,
    /// 16.
    pub age_16: T,
    /// 17.
    pub age_17: T,
}

impl<T> Index<AgeBand> for ByAgeBand<T> {
    type Output = T;
    fn index(&self, band: AgeBand) -> &T {
        match band {
            AgeBand::Age0To4 => &self.age_0_to_4,
            AgeBand::Age5To9 => &self.age_5_to_9,
            AgeBand::Age10To15 => &self.age_10_to_15,
            AgeBand::Age16 => &self.age_16,
            AgeBand::Age17 => &self.age_17,
        }
    }
}

impl<T> IndexMut<AgeBand> for ByAgeBand<T> {
    fn index_mut(&mut self, band: AgeBand) -> &mut T {
        match band {
            AgeBand::Age0To4 => &mut self.age_0_to_4,
            AgeBand::Age5To9 => &mut self.age_5_to_9,
            AgeBand::Age10To15 => &mut self.age_10_to_15,
            AgeBand::Age16 => &mut self.age_16,
            AgeBand::Age17 => &mut self.age_17,
        }
    }
}

impl<T: Copy> ByAgeBand<T> {
    /// The same value for every age band.
    pub fn splat(value: T) -> Self {
        ByAgeBand {
            age_0_to_4: value,
            age_5_to_9: value,
            age_10_to_15: value,
            age_16: value,
            age_17: value,
        }
    }
}

impl ByAgeBand<f64> {
    /// The sum over age bands.
    pub fn total(&self) -> f64 {
        AgeBand::ALL.iter().map(|&b| self[b]).sum()
    }
}

/// Children counted by placement type and age band: the model's stock.
pub type Stock = ByPlacement<ByAgeBand<f64>>;

/// Helpers for a stock of children.
pub trait StockTotals {
    /// All children.
    fn total_children(&self) -> f64;
    /// Children in one placement type, all ages.
    fn in_placement(&self, placement: PlacementType) -> f64;
    /// Children in one age band, all placements.
    fn in_age_band(&self, band: AgeBand) -> f64;
    /// Children by placement type, all ages.
    fn by_placement(&self) -> ByPlacement<f64>;
}

impl StockTotals for Stock {
    fn total_children(&self) -> f64 {
        PlacementType::ALL.iter().map(|&p| self[p].total()).sum()
    }
    fn in_placement(&self, placement: PlacementType) -> f64 {
        self[placement].total()
    }
    fn in_age_band(&self, band: AgeBand) -> f64 {
        PlacementType::ALL.iter().map(|&p| self[p][band]).sum()
    }
    fn by_placement(&self) -> ByPlacement<f64> {
        let mut totals = ByPlacement::splat(0.0);
        for p in PlacementType::ALL {
            totals[p] = self[p].total();
        }
        totals
    }
}
