//! Undo and redo of every change to a scenario. One gesture (a whole slider drag, one typed
//! value, one reset) is one step: changes are only recorded once the pointer is released.

use crate::model::Scenario;

/// How many steps are kept; older ones are dropped.
pub const MAX_STEPS: usize = 200;

/// Undo and redo stacks for one scenario.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The scenario as of the last recorded step.
    committed: Scenario,
}

impl History {
    /// A history starting at `scenario`, with nothing to undo.
    pub fn new(scenario: &Scenario) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            committed: scenario.clone(),
        }
    }

    /// Records a step if `current` differs from the last step and no gesture is under way.
    pub fn settle(&mut self, current: &Scenario, gesture_in_progress: bool) {
        if gesture_in_progress || *current == self.committed {
            return;
        }
        let previous = std::mem::replace(&mut self.committed, current.clone());
        self.undo.push(previous);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// True if there is a step to undo (recorded, or a change not yet recorded).
    pub fn can_undo(&self, current: &Scenario) -> bool {
        !self.undo.is_empty() || *current != self.committed
    }

    /// True if there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back. Returns false if there was nothing to undo.
    pub fn undo(&mut self, current: &mut Scenario) -> bool {
        self.settle(current, false);
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        let undone = std::mem::replace(&mut self.committed, previous);
        self.redo.push(undone);
        *current = self.committed.clone();
        true
    }

    /// Steps forward again. Returns false if there was nothing to redo.
    pub fn redo(&mut self, current: &mut Scenario) -> bool {
        self.settle(current, false);
        let Some(next) = self.redo.pop() else {
            return false;
        };
        let previous = std::mem::replace(&mut self.committed, next);
        self.undo.push(previous);
        *current = self.committed.clone();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;

    #[test]
    fn a_drag_is_one_step_and_undo_redo_walk_the_steps() {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        let mut history = History::new(&scenario);
        assert!(!history.can_undo(&scenario));
        // One drag: many intermediate values while the pointer is down.
        for value in [100_000.0, 500_000.0, 1_000_000.0] {
            scenario.levers.early_help.value = value;
            history.settle(&scenario, true);
        }
        history.settle(&scenario, false);
        scenario.levers.front_door.value = 10.0;
        history.settle(&scenario, false);
        assert!(history.undo(&mut scenario));
        assert_eq!(scenario.levers.front_door.value, 0.0);
        assert_eq!(scenario.levers.early_help.value, 1_000_000.0);
        assert!(history.undo(&mut scenario));
        assert_eq!(scenario.levers.early_help.value, 0.0);
        assert!(!history.undo(&mut scenario));
        assert!(history.redo(&mut scenario));
        assert!(history.redo(&mut scenario));
        assert_eq!(scenario.levers.front_door.value, 10.0);
        assert!(!history.redo(&mut scenario));
        // A new change after undo drops the redo steps.
        history.undo(&mut scenario);
        scenario.levers.permanence.value = 5.0;
        history.settle(&scenario, false);
        assert!(!history.can_redo());
    }
}
