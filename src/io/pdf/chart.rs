//! A chart description ([`crate::report::chart::Chart`]) drawn as vector graphics: the legend
//! above the plot (never over the data), £ or count labels on the y axis at round steps, the
//! x labels thinned until they fit, and every series told apart by more than colour (line style,
//! pale or solid bars, marker shape, and the legend).

use super::page::{Draw, Line};
use super::text::{Fonts, Weight};
use crate::report::chart::{self, Chart, Mark, Rgb, Role, Unit};
use crate::report::format;

const LEGEND_SIZE: f32 = 8.0;
const LEGEND_ROW: f32 = 12.0;
const SWATCH: f32 = 14.0;
const AXIS_SIZE: f32 = 8.0;
const AXIS_TEXT: Rgb = [0x40, 0x40, 0x40];
const GRID: Rgb = [0xDD, 0xDD, 0xDD];
const BLACK: Rgb = [0x1A, 0x1A, 0x1A];
const BUDGET: Rgb = [0x1A, 0x1A, 0x1A];
const GRANT: Rgb = [0xBF, 0x90, 0x00];
/// Doing nothing's bars: pale, with a grey outline.
const DO_NOTHING_FILL: Rgb = [0xD9, 0xD9, 0xD9];

/// Round steps for an axis from `low` to `high`: about `count` ticks at 1, 2 or 5 × 10^n.
pub(crate) fn ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if high <= low || !low.is_finite() || !high.is_finite() {
        return vec![low];
    }
    let raw = (high - low) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// What a series looks like in the legend and on the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Swatch {
    Area(Rgb),
    Bar { fill: Rgb, outline: Option<Rgb> },
    Line(Rgb, Option<[f32; 2]>),
    Diamond(Rgb),
    Triangle(Rgb),
}

fn lighter([r, g, b]: Rgb, amount: f32) -> Rgb {
    let mix = |c: u8| (c as f32 + (255.0 - c as f32) * amount).round() as u8;
    [mix(r), mix(g), mix(b)]
}

fn swatch(role: Role, mark: &Mark) -> Swatch {
    match (role, mark) {
        (Role::Placement(p), _) => Swatch::Area(lighter(chart::placement_rgb(p), 0.35)),
        (Role::Uasc, _) => Swatch::Area(chart::UASC_RGB),
        (Role::Scenario, Mark::Bars { .. }) => Swatch::Bar {
            fill: chart::SCENARIO_RGB,
            outline: None,
        },
        (Role::DoNothing, Mark::Bars { .. }) => Swatch::Bar {
            fill: DO_NOTHING_FILL,
            outline: Some(chart::DO_NOTHING_RGB),
        },
        (Role::Grant, _) => Swatch::Bar {
            fill: GRANT,
            outline: None,
        },
        (Role::Cause(cause), _) => Swatch::Bar {
            fill: chart::cause_rgb(cause),
            outline: None,
        },
        (Role::Scenario, _) => Swatch::Line([0x0B, 0x2E, 0x59], None),
        (Role::DoNothing, _) => Swatch::Line([0x40, 0x40, 0x40], Some([4.0, 2.5])),
        (Role::Budget, _) => Swatch::Line(BUDGET, None),
        (Role::Target, _) => Swatch::Triangle(BLACK),
        (Role::Counted, _) => Swatch::Diamond(BLACK),
        (Role::Saving, Mark::Bars { .. }) => Swatch::Bar {
            fill: chart::SAVING_RGB,
            outline: None,
        },
        (Role::Comparison(i), _) => Swatch::Line(chart::comparison_rgb(i), Some([1.5, 1.5])),
        (Role::Reference, _) => Swatch::Line(chart::SAVING_RGB, Some([4.0, 2.0])),
        (Role::Investment, _) => Swatch::Line(chart::INVESTMENT_RGB, None),
        (Role::Spent, _) => Swatch::Line(chart::SCENARIO_RGB, None),
        (Role::Saving, _) => Swatch::Line(chart::SAVING_RGB, None),
        (Role::Payback, _) => Swatch::Triangle(chart::SCENARIO_RGB),
        (Role::Capacity, _) => Swatch::Line([0x0B, 0x2E, 0x59], None),
        (Role::Need, _) => Swatch::Line([0x0B, 0x2E, 0x59], Some([4.0, 2.0])),
    }
}

fn legend_entries(chart: &Chart) -> Vec<(String, Swatch)> {
    chart
        .series
        .iter()
        .map(|s| (s.name.clone(), swatch(s.role, &s.mark)))
        .collect()
}

