//! `--set PATH=VALUE`: change any field of a scenario by its path in the file.
//!
//! The scenario is turned into a JSON tree, the field is replaced, and the tree is read back
//! and checked exactly like a file, so a bad path or an out-of-range value is refused with the
//! same kind of message. `none` clears an optional field (a lever's end, the target). After each
//! assignment the model's editing rules apply, as they do in the window
//! ([`Scenario::follow_rules`]).

use crate::model::{FieldError, LeverKind, Scenario};

/// Why an override was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum OverrideError {
    /// Not of the form PATH=VALUE.
    #[error("`{0}` is not PATH=VALUE (e.g. levers.early_help.value=3000000)")]
    NotAssignment(String),
    /// The path names no field.
    #[error("--set {path}: {reason}")]
    BadPath {
        /// The path given.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The value has the wrong type for the field.
    #[error("--set {path}={value}: {reason}")]
    BadValue {
        /// The path given.
        path: String,
        /// The value given.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// The value is of the right type but out of range.
    #[error("--set: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    OutOfRange(Vec<FieldError>),
}

/// Applies `PATH=VALUE` assignments in order and checks the result.
pub fn apply(scenario: &Scenario, assignments: &[String]) -> Result<Scenario, OverrideError> {
    let mut tree = serde_json::to_value(scenario).map_err(|error| OverrideError::BadValue {
        path: String::new(),
        value: String::new(),
        reason: error.to_string(),
    })?;
    let mut current = scenario.clone();
    for assignment in assignments {
        let (path, value_text) = assignment
            .split_once('=')
            .ok_or_else(|| OverrideError::NotAssignment(assignment.clone()))?;
        let path = path.trim();
        let value_text = value_text.trim();
        let slot = find_slot(&mut tree, path)?;
        let clears = value_text.eq_ignore_ascii_case("none");
        // Numbers, true/false and quoted text are read as JSON; anything else as plain text
        // (so months can be written without quotes: levers.front_door.start=2014-05).
        let value = if clears {
            serde_json::Value::Null
        } else {
            serde_json::from_str(value_text)
                .unwrap_or_else(|_| serde_json::Value::String(value_text.to_string()))
        };
        *slot = value;
        let mut next: Scenario =
            serde_json::from_value(tree.clone()).map_err(|error| OverrideError::BadValue {
                path: path.to_string(),
                value: value_text.to_string(),
                reason: if clears {
                    format!("`none` only clears an optional field such as levers.early_help.end or target ({error})")
                } else {
                    error.to_string()
                },
            })?;
        next.follow_rules(&current);
        tree = serde_json::to_value(&next).map_err(|error| OverrideError::BadValue {
            path: path.to_string(),
            value: value_text.to_string(),
            reason: error.to_string(),
        })?;
        current = next;
    }
    current.validate().map_err(OverrideError::OutOfRange)?;
    Ok(current)
}

fn find_slot<'a>(
    tree: &'a mut serde_json::Value,
    path: &str,
) -> Result<&'a mut serde_json::Value, OverrideError> {
    let bad = |reason: String| OverrideError::BadPath {
        path: path.to_string(),
        reason,
    };
    if path.is_empty() {
        return Err(bad("the path is empty".into()));
    }
    let mut node = tree;
    let mut walked = String::new();
    for part in path.split('.') {
        let part = part.trim_matches('"');
        let here = if walked.is_empty() {
            "the scenario".to_string()
        } else {
            format!("`{walked}`")
        };
        let fields = match &*node {
            serde_json::Value::Object(map) => map.keys().cloned().collect::<Vec<_>>(),
            _ => return Err(bad(format!("{here} has no fields inside it"))),
        };
        let serde_json::Value::Object(map) = node else {
            return Err(bad(format!("{here} has no fields inside it")));
        };
        // Optional fields a file leaves out when they are empty can still be set.
        if !map.contains_key(part)
            && (omitted_when_empty(&walked, part) || is_new_budget_year(&walked, part))
        {
            map.insert(part.to_string(), serde_json::Value::Null);
        }
        node = map.get_mut(part).ok_or_else(|| {
            bad(format!(
                "{here} has no field `{part}`; its fields are: {}",
                fields.join(", ")
            ))
        })?;
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(part);
    }
    Ok(node)
}

