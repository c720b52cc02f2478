//! `care-levers evidence`: the evidence library, or a scenario's evidence check.

use super::*;

/// Runs `evidence`.
pub(super) fn execute(args: &EvidenceArgs) -> Outcome {
    evidence(
        args.file.as_deref(),
        &args.set,
        args.evidence_based.as_deref(),
        args.json,
    )
}

/// `care-levers evidence`: the library, or a scenario's evidence check.
fn evidence(
    file: Option<&Path>,
    set: &[String],
    evidence_based: Option<&Path>,
    json: bool,
) -> Outcome {
    use crate::model::evidence::{Library, check, evidence_based_version};
    let library = match Library::shipped() {
        Ok(library) => library,
        Err(error) => return Outcome::failure(error),
    };
    let Some(file) = file else {
        let stdout = if json {
            match serde_json::to_string_pretty(library) {
                Ok(text) => text + "\n",
                Err(error) => return Outcome::failure(error),
            }
        } else {
            crate::report::evidence::library_text(library)
        };
        return Outcome {
            stdout,
            ..Outcome::default()
        };
    };
    let (scenario, mut stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let checks = check(&scenario, library);
    let words = crate::report::evidence::check_words;
    let mut stdout = if json {
        match json_with_words(checks.iter().map(|check| (check, words(check)))) {
            Ok(text) => text,
            Err(error) => return Outcome::failure(error),
        }
    } else if checks.is_empty() && scenario.price_levers.is_none() {
        format!("{}: no lever is pulled; nothing to check.\n", scenario.name)
    } else {
        let mut text = format!("Evidence check of \"{}\":\n", scenario.name);
        for check in &checks {
            let mark = if check.exceeds { "CLAIMS MORE" } else { "ok" };
            text.push_str(&format!("- [{mark}] {}\n", words(check)));
        }
        // The price levers (council homes, block contracts): flags and cautions.
        let findings = crate::model::price_evidence::check(&scenario);
        for finding in &findings {
            let mark = match finding.severity() {
                crate::model::price_evidence::Severity::Flag => "CLAIMS MORE",
                crate::model::price_evidence::Severity::Caution => "check",
            };
            text.push_str(&format!(
                "- [{mark}] {}. {}\n",
                finding.lever(),
                crate::report::invest_to_save::finding_words(*finding)
            ));
        }
        if findings.is_empty() && !scenario.price_levers.is_none() {
            text.push_str("- [ok] The price levers assume nothing beyond the evidence.\n");
        }
        text
    };
    if let Some(out) = evidence_based {
        let version = evidence_based_version(&scenario, library);
        match write_made_scenario(out, &version, "The evidence-based version") {
            Ok(line) => stderr.push_str(&line),
            Err(outcome) => return outcome,
        }
        if !json {
            stdout.push_str(&format!("Evidence-based version: \"{}\"\n", version.name));
        }
    }
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}
