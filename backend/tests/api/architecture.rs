//! The shape of the code, checked: the modules of `service/` depend on each
//! other in one direction only, so each can be read (and changed) knowing
//! only the ones below it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The service modules each module names (`crate::service::x`, or
/// `crate::service::{x, y}`), tests left out.
fn service_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let modules: BTreeSet<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut files = vec![root.join(format!("{module}.rs"))];
        let folder = root.join(module);
        let mut folders = vec![folder];
        while let Some(dir) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut uses = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::service::") {
                let rest = &code[at + "crate::service::".len()..];
                let named: Vec<&str> = match rest.strip_prefix('{') {
                    Some(list) => list
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .map(|part| part.trim().split("::").next().unwrap_or_default())
                        .collect(),
                    None => vec![
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or_default(),
                    ],
                };
                for name in named {
                    if name != module && modules.contains(name) {
                        uses.insert(name.to_owned());
                    }
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// A cycle through `from`, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut path = vec![from.to_owned()];
    let mut seen = BTreeSet::new();
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
        from: &str,
    ) -> bool {
        let here = path.last().cloned().unwrap_or_default();
        for next in &graph[&here] {
            if next == from {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, path, seen, from) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(graph, &mut path, &mut seen, from).then_some(path)
}

#[test]
fn the_service_modules_depend_on_each_other_in_one_direction() {
    let graph = service_dependencies();
    assert!(
        graph["supervision"].contains("access"),
        "the walk reads the imports: {graph:?}"
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_from(&graph, module))
        .map(|cycle| cycle.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles in service/: {cycles:#?}");
}

#[test]
fn every_table_that_hangs_off_a_record_is_in_the_one_list_of_its_parts() {
    let entities = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entity");
    let children: BTreeSet<String> = std::fs::read_dir(&entities)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| text.contains("pub supervision_id:"))
        })
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    assert!(
        children.contains("supervision_attendee"),
        "the walk reads the entities: {children:?}"
    );
    let listed: BTreeSet<String> = backend::service::record_parts::CHILD_TABLES
        .iter()
        .map(|(table, _)| (*table).to_owned())
        .collect();
    let missing: Vec<&String> = children.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "say in service/record_parts.rs what becomes of these when a record goes: {missing:?}"
    );
}
