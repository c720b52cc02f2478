//! The council's own movement between placement types (docs/model.md 9.5): children's homes
//! and supported accommodation taking a larger or smaller share of its children, as its counts
//! show, rather than drifting to England's first placements.

use super::figures::CouncilFigures;
use super::stock::placement_margins;
use crate::model::placement::{PlacementType, StockTotals};
use crate::model::scenario::{PlacementMoves, Scenario};

/// How much of the council's recent trend in each share the moves continue (the rest: the
/// share stays as it was). Tuned on origins 2016-2019 only (`backtest --all-councils --money`,
/// docs/model.md 9.5): every weight above 0 put the shares three years on further from the
/// counts; later origins are out of sample.
pub const MIX_TREND_KEPT: f64 = 0.0;

/// The moves are fitted to the shares this many years on (or the scenario's horizon if
/// shorter): the horizon the mix is measured at. Fitted to the first year only, the shares went
/// on drifting after it.
pub const MIX_YEARS: i32 = 3;

/// Fitted moves are kept within this range, % a year (an assumption: beyond it a few children
/// in a small council would be read as a movement of the whole).
pub const MOVES_RANGE: (f64, f64) = (-60.0, 60.0);

/// Years of counts the trend in the shares is drawn over (to and including the origin).
const TREND_YEARS: i32 = 4;

/// Residential and supported shares (%) of the children counted at 31 March `year`.
fn shares(figures: &CouncilFigures, year: i32) -> Option<[f64; 2]> {
    let margins = placement_margins(figures, year, &mut Vec::new())?;
    let total = margins.total();
    (total > 0.0).then(|| {
        [
            margins[PlacementType::Residential] / total * 100.0,
            margins[PlacementType::Supported] / total * 100.0,
        ]
    })
}

/// Each share's least-squares trend, points a year, over the counts to 31 March `year`. Only
/// counts on the same side of 2020 as `year`: before 2020 children's homes and semi-independent
/// living were one published group, split here by England's shares, so a trend across the change
/// would be the split's.
fn share_trends(figures: &CouncilFigures, year: i32) -> Option<[f64; 2]> {
    let same_side = |y: i32| (y >= 2020) == (year >= 2020);
    let points: Vec<(i32, [f64; 2])> = ((year - TREND_YEARS + 1)..=year)
        .filter(|&y| same_side(y))
        .filter_map(|y| Some((y, shares(figures, y)?)))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let trend = |k: usize| {
        let line: Vec<(f64, f64)> = points.iter().map(|(y, s)| (f64::from(*y), s[k])).collect();
        super::least_squares(&line).map(|line| line.slope)
    };
    Some([trend(0)?, trend(1)?])
}

/// Residential and supported shares (%) of the children (UASC apart) a year after the start.
fn projected_shares(s: &Scenario, years: i32) -> Option<[f64; 2]> {
    let projection = crate::model::project(s);
    let month = projection
        .months
        .get(usize::try_from(years * 12 - 1).ok()?)?;
    let total = month.by_placement.total();
    (total > 0.0).then(|| {
        [
            month.by_placement[PlacementType::Residential] / total * 100.0,
            month.by_placement[PlacementType::Supported] / total * 100.0,
        ]
    })
}

