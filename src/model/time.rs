//! Calendar months and English local-government financial years (1 April to 31 March).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar month, written "2017-03" in files and output.
///
/// Ordered by time. Months are the model's time step: a projection holds one set of figures
/// for the end of each month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Calendar year, e.g. 2014.
    pub year: i32,
    /// 1 (January) to 12 (December).
    pub month: u32,
}

impl Month {
    /// The earliest year a scenario may start or a lever may be timed in.
    pub const MIN_YEAR: i32 = 1990;
    /// The latest year a scenario may start or a lever may be timed in.
    pub const MAX_YEAR: i32 = 2100;
    /// The earliest month a file may hold: January of [`Month::MIN_YEAR`].
    pub const FIRST_SUPPORTED: Month = Month {
        year: Month::MIN_YEAR,
        month: 1,
    };
    /// The latest month a file may hold: December of [`Month::MAX_YEAR`].
    pub const LAST_SUPPORTED: Month = Month {
        year: Month::MAX_YEAR,
        month: 12,
    };

    /// A month, if `month` is 1 to 12 and the year lies in [`Month::MIN_YEAR`, `Month::MAX_YEAR`].
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year))
            .then_some(Month { year, month })
    }

    /// Months counted from year 0, for arithmetic.
    fn ordinal(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_ordinal(ordinal: i64) -> Month {
        let year = ordinal.div_euclid(12);
        let month = ordinal.rem_euclid(12) + 1;
        Month {
            year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month: month as u32,
        }
    }

    /// This month moved on by `months` (negative moves back).
    pub fn plus_months(self, months: i64) -> Month {
        Month::from_ordinal(self.ordinal() + months)
    }

    /// Whole months from `earlier` to `self` (negative if `self` is earlier).
    pub fn months_since(self, earlier: Month) -> i64 {
        self.ordinal() - earlier.ordinal()
    }

    /// The financial year (April to March) this month falls in.
    pub fn financial_year(self) -> FinancialYear {
        if self.month >= 4 {
            FinancialYear {
                start_year: self.year,
            }
        } else {
            FinancialYear {
                start_year: self.year - 1,
            }
        }
    }

    /// Days in the month, leap years included.
    pub fn days(self) -> u32 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 => {
                let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
                if leap { 29 } else { 28 }
            }
            _ => 31,
        }
    }

    /// Weeks in the month (days / 7): weekly placement costs are multiplied by this.
    pub fn weeks(self) -> f64 {
        f64::from(self.days()) / 7.0
    }

    /// Short label for charts, e.g. "Mar 2017".
    pub fn short_label(self) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let name = NAMES
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("?");
        format!("{name} {}", self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why a month could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a month: write it as YYYY-MM, e.g. 2017-03, with a year from {min} to {max}", min = Month::MIN_YEAR, max = Month::MAX_YEAR)]
pub struct MonthParseError {
    /// The text that was given.
    pub text: String,
}

impl FromStr for Month {
    type Err = MonthParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || MonthParseError {
            text: text.to_string(),
        };
        let (year, month) = text.trim().split_once('-').ok_or_else(error)?;
        if year.len() != 4 || month.is_empty() || month.len() > 2 {
            return Err(error());
        }
        let year: i32 = year.parse().map_err(|_| error())?;
        let month: u32 = month.parse().map_err(|_| error())?;
        Month::new(year, month).ok_or_else(error)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A financial year, 1 April to 31 March, written "2016-17".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    /// The calendar year in which the financial year starts (2016 for "2016-17").
    pub start_year: i32,
}

impl FinancialYear {
    /// The financial year that starts in April of `start_year`.
    pub fn starting(start_year: i32) -> FinancialYear {
        FinancialYear { start_year }
    }

    /// April, the first month of the year.
    pub fn first_month(self) -> Month {
        Month {
            year: self.start_year,
            month: 4,
        }
    }

    /// March, the last month of the year.
    pub fn last_month(self) -> Month {
        Month {
            year: self.start_year + 1,
            month: 3,
        }
    }

    /// The year after this one.
    pub fn next(self) -> FinancialYear {
        FinancialYear {
            start_year: self.start_year + 1,
        }
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}",
            self.start_year,
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

/// Why a financial year could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a financial year: write it as YYYY-YY, e.g. 2016-17")]
pub struct FinancialYearParseError {
    /// The text that was given.
    pub text: String,
}

impl FromStr for FinancialYear {
    type Err = FinancialYearParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || FinancialYearParseError {
            text: text.to_string(),
        };
        let (first, second) = text.trim().split_once('-').ok_or_else(error)?;
        if first.len() != 4 || second.len() != 2 {
            return Err(error());
        }
        let start_year: i32 = first.parse().map_err(|_| error())?;
        let end: i32 = second.parse().map_err(|_| error())?;
        if !(Month::MIN_YEAR..=Month::MAX_YEAR).contains(&start_year)
            || (start_year + 1).rem_euclid(100) != end
        {
            return Err(error());
        }
        Ok(FinancialYear { start_year })
    }
}

impl Serialize for FinancialYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FinancialYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_print_and_count() {
        let march: Month = "2017-03".parse().unwrap();
        assert_eq!(march.to_string(), "2017-03");
        let april: Month = "2014-04".parse().unwrap();
        assert_eq!(march.months_since(april), 35);
        assert_eq!(april.plus_months(35), march);
        assert_eq!(april.plus_months(-4).to_string(), "2013-12");
        assert!("2017-13".parse::<Month>().is_err());
        assert!("17-03".parse::<Month>().is_err());
        assert!("march".parse::<Month>().is_err());
        assert_eq!(march.short_label(), "Mar 2017");
    }

    #[test]
    fn financial_years_run_april_to_march() {
        let march: Month = "2017-03".parse().unwrap();
        let april: Month = "2017-04".parse().unwrap();
        assert_eq!(march.financial_year().to_string(), "2016-17");
        assert_eq!(april.financial_year().to_string(), "2017-18");
        assert_eq!("1999-00".parse::<FinancialYear>().unwrap().start_year, 1999);
        assert!("2016-18".parse::<FinancialYear>().is_err());
        assert_eq!(FinancialYear::starting(2016).last_month(), march);
    }

    #[test]
    fn days_in_month_know_leap_years() {
        assert_eq!(Month::new(2016, 2).unwrap().days(), 29);
        assert_eq!(Month::new(2017, 2).unwrap().days(), 28);
        assert_eq!(Month::new(2000, 2).unwrap().days(), 29);
        assert_eq!(Month::new(2017, 4).unwrap().days(), 30);
    }
}