/// Lays the legend out in rows: (x offset, row, name, swatch) and the number of rows.
fn legend_rows(
    fonts: &Fonts,
    chart: &Chart,
    width: f32,
) -> (Vec<(f32, usize, String, Swatch)>, usize) {
    let mut placed = Vec::new();
    let (mut x, mut row) = (0.0f32, 0usize);
    for (name, swatch) in legend_entries(chart) {
        let name = fonts.clean(&name);
        let entry = SWATCH + 4.0 + fonts.width(Weight::Regular, LEGEND_SIZE, &name) + 12.0;
        if x > 0.0 && x + entry > width {
            x = 0.0;
            row += 1;
        }
        placed.push((x, row, name, swatch));
        x += entry;
    }
    let rows = if placed.is_empty() { 0 } else { row + 1 };
    (placed, rows)
}

/// The height the legend takes above a chart `width` wide.
pub fn legend_height(fonts: &Fonts, chart: &Chart, width: f32) -> f32 {
    legend_rows(fonts, chart, width).1 as f32 * LEGEND_ROW + 6.0
}

fn marker(swatch: Swatch, x: f32, y: f32, size: f32) -> Vec<Draw> {
    let outline = |colour| {
        Some(Line {
            colour,
            width: 1.0,
            dash: None,
        })
    };
    match swatch {
        Swatch::Diamond(colour) => vec![Draw::Shape {
            points: vec![[x, y - size], [x + size, y], [x, y + size], [x - size, y]],
            closed: true,
            fill: Some([0xFF, 0xFF, 0xFF]),
            stroke: outline(colour),
        }],
        Swatch::Triangle(colour) => vec![Draw::Shape {
            points: vec![[x, y - size], [x + size, y + size], [x - size, y + size]],
            closed: true,
            fill: Some(colour),
            stroke: None,
        }],
        _ => Vec::new(),
    }
}

/// A bar between two corners, filled, with a thin outline if given (pale bars need one).
fn bar([x0, y0]: [f32; 2], [x1, y1]: [f32; 2], fill: Rgb, outline: Option<Rgb>) -> Draw {
    Draw::Shape {
        points: vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
        closed: true,
        fill: Some(fill),
        stroke: outline.map(|colour| Line {
            colour,
            width: 0.75,
            dash: None,
        }),
    }
}

fn swatch_draws(swatch: Swatch, x: f32, y_mid: f32) -> Vec<Draw> {
    match swatch {
        Swatch::Area(fill) => vec![Draw::rect(x, y_mid - 4.0, SWATCH, 8.0, fill)],
        Swatch::Bar { fill, outline } => vec![bar(
            [x + 3.0, y_mid - 4.5],
            [x + SWATCH - 3.0, y_mid + 4.5],
            fill,
            outline,
        )],
        Swatch::Line(colour, dash) => vec![Draw::line(
            [x, y_mid],
            [x + SWATCH, y_mid],
            Line {
                colour,
                width: 1.6,
                dash,
            },
        )],
        Swatch::Diamond(_) | Swatch::Triangle(_) => marker(swatch, x + SWATCH / 2.0, y_mid, 3.2),
    }
}

fn axis_label(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Pounds => format::money(value),
        Unit::Children => format::count(value),
    }
}

/// Where the plot sits on the page and how the data map onto it.
struct Frame {
    /// The chart's left edge and width, in points (labels stay inside them).
    left: f32,
    width: f32,
    /// The plot's edges, in points.
    plot_left: f32,
    plot_right: f32,
    plot_top: f32,
    plot_bottom: f32,
    /// The data's ranges drawn, x then y.
    x: (f64, f64),
    y: (f64, f64),
    /// A chart by month (else by financial year).
    monthly: bool,
}

impl Frame {
    fn sx(&self, x: f64) -> f32 {
        self.plot_left
            + ((x - self.x.0) / (self.x.1 - self.x.0)) as f32 * (self.plot_right - self.plot_left)
    }

    fn sy(&self, y: f64) -> f32 {
        self.plot_bottom
            - ((y - self.y.0) / (self.y.1 - self.y.0)).clamp(-0.02, 1.02) as f32
                * (self.plot_bottom - self.plot_top)
    }
}

