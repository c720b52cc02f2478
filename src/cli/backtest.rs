//! `care-levers backtest`: a scenario re-started at an earlier count, or every council
//! forecast from its own figures, compared with what was counted.

use super::*;
use crate::io::export;

/// Runs `backtest`.
pub(super) fn execute(args: &BacktestArgs) -> Outcome {
    let BacktestArgs {
        file,
        all_councils,
        from,
        years,
        format,
        draws,
        set,
        uasc_mixed,
        money,
    } = args;
    let seed = &draws.seed;
    let draws = match draws.checked() {
        Ok(draws) => draws,
        Err(message) => return Outcome::bad_input(message),
    };
    if *all_councils && *money {
        return money_backtest(from.as_deref(), *format);
    }
    if *all_councils {
        return backtest_all_councils(
            from.as_deref(),
            *years,
            draws.unwrap_or(500),
            *seed,
            *format,
            !*uasc_mixed,
        );
    }
    let Some(file) = file else {
        return Outcome::bad_input("give a scenario file, or --all-councils");
    };
    let from = match from.as_deref().map(str::parse::<crate::model::Month>) {
        None => None,
        Some(Ok(month)) => Some(month),
        Some(Err(error)) => return Outcome::bad_input(format!("--from: {error}")),
    };
    let (scenario, stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let draws = draws.unwrap_or(crate::model::monte_carlo::DEFAULT_DRAWS);
    let result = match crate::model::outcome::backtest(&scenario, from, draws, *seed) {
        Ok(result) => result,
        Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
    };
    as_json_or_csv(*format, &result, || export::backtest_csv(&result), stderr)
}

/// The 31 March years of `--from` (comma-separated), each with a later count to compare.
fn origins(from: Option<&str>) -> Result<Vec<i32>, Outcome> {
    let Some(from) = from else {
        return Err(Outcome::bad_input(
            "--all-councils needs --from YEAR (e.g. --from 2017, or 2017,2018,2019)",
        ));
    };
    // An origin needs at least one later count to be compared with.
    let latest = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data
            .councils()
            .iter()
            .filter_map(|council| council.last_year)
            .max()
            .unwrap_or(2010),
        Err(error) => return Err(Outcome::failure(error)),
    };
    let last_origin = latest - 1;
    let mut origins = Vec::new();
    for part in from.split(',') {
        match part.trim().parse::<i32>() {
            Ok(year) if (2010..=last_origin).contains(&year) => origins.push(year),
            _ => {
                return Err(Outcome::bad_input(format!(
                    "--from: `{part}` is not a 31 March year from 2010 to {last_origin} (the data end at 31 March {latest})"
                )));
            }
        }
    }
    Ok(origins)
}

/// `backtest --all-councils --money`: every council's money from its own figures at each origin.
fn money_backtest(from: Option<&str>, format: Format) -> Outcome {
    let origins = match origins(from) {
        Ok(origins) => origins,
        Err(outcome) => return outcome,
    };
    let result = match crate::io::money_backtest::money_backtest(&origins) {
        Ok(result) => result,
        Err(error) => return Outcome::failure(error),
    };
    let mut stderr = String::new();
    for s in &result.summary {
        stderr.push_str(&format!(
            "from 31 March {}{}: {} councils; first year within ±10% of S251: model {}, last outturn × own trend {}, + 2% {}; two-year growth, median error: model {:.1} points, 2% a year {:.1}, own trend {:.1} ({} councils); three years on, mean error in the share in children's homes: model {:.1} points, mix stays {:.1}; supported accommodation: model {:.1}, mix stays {:.1} ({} councils)\n",
            s.origin,
            if s.out_of_sample { " (out of sample)" } else { "" },
            s.councils,
            s.first_year_within_10_percent,
            s.own_trend_within_10_percent,
            s.two_percent_within_10_percent,
            s.growth_error_model,
            s.growth_error_two_percent,
            s.growth_error_own_trend,
            s.growth_councils,
            s.residential_error_model,
            s.residential_error_stays,
            s.supported_error_model,
            s.supported_error_stays,
            s.mix_councils,
        ));
    }
    for (council, reason) in &result.skipped {
        stderr.push_str(&format!("skipped {council}: {reason}\n"));
    }
    as_json_or_csv(
        format,
        &result,
        || export::money_backtest_csv(&result),
        stderr,
    )
}

/// `backtest --all-councils`: every council forecast from its own figures at each origin.
fn backtest_all_councils(
    from: Option<&str>,
    years: i32,
    draws: usize,
    seed: u64,
    format: Format,
    uasc_apart: bool,
) -> Outcome {
    let origins = match origins(from) {
        Ok(origins) => origins,
        Err(outcome) => return outcome,
    };
    if !(1..=10).contains(&years) {
        return Outcome::bad_input("--years must be from 1 to 10");
    }
    let result = match crate::io::councils::backtest_all_councils_with(
        &origins, years, draws, seed, uasc_apart,
    ) {
        Ok(result) => result,
        Err(error) => return Outcome::failure(error),
    };
    let mut stderr = String::new();
    for s in &result.summary {
        stderr.push_str(&format!(
            "{} year(s) ahead, {} councils: model {:.1}% error, no change {:.1}%, five-year line {:.1}%; {:.0}% of counts inside P10-P90\n",
            s.years_ahead,
            s.councils,
            s.model_mape,
            s.no_change_mape,
            s.linear_trend_mape,
            s.band_coverage * 100.0
        ));
    }
    for (council, reason) in &result.skipped {
        stderr.push_str(&format!("skipped {council}: {reason}\n"));
    }
    as_json_or_csv(
        format,
        &result,
        || export::council_backtest_csv(&result),
        stderr,
    )
}
