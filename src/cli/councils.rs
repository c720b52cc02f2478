//! `care-levers councils`: England's councils with their latest count.

use super::*;

/// Runs `councils`.
pub(super) fn execute(args: &CouncilsArgs) -> Outcome {
    let CouncilsArgs { format } = args;
    let data = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data,
        Err(error) => return Outcome::failure(error),
    };
    let list = data.councils_with_counts();
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&list)
            .map(|mut text| {
                text.push('\n');
                text
            })
            .map_err(|e| e.to_string()),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut result = writer.write_record([
                "code",
                "ons_code",
                "name",
                "region",
                "latest_year",
                "looked_after_at_latest_31_march",
            ]);
            for c in &list {
                if result.is_ok() {
                    result = writer.write_record([
                        c.code.clone(),
                        c.ons_code.clone(),
                        c.name.clone(),
                        c.region.clone(),
                        c.last_year.map_or(String::new(), |y| y.to_string()),
                        c.latest_looked_after
                            .map_or(String::new(), |n| n.to_string()),
                    ]);
                }
            }
            result
                .map_err(|e| e.to_string())
                .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    Outcome::printed(text, format!("{}\n", crate::data::councils::ATTRIBUTION))
}