/// True for a financial year not yet in the budget, e.g. `budget.by_financial_year_gbp."2026-27"`:
/// setting it enters that year's budget (a council's scenario starts with none).
fn is_new_budget_year(parent: &str, field: &str) -> bool {
    parent == "budget.by_financial_year_gbp" && field.parse::<crate::model::FinancialYear>().is_ok()
}

/// True for an optional field that files (and so the JSON tree) leave out when it is empty: a
/// lever's programme from the evidence library and its effect range.
fn omitted_when_empty(parent: &str, field: &str) -> bool {
    let lever = parent
        .strip_prefix("levers.")
        .is_some_and(|key| LeverKind::ALL.iter().any(|kind| kind.spec().key == key));
    lever && matches!(field, "programme" | "effect_range" | "programme_edited")
}

/// Brings every value a fit put outside the model's limits to the nearest allowed value, e.g. a
/// council whose own data give 100% of older children entering residential care, above the
/// model's 60%. Returns the scenario and one note per value moved. A scenario with a problem
/// no limit can fix (percentages that do not add up) is returned as it was, for validation to
/// report.
pub fn within_limits(scenario: Scenario) -> (Scenario, Vec<String>) {
    let Err(errors) = scenario.validate() else {
        return (scenario, Vec::new());
    };
    let mut assignments = Vec::new();
    let mut notes = Vec::new();
    for error in &errors {
        let limit = crate::model::limit_for(&error.field);
        let value = error.value.parse::<f64>().ok();
        let (Some(limit), Some(value)) = (limit, value) else {
            return (scenario, Vec::new());
        };
        let allowed = limit.clamp(value);
        assignments.push(format!("{}={allowed}", error.field));
        notes.push(format!(
            "{}: the data give {}, outside what the model allows ({}); set to {allowed}.",
            error.field, error.value, error.allowed
        ));
    }
    match apply(&scenario, &assignments) {
        Ok(within) => (within, notes),
        Err(_) => (scenario, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;
    use crate::model::{Edit, LeverKind, NumberField};

    fn set(assignments: &[&str]) -> Result<Scenario, OverrideError> {
        let scenario = scenario_file::norfolk_2014().unwrap();
        let assignments: Vec<String> = assignments.iter().map(|a| a.to_string()).collect();
        apply(&scenario, &assignments)
    }

    #[test]
    fn setting_nothing_changes_nothing_to_the_last_digit() {
        // Every number goes through JSON and back: it must come back exactly.
        for name in [
            "norfolk_2014_do_nothing.ron",
            "norfolk_2014_target_770.ron",
            "norfolk_2017_programme.ron",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("saved_scenarios")
                .join(name);
            let scenario = scenario_file::load(&path).unwrap().scenario;
            assert_eq!(apply(&scenario, &[]).unwrap(), scenario, "{name}");
        }
    }

    #[test]
    fn a_shorter_horizon_keeps_the_target_outside_it() {
        let scenario = set(&["horizon_years=2"]).unwrap();
        assert_eq!(scenario.horizon_years, 2);
        assert!(scenario.target.is_some());
        assert_eq!(scenario.target_in_horizon(), None);
    }

    #[test]
    fn none_clears_optional_fields_only() {
        let scenario = set(&[
            "levers.early_help.end=2016-03",
            "levers.early_help.end=none",
        ])
        .unwrap();
        assert_eq!(scenario.levers.early_help.end, None);
        assert_eq!(set(&["target=none"]).unwrap().target, None);
        let refused = set(&["horizon_years=none"]).unwrap_err().to_string();
        assert!(
            refused.contains("only clears an optional field"),
            "{refused}"
        );
    }

    #[test]
    fn set_and_the_window_make_the_same_scenario() {
        let by_set = set(&["entries.residential_percent_10_plus=20"]).unwrap();
        let mut in_window = scenario_file::norfolk_2014().unwrap();
        in_window.apply(Edit::Number(NumberField::ResidentialShare10Plus, 20.0));
        assert_eq!(by_set, in_window);
        assert!(!by_set.lever_is_pulled(LeverKind::ResidentialShare));
        // Moving both in one go keeps the lever where it was put.
        let both = set(&[
            "levers.residential_share.value=5",
            "entries.residential_percent_10_plus=20",
        ])
        .unwrap();
        assert_eq!(both.levers.residential_share.value, 5.0);
    }
}
