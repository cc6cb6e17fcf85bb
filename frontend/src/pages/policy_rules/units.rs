//! The org units a senior manager oversees, with their names: what the form
//! offers for a unit's rule, how a unit's rule is named in the lists, and
//! whether the viewer is that unit's head of service.
//!
//! The API has no list of units yet, so this walks the compliance report's
//! drill-down from the tops of the viewer's scope, two levels down (division,
//! service, team). System administrators oversee no units: they see unit
//! rules by reference only.

use std::collections::HashMap;

use uuid::Uuid;

use crate::api::ApiError;
use crate::api::report::{my_report_units, team_compliance};

/// How many levels below the tops of scope are asked for (one request per
/// unit above the last level).
const LEVELS_BELOW: usize = 2;

/// A unit the viewer oversees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverseenUnit {
    /// The unit.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The unit above it, when that is also overseen.
    pub parent: Option<String>,
}

impl OverseenUnit {
    /// How the form's list names it: "Community Nursing North, in Adult
    /// Community Nursing".
    pub fn option_label(&self) -> String {
        match &self.parent {
            Some(parent) => format!("{}, in {parent}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The units the viewer oversees, each top followed by the units below it.
pub async fn units_overseen() -> Result<Vec<OverseenUnit>, ApiError> {
    let tops = my_report_units().await?;
    let mut found: Vec<OverseenUnit> = tops
        .iter()
        .map(|t| OverseenUnit {
            id: t.unit_id,
            name: t.name.clone(),
            parent: None,
        })
        .collect();
    let mut level: Vec<(Uuid, String)> = tops.into_iter().map(|t| (t.unit_id, t.name)).collect();
    for _ in 0..LEVELS_BELOW {
        let mut next = Vec::new();
        for (unit, name) in level {
            let report = team_compliance(unit, None).await?;
            let at = found
                .iter()
                .position(|u| u.id == unit)
                .map_or(found.len(), |i| i + 1);
            let children: Vec<OverseenUnit> = report
                .children
                .into_iter()
                .filter(|c| !found.iter().any(|u| u.id == c.unit_id))
                .map(|c| OverseenUnit {
                    id: c.unit_id,
                    name: c.name,
                    parent: Some(name.clone()),
                })
                .collect();
            next.extend(children.iter().map(|c| (c.id, c.name.clone())));
            // Right after their parent, so the list reads as a tree.
            found.splice(at..at, children);
        }
        level = next;
    }
    Ok(found)
}

/// The overseen units by id, for naming rules.
pub fn by_id(units: &[OverseenUnit]) -> HashMap<Uuid, OverseenUnit> {
    units.iter().map(|u| (u.id, u.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_below_the_top_is_named_with_its_parent() {
        let team = OverseenUnit {
            id: Uuid::nil(),
            name: "Physiotherapy".into(),
            parent: Some("Therapies".into()),
        };
        assert_eq!(team.option_label(), "Physiotherapy, in Therapies");
    }
}