/// The chart drawn in `rect` (x, y, width, height; the legend at its top).
pub fn draw(fonts: &Fonts, chart: &Chart, rect: [f32; 4]) -> Vec<Draw> {
    let [left, top, width, height] = rect;
    let mut draws = Vec::new();
    // The legend, above the plot.
    let (entries, rows) = legend_rows(fonts, chart, width);
    for (x, row, name, swatch) in entries {
        let mid = top + row as f32 * LEGEND_ROW + LEGEND_ROW / 2.0;
        draws.extend(swatch_draws(swatch, left + x, mid));
        draws.push(Draw::Text {
            x: left + x + SWATCH + 4.0,
            y: mid + LEGEND_SIZE * 0.35,
            size: LEGEND_SIZE,
            weight: Weight::Regular,
            colour: BLACK,
            text: name,
        });
    }
    let plot_top = top + rows as f32 * LEGEND_ROW + 6.0 + 4.0;
    let plot_bottom = top + height - 16.0;
    let monthly = !chart
        .series
        .iter()
        .any(|s| matches!(s.mark, Mark::Bars { .. }));
    let Some((x, y)) = data_ranges(chart, monthly) else {
        return draws;
    };
    let tick_values = ticks(y.0, y.1, 5);
    let tick_labels: Vec<String> = tick_values
        .iter()
        .map(|v| axis_label(chart.unit, *v))
        .collect();
    let label_width = tick_labels
        .iter()
        .map(|l| fonts.width(Weight::Regular, AXIS_SIZE, l))
        .fold(0.0f32, f32::max);
    let frame = Frame {
        left,
        width,
        plot_left: left + label_width + 6.0,
        plot_right: left + width - 4.0,
        plot_top,
        plot_bottom,
        x,
        y,
        monthly,
    };
    grid_draws(fonts, &frame, &tick_values, &tick_labels, &mut draws);
    x_label_draws(fonts, chart, &frame, &mut draws);
    // Series, in order: areas and bars first, then lines, then markers on top.
    let layer = |mark: &Mark| match mark {
        Mark::StackedArea { .. } | Mark::Bars { .. } => 0,
        Mark::Line | Mark::Level => 1,
        Mark::Markers => 2,
    };
    let mut order: Vec<&chart::Series> = chart.series.iter().collect();
    order.sort_by_key(|s| layer(&s.mark));
    for series in order {
        series_draws(chart, series, &frame, &mut draws);
    }
    // The axis line last, over the areas.
    draws.push(Draw::line(
        [frame.plot_left, frame.plot_bottom],
        [frame.plot_right, frame.plot_bottom],
        Line {
            colour: [0x80, 0x80, 0x80],
            width: 0.8,
            dash: None,
        },
    ));
    draws
}

/// The x and y ranges to draw: bars from their base, areas from their lower edge, everything
/// else as drawn; none for a chart with no points.
fn data_ranges(chart: &Chart, monthly: bool) -> Option<((f64, f64), (f64, f64))> {
    let mut y_values: Vec<f64> = Vec::new();
    let (mut x_low, mut x_high) = (f64::INFINITY, f64::NEG_INFINITY);
    for series in &chart.series {
        for (i, p) in series.points.iter().enumerate() {
            x_low = x_low.min(p[0]);
            x_high = x_high.max(p[0]);
            match &series.mark {
                Mark::Bars { base, .. } => {
                    let b = base.get(i).copied().unwrap_or(0.0);
                    y_values.push(b);
                    y_values.push(b + p[1]);
                }
                _ => y_values.push(p[1]),
            }
        }
    }
    if !x_low.is_finite() {
        return None;
    }
    let (y_low, y_high) = if chart.unit == Unit::Pounds {
        crate::report::series::money_axis_span(y_values.iter().copied())
    } else {
        (0.0, y_values.iter().copied().fold(1.0f64, f64::max) * 1.08)
    };
    let (x_low, x_high) = if monthly {
        (x_low - 0.5, x_high + 0.5)
    } else {
        (x_low - 0.6, x_high + 0.6)
    };
    Some(((x_low, x_high), (y_low, y_high)))
}

/// The grid lines and the y axis's labels.
fn grid_draws(
    fonts: &Fonts,
    frame: &Frame,
    tick_values: &[f64],
    tick_labels: &[String],
    draws: &mut Vec<Draw>,
) {
    for (value, label) in tick_values.iter().zip(tick_labels) {
        let y = frame.sy(*value);
        draws.push(Draw::line(
            [frame.plot_left, y],
            [frame.plot_right, y],
            Line {
                colour: if *value == 0.0 {
                    [0x80, 0x80, 0x80]
                } else {
                    GRID
                },
                width: if *value == 0.0 { 0.8 } else { 0.5 },
                dash: None,
            },
        ));
        let w = fonts.width(Weight::Regular, AXIS_SIZE, label);
        draws.push(Draw::Text {
            x: frame.plot_left - 4.0 - w,
            y: y + AXIS_SIZE * 0.35,
            size: AXIS_SIZE,
            weight: Weight::Regular,
            colour: AXIS_TEXT,
            text: label.to_string(),
        });
    }
}

