//! Charts described in words and figures, from the projection: a title that says what the chart
//! shows, the series with their roles and points, alt text, and the chart's data as a table.
//! The window draws its charts from the same series ([`super::series`]) and shows the alt text
//! and table under each chart; a paper made from a scenario uses the same description, so a
//! chart on screen and in a paper cannot disagree. No window code.

use super::format;
use super::series;
use crate::model::{Month, PlacementType, Projection, Scenario};

/// What the y axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Unit {
    /// Children.
    Children,
    /// Pounds.
    Pounds,
}

/// What a series is, so that every drawing of it styles it the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Role {
    /// Children in one placement type, stacked.
    Placement(PlacementType),
    /// Unaccompanied asylum-seeking children, stacked on top of the placements.
    Uasc,
    /// The scenario's total (solid).
    Scenario,
    /// Doing nothing with the levers (dashed).
    DoNothing,
    /// The scenario's target (a marker).
    Target,
    /// Figures counted (what happened; diamonds).
    Counted,
    /// The budget (a level line per year).
    Budget,
    /// The Home Office grant for UASC, on top of net spend.
    Grant,
}

/// An sRGB colour: red, green, blue.
pub type Rgb = [u8; 3];

/// The colour of a placement type in every chart, on screen and on paper: the Okabe-Ito palette,
/// which stays distinguishable with the common forms of colour blindness and on a projector.
pub const fn placement_rgb(placement: PlacementType) -> Rgb {
    match placement {
        PlacementType::InHouseFoster => [0x00, 0x72, 0xB2], // blue
        PlacementType::Ifa => [0x56, 0xB4, 0xE9],           // sky blue
        PlacementType::Kinship => [0x00, 0x9E, 0x73],       // bluish green
        PlacementType::Residential => [0xD5, 0x5E, 0x00],   // vermillion
        PlacementType::Supported => [0xE6, 0x9F, 0x00],     // orange
        PlacementType::WithParentsOther => [0xCC, 0x79, 0xA7], // reddish purple
    }
}

/// Unaccompanied asylum-seeking children: the Okabe-Ito yellow, which no placement type uses.
pub const UASC_RGB: Rgb = [0xF0, 0xE4, 0x42];
/// Doing nothing: neutral grey, drawn dashed (or as pale bars).
pub const DO_NOTHING_RGB: Rgb = [0x80, 0x80, 0x80];
/// The scenario's own totals and spend.
pub const SCENARIO_RGB: Rgb = [0x00, 0x72, 0xB2];

/// How a series is drawn.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum Mark {
    /// A line through the points.
    Line,
    /// An area between `lower` (one value per point) and the points.
    StackedArea {
        /// The bottom of the area at each point.
        lower: Vec<f64>,
    },
    /// Bars at the points' x (plus `offset`), from `base` (one per point) up by the point's y.
    Bars {
        /// Where each bar starts.
        base: Vec<f64>,
        /// Shift from the x of the point (so bars for one year sit side by side).
        offset: f64,
    },
    /// Single markers at the points.
    Markers,
}

/// One series of a chart.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Series {
    /// Its name in the legend.
    pub name: String,
    /// What it is.
    pub role: Role,
    /// How it is drawn.
    pub mark: Mark,
    /// (x, y): x in months since the scenario's start (monthly charts) or the financial year's
    /// index (yearly charts); y in the chart's unit.
    pub points: Vec<[f64; 2]>,
}

/// A chart's data as a table: a caption, a header row and rows of text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DataTable {
    /// What the table holds.
    pub caption: String,
    /// Column headings.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

/// A chart, described.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Chart {
    /// A title that says what the chart shows ("an active title").
    pub title: String,
    /// What it is based on.
    pub subtitle: String,
    /// What the y axis counts.
    pub unit: Unit,
    /// Labels of the x axis: one per month from the start (monthly charts) or per year.
    pub x_labels: Vec<String>,
    /// The series, in drawing order.
    pub series: Vec<Series>,
    /// The chart in words, for people who cannot see it (and pointing to the table).
    pub alt_text: String,
    /// The chart's figures.
    pub table: DataTable,
}

