//! `care-levers brief`: a committee briefing of a scenario as a PDF or a Word document.

use super::*;

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
    use sha2::Digest;
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
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
    };
    let hash: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut others = Vec::new();
    for path in compare {
        match load_with_overrides(path, &[]) {
            Ok((other, warnings)) => {
                stderr.push_str(&warnings);
                others.push(other);
            }
            Err(outcome) => return outcome,
        }
    }
    let projection = project(&scenario);
    let other_projections: Vec<_> = others.iter().map(project).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let bands = (draws > 0).then(|| crate::model::monte_carlo(&scenario, draws, seed, threads));
    let input = crate::report::briefing::BriefingInput {
        scenario: &scenario,
        projection: &projection,
        bands: bands.as_ref(),
        compared: others.iter().zip(&other_projections).collect(),
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file_sha256: hash,
    };
    let briefing = crate::report::briefing::briefing(&input);
    let bytes = match format.write(&briefing) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::failure(format!("cannot make the briefing: {error}")),
    };
    match crate::io::durable::write_atomically(out, &bytes) {
        Ok(()) => Outcome {
            stdout: format!("wrote {} ({} bytes)\n", out.display(), bytes.len()),
            stderr,
            code: EXIT_OK,
        },
        Err(error) => Outcome::failure(error),
    }
}