/// X labels: every year (monthly charts, at each 12th month from the start) or every financial
/// year, thinned until they do not touch.
fn x_label_draws(fonts: &Fonts, chart: &Chart, frame: &Frame, draws: &mut Vec<Draw>) {
    let positions: Vec<(f64, String)> = if frame.monthly {
        chart
            .x_labels
            .iter()
            .enumerate()
            .step_by(12)
            .map(|(i, l)| (i as f64, l.clone()))
            .collect()
    } else {
        chart
            .x_labels
            .iter()
            .enumerate()
            .map(|(i, l)| (i as f64, l.clone()))
            .collect()
    };
    let widest = positions
        .iter()
        .map(|(_, l)| fonts.width(Weight::Regular, AXIS_SIZE, l))
        .fold(0.0f32, f32::max);
    let room = if positions.len() > 1 {
        (frame.sx(positions[1].0) - frame.sx(positions[0].0)).abs()
    } else {
        f32::INFINITY
    };
    let every = ((widest + 6.0) / room).ceil().max(1.0) as usize;
    for (x, label) in positions.iter().step_by(every) {
        let px = frame.sx(*x);
        let w = fonts.width(Weight::Regular, AXIS_SIZE, label);
        draws.push(Draw::line(
            [px, frame.plot_bottom],
            [px, frame.plot_bottom + 3.0],
            Line {
                colour: [0x80, 0x80, 0x80],
                width: 0.5,
                dash: None,
            },
        ));
        draws.push(Draw::Text {
            x: (px - w / 2.0).clamp(frame.left, frame.left + frame.width - w),
            y: frame.plot_bottom + 4.0 + AXIS_SIZE,
            size: AXIS_SIZE,
            weight: Weight::Regular,
            colour: AXIS_TEXT,
            text: fonts.clean(label),
        });
    }
}

