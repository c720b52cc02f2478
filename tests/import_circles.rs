//! No import circles: the modules of `src/` form a graph without cycles when each file's `use`
//! declarations are read as arrows to the files they import from (ARCHITECTURE.md). A circle
//! means two files cannot be understood, or moved, one without the other.
//!
//! The graph is built from the text of the files (rustfmt's layout): `mod` declarations place
//! files in the module tree, `use` trees are expanded to paths, and each path goes to the
//! deepest module file it names. `mod x;` itself is containment, not an arrow.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module of the library: its path (`["app", "views"]`) to its file.
fn module_files(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut modules = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let file = parts.pop().expect("a file name");
            let stem = file.trim_end_matches(".rs");
            match stem {
                // The binary is a crate of its own.
                "main" if parts.is_empty() => continue,
                "lib" if parts.is_empty() => {}
                "mod" => {}
                _ => parts.push(stem.to_string()),
            }
            modules.insert(parts, path);
        }
    }
    modules
}

/// Expands a `use` tree (without `use` and `;`) into whole paths.
fn expand(tree: &str) -> Vec<String> {
    // `A as B` keeps only `A`'s path: the rename is marked before spaces go.
    let tree = tree.replace(" as ", "@");
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    // Split the braces' contents at top-level commas.
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// The module a path (from a file whose module is `here`) imports from, if in this crate.
fn target(
    path: &str,
    here: &[String],
    children: &BTreeSet<String>,
    modules: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let path = path.split('@').next().unwrap_or(path);
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut module: Vec<String> = match segments.first().copied()? {
        "crate" => {
            segments.remove(0);
            Vec::new()
        }
        "super" | "self" => {
            let mut module = here.to_vec();
            while let Some(&first) = segments.first() {
                match first {
                    "super" => {
                        module.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                segments.remove(0);
            }
            module
        }
        first if children.contains(first) => here.to_vec(),
        _ => return None, // another crate
    };
    let mut deepest = module.clone();
    for segment in segments {
        if segment == "*" || segment == "self" {
            break;
        }
        module.push(segment.to_string());
        if modules.contains_key(&module) {
            deepest = module.clone();
        } else {
            break;
        }
    }
    Some(deepest)
}

/// Every file's arrows: module → the modules its `use` declarations import from.
fn import_graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = module_files(src);
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("readable");
        let children: BTreeSet<String> = text
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let rest = line.strip_prefix("pub ").unwrap_or(line);
                let rest = rest
                    .strip_prefix("pub(crate) ")
                    .or_else(|| rest.strip_prefix("pub(super) "))
                    .unwrap_or(rest);
                rest.strip_prefix("mod ")?
                    .strip_suffix(';')
                    .map(str::to_string)
            })
            .collect();
        let mut arrows = BTreeSet::new();
        // Inline modules (`mod tests { ... }`) shift `super`: tracked by rustfmt's indentation.
        let mut inline: Vec<(usize, String)> = Vec::new();
        let (mut after_cfg_test, mut in_tests) = (false, false);
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let indent = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            while inline
                .last()
                .is_some_and(|(at, _)| indent <= *at && trimmed.starts_with('}'))
            {
                inline.pop();
            }
            if let Some(name) = trimmed
                .trim_start_matches("pub ")
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(" {"))
            {
                inline.push((indent, name.to_string()));
                in_tests |= after_cfg_test;
                continue;
            }
            after_cfg_test = trimmed == "#[cfg(test)]";
            // Unit tests borrow fixtures from any floor: they are not part of the structure.
            if in_tests {
                if inline.is_empty() {
                    in_tests = false;
                } else {
                    continue;
                }
            }
            let private = trimmed.strip_prefix("use ");
            let re_export = trimmed
                .strip_prefix("pub use ")
                .or_else(|| trimmed.strip_prefix("pub(crate) use "))
                .or_else(|| trimmed.strip_prefix("pub(super) use "));
            let Some(rest) = private.or(re_export) else {
                continue;
            };
            let mut tree = rest.to_string();
            while !tree.trim_end().ends_with(';') {
                match lines.next() {
                    Some(next) => tree.push_str(next),
                    None => break,
                }
            }
            let tree = tree.trim_end().trim_end_matches(';');
            let mut here = module.clone();
            here.extend(inline.iter().map(|(_, name)| name.clone()));
            for path in expand(tree) {
                // A module re-exporting its own submodules' items is their front door, as `mod`
                // is their container: not an arrow.
                if let Some(to) = target(&path, &here, &children, &modules)
                    && to != *module
                    && modules.contains_key(&to)
                    && !(re_export.is_some() && to.starts_with(module))
                {
                    arrows.insert(to);
                }
            }
        }
        graph.insert(module.clone(), arrows);
    }
    graph
}

/// The circles in `graph`, each as the modules around it.
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    // Depth-first search; a back edge closes a circle.
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        path: &mut Vec<Vec<String>>,
        found: &mut Vec<Vec<String>>,
    ) {
        state.insert(node.clone(), 1);
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                0 => visit(next, graph, state, path, found),
                1 => {
                    let start = path.iter().position(|n| n == next).unwrap_or(0);
                    let mut circle: Vec<String> = path[start..]
                        .iter()
                        .map(|m| format!("crate::{}", m.join("::")))
                        .collect();
                    circle.push(format!("crate::{}", next.join("::")));
                    found.push(circle);
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.clone(), 2);
    }
    let (mut state, mut found) = (BTreeMap::new(), Vec::new());
    for node in graph.keys() {
        if !state.contains_key(node) {
            visit(node, graph, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
}

#[test]
fn the_modules_import_without_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = import_graph(&src);
    assert!(graph.len() > 50, "only {} modules found", graph.len());
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "import circles (each file imports the next):\n{}",
        found
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_finds_a_circle_and_follows_super_and_braces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).expect("dir");
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\n").expect("write");
    std::fs::write(src.join("a/mod.rs"), "mod c;\nuse c::Thing;\n").expect("write");
    std::fs::write(
        src.join("a/c.rs"),
        "use super::{\n    super::b::{self, Other},\n};\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    )
    .expect("write");
    std::fs::write(src.join("b.rs"), "use crate::a::Thing;\n").expect("write");
    let graph = import_graph(src);
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    let c = vec!["a".to_string(), "c".to_string()];
    assert_eq!(graph[&a], BTreeSet::from([c.clone()]));
    assert_eq!(graph[&c], BTreeSet::from([b.clone()]));
    assert_eq!(graph[&b], BTreeSet::from([a.clone()]));
    assert_eq!(circles(&graph).len(), 1);
    // Without b's arrow back, no circle.
    std::fs::write(src.join("b.rs"), "use std::fmt;\n").expect("write");
    assert!(circles(&import_graph(src)).is_empty());
}
