//! The tree as it was on a day: units open on it, each with the name and
//! parent it had then. A unit's row says how it is now; its changes say
//! when each rename or move took effect and what it replaced, so any day's
//! tree is the current rows with the later changes undone. A trust's tree
//! is a few thousand units and changes are rare, so it is read whole.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::Parents;
use crate::entity::{org_unit, org_unit_change};
use crate::error::AppResult;

/// Which attribute a change is to.
pub const NAME: &str = "name";
/// A move: the parent changes.
pub const PARENT: &str = "parent";

/// The organisation's units as they were on one day.
#[derive(Debug, Clone)]
pub struct TreeOn {
    units: HashMap<Uuid, org_unit::Model>,
}

/// One attribute's changes: the day each took effect, the new value and
/// the one it replaced.
type Changes<T> = Vec<(NaiveDate, T, T)>;

/// Whether a unit exists on a day.
pub fn open_on(unit: &org_unit::Model, day: NaiveDate) -> bool {
    unit.opened_on.is_none_or(|opened| opened <= day)
        && unit.closed_on.is_none_or(|closed| closed > day)
}

/// A value on `day` from its changes (oldest first): the newest change in
/// effect by then, else what the oldest change replaced, else `now`.
fn value_on<T: Clone>(changes: &[(NaiveDate, T, T)], day: NaiveDate, now: T) -> T {
    match changes.iter().rev().find(|(from, _, _)| *from <= day) {
        Some((_, new, _)) => new.clone(),
        None => changes
            .first()
            .map_or(now, |(_, _, previous)| previous.clone()),
    }
}

/// Reads the tree as it was on `day`.
pub async fn tree_on(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    day: NaiveDate,
) -> AppResult<TreeOn> {
    Ok(History::load(db, organisation_id).await?.tree_on(day))
}

/// The organisation's units with every rename and move: the tree of any
/// day, for reading several days' trees (the trend's twelve) at one read.
#[derive(Debug, Clone)]
pub struct History {
    rows: Vec<org_unit::Model>,
    names: HashMap<Uuid, Changes<String>>,
    parents: HashMap<Uuid, Changes<Option<Uuid>>>,
}

impl History {
    /// Reads the units and their changes.
    pub async fn load(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<Self> {
        let rows = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?;
        let changes = org_unit_change::Entity::find()
            .filter(org_unit_change::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(org_unit_change::Column::EffectiveFrom)
            .order_by_asc(org_unit_change::Column::MadeAt)
            .all(db)
            .await?;
        let mut names: HashMap<Uuid, Changes<String>> = HashMap::new();
        let mut parents: HashMap<Uuid, Changes<Option<Uuid>>> = HashMap::new();
        for change in changes {
            if change.attribute == NAME {
                names.entry(change.unit_id).or_default().push((
                    change.effective_from,
                    change.name.unwrap_or_default(),
                    change.previous_name.unwrap_or_default(),
                ));
            } else if change.attribute == PARENT {
                parents.entry(change.unit_id).or_default().push((
                    change.effective_from,
                    change.parent_id,
                    change.previous_parent_id,
                ));
            }
        }
        Ok(Self {
            rows,
            names,
            parents,
        })
    }

    /// The tree as it was on `day`.
    pub fn tree_on(&self, day: NaiveDate) -> TreeOn {
        let units = self
            .rows
            .iter()
            .filter(|unit| open_on(unit, day))
            .map(|unit| {
                let mut unit = unit.clone();
                if let Some(changes) = self.names.get(&unit.id) {
                    unit.name = value_on(changes, day, unit.name.clone());
                }
                if let Some(changes) = self.parents.get(&unit.id) {
                    unit.parent_id = value_on(changes, day, unit.parent_id);
                }
                (unit.id, unit)
            })
            .collect();
        TreeOn { units }
    }
}

/// The organisation's units for pickers and the units page, with their
/// paths: as they were on `as_at` (default today), or with `include_closed`
/// every unit as it is now, closed ones too. Sorted by path.
pub async fn listing(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    today: NaiveDate,
    as_at: Option<NaiveDate>,
    include_closed: bool,
) -> AppResult<Vec<(org_unit::Model, String)>> {
    let tree = if include_closed && as_at.is_none() {
        let units = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?;
        TreeOn {
            units: units.into_iter().map(|u| (u.id, u)).collect(),
        }
    } else {
        tree_on(db, organisation_id, as_at.unwrap_or(today)).await?
    };
    let mut listed: Vec<(org_unit::Model, String)> = tree
        .units
        .values()
        .map(|u| (u.clone(), tree.path(u.id)))
        .collect();
    listed.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(listed)
}

impl TreeOn {
    /// A unit as it was, if it was open.
    pub fn unit(&self, id: Uuid) -> Option<&org_unit::Model> {
        self.units.get(&id)
    }

    /// Every unit open on the day.
    pub fn units(&self) -> impl Iterator<Item = &org_unit::Model> {
        self.units.values()
    }

    /// Child to parent.
    pub fn parents(&self) -> Parents {
        self.units.values().map(|u| (u.id, u.parent_id)).collect()
    }

    /// The units directly below one, by name.
    pub fn children_of(&self, id: Uuid) -> Vec<org_unit::Model> {
        let mut children: Vec<org_unit::Model> = self
            .units
            .values()
            .filter(|u| u.parent_id == Some(id))
            .cloned()
            .collect();
        children.sort_by(|a, b| a.name.cmp(&b.name));
        children
    }

    /// A unit and everything below it.
    pub fn subtree(&self, id: Uuid) -> HashSet<Uuid> {
        let mut within = HashSet::from([id]);
        let mut next = vec![id];
        while let Some(unit) = next.pop() {
            for child in self.units.values().filter(|u| u.parent_id == Some(unit)) {
                if within.insert(child.id) {
                    next.push(child.id);
                }
            }
        }
        within
    }

    /// Its names from the top down: "Community Services / Community
    /// Nursing / Team A".
    pub fn path(&self, id: Uuid) -> String {
        let mut names = Vec::new();
        let mut current = Some(id);
        // A tree deeper than this is a data error (or a loop).
        for _ in 0..16 {
            let Some(unit) = current.and_then(|c| self.units.get(&c)) else {
                break;
            };
            names.push(unit.name.as_str());
            current = unit.parent_id;
        }
        names.reverse();
        names.join(" / ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap_or_default()
    }

    #[test]
    fn a_value_is_what_was_in_effect_on_the_day() {
        let renames = vec![
            (day(10), "B".to_owned(), "A".to_owned()),
            (day(20), "C".to_owned(), "B".to_owned()),
        ];
        assert_eq!(value_on(&renames, day(1), "C".to_owned()), "A");
        assert_eq!(value_on(&renames, day(10), "C".to_owned()), "B");
        assert_eq!(value_on(&renames, day(19), "C".to_owned()), "B");
        assert_eq!(value_on(&renames, day(25), "C".to_owned()), "C");
        assert_eq!(value_on(&[], day(1), "C".to_owned()), "C");
    }

    #[test]
    fn a_unit_is_open_from_its_first_day_until_the_day_it_closes() {
        let unit = org_unit::Model {
            id: Uuid::nil(),
            organisation_id: Uuid::nil(),
            parent_id: None,
            name: "Team A".into(),
            level: "team".into(),
            opened_on: Some(day(10)),
            closed_on: Some(day(20)),
        };
        assert!(!open_on(&unit, day(9)));
        assert!(open_on(&unit, day(10)));
        assert!(open_on(&unit, day(19)));
        assert!(!open_on(&unit, day(20)));
    }
}
