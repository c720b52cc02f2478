//! Pure functions that turn a projection into the series the charts draw, shared by the window
//! and the chart descriptions papers are made from ([`super::chart`]). No egui here, so each is
//! unit-tested on its own; the window only styles and places what these return.

use crate::model::{MonthFigures, PlacementType, Projection, Scenario};
use crate::report::format;

/// One placement type's band in the stacked chart: its own counts, and the running totals it is
/// drawn between.
#[derive(Clone, Debug, PartialEq)]
pub struct StackBand {
    /// The placement type.
    pub placement: PlacementType,
    /// Children in this placement at the end of each month.
    pub counts: Vec<f64>,
    /// The running total below this band.
    pub lower: Vec<f64>,
    /// The running total to the top of this band.
    pub upper: Vec<f64>,
}

/// Children in care by placement, stacked in [`PlacementType::ALL`] order.
pub fn placement_stack(projection: &Projection) -> Vec<StackBand> {
    let mut lower = vec![0.0; projection.months.len()];
    let mut bands = Vec::new();
    for placement in PlacementType::ALL {
        let counts = monthly(projection, |m| m.by_placement[placement]);
        let upper: Vec<f64> = lower.iter().zip(&counts).map(|(l, c)| l + c).collect();
        bands.push(StackBand {
            placement,
            counts,
            lower: std::mem::replace(&mut lower, upper.clone()),
            upper,
        });
    }
    bands
}

/// Unaccompanied asylum-seeking children stacked on top of the placements: (counts, lower,
/// upper) by month; none if the scenario has none.
pub fn uasc_band(projection: &Projection) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let counts = monthly(projection, |m| m.uasc_looked_after);
    if counts.iter().all(|&c| c <= 0.0) {
        return None;
    }
    let lower = monthly(projection, |m| m.by_placement.total());
    let upper = lower.iter().zip(&counts).map(|(l, c)| l + c).collect();
    Some((counts, lower, upper))
}

/// The Home Office grant for unaccompanied asylum-seeking children, drawn on top of each
/// financial year's spend bar (spend is net of the grant, so bar and grant reach the gross
/// spend): (year index, net spend the segment starts at, grant) for years with a grant; empty
/// if the scenario has none.
pub fn grant_on_spend(projection: &Projection) -> Vec<(usize, f64, f64)> {
    projection
        .years
        .iter()
        .enumerate()
        .filter(|(_, y)| y.uasc_grant_gbp > 0.0)
        .map(|(i, y)| (i, y.spend_gbp, y.uasc_grant_gbp))
        .collect()
}

/// One figure for every projected month.
pub fn monthly(projection: &Projection, pick: impl Fn(&MonthFigures) -> f64) -> Vec<f64> {
    projection.months.iter().map(pick).collect()
}

/// Points at x = months since `chart_start`, for a series that begins at `series_start`.
pub fn offset_points(
    chart_start: crate::model::Month,
    series_start: crate::model::Month,
    values: &[f64],
) -> Vec<[f64; 2]> {
    let offset = series_start.months_since(chart_start) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, &y)| [offset + i as f64, y])
        .collect()
}

/// A month's spend as a yearly rate (its spend / its days × 365.25), so that short and long
/// months do not zig-zag a line.
pub fn spend_per_year(spend_gbp: f64, month: crate::model::Month) -> f64 {
    spend_gbp / f64::from(month.days()) * 365.25
}

/// The target as a chart marker: its legend name and its point, if it falls in the projection.
pub fn target_marker(scenario: &Scenario) -> Option<(String, [f64; 2])> {
    let target = scenario.target_in_horizon()?;
    let name = format!(
        "Target: {} by {}",
        format::count(target.looked_after),
        target.month.short_label()
    );
    let x = target.month.months_since(scenario.start_month) as f64;
    Some((name, [x, target.looked_after]))
}

/// The target's level as a line from the projection's start (x = 0) to its last month (or to
/// the target's month, if later), never across the years before the projection.
pub fn target_line(target: &[f64; 2], months: usize) -> [[f64; 2]; 2] {
    let end = (months.saturating_sub(1) as f64).max(target[0]);
    [[0.0, target[1]], [end, target[1]]]
}

/// The y range of a money chart whose bars may be above or below zero: 0 always in it, 15% of
/// room beyond the largest bar, and at least £100k either way when every value is (nearly)
/// zero, so the axis shows a £ scale rather than a lone "£0".
pub fn money_axis_span(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut low, mut high) = (0.0f64, 0.0f64);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        low = low.min(v);
        high = high.max(v);
    }
    if high - low < 1_000.0 {
        return (-100_000.0, 100_000.0);
    }
    (low * 1.15, high * 1.15)
}

