//! Charts described in words and figures, from the projection: a title that says what the chart
//! shows, the series with their roles and points, alt text, and the chart's data as a table.
//! Every chart the window shows is one of these, drawn by the window's one `chart_ui`; the PDF
//! and Word briefings draw the same descriptions, so a chart on screen and in a paper cannot
//! disagree. One file a chart: children in care, money by year, savings and payback, foster
//! care. No window code.

mod change;
mod children;
mod foster;
mod money;
mod savings;

pub use change::{change_in_words, spend_change};
pub use children::children_in_care;
pub use foster::foster_care;
pub use money::{net_saving_by_year, spend_against_budget};
pub use savings::{CUMULATIVE_INVESTMENT, CUMULATIVE_NET_SAVING, savings_and_payback};

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
    /// Another open scenario drawn over this one, in its comparison colour (by index).
    Comparison(usize),
    /// A reference level (e.g. the number at the statistical neighbours' median rate).
    Reference,
    /// Money invested in the levers.
    Investment,
    /// Money spent to date in the year (the budget monitoring's build-up), in the scenario's
    /// colour.
    Spent,
    /// A net saving against doing nothing (green when a saving, red when a net cost).
    Saving,
    /// The month the savings repay the investment.
    Payback,
    /// In-house foster places.
    Capacity,
    /// Children needing foster care.
    Need,
    /// One cause of a change in spend (volume, mix, price, the grant).
    Cause(Cause),
}

/// What a change in spend comes from (docs/model.md 3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Cause {
    /// More or fewer children.
    Volume,
    /// A different mix of placement types.
    Mix,
    /// Prices.
    Price,
    /// The Home Office grant for UASC.
    Grant,
}

impl Cause {
    /// All four, in the order a bridge reads.
    pub const ALL: [Cause; 4] = [Cause::Volume, Cause::Mix, Cause::Price, Cause::Grant];

    /// Its name in a sentence: "volume (children)".
    pub fn in_words(self) -> &'static str {
        match self {
            Cause::Volume => "volume (children)",
            Cause::Mix => "mix (placement types)",
            Cause::Price => "price",
            Cause::Grant => "UASC grant",
        }
    }

    /// Its name in a legend: "Volume (children)".
    pub fn label(self) -> &'static str {
        match self {
            Cause::Volume => "Volume (children)",
            Cause::Mix => "Mix (placement types)",
            Cause::Price => "Price",
            Cause::Grant => "UASC grant",
        }
    }
}

/// The colour of a cause of change, Okabe-Ito: volume blue, mix reddish purple, price
/// vermillion, the grant the UASC yellow.
pub const fn cause_rgb(cause: Cause) -> Rgb {
    match cause {
        Cause::Volume => [0x00, 0x72, 0xB2],
        Cause::Mix => [0xCC, 0x79, 0xA7],
        Cause::Price => [0xD5, 0x5E, 0x00],
        Cause::Grant => [0xF0, 0xE4, 0x42],
    }
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
/// Overspends and net costs.
pub const OVERSPEND_RGB: Rgb = [0xD5, 0x5E, 0x00];
/// Savings, and reference levels to aim at.
pub const SAVING_RGB: Rgb = [0x00, 0x9E, 0x73];
/// Investment in the levers.
pub const INVESTMENT_RGB: Rgb = [0xE6, 0x9F, 0x00];

/// Colours for other scenarios drawn beside the active one: dark shades from Paul Tol's "muted"
/// scheme, none of them a placement colour, so another scenario's total is never read as a
/// placement type (each also gets a line style of its own where it is drawn).
pub const COMPARISON_RGB: [Rgb; 6] = [
    [0x33, 0x22, 0x88], // indigo
    [0x88, 0x22, 0x55], // wine
    [0x99, 0x99, 0x33], // olive
    [0x44, 0xAA, 0x99], // teal
    [0xAA, 0x44, 0x99], // purple
    [0x66, 0x66, 0x66], // dark grey
];

/// The colour of the `index`-th scenario opened, repeating after six.
pub const fn comparison_rgb(index: usize) -> Rgb {
    COMPARISON_RGB[index % COMPARISON_RGB.len()]
}

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
        /// The bar's width, in years (0.36 for a pair of bars a year).
        width: f64,
    },
    /// Single markers at the points.
    Markers,
    /// A level across the whole chart at the first point's y.
    Level,
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
    /// The month at x = 0 of a chart by month (none for a chart by financial year).
    #[serde(skip)]
    pub first_month: Option<Month>,
    /// The series, in drawing order.
    pub series: Vec<Series>,
    /// The chart in words, for people who cannot see it (and pointing to the table).
    pub alt_text: String,
    /// The chart's figures.
    pub table: DataTable,
}

