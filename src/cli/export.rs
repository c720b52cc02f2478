//! `care-levers export`: the projection as CSV tables and/or an Excel workbook.

use super::*;
use crate::io::export;

/// Runs `export`.
pub(super) fn execute(args: &ExportArgs) -> Outcome {
    let ExportArgs {
        scenario: ScenarioArgs { file, set },
        csv,
        xlsx,
    } = args;
    if csv.is_none() && xlsx.is_none() {
        return Outcome::bad_input("say where to export: --csv OUT.csv and/or --xlsx OUT.xlsx");
    }
    let (scenario, stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let projection = project(&scenario);
    let mut stdout = String::new();
    if let Some(path) = csv {
        match export::write_csv_files(path, &scenario, &projection) {
            Ok(written) => {
                for path in written {
                    stdout.push_str(&format!("wrote {}\n", path.display()));
                }
            }
            Err(error) => return Outcome::failure(error),
        }
    }
    if let Some(path) = xlsx {
        match export::write_xlsx(path, &scenario, &projection) {
            Ok(()) => stdout.push_str(&format!("wrote {}\n", path.display())),
            Err(error) => return Outcome::failure(error),
        }
    }
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}
