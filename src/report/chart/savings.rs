//! Savings and payback: cumulative net saving against cumulative investment, payback marked.

use super::{
    Chart, DataTable, Mark, Role, Series, Unit, month_labels, monthly_points, subtitle,
    year_end_rows,
};
use crate::model::{Projection, Scenario};
use crate::report::{format, series};

/// The name of the cumulative net saving series.
pub const CUMULATIVE_NET_SAVING: &str = "Cumulative net saving";
/// The name of the cumulative investment series.
pub const CUMULATIVE_INVESTMENT: &str = "Cumulative investment";

/// Cumulative net saving against doing nothing, and cumulative investment in the levers, by
/// month; the month the savings repay the investment marked.
pub fn savings_and_payback(scenario: &Scenario, projection: &Projection) -> Chart {
    let start = scenario.start_month;
    let savings = series::monthly(projection, |m| m.cumulative_net_saving_gbp);
    let investment = series::monthly(projection, |m| m.cumulative_investment_gbp);
    let mut chart_series = vec![
        Series {
            name: CUMULATIVE_INVESTMENT.into(),
            role: Role::Investment,
            mark: Mark::Line,
            points: monthly_points(&investment),
        },
        Series {
            name: CUMULATIVE_NET_SAVING.into(),
            role: Role::Saving,
            mark: Mark::Line,
            points: monthly_points(&savings),
        },
    ];
    let payback = projection.payback.month();
    if let Some(month) = payback {
        let x = month.months_since(start) as f64;
        let y = savings.get(x.max(0.0) as usize).copied().unwrap_or(0.0);
        chart_series.push(Series {
            name: format!("Paid back: {}", month.short_label()),
            role: Role::Payback,
            mark: Mark::Markers,
            points: vec![[x, y]],
        });
    }
    let x_labels = month_labels(scenario, projection);
    let (title, alt_text) = match projection.last_month() {
        Some(last) => {
            let end = last.month.short_label();
            let paid_back = match payback {
                Some(month) => format!("paid back in {}", month.short_label()),
                None => format!("not paid back by {end}"),
            };
            (
                format!(
                    "Savings and payback: {} invested and a net saving of {} by {end}; {paid_back}",
                    format::money(last.cumulative_investment_gbp),
                    format::net_saving(last.cumulative_net_saving_gbp)
                ),
                format!(
                    "Line chart of the cumulative investment in the levers and the cumulative net saving against doing nothing, by month to {end}. By {end} the levers have cost {} and the net saving is {}; the investment is {paid_back}. The table below gives the figures at the end of each financial year.",
                    format::money(last.cumulative_investment_gbp),
                    format::net_saving(last.cumulative_net_saving_gbp)
                ),
            )
        }
        None => (
            "Savings and payback: no months projected".to_string(),
            "No months are projected.".to_string(),
        ),
    };
    let rows = year_end_rows(projection, |m| {
        vec![
            format::money(m.cumulative_investment_gbp),
            format::net_saving(m.cumulative_net_saving_gbp),
        ]
    });
    Chart {
        title,
        subtitle: subtitle(scenario, "month"),
        unit: Unit::Pounds,
        x_labels,
        first_month: Some(scenario.start_month),
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Investment and net saving to the end of each financial year".into(),
            header: vec!["To".into(), "Invested".into(), "Net saving".into()],
            rows,
        },
    }
}
