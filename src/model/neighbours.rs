//! Similar councils: a council's rates beside its DfE statistical neighbours' and England's.
//!
//! Rates follow DfE's convention: children looked after at 31 March of year Y (or starting in
//! the year to 31 March Y) per 10,000 children aged 0 to 17 at mid-(Y-1). The neighbours'
//! median and range are what DfE's dashboards show; their average is what LAIT shows (a plain
//! mean of their rates). Pure: the figures come in as numbers by year.

use serde::Serialize;
use std::collections::BTreeMap;

/// What is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Measure {
    /// Children looked after at 31 March per 10,000 children.
    LookedAfterRate,
    /// Children starting to be looked after in the year to 31 March per 10,000 children.
    StartsRate,
    /// % of children looked after at 31 March in secure units and children's homes (published
    /// apart from semi-independent living from 2020).
    ResidentialShare,
}

impl Measure {
    /// Every measure, in the order shown.
    pub const ALL: [Measure; 3] = [
        Measure::LookedAfterRate,
        Measure::StartsRate,
        Measure::ResidentialShare,
    ];

    /// Its name in users' words.
    pub fn label(self) -> &'static str {
        match self {
            Measure::LookedAfterRate => "Children in care per 10,000 children",
            Measure::StartsRate => "Children starting care per 10,000 children",
            Measure::ResidentialShare => "Share of children in care in children's homes",
        }
    }

    /// Its unit, e.g. "per 10,000".
    pub fn unit(self) -> &'static str {
        match self {
            Measure::LookedAfterRate | Measure::StartsRate => "per 10,000 children",
            Measure::ResidentialShare => "%",
        }
    }

    /// Its key on the command line and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Measure::LookedAfterRate => "looked_after_rate",
            Measure::StartsRate => "starts_rate",
            Measure::ResidentialShare => "residential_share",
        }
    }
}

/// One council's published numbers, by 31 March year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CouncilNumbers {
    /// DfE code, e.g. "926".
    pub code: String,
    /// Name.
    pub name: String,
    /// Children looked after at 31 March.
    pub looked_after: BTreeMap<i32, f64>,
    /// Children starting care in the year to 31 March.
    pub starts: BTreeMap<i32, f64>,
    /// Children in secure units and children's homes at 31 March (from 2020).
    pub residential: BTreeMap<i32, f64>,
    /// Children aged 0 to 17 at 30 June, by that mid-year.
    pub population: BTreeMap<i32, f64>,
}

impl CouncilNumbers {
    /// The measure for the 31 March `year`, if published.
    pub fn value(&self, measure: Measure, year: i32) -> Option<f64> {
        match measure {
            Measure::LookedAfterRate => self.per_10_000(self.looked_after.get(&year)?, year),
            Measure::StartsRate => self.per_10_000(self.starts.get(&year)?, year),
            Measure::ResidentialShare => {
                let total = *self.looked_after.get(&year)?;
                (total > 0.0).then(|| self.residential.get(&year).map(|r| r / total * 100.0))?
            }
        }
    }

    fn per_10_000(&self, count: &f64, year: i32) -> Option<f64> {
        let population = *self.population.get(&(year - 1))?;
        (population > 0.0).then(|| count / population * 10_000.0)
    }

    /// Every year the measure is published for.
    pub fn series(&self, measure: Measure) -> BTreeMap<i32, f64> {
        let years: Vec<i32> = match measure {
            Measure::LookedAfterRate | Measure::ResidentialShare => {
                self.looked_after.keys().copied().collect()
            }
            Measure::StartsRate => self.starts.keys().copied().collect(),
        };
        years
            .into_iter()
            .filter_map(|year| Some((year, self.value(measure, year)?)))
            .collect()
    }
}

/// One year of the comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparedYear {
    /// The 31 March year.
    pub year: i32,
    /// The council's value.
    pub council: Option<f64>,
    /// The neighbours' median, lowest and highest (of those published).
    pub median: Option<f64>,
    /// See `median`.
    pub lowest: Option<f64>,
    /// See `median`.
    pub highest: Option<f64>,
    /// The neighbours' average (a plain mean of their values, as LAIT shows it).
    pub average: Option<f64>,
    /// How many neighbours are published this year.
    pub neighbours_published: usize,
    /// England's value.
    pub england: Option<f64>,
    /// For the two rates: children the council would have at its neighbours' median rate
    /// (with its own population), and how many more (positive) or fewer it has than that.
    pub children_at_median: Option<f64>,
    /// See `children_at_median`.
    pub children_above_median: Option<f64>,
}

/// A council beside its neighbours and England, year by year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// What is compared.
    pub measure: Measure,
    /// The council's code and name.
    pub code: String,
    /// See `code`.
    pub name: String,
    /// The neighbours' codes and names, closest first.
    pub neighbours: Vec<(String, String)>,
    /// Each neighbour's series, in the same order.
    pub neighbour_values: Vec<BTreeMap<i32, f64>>,
    /// Year by year.
    pub years: Vec<ComparedYear>,
}