/// One series, by its mark, in its role's style.
fn series_draws(chart: &Chart, series: &chart::Series, frame: &Frame, draws: &mut Vec<Draw>) {
    let style = swatch(series.role, &series.mark);
    match &series.mark {
        Mark::StackedArea { lower } => {
            let Swatch::Area(fill) = style else { return };
            let mut points: Vec<[f32; 2]> = series
                .points
                .iter()
                .map(|p| [frame.sx(p[0]), frame.sy(p[1])])
                .collect();
            points.extend(
                series
                    .points
                    .iter()
                    .zip(lower)
                    .rev()
                    .map(|(p, l)| [frame.sx(p[0]), frame.sy(*l)]),
            );
            draws.push(Draw::Shape {
                points,
                closed: true,
                fill: Some(fill),
                stroke: None,
            });
        }
        Mark::Bars {
            base,
            offset,
            width,
        } => {
            let Swatch::Bar { fill, outline } = style else {
                return;
            };
            for (i, p) in series.points.iter().enumerate() {
                let b = base.get(i).copied().unwrap_or(0.0);
                let x0 = frame.sx(p[0] + offset - width / 2.0);
                let x1 = frame.sx(p[0] + offset + width / 2.0);
                draws.push(bar(
                    [x0, frame.sy(b)],
                    [x1, frame.sy(b + p[1])],
                    fill,
                    outline,
                ));
            }
        }
        Mark::Level => {
            let (Swatch::Line(colour, dash), Some(p)) = (style, series.points.first()) else {
                return;
            };
            let last = chart.x_labels.len().saturating_sub(1) as f64;
            draws.push(Draw::line(
                [frame.sx(0.0), frame.sy(p[1])],
                [frame.sx(last), frame.sy(p[1])],
                Line {
                    colour,
                    width: 1.2,
                    dash,
                },
            ));
        }
        Mark::Line => {
            let Swatch::Line(colour, dash) = style else {
                return;
            };
            draws.push(Draw::Shape {
                points: series
                    .points
                    .iter()
                    .map(|p| [frame.sx(p[0]), frame.sy(p[1])])
                    .collect(),
                closed: false,
                fill: None,
                stroke: Some(Line {
                    colour,
                    width: 1.6,
                    dash,
                }),
            });
        }
        Mark::Markers => match series.role {
            // The budget: a level line across each year's pair of bars.
            Role::Budget => {
                for p in &series.points {
                    draws.push(Draw::line(
                        [frame.sx(p[0] - 0.45), frame.sy(p[1])],
                        [frame.sx(p[0] + 0.45), frame.sy(p[1])],
                        Line {
                            colour: BUDGET,
                            width: 1.6,
                            dash: None,
                        },
                    ));
                }
            }
            Role::Target => {
                for p in &series.points {
                    // The target's level from the projection's start, dotted, then its mark.
                    let [from, to] = crate::report::series::target_line(p, chart.x_labels.len());
                    draws.push(Draw::line(
                        [frame.sx(from[0]), frame.sy(from[1])],
                        [frame.sx(to[0]), frame.sy(to[1])],
                        Line {
                            colour: BLACK,
                            width: 0.8,
                            dash: Some([1.5, 2.0]),
                        },
                    ));
                    draws.extend(marker(style, frame.sx(p[0]), frame.sy(p[1]), 3.5));
                }
            }
            _ => {
                for p in &series.points {
                    draws.extend(marker(style, frame.sx(p[0]), frame.sy(p[1]), 3.0));
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 1200.0, 5),
            vec![0.0, 250.0, 500.0, 750.0, 1000.0]
        );
        let money = ticks(-2_000_000.0, 30_000_000.0, 5);
        assert_eq!(money, vec![0.0, 10_000_000.0, 20_000_000.0, 30_000_000.0]);
        assert_eq!(
            ticks(-1.0e5, 1.0e5, 5),
            vec![-1.0e5, -5.0e4, 0.0, 5.0e4, 1.0e5]
        );
        assert_eq!(ticks(3.0, 3.0, 5), vec![3.0], "an empty range, one tick");
    }

    fn texts(draws: &[Draw]) -> Vec<(f32, f32, String)> {
        draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_money_chart_has_pound_labels_and_its_legend_sits_above_the_bars() {
        let fonts = Fonts::new().unwrap();
        let scenario = crate::io::scenario_file::example(1).unwrap();
        let projection = project(&scenario);
        let chart = chart::spend_against_budget(&scenario, &projection);
        let rect = [50.0, 100.0, 480.0, 220.0];
        let draws = draw(&fonts, &chart, rect);
        let labels = texts(&draws);
        let pounds: Vec<_> = labels
            .iter()
            .filter(|(_, _, t)| t.starts_with('£'))
            .collect();
        assert!(pounds.len() >= 3, "{labels:?}");
        let legend_bottom = 100.0 + legend_height(&fonts, &chart, 480.0);
        // Every bar starts below the legend.
        for d in &draws {
            if let Draw::Shape {
                points,
                closed: true,
                fill: Some(fill),
                ..
            } = d
                && (*fill == chart::SCENARIO_RGB || *fill == DO_NOTHING_FILL)
                && points.len() == 4
                && (points[0][1] - points[2][1]).abs() > 9.5
            {
                assert!(
                    points.iter().all(|p| p[1] >= legend_bottom),
                    "{points:?} above {legend_bottom}"
                );
            }
        }
        // Everything drawn stays inside the rectangle.
        for (x, y, _) in &labels {
            assert!(
                *x >= 50.0 && *x <= 530.0 && *y >= 100.0 && *y <= 320.0,
                "{x},{y}"
            );
        }
        // The x labels name financial years and do not overlap.
        let years: Vec<_> = labels.iter().filter(|(_, y, _)| *y > 300.0).collect();
        assert!(!years.is_empty());
        for pair in years.windows(2) {
            let width = fonts.width(Weight::Regular, AXIS_SIZE, &pair[0].2);
            assert!(pair[0].0 + width < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn the_children_chart_draws_the_target_from_the_projections_start() {
        let fonts = Fonts::new().unwrap();
        let scenario = crate::io::scenario_file::example(1).unwrap();
        let projection = project(&scenario);
        let chart = chart::children_in_care(&scenario, &projection, format::Figures::Paper);
        let draws = draw(&fonts, &chart, [50.0, 100.0, 480.0, 220.0]);
        let dotted: Vec<_> = draws
            .iter()
            .filter_map(|d| match d {
                Draw::Shape {
                    points,
                    stroke:
                        Some(Line {
                            dash: Some([1.5, 2.0]),
                            ..
                        }),
                    ..
                } => Some(points.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(dotted.len(), 1, "one target line");
        // It starts at the projection's first month, not at the earlier counted points.
        let scenario_line = draws
            .iter()
            .find_map(|d| match d {
                Draw::Shape {
                    points,
                    stroke:
                        Some(Line {
                            width, dash: None, ..
                        }),
                    closed: false,
                    ..
                } if *width == 1.6 && points.len() > 12 => Some(points[0][0]),
                _ => None,
            })
            .unwrap();
        assert!((dotted[0][0][0] - scenario_line).abs() < 0.01);
        assert!(texts(&draws).iter().any(|(_, _, t)| t == "1,000"));
    }
}