/// Fits `s.placement_moves` so that [`MIX_YEARS`] on, the shares in children's homes and
/// supported accommodation are where the council's trend, [`MIX_TREND_KEPT`] of it, would take
/// them from the scenario's opening shares. None where no placements are counted.
pub(super) fn fit_moves(
    s: &mut Scenario,
    figures: &CouncilFigures,
    year: i32,
    notes: &mut Vec<String>,
) {
    s.placement_moves = PlacementMoves::default();
    let (Some(at_origin), trends) = (shares(figures, year), share_trends(figures, year)) else {
        notes.push(format!(
            "Too few placement counts to 31 March {year} for a trend in the mix: no movement between placement types beyond entries, exits and levers."
        ));
        return;
    };
    let kept = MIX_TREND_KEPT;
    // With one count on its side of 2020, no trend: the shares stay as they were.
    let trends = trends.unwrap_or([0.0, 0.0]);
    let years = MIX_YEARS.min(i32::try_from(s.horizon_years).unwrap_or(1));
    // From the scenario's own opening shares: UASC are counted apart, so its children are not
    // quite the counted ones.
    let opening = s.opening_looked_after.by_placement();
    let opening_total = opening.total().max(f64::MIN_POSITIVE);
    let opening_shares = [PlacementType::Residential, PlacementType::Supported]
        .map(|p| opening[p] / opening_total * 100.0);
    let wanted = [0, 1].map(|k| (opening_shares[k] + kept * trends[k] * f64::from(years)).max(0.0));
    let set = |s: &mut Scenario, rates: [f64; 2]| {
        s.placement_moves.into_residential_percent_per_year =
            rates[0].clamp(MOVES_RANGE.0, MOVES_RANGE.1);
        s.placement_moves.into_supported_percent_per_year =
            rates[1].clamp(MOVES_RANGE.0, MOVES_RANGE.1);
    };
    // Newton's method on the two rates, the slopes by a step of one point a year: the shares a
    // year on are close to linear in the rates.
    let mut rates = [0.0, 0.0];
    for _ in 0..6 {
        set(s, rates);
        let Some(now) = projected_shares(s, years) else {
            break;
        };
        let misses = [0, 1].map(|k| wanted[k] - now[k]);
        if misses.iter().all(|m| m.abs() < 0.01) {
            break;
        }
        let mut slope = [[0.0; 2]; 2];
        for j in 0..2 {
            let mut stepped = rates;
            stepped[j] += 1.0;
            set(s, stepped);
            let Some(then) = projected_shares(s, years) else {
                break;
            };
            for k in 0..2 {
                slope[k][j] = then[k] - now[k];
            }
        }
        let det = slope[0][0] * slope[1][1] - slope[0][1] * slope[1][0];
        if det.abs() < 1e-9 {
            break;
        }
        let step = [
            (misses[0] * slope[1][1] - misses[1] * slope[0][1]) / det,
            (slope[0][0] * misses[1] - slope[1][0] * misses[0]) / det,
        ];
        rates = [0, 1].map(|k| (rates[k] + step[k]).clamp(MOVES_RANGE.0, MOVES_RANGE.1));
    }
    let rates = rates.map(|rate| (rate * 10.0).round() / 10.0);
    set(s, rates);
    let words = format!(
        "The council's own movement between placement types: {} a year of children aged 10 and over {}, and {} a year of 16- and 17-year-olds {}, so that {years} years on the shares in children's homes ({:.1}% at 31 March {year}) and supported accommodation ({:.1}%) continue {:.0}% of their trend over the counts to 31 March {year} ({:+.1} and {:+.1} points a year), instead of drifting to England's first placements (docs/model.md 9.5).",
        percent(rates[0]),
        if rates[0] >= 0.0 {
            "in foster care move to children's homes"
        } else {
            "in children's homes move to foster care"
        },
        percent(rates[1]),
        if rates[1] >= 0.0 {
            "in foster care or children's homes move to supported accommodation"
        } else {
            "in supported accommodation move to foster care"
        },
        at_origin[0],
        at_origin[1],
        kept * 100.0,
        trends[0],
        trends[1],
    );
    let words = if rates
        .iter()
        .any(|&rate| rate <= MOVES_RANGE.0 || rate >= MOVES_RANGE.1)
    {
        format!(
            "{words} A move is at the limit of {}% a year either way: the shares are not fully held.",
            MOVES_RANGE.1
        )
    } else {
        words
    };
    s.sources.insert("placement_moves".into(), words.clone());
    notes.push(words);
}

fn percent(rate: f64) -> String {
    format!("{}%", crate::model::scenario::format_number(rate.abs()))
}