impl Comparison {
    /// The year `year`, or with none the latest year with both the council's value and its
    /// neighbours' median.
    pub fn year_or_latest(&self, year: Option<i32>) -> Option<&ComparedYear> {
        match year {
            Some(year) => self.years.iter().find(|y| y.year == year),
            None => self
                .years
                .iter()
                .rev()
                .find(|y| y.council.is_some() && y.median.is_some()),
        }
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// England's numbers: the sum of every council's published counts and population, for the
/// years where the council has both (councils with suppressed figures are left out of that
/// year, so this is England to within a few children).
pub fn england(councils: &[&CouncilNumbers]) -> CouncilNumbers {
    let mut total = CouncilNumbers {
        code: "E92000001".into(),
        name: "England".into(),
        ..CouncilNumbers::default()
    };
    for council in councils {
        for (year, count) in &council.looked_after {
            if council.population.contains_key(&(year - 1)) {
                *total.looked_after.entry(*year).or_default() += count;
                *total.population.entry(year - 1).or_default() += council.population[&(year - 1)];
            }
        }
        for (year, count) in &council.starts {
            if council.population.contains_key(&(year - 1)) {
                *total.starts.entry(*year).or_default() += count;
            }
        }
        for (year, count) in &council.residential {
            if council.looked_after.contains_key(year) {
                *total.residential.entry(*year).or_default() += count;
            }
        }
    }
    total
}

/// Compares `council` with `neighbours` (closest first) and `england` on `measure`.
pub fn compare(
    measure: Measure,
    council: &CouncilNumbers,
    neighbours: &[&CouncilNumbers],
    england: &CouncilNumbers,
) -> Comparison {
    let own = council.series(measure);
    let neighbour_values: Vec<BTreeMap<i32, f64>> =
        neighbours.iter().map(|n| n.series(measure)).collect();
    let mut all_years: Vec<i32> = own.keys().copied().collect();
    for series in &neighbour_values {
        all_years.extend(series.keys().copied());
    }
    all_years.sort_unstable();
    all_years.dedup();
    let years: Vec<ComparedYear> = all_years
        .into_iter()
        .map(|year| {
            let mut values: Vec<f64> = neighbour_values
                .iter()
                .filter_map(|series| series.get(&year).copied())
                .collect();
            values.sort_by(f64::total_cmp);
            let median = median(&values);
            let (children_at_median, children_above_median) = match measure {
                Measure::LookedAfterRate | Measure::StartsRate => {
                    let counted = match measure {
                        Measure::StartsRate => council.starts.get(&year),
                        _ => council.looked_after.get(&year),
                    };
                    let at_median = median
                        .zip(council.population.get(&(year - 1)))
                        .map(|(rate, population)| rate * population / 10_000.0);
                    (
                        at_median,
                        at_median.zip(counted).map(|(at, counted)| counted - at),
                    )
                }
                Measure::ResidentialShare => (None, None),
            };
            ComparedYear {
                year,
                council: own.get(&year).copied(),
                median,
                lowest: values.first().copied(),
                highest: values.last().copied(),
                average: (!values.is_empty())
                    .then(|| values.iter().sum::<f64>() / values.len() as f64),
                neighbours_published: values.len(),
                england: england.value(measure, year),
                children_at_median,
                children_above_median,
            }
        })
        .collect();
    Comparison {
        measure,
        code: council.code.clone(),
        name: council.name.clone(),
        neighbours: neighbours
            .iter()
            .map(|n| (n.code.clone(), n.name.clone()))
            .collect(),
        neighbour_values,
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn council(code: &str, looked_after: f64, population: f64) -> CouncilNumbers {
        CouncilNumbers {
            code: code.into(),
            name: code.into(),
            looked_after: BTreeMap::from([(2014, looked_after)]),
            population: BTreeMap::from([(2013, population)]),
            ..CouncilNumbers::default()
        }
    }

    #[test]
    fn rates_use_the_previous_mid_year_and_the_median_is_of_the_neighbours() {
        let own = council("A", 100.0, 10_000.0);
        let b = council("B", 50.0, 10_000.0);
        let c = council("C", 70.0, 10_000.0);
        let d = council("D", 90.0, 10_000.0);
        let e = council("E", 60.0, 10_000.0);
        let all = [&own, &b, &c, &d, &e];
        let result = compare(
            Measure::LookedAfterRate,
            &own,
            &[&b, &c, &d, &e],
            &england(&all),
        );
        let year = &result.years[0];
        assert_eq!(year.council, Some(100.0));
        assert_eq!(year.median, Some(65.0));
        assert_eq!((year.lowest, year.highest), (Some(50.0), Some(90.0)));
        assert_eq!(year.average, Some(67.5));
        assert_eq!(year.england, Some(74.0));
        assert_eq!(year.children_at_median, Some(65.0));
        assert_eq!(year.children_above_median, Some(35.0));
    }
}
