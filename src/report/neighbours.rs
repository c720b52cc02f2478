//! Similar councils in words.

use super::format;
use crate::model::neighbours::{Comparison, Measure};

/// A value of `measure` as read: "70.6 per 10,000 children" or "9.8%".
pub fn value_words(measure: Measure, value: f64) -> String {
    match measure {
        Measure::LookedAfterRate | Measure::StartsRate => {
            format!("{} {}", format::number(value, 1), measure.unit())
        }
        Measure::ResidentialShare => format!("{}%", format::number(value, 1)),
    }
}

/// The gap at `year` (or the latest year with both) in a sentence, e.g. "At 31 March 2025
/// Norfolk had 70.6 children in care per 10,000 children; its 10 statistical neighbours'
/// median was 62.0 (44.1 to 95.3), their average 65.2, England's 70.0. At its neighbours'
/// median rate it would have about 130 fewer children in care."
pub fn gap_words(comparison: &Comparison, year: Option<i32>) -> String {
    let measure = comparison.measure;
    let Some(row) = comparison.year_or_latest(year) else {
        return match year {
            Some(year) => format!("{}: not published for 31 March {year}.", measure.label()),
            None => format!(
                "{}: no year with both {}'s figure and its neighbours'.",
                measure.label(),
                comparison.name
            ),
        };
    };
    let (Some(council), Some(median)) = (row.council, row.median) else {
        return format!(
            "{} in {}: not published for the council or its neighbours.",
            measure.label(),
            row.year
        );
    };
    let had = match measure {
        Measure::LookedAfterRate => format!(
            "{} children in care per 10,000 children",
            format::number(council, 1)
        ),
        Measure::StartsRate => format!(
            "{} children starting care per 10,000 children",
            format::number(council, 1)
        ),
        Measure::ResidentialShare => format!(
            "{}% of its children in care in children's homes",
            format::number(council, 1)
        ),
    };
    let at = match measure {
        Measure::StartsRate => format!("In the year to 31 March {}", row.year),
        Measure::LookedAfterRate | Measure::ResidentialShare => {
            format!("At 31 March {}", row.year)
        }
    };
    let mut text = format!(
        "{at} {} had {had}; its {} statistical neighbours' median was {} ({} to {})",
        comparison.name,
        row.neighbours_published,
        value_words(measure, median),
        row.lowest.map_or("–".into(), |v| format::number(v, 1)),
        row.highest.map_or("–".into(), |v| format::number(v, 1)),
    );
    if let Some(average) = row.average {
        text.push_str(&format!(", their average {}", format::number(average, 1)));
    }
    if let Some(england) = row.england {
        text.push_str(&format!(", England's {}", format::number(england, 1)));
    }
    text.push('.');
    if let Some(above) = row.children_above_median {
        let noun = match measure {
            Measure::StartsRate => "children starting care a year",
            Measure::LookedAfterRate | Measure::ResidentialShare => "children in care",
        };
        let words = if above.abs() < 0.5 {
            format!(" At its neighbours' median rate it would have about as many {noun}.")
        } else if above > 0.0 {
            format!(
                " At its neighbours' median rate it would have about {} fewer {noun}.",
                format::count(above)
            )
        } else {
            format!(
                " At its neighbours' median rate it would have about {} more {noun}.",
                format::count(-above)
            )
        };
        text.push_str(&words);
    }
    text
}