/// The 31 March (or other last month) of each financial year, with the month index.
fn year_ends(projection: &Projection) -> Vec<(usize, Month)> {
    let mut ends = Vec::new();
    for (i, m) in projection.months.iter().enumerate() {
        let last_of_year = projection
            .months
            .get(i + 1)
            .is_none_or(|next| next.month.financial_year() != m.month.financial_year());
        if last_of_year {
            ends.push((i, m.month));
        }
    }
    ends
}

/// "31 March 2017" for the end of March 2017; "30 June 2020" and so on.
pub fn month_end_label(month: Month) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = NAMES
        .get(month.month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?");
    format!("{} {name} {}", month.days(), month.year)
}

/// Children in care by month, stacked by placement, with doing nothing, the target and the
/// counted figures; counts in words as `figures` says (exact in the window, to the nearest 5 in
/// papers).
pub fn children_in_care(
    scenario: &Scenario,
    projection: &Projection,
    figures: format::Figures,
) -> Chart {
    let months = projection.months.len();
    let xs = |values: &[f64]| -> Vec<[f64; 2]> {
        values
            .iter()
            .enumerate()
            .map(|(i, &y)| [i as f64, y])
            .collect()
    };
    let mut chart_series = Vec::new();
    for band in series::placement_stack(projection) {
        chart_series.push(Series {
            name: band.placement.label().to_string(),
            role: Role::Placement(band.placement),
            mark: Mark::StackedArea { lower: band.lower },
            points: xs(&band.upper),
        });
    }
    if let Some((_, lower, upper)) = series::uasc_band(projection) {
        chart_series.push(Series {
            name: "Unaccompanied asylum-seeking children".into(),
            role: Role::Uasc,
            mark: Mark::StackedArea { lower },
            points: xs(&upper),
        });
    }
    let totals = series::monthly(projection, |m| m.looked_after);
    let baseline = series::monthly(projection, |m| m.baseline_looked_after);
    chart_series.push(Series {
        name: "Children in care".into(),
        role: Role::Scenario,
        mark: Mark::Line,
        points: xs(&totals),
    });
    chart_series.push(Series {
        name: "Doing nothing".into(),
        role: Role::DoNothing,
        mark: Mark::Line,
        points: xs(&baseline),
    });
    let target = series::target_marker(scenario);
    if let Some((name, point)) = &target {
        chart_series.push(Series {
            name: name.clone(),
            role: Role::Target,
            mark: Mark::Markers,
            points: vec![*point],
        });
    }
    let counted = series::counted_points(scenario);
    if !counted.is_empty() {
        chart_series.push(Series {
            name: "Counted (what happened)".into(),
            role: Role::Counted,
            mark: Mark::Markers,
            points: counted,
        });
    }

    let start = scenario.start_month;
    let x_labels = (0..months)
        .map(|i| start.plus_months(i as i64).short_label())
        .collect();
    let opening = projection.opening_looked_after;
    let (title, alt_text) = match (projection.months.last(), projection.months.first()) {
        (Some(last), Some(first)) => {
            let end = last.month.short_label();
            let title = format!(
                "Children in care: {} at the start, {} by {end} under this scenario ({} doing nothing)",
                figures.children(opening),
                figures.children(last.looked_after),
                figures.children(last.baseline_looked_after)
            );
            let mut alt = format!(
                "Chart of children in care at the end of each month from {} to {end}, stacked by placement{}. Under this scenario the number goes from {} to {} by {end}; doing nothing, to {}.",
                first.month.short_label(),
                if series::uasc_band(projection).is_some() {
                    ", with unaccompanied asylum-seeking children on top"
                } else {
                    ""
                },
                figures.children(opening),
                figures.children(last.looked_after),
                figures.children(last.baseline_looked_after)
            );
            if let Some(target) = scenario.target_in_horizon()
                && let Some(at) = projection.month(target.month)
            {
                alt.push_str(&format!(
                    " The target is {} by {}; the scenario projects {} then.",
                    figures.children(target.looked_after),
                    target.month.short_label(),
                    figures.children(at.looked_after)
                ));
            }
            alt.push_str(" The table below gives the figures at the end of each financial year.");
            (title, alt)
        }
        _ => (
            "Children in care: no months projected".to_string(),
            "No months are projected.".to_string(),
        ),
    };

    let counted_at = |month: Month| {
        scenario
            .actuals
            .looked_after
            .iter()
            .find(|c| c.month == month)
            .map(|c| figures.children(c.total))
    };
    let rows = year_ends(projection)
        .into_iter()
        .map(|(i, month)| {
            let m = &projection.months[i];
            vec![
                month_end_label(month),
                figures.children(m.looked_after),
                figures.children(m.baseline_looked_after),
                figures.children_change(m.looked_after - m.baseline_looked_after),
                counted_at(month).unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    Chart {
        title,
        subtitle: format!(
            "Projection under the scenario's assumptions (\"{}\"), by month",
            scenario.name
        ),
        unit: Unit::Children,
        x_labels,
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Children in care at the end of each financial year".into(),
            header: vec![
                "At".into(),
                "This scenario".into(),
                "Doing nothing".into(),
                "Difference".into(),
                "Counted".into(),
            ],
            rows,
        },
    }
}

/// Placement spend against budget by financial year, doing nothing beside it, the Home Office
/// grant for UASC on top of the (net) spend.
pub fn spend_against_budget(scenario: &Scenario, projection: &Projection) -> Chart {
    let years = &projection.years;
    let labels = series::year_labels(projection);
    let index = |i: usize| i as f64;
    let mut chart_series = vec![Series {
        name: if years.iter().any(|y| y.uasc_grant_gbp > 0.0) {
            "Spend (net of the Home Office grant)".into()
        } else {
            "Spend".into()
        },
        role: Role::Scenario,
        mark: Mark::Bars {
            base: vec![0.0; years.len()],
            offset: -0.2,
        },
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [index(i), y.spend_gbp])
            .collect(),
    }];
    let grant = series::grant_on_spend(projection);
    if !grant.is_empty() {
        chart_series.push(Series {
            name: "Home Office grant (UASC)".into(),
            role: Role::Grant,
            mark: Mark::Bars {
                base: grant.iter().map(|(_, net, _)| *net).collect(),
                offset: -0.2,
            },
            points: grant
                .iter()
                .map(|(i, _, amount)| [index(*i), *amount])
                .collect(),
        });
    }
    chart_series.push(Series {
        name: "Doing nothing".into(),
        role: Role::DoNothing,
        mark: Mark::Bars {
            base: vec![0.0; years.len()],
            offset: 0.2,
        },
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [index(i), y.baseline_spend_gbp])
            .collect(),
    });
    chart_series.push(Series {
        name: "Budget".into(),
        role: Role::Budget,
        mark: Mark::Markers,
        points: years
            .iter()
            .enumerate()
            .map(|(i, y)| [index(i), y.budget_gbp])
            .collect(),
    });
    let counted = series::counted_spend_points(scenario, projection);
    if !counted.is_empty() {
        chart_series.push(Series {
            name: "Counted (what happened)".into(),
            role: Role::Counted,
            mark: Mark::Markers,
            points: counted,
        });
    }

    let variance = |overspend: f64| {
        let (word, amount) = format::overspend(overspend);
        format!("{} of {amount}", word.to_lowercase())
    };
    let (title, alt_text) = match (years.first(), years.last()) {
        (Some(first), Some(last)) => {
            let first_label = labels.first().cloned().unwrap_or_default();
            let last_label = labels.last().cloned().unwrap_or_default();
            let title = format!(
                "Placement spend against budget: {} in {first_label}",
                variance(first.overspend_gbp)
            );
            let alt = format!(
                "Bar chart of placement spend against budget in each financial year from {first_label} to {last_label}, with doing nothing beside each year. In {first_label} the scenario spends {} against a budget of {}: an {}. In {last_label} it spends {} against {}: an {}; doing nothing would spend {}.{} The table below gives every year.",
                format::money(first.spend_gbp),
                format::money(first.budget_gbp),
                variance(first.overspend_gbp),
                format::money(last.spend_gbp),
                format::money(last.budget_gbp),
                variance(last.overspend_gbp),
                format::money(last.baseline_spend_gbp),
                if grant.is_empty() {
                    String::new()
                } else {
                    " Spend is net of the Home Office grant for unaccompanied asylum-seeking children, drawn on top of each year's bar.".to_string()
                }
            );
            (title, alt)
        }
        _ => (
            "Placement spend against budget: no financial year projected".to_string(),
            "No financial year is projected.".to_string(),
        ),
    };
    let rows = years
        .iter()
        .zip(&labels)
        .map(|(y, label)| {
            let (word, amount) = format::overspend(y.overspend_gbp);
            vec![
                label.clone(),
                format::money(y.budget_gbp),
                format::money(y.spend_gbp),
                format!("{word} {amount}"),
                format::money(y.baseline_spend_gbp),
                format::money(y.net_saving_gbp),
            ]
        })
        .collect();
    Chart {
        title,
        subtitle: format!(
            "Projection under the scenario's assumptions (\"{}\"), by financial year",
            scenario.name
        ),
        unit: Unit::Pounds,
        x_labels: labels,
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Placement spend, budget and net saving by financial year".into(),
            header: vec![
                "Financial year".into(),
                "Budget".into(),
                "Spend".into(),
                "Overspend or underspend".into(),
                "Doing nothing".into(),
                "Net saving".into(),
            ],
            rows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;
    use crate::model::project;

    fn target_plan() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saved_scenarios/norfolk_2014_target_770.ron");
        scenario_file::load(&path).unwrap().scenario
    }

    #[test]
    fn the_children_chart_says_what_it_shows_and_its_table_holds_its_figures() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let chart = children_in_care(&scenario, &projection, format::Figures::Exact);
        let last = projection.months.last().unwrap();
        assert!(
            chart
                .title
                .contains(&format!("{} by", format::count(last.looked_after))),
            "{}",
            chart.title
        );
        assert!(chart.alt_text.contains("The target is 770 by Mar 2017"));
        assert!(chart.alt_text.contains("1,137"), "{}", chart.alt_text);
        // One row per financial year, each as long as the header, ending at 31 March.
        assert_eq!(chart.table.rows.len(), projection.years.len());
        assert!(
            chart
                .table
                .rows
                .iter()
                .all(|r| r.len() == chart.table.header.len())
        );
        assert_eq!(chart.table.rows[2][0], "31 March 2017");
        let march_2017 = projection.month(Month::new(2017, 3).unwrap()).unwrap();
        assert_eq!(
            chart.table.rows[2][1],
            format::count(march_2017.looked_after)
        );
        assert_eq!(
            chart.table.rows[2][4], "1,107",
            "the count at 31 March 2017"
        );
        // A paper gives the same figures to the nearest 5; the series stay exact.
        let paper = children_in_care(&scenario, &projection, format::Figures::Paper);
        assert_eq!(paper.table.rows[2][4], "1,105");
        assert_eq!(
            paper.table.rows[2][1],
            format::children_for_paper(march_2017.looked_after)
        );
        assert!(paper.alt_text.contains("1,135"), "{}", paper.alt_text);
        assert_eq!(paper.series, chart.series);
        // The series the window draws: six placements stacked to the total, the total itself.
        let stack_top = chart
            .series
            .iter()
            .rfind(|s| matches!(s.role, Role::Placement(_)))
            .unwrap();
        let total = chart
            .series
            .iter()
            .find(|s| s.role == Role::Scenario)
            .unwrap();
        for (top, line) in stack_top.points.iter().zip(&total.points) {
            assert!((top[1] - line[1]).abs() < 1e-6);
        }
        assert_eq!(chart.x_labels.len(), projection.months.len());
    }

    #[test]
    fn the_money_chart_words_overspends_and_underspends_and_never_a_negative_overspend() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let chart = spend_against_budget(&scenario, &projection);
        assert!(chart.title.starts_with("Placement spend against budget: "));
        assert!(
            chart.title.contains("overspend of £") || chart.title.contains("underspend of £"),
            "{}",
            chart.title
        );
        for row in &chart.table.rows {
            assert!(
                row[3].starts_with("Overspend £") || row[3].starts_with("Underspend £"),
                "{row:?}"
            );
            assert!(!row[3].contains("-£"), "{row:?}");
        }
        assert_eq!(chart.table.rows.len(), projection.years.len());
        assert_eq!(chart.table.rows[0][0], "2014-15");
        assert!(!chart.series.iter().any(|s| s.role == Role::Grant));
    }

    #[test]
    fn month_ends_are_named_as_papers_name_them() {
        assert_eq!(
            month_end_label(Month::new(2017, 3).unwrap()),
            "31 March 2017"
        );
        assert_eq!(
            month_end_label(Month::new(2020, 2).unwrap()),
            "29 February 2020"
        );
    }
}
