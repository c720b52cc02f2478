//! The financial-year table's columns, once: their headings in the window, their names in the
//! CSV, JSON and Excel exports, how each figure reads, and where it comes from. The window's
//! table and every export read this list, so a column cannot be matched by position.

use super::format;
use crate::model::YearFigures;

/// How a column's figure reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Months of the year the projection covers (exports only).
    Months,
    /// Children: "1,137".
    Children,
    /// Money: "£12.3m".
    Money,
    /// An overspend in words: "£1.2m over" or "£853k under".
    Overspend,
    /// A change in money in words: "£1.2m more", "£853k less".
    Change,
}

/// One column of the financial-year table, after the year itself.
#[derive(Clone, Copy, Debug)]
pub struct YearColumn {
    /// Its heading in the window (two lines at most).
    pub heading: &'static str,
    /// Its name in the CSV and JSON exports (the `years` field).
    pub key: &'static str,
    /// How it reads.
    pub kind: Kind,
    /// Its figure for a year; None where there is none (a budget not entered): blank in the
    /// CSV and Excel exports, null in JSON, "not entered" in the window.
    pub value: fn(&YearFigures) -> Option<f64>,
}

impl YearColumn {
    /// The figure for `year` as the window shows it.
    pub fn text(&self, year: &YearFigures) -> String {
        let Some(value) = (self.value)(year) else {
            // A change has none in the first year; a budget, none until entered.
            return match self.kind {
                Kind::Change => "–".into(),
                _ => "not entered".into(),
            };
        };
        match self.kind {
            Kind::Months | Kind::Children => format::count(value),
            Kind::Money => format::money(value),
            Kind::Overspend => format::overspend_short(value),
            Kind::Change => format::money_change(value),
        }
    }
}

/// The key of the first column, the financial year ("2016-17").
pub const YEAR_KEY: &str = "financial_year";

/// The columns after the financial year, in order.
pub const YEAR_COLUMNS: [YearColumn; 19] = [
    YearColumn {
        heading: "Months",
        key: "months_covered",
        kind: Kind::Months,
        value: |y| Some(f64::from(y.months_covered)),
    },
    YearColumn {
        heading: "Children in\ncare at end",
        key: "looked_after_at_end",
        kind: Kind::Children,
        value: |y| Some(y.looked_after_at_end),
    },
    YearColumn {
        heading: "Doing\nnothing",
        key: "baseline_looked_after_at_end",
        kind: Kind::Children,
        value: |y| Some(y.baseline_looked_after_at_end),
    },
    YearColumn {
        heading: "Spend (net of\nUASC grant)",
        key: "spend_gbp",
        kind: Kind::Money,
        value: |y| Some(y.spend_gbp),
    },
    YearColumn {
        heading: "Spend doing\nnothing",
        key: "baseline_spend_gbp",
        kind: Kind::Money,
        value: |y| Some(y.baseline_spend_gbp),
    },
    YearColumn {
        heading: "Budget",
        key: "budget_gbp",
        kind: Kind::Money,
        value: |y| y.budget_gbp,
    },
    YearColumn {
        heading: "Over or\nunderspend",
        key: "overspend_gbp",
        kind: Kind::Overspend,
        value: |y| y.overspend_gbp,
    },
    YearColumn {
        heading: "Investment",
        key: "investment_gbp",
        kind: Kind::Money,
        value: |y| Some(y.investment_gbp),
    },
    YearColumn {
        heading: "Gross\nsaving",
        key: "gross_saving_gbp",
        kind: Kind::Money,
        value: |y| Some(y.gross_saving_gbp),
    },
    YearColumn {
        heading: "Net\nsaving",
        key: "net_saving_gbp",
        kind: Kind::Money,
        value: |y| Some(y.net_saving_gbp),
    },
    YearColumn {
        heading: "Cumulative\nnet saving",
        key: "cumulative_net_saving_gbp",
        kind: Kind::Money,
        value: |y| Some(y.cumulative_net_saving_gbp),
    },
    YearColumn {
        heading: "UASC gross\nspend",
        key: "uasc_gross_spend_gbp",
        kind: Kind::Money,
        value: |y| Some(y.uasc_gross_spend_gbp),
    },
    YearColumn {
        heading: "Home Office\nUASC grant",
        key: "uasc_grant_gbp",
        kind: Kind::Money,
        value: |y| Some(y.uasc_grant_gbp),
    },
    YearColumn {
        heading: "Other CLA\nspend",
        key: "other_cla_spend_gbp",
        kind: Kind::Money,
        value: |y| Some(y.other_cla_spend_gbp),
    },
    YearColumn {
        heading: "Change in\nspend",
        key: "spend_change_gbp",
        kind: Kind::Change,
        value: |y| y.change.map(|c| c.total_gbp),
    },
    YearColumn {
        heading: "from\nvolume",
        key: "spend_change_volume_gbp",
        kind: Kind::Change,
        value: |y| y.change.map(|c| c.volume_gbp),
    },
    YearColumn {
        heading: "from\nmix",
        key: "spend_change_mix_gbp",
        kind: Kind::Change,
        value: |y| y.change.map(|c| c.mix_gbp),
    },
    YearColumn {
        heading: "from\nprice",
        key: "spend_change_price_gbp",
        kind: Kind::Change,
        value: |y| y.change.map(|c| c.price_gbp),
    },
    YearColumn {
        heading: "from UASC\ngrant",
        key: "spend_change_grant_gbp",
        kind: Kind::Change,
        value: |y| y.change.map(|c| c.grant_gbp),
    },
];

/// Each scenario's spend against a reference scenario's (e.g. the plan a budget was set on),
/// year by year, split into volume, mix, price and the UASC grant (docs/model.md 3.6): one row a
/// scenario and year, from [`crate::model::bridge::between`].
pub fn spend_split_table(
    reference_name: &str,
    rows: &[(
        String,
        crate::model::FinancialYear,
        crate::model::bridge::SpendChange,
    )],
) -> super::chart::DataTable {
    super::chart::DataTable {
        caption: format!("Placement spend against {reference_name}: why it differs"),
        header: [
            "Scenario",
            "Financial year",
            "Difference",
            "Volume",
            "Mix",
            "Price",
            "UASC grant",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|(name, year, change)| {
                vec![
                    name.clone(),
                    year.to_string(),
                    format::money_change(change.total_gbp),
                    format::money_change(change.volume_gbp),
                    format::money_change(change.mix_gbp),
                    format::money_change(change.price_gbp),
                    format::money_change(change.grant_gbp),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_money_columns_end_in_gbp() {
        let mut keys: Vec<&str> = YEAR_COLUMNS.iter().map(|c| c.key).collect();
        keys.push(YEAR_KEY);
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
        for column in YEAR_COLUMNS {
            assert_eq!(
                matches!(column.kind, Kind::Money | Kind::Overspend | Kind::Change),
                column.key.ends_with("_gbp"),
                "{}",
                column.key
            );
        }
    }
}