/// How far before the projection counted figures are drawn, in months (older ones are listed
/// in the Plan against outcome view).
pub const COUNTS_BEFORE_MONTHS: i64 = 36;
/// How far after the projection counted figures are drawn, in months.
pub const COUNTS_AFTER_MONTHS: i64 = 12;

/// Counted children in care as chart points (x = months since the start month), for counts from
/// [`COUNTS_BEFORE_MONTHS`] before the projection to [`COUNTS_AFTER_MONTHS`] after it.
pub fn counted_points(scenario: &Scenario) -> Vec<[f64; 2]> {
    let last = scenario.horizon_months() as i64 - 1;
    let mut points: Vec<[f64; 2]> = scenario
        .actuals
        .looked_after
        .iter()
        .filter_map(|c| {
            let x = c.month.months_since(scenario.start_month);
            (-COUNTS_BEFORE_MONTHS..=last + COUNTS_AFTER_MONTHS)
                .contains(&x)
                .then_some([x as f64, c.total])
        })
        .collect();
    points.sort_by(|a, b| a[0].total_cmp(&b[0]));
    points
}

/// Counted spend as points on the money chart (x = the financial year's index among the
/// projection's years), for years the projection covers in full.
pub fn counted_spend_points(scenario: &Scenario, projection: &Projection) -> Vec<[f64; 2]> {
    scenario
        .actuals
        .spend
        .iter()
        .filter_map(|c| {
            let index = projection
                .years
                .iter()
                .position(|y| y.financial_year == c.financial_year && y.months_covered == 12)?;
            Some([index as f64, c.spend_gbp])
        })
        .collect()
}

/// The months a monthly chart spans with data: from the first counted point (if before the
/// projection) to the last projected month or counted point.
pub fn month_span(months: usize, counted: &[[f64; 2]]) -> (i64, i64) {
    let last = months.saturating_sub(1) as i64;
    counted.iter().fold((0, last), |(first, last), p| {
        let x = p[0] as i64;
        (first.min(x), last.max(x))
    })
}

/// A financial year's label, with the months covered when it is a part year.
pub fn year_labels(projection: &Projection) -> Vec<String> {
    projection
        .years
        .iter()
        .map(|y| {
            if y.months_covered < 12 {
                format!("{} ({} months)", y.financial_year, y.months_covered)
            } else {
                y.financial_year.to_string()
            }
        })
        .collect()
}

/// The x range of a monthly chart with data from month `first` to month `last` (months since
/// the start month; `first` may be negative for counts before the projection): half a month
/// before the first, and room after the last so its date label (centred on its mark) is not cut
/// by the chart's edge.
pub fn span_axis_range((first, last): (i64, i64)) -> (f64, f64) {
    let width = (last - first + 1).max(1) as f64;
    (first as f64 - 0.5, last as f64 + (width * 0.05).max(1.5))
}

