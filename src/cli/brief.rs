//! `care-levers brief`: a committee briefing of a scenario as a PDF or a Word document.

use super::*;
use crate::io::briefing_file::{BriefingRequest, make_file};
use crate::io::scenario_file::DiskVersion;

/// Runs `brief`.
pub(super) fn execute(args: &BriefArgs) -> Outcome {
    brief(
        &args.scenario.file,
        &args.compare,
        &args.out,
        &args.scenario.set,
        args.draws,
        args.seed,
    )
}

fn brief(
    file: &Path,
    compare: &[PathBuf],
    out: &Path,
    set: &[String],
    draws: usize,
    seed: u64,
) -> Outcome {
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let Some(format) = crate::io::briefing_file::Format::from_extension(&extension) else {
        return Outcome::bad_input(format!(
            "--out: `{}` should end in .pdf or .docx",
            out.display()
        ));
    };
    if compare.len() > 2 {
        return Outcome::bad_input("--compare: at most two other scenarios");
    }
    if draws > 100_000 {
        return Outcome::bad_input("--draws must be from 0 to 100,000");
    }
    let (scenario, mut stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let mut compared = Vec::new();
    for path in compare {
        match load_with_overrides(path, &[]) {
            Ok((other, warnings)) => {
                stderr.push_str(&warnings);
                compared.push(other);
            }
            Err(outcome) => return outcome,
        }
    }
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let request = BriefingRequest {
        scenario,
        compared,
        // What the paper shows is the file changed by --set: say so beside the file's hash.
        file_name: if set.is_empty() {
            name
        } else {
            format!("{name} with {} set on the command line", set.join(", "))
        },
        file_sha256: Some(DiskVersion::of_bytes(&bytes).sha256_hex()),
        draws,
        seed,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        format,
    };
    let library = match crate::model::evidence::Library::shipped() {
        Ok(library) => library,
        Err(error) => return Outcome::failure(error),
    };
    let council_data = crate::data::councils::CouncilData::shipped().ok();
    match make_file(&request, library, council_data, out, |_, _| {}) {
        Ok(bytes) => Outcome {
            stdout: format!("wrote {} ({bytes} bytes)\n", out.display()),
            stderr,
            code: EXIT_OK,
        },
        Err(error) => Outcome::failure(error),
    }
}
