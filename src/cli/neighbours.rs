//! `care-levers neighbours`: a council beside its statistical neighbours and England.

use super::*;

/// Runs `neighbours`.
pub(super) fn execute(args: &NeighboursArgs) -> Outcome {
    neighbours(&args.council, args.at, args.format)
}

/// `care-levers neighbours`: a council beside its statistical neighbours and England.
fn neighbours(council: &str, at: Option<i32>, format: Format) -> Outcome {
    use crate::model::neighbours::Measure;
    use crate::report::neighbours::gap_words;
    let data = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data,
        Err(error) => return Outcome::failure(error),
    };
    let found = match data.find(council) {
        Ok(found) => found,
        Err(error) => return Outcome::bad_input(error),
    };
    let mut comparisons = Vec::new();
    for measure in Measure::ALL {
        match data.compare_with_neighbours(&found.code, measure) {
            Ok(comparison) => comparisons.push(comparison),
            Err(error) => return Outcome::bad_input(error),
        }
    }
    if let Some(year) = at
        && !comparisons[0].years.iter().any(|y| y.year == year)
    {
        return Outcome::bad_input(format!(
            "--at {year}: {} has no figures for 31 March {year}",
            found.name
        ));
    }
    let words: Vec<String> = comparisons.iter().map(|c| gap_words(c, at)).collect();
    let mut stderr = String::new();
    let stdout = match format {
        Format::Json => match json_with_words(comparisons.iter().zip(words.iter().cloned())) {
            Ok(text) => text,
            Err(error) => return Outcome::failure(error),
        },
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut result = writer.write_record([
                "measure",
                "year",
                "council",
                "neighbours_median",
                "neighbours_lowest",
                "neighbours_highest",
                "neighbours_average",
                "neighbours_published",
                "england",
                "children_at_neighbours_median",
                "children_above_neighbours_median",
            ]);
            let cell = |value: Option<f64>| value.map_or(String::new(), |v| format!("{v:.2}"));
            for comparison in &comparisons {
                for y in &comparison.years {
                    if result.is_ok() {
                        result = writer.write_record([
                            comparison.measure.key().to_string(),
                            y.year.to_string(),
                            cell(y.council),
                            cell(y.median),
                            cell(y.lowest),
                            cell(y.highest),
                            cell(y.average),
                            y.neighbours_published.to_string(),
                            cell(y.england),
                            cell(y.children_at_median),
                            cell(y.children_above_median),
                        ]);
                    }
                }
            }
            for line in &words {
                stderr.push_str(line);
                stderr.push('\n');
            }
            match result
                .map_err(|e| e.to_string())
                .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
            {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(error) => return Outcome::failure(error),
            }
        }
    };
    let neighbour_names: Vec<&str> = comparisons[0]
        .neighbours
        .iter()
        .map(|(_, name)| name.as_str())
        .collect();
    stderr.push_str(&format!(
        "{}'s statistical neighbours (DfE, May 2025), closest first: {}.\n{}\n",
        found.name,
        neighbour_names.join(", "),
        crate::data::councils::ATTRIBUTION
    ));
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}
