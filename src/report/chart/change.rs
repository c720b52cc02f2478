//! Spend explained: each financial year's change in placement spend from the year before, as
//! volume, mix, price and the UASC grant (docs/model.md 3.6), side by side for each year.

use super::{Cause, Chart, DataTable, Mark, Role, Series, Unit, subtitle};
use crate::model::bridge::SpendChange;
use crate::model::{Projection, Scenario};
use crate::report::{format, series};

/// The part of a change that comes from `cause`.
pub fn part(change: &SpendChange, cause: Cause) -> f64 {
    match cause {
        Cause::Volume => change.volume_gbp,
        Cause::Mix => change.mix_gbp,
        Cause::Price => change.price_gbp,
        Cause::Grant => change.grant_gbp,
    }
}

/// One year's change in words: "£3.4m more: price £2.9m more, volume £0.2m more, mix £0.3m
/// more", the causes largest first.
pub fn change_in_words(change: &SpendChange, with_grant: bool) -> String {
    let mut causes: Vec<Cause> = Cause::ALL
        .into_iter()
        .filter(|&c| with_grant || c != Cause::Grant)
        .collect();
    causes.sort_by(|a, b| part(change, *b).abs().total_cmp(&part(change, *a).abs()));
    let parts: Vec<String> = causes
        .iter()
        .map(|&c| format!("{} {}", c.in_words(), format::money_change(part(change, c))))
        .collect();
    format!(
        "{}: {}",
        format::money_change(change.total_gbp),
        parts.join(", ")
    )
}

/// The change in placement spend from the year before, by cause, for every year the projection
/// covers whole after its first.
pub fn spend_change(scenario: &Scenario, projection: &Projection) -> Chart {
    let years = &projection.years;
    let labels = series::year_labels(projection);
    let explained: Vec<(usize, &SpendChange)> = years
        .iter()
        .enumerate()
        .filter_map(|(i, y)| Some((i, y.change.as_ref()?)))
        .collect();
    let with_grant = explained.iter().any(|(_, c)| c.grant_gbp != 0.0);
    let causes: Vec<Cause> = Cause::ALL
        .into_iter()
        .filter(|&c| with_grant || c != Cause::Grant)
        .collect();
    let width = 0.8 / causes.len() as f64;
    let chart_series = causes
        .iter()
        .enumerate()
        .map(|(k, &cause)| Series {
            name: cause.label().into(),
            role: Role::Cause(cause),
            mark: Mark::Bars {
                base: vec![0.0; explained.len()],
                offset: (k as f64 - (causes.len() as f64 - 1.0) / 2.0) * width,
                width: width * 0.9,
            },
            points: explained
                .iter()
                .map(|(i, change)| [*i as f64, part(change, cause)])
                .collect(),
        })
        .collect();
    let label = |i: usize| labels.get(i).cloned().unwrap_or_default();
    let (title, alt_text) = match (explained.first(), explained.last()) {
        (Some((first, first_change)), Some((last, last_change))) => (
            format!(
                "Change in placement spend, {}: {}",
                label(*first),
                change_in_words(first_change, with_grant)
            ),
            format!(
                "Bar chart of each financial year's change in placement spend from the year before, from {} to {}, split into volume (more or fewer children in care), mix (a different mix of placement types, at last year's prices), price{}. In {}: {}. In {}: {}. The table below gives every year.",
                label(*first),
                label(*last),
                if with_grant {
                    " and the Home Office grant for UASC"
                } else {
                    ""
                },
                label(*first),
                change_in_words(first_change, with_grant),
                label(*last),
                change_in_words(last_change, with_grant),
            ),
        ),
        _ => (
            "Change in placement spend: fewer than two whole financial years projected".to_string(),
            "No change in spend to explain: the projection covers fewer than two whole financial years.".to_string(),
        ),
    };
    let mut header = vec!["Financial year".to_string(), "Change in spend".to_string()];
    header.extend(causes.iter().map(|c| c.label().to_string()));
    let rows = explained
        .iter()
        .map(|(i, change)| {
            let mut row = vec![label(*i), format::money_change(change.total_gbp)];
            row.extend(
                causes
                    .iter()
                    .map(|&c| format::money_change(part(change, c))),
            );
            row
        })
        .collect();
    Chart {
        title,
        subtitle: subtitle(scenario, "financial year"),
        unit: Unit::Pounds,
        x_labels: labels,
        first_month: None,
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Change in placement spend from the year before, by cause".into(),
            header,
            rows,
        },
    }
}