/// The 31 March (or other last month) of each financial year, with the month index.
pub(crate) fn year_ends(projection: &Projection) -> Vec<(usize, Month)> {
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

/// What a chart is based on: "Projection under the scenario's assumptions ("name"), by month"
/// (`by`: "month" or "financial year").
pub(crate) fn subtitle(scenario: &Scenario, by: &str) -> String {
    format!(
        "Projection under the scenario's assumptions (\"{}\"), by {by}",
        scenario.name
    )
}

/// The x axis's labels of a chart by month: one a projected month, from the start.
pub(crate) fn month_labels(scenario: &Scenario, projection: &Projection) -> Vec<String> {
    (0..projection.months.len())
        .map(|i| scenario.start_month.plus_months(i as i64).short_label())
        .collect()
}

/// One row a financial year, at its end: `row` makes the cells after the date from the
/// month's figures.
pub(crate) fn year_end_rows(
    projection: &Projection,
    row: impl Fn(&crate::model::MonthFigures) -> Vec<String>,
) -> Vec<Vec<String>> {
    year_ends(projection)
        .into_iter()
        .map(|(i, month)| {
            let mut cells = vec![month_end_label(month)];
            cells.extend(row(&projection.months[i]));
            cells
        })
        .collect()
}

/// The shipped 2014 plan to reach 770, which the charts' tests draw.
#[cfg(test)]
pub(crate) fn target_plan() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios/norfolk_2014_target_770.ron");
    crate::io::scenario_file::load(&path)
        .map(|loaded| loaded.scenario)
        .unwrap_or_else(|error| panic!("the shipped plan loads: {error}"))
}

/// Points at x = 0, 1, 2... (months from the start, or years) for one value each.
pub(crate) fn monthly_points(values: &[f64]) -> Vec<[f64; 2]> {
    values
        .iter()
        .enumerate()
        .map(|(i, &y)| [i as f64, y])
        .collect()
}

/// Adds another open scenario's children in care, drawn over the active one's chart as a line
/// in its comparison colour (`colour_index`); `points` at x = months since the chart's start.
pub fn add_comparison(chart: &mut Chart, name: &str, colour_index: usize, points: Vec<[f64; 2]>) {
    chart.series.push(Series {
        name: name.to_string(),
        role: Role::Comparison(colour_index),
        mark: Mark::Line,
        points,
    });
}

/// Adds a reference level across the chart (e.g. the number in care at the statistical
/// neighbours' median rate), with its name.
pub fn add_reference(chart: &mut Chart, name: &str, level: f64) {
    chart.series.push(Series {
        name: name.to_string(),
        role: Role::Reference,
        mark: Mark::Level,
        points: vec![[0.0, level]],
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project;
    use crate::report::format;

    #[test]
    fn every_chart_has_a_row_a_year_as_long_as_its_header_and_names_its_series_once() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let charts = [
            children_in_care(&scenario, &projection, format::Figures::Exact),
            spend_against_budget(&scenario, &projection),
            net_saving_by_year(&scenario, &projection),
            savings_and_payback(&scenario, &projection),
            foster_care(&scenario, &projection, format::Figures::Exact),
        ];
        for chart in &charts {
            assert_eq!(
                chart.table.rows.len(),
                projection.years.len(),
                "{}",
                chart.title
            );
            assert!(
                chart
                    .table
                    .rows
                    .iter()
                    .all(|r| r.len() == chart.table.header.len()),
                "{}",
                chart.title
            );
            let mut names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), chart.series.len(), "{}", chart.title);
            // Money is never shown with a minus sign.
            for text in [&chart.title, &chart.alt_text] {
                assert!(!text.contains("-£"), "{text}");
            }
        }
        let last = projection.last_month().unwrap();
        let savings = &charts[3];
        let saving = savings
            .series
            .iter()
            .find(|s| s.name == CUMULATIVE_NET_SAVING)
            .unwrap();
        assert_eq!(
            saving.points.last().unwrap()[1],
            last.cumulative_net_saving_gbp
        );
        assert_eq!(
            savings.series.iter().any(|s| s.role == Role::Payback),
            projection.payback.month().is_some()
        );
        let foster = &charts[4];
        assert_eq!(foster.series.len(), 5);
        assert!(
            foster
                .title
                .contains(&format::count(last.in_house_capacity))
        );
    }

    #[test]
    fn comparisons_and_references_are_series_of_their_own() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let mut chart = children_in_care(&scenario, &projection, format::Figures::Exact);
        let before = chart.series.len();
        add_comparison(
            &mut chart,
            "Other plan",
            2,
            vec![[0.0, 1000.0], [1.0, 990.0]],
        );
        add_reference(&mut chart, "Neighbours' median rate", 800.0);
        assert_eq!(chart.series.len(), before + 2);
        assert_eq!(chart.series[before].role, Role::Comparison(2));
        assert_eq!(chart.series[before + 1].mark, Mark::Level);
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
