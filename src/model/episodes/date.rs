//! Calendar days, for child-level records (SSDA903 dates and birthdays). The projection itself
//! works in months ([`Month`]); episodes need days to count who was in care on a given night.

use crate::model::time::Month;

/// A calendar day, as days since 1 January 1970 (negative before).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

/// Earliest year accepted in a record (birth dates of the oldest children in any return).
const MIN_YEAR: i32 = 1900;
/// Latest year accepted.
const MAX_YEAR: i32 = 2100;

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// The day, if it exists and the year is 1900 to 2100.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        // Days from civil (H. Hinnant's algorithm), shifted so March starts the year.
        let y = i64::from(if month <= 2 { year - 1 } else { year });
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = i64::from((month + 9) % 12);
        let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date((era * 146_097 + doe - 719_468) as i32))
    }

    /// (year, month 1-12, day 1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        (year, month, day)
    }

    /// Reads a date as councils' systems export it: `dd/mm/YYYY` (the DfE format, also with a
    /// time after it, as Excel writes `01/04/2016 00:00`), `d/m/YYYY`, or ISO `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let date = text.split([' ', 'T']).next().unwrap_or(text);
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some((d, rest)) = date.split_once('/') {
            let (m, y) = rest.split_once('/')?;
            if y.len() != 4 {
                return None;
            }
            return Date::from_ymd(number(y)? as i32, number(m)?, number(d)?);
        }
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        Date::from_ymd(number(y)? as i32, number(m)?, number(d)?)
    }

    /// The month this day falls in, if the app can hold it (1990 to 2100).
    pub fn month(self) -> Option<Month> {
        let (year, month, _) = self.ymd();
        Month::new(year, month)
    }

    /// The last day of `month`.
    pub fn end_of(month: Month) -> Date {
        Date::from_ymd(month.year, month.month, month.days()).unwrap_or(Date(0))
    }

    /// The first day of `month`.
    pub fn start_of(month: Month) -> Date {
        Date::from_ymd(month.year, month.month, 1).unwrap_or(Date(0))
    }

    /// The same day `years` later: a birthday (29 February falls on 1 March in other years).
    pub fn years_later(self, years: i32) -> Date {
        let (year, month, day) = self.ymd();
        Date::from_ymd(year + years, month, day)
            .or_else(|| Date::from_ymd(year + years, 3, 1))
            .unwrap_or(Date(i32::MAX))
    }

    /// The day after.
    pub fn next_day(self) -> Date {
        Date(self.0.saturating_add(1))
    }

    /// `dd/mm/YYYY`, as the DfE files write it.
    pub fn dfe(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}/{m:02}/{y:04}")
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dfe())
    }
}

/// Written as ISO `YYYY-MM-DD` (in run and forecast JSON).
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (year, month, day) = self.ymd();
        serializer.serialize_str(&format!("{year:04}-{month:02}-{day:02}"))
    }
}

/// Read from ISO `YYYY-MM-DD` (or dd/mm/yyyy), as written.
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{text}\" is not a date (YYYY-MM-DD)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_known_days() {
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        assert_eq!(Date::from_ymd(2000, 3, 1), Some(Date(11_017)));
        for n in (Date::from_ymd(1900, 1, 1).unwrap().0..Date::from_ymd(2100, 12, 31).unwrap().0)
            .step_by(7)
        {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
        }
    }

    #[test]
    fn dates_as_exported() {
        let day = Date::from_ymd(2016, 4, 1);
        assert_eq!(Date::parse("01/04/2016"), day);
        assert_eq!(Date::parse("1/4/2016"), day);
        assert_eq!(Date::parse("01/04/2016 00:00"), day);
        assert_eq!(Date::parse(" 2016-04-01 "), day);
        assert_eq!(Date::parse("2016-04-01T00:00:00"), day);
        for bad in [
            "",
            "31/02/2016",
            "01/13/2016",
            "01/04/16",
            "2016/04/01",
            "x",
            "1/1/1/2016",
            "99999999/1/2016",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Date::from_ymd(2016, 2, 29).unwrap().years_later(1),
            Date::from_ymd(2017, 3, 1).unwrap()
        );
        assert_eq!(
            Date::from_ymd(2016, 4, 1).unwrap().to_string(),
            "01/04/2016"
        );
    }
}