/// The top of a chart's y axis: the highest value with a little room above it (the legend
/// sits above the chart, not over the data).
pub fn y_top<'a>(series: impl IntoIterator<Item = &'a [f64]>) -> f64 {
    series
        .into_iter()
        .flat_map(|s| s.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        * 1.08
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;
    use crate::model::{Month, project};

    #[test]
    fn the_stack_tops_out_at_the_total_in_care() {
        let scenario = scenario_file::norfolk_2014().unwrap();
        let projection = project(&scenario);
        let stack = placement_stack(&projection);
        assert_eq!(stack.len(), PlacementType::ALL.len());
        let top = &stack[stack.len() - 1].upper;
        for (month, total) in projection.months.iter().zip(top) {
            assert!((month.looked_after - total).abs() < 1e-6);
        }
        for pair in stack.windows(2) {
            assert_eq!(pair[0].upper, pair[1].lower);
        }
    }

    #[test]
    fn a_target_outside_the_projection_is_not_drawn() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let (name, point) = target_marker(&scenario).unwrap();
        assert_eq!(name, "Target: 770 by Mar 2017");
        assert_eq!(point, [35.0, 770.0]);
        scenario.horizon_years = 2;
        assert_eq!(target_marker(&scenario), None);
    }

    #[test]
    fn other_scenarios_line_up_by_month() {
        let chart = Month::new(2014, 4).unwrap();
        let later = Month::new(2015, 4).unwrap();
        assert_eq!(
            offset_points(chart, later, &[5.0, 6.0]),
            vec![[12.0, 5.0], [13.0, 6.0]]
        );
    }

    #[test]
    fn part_years_say_how_many_months_they_cover_and_the_axis_leaves_room_at_the_end() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        scenario.start_month = Month::new(2014, 10).unwrap();
        let labels = year_labels(&project(&scenario));
        assert_eq!(labels[0], "2014-15 (6 months)");
        assert_eq!(labels[1], "2015-16");
        let (low, high) = span_axis_range((0, 35));
        assert!(low < 0.0 && high >= 36.5);
    }

    #[test]
    fn counts_near_the_projection_are_drawn_where_they_fall() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let count = |year: i32, month: u32, total: f64| crate::model::CountedLookedAfter {
            month: Month::new(year, month).unwrap(),
            total,
            by_placement: Default::default(),
            source: String::new(),
        };
        scenario.actuals.looked_after = vec![
            count(2017, 3, 1107.0),
            count(2009, 3, 800.0),
            count(2012, 3, 1012.0),
            count(2019, 3, 1186.0),
        ];
        let points = counted_points(&scenario);
        // 2009 is more than three years before April 2014, 2019 more than a year after Mar 2017.
        assert_eq!(points, vec![[-25.0, 1012.0], [35.0, 1107.0]]);
        assert_eq!(month_span(36, &points), (-25, 35));
        let (low, high) = span_axis_range((-25, 35));
        assert!(low < -25.0 && high > 35.0);
    }

    #[test]
    fn the_target_line_starts_with_the_projection() {
        let line = target_line(&[35.0, 770.0], 120);
        assert_eq!(line, [[0.0, 770.0], [119.0, 770.0]]);
        // A target after the horizon's end still reaches its own month.
        assert_eq!(target_line(&[40.0, 770.0], 36)[1], [40.0, 770.0]);
    }

    #[test]
    fn money_axes_always_have_a_pound_scale_and_room_for_every_bar() {
        assert_eq!(money_axis_span([0.0, 0.0, 0.0]), (-100_000.0, 100_000.0));
        let (low, high) = money_axis_span([2_000_000.0, -500_000.0]);
        assert!(low <= -500_000.0 && high >= 2_000_000.0);
        let (low, high) = money_axis_span([3_000_000.0, 1_000_000.0]);
        assert_eq!(low, 0.0);
        assert!(high > 3_000_000.0);
    }

    #[test]
    fn spend_is_a_yearly_rate() {
        let march = Month::new(2015, 3).unwrap();
        assert!((spend_per_year(31.0, march) - 365.25).abs() < 1e-9);
    }

    #[test]
    fn unaccompanied_children_sit_on_top_of_the_placements_and_only_when_there_are_any() {
        let mut scenario = crate::io::scenario_file::norfolk_2014().unwrap();
        assert!(uasc_band(&crate::model::project(&scenario)).is_none());
        assert!(grant_on_spend(&crate::model::project(&scenario)).is_empty());
        let mut opening = crate::model::ByAgeBand::splat(0.0);
        opening[crate::model::AgeBand::Age17] = 10.0;
        let mut arrivals = crate::model::ByAgeBand::splat(0.0);
        arrivals[crate::model::AgeBand::Age16] = 100.0;
        scenario.uasc = Some(crate::model::scenario::Uasc {
            opening,
            arrivals_per_year: 12.0,
            arrivals_trend_percent_per_year: 0.0,
            arrival_age_percent: arrivals,
            leaving_percent_per_month: 0.0,
            weekly_cost_gbp: 900.0,
            grant_gbp_per_week: 798.0,
            arrivals_change_percent: crate::model::Range::new(0.0, 0.0),
        });
        let projection = crate::model::project(&scenario);
        let (counts, lower, upper) = uasc_band(&projection).unwrap();
        // The grant sits on each year's net spend and reaches the gross spend.
        let grant = grant_on_spend(&projection);
        assert_eq!(grant.len(), projection.years.len());
        for (i, base, height) in grant {
            let year = &projection.years[i];
            assert_eq!(base, year.spend_gbp);
            assert!(height > 0.0);
            assert_eq!(height, year.uasc_grant_gbp);
        }
        for (i, m) in projection.months.iter().enumerate() {
            assert_eq!(lower[i], m.by_placement.total());
            assert_eq!(upper[i], lower[i] + counts[i]);
            assert!((upper[i] - m.looked_after).abs() < 1e-9);
        }
    }
}
