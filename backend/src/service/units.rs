//! The organisation's tree of units (F2.1), read a branch at a time. A
//! trust has thousands of units; a team's report needs only the team, the
//! units below it and the chain above it, so each is one recursive query
//! that reads those rows and no others.

pub mod history;

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, FromQueryResult};
use uuid::Uuid;

use crate::db::Binds;
use crate::entity::org_unit;
use crate::error::{AppError, AppResult};

/// Child to parent, for the units read.
pub type Parents = HashMap<Uuid, Option<Uuid>>;

/// A unit and everything below it.
#[derive(Debug, Clone)]
pub struct Branch {
    top: org_unit::Model,
    /// The units directly below the top, by name.
    children: Vec<org_unit::Model>,
    /// Child to parent within the branch and above it, to the top of the
    /// organisation: what policy needs to place anyone in the branch.
    parents: Parents,
}

/// A unit's place in the tree.
#[derive(Debug, Clone)]
pub struct UnitNode {
    /// The unit.
    pub unit: org_unit::Model,
    /// Its subtree (itself included).
    pub subtree: HashSet<Uuid>,
}

#[derive(FromQueryResult)]
struct Link {
    id: Uuid,
    parent_id: Option<Uuid>,
}

impl Branch {
    /// The branch under `top`; not found when the organisation has no such
    /// unit.
    pub async fn load(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        top: Uuid,
    ) -> AppResult<Self> {
        use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
        let named = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(organisation_id))
            .filter(
                Condition::any()
                    .add(org_unit::Column::Id.eq(top))
                    // Closed children are history: a past report shows them.
                    .add(
                        Condition::all()
                            .add(org_unit::Column::ParentId.eq(top))
                            .add(org_unit::Column::ClosedOn.is_null()),
                    ),
            )
            .order_by_asc(org_unit::Column::Name)
            .all(db)
            .await?;
        let (tops, children): (Vec<_>, Vec<_>) = named.into_iter().partition(|u| u.id == top);
        let top = tops.into_iter().next().ok_or(AppError::NotFound)?;
        let mut binds = Binds::new(db.get_database_backend());
        let (p1, p2) = (binds.bind(organisation_id), binds.bind(top.id));
        // Only ids below the top: names are read for the top and its
        // children alone. UNION, not UNION ALL: a loop in bad data ends.
        let sql = format!(
            "WITH RECURSIVE branch AS ( \
               SELECT id, parent_id FROM org_unit WHERE organisation_id = {p1} AND id = {p2} \
               UNION \
               SELECT u.id, u.parent_id FROM org_unit u JOIN branch b ON u.parent_id = b.id \
               WHERE u.organisation_id = {p1}) \
             SELECT id, parent_id FROM branch"
        );
        let below = Link::find_by_statement(binds.statement(sql))
            .all(db)
            .await?;
        let mut parents = ancestry(db, organisation_id, &[top.id]).await?;
        parents.extend(below.into_iter().map(|l| (l.id, l.parent_id)));
        Ok(Self {
            top,
            children,
            parents,
        })
    }

    /// The branch under `top` as the tree was on `day` (names, parents and
    /// which units were open then): what a report as at that day counts.
    pub async fn load_on(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        top: Uuid,
        day: chrono::NaiveDate,
    ) -> AppResult<Self> {
        Self::of_tree(&history::tree_on(db, organisation_id, day).await?, top)
    }

    /// The branch under `top` on `day`, from a history already read.
    pub fn on(history: &history::History, top: Uuid, day: chrono::NaiveDate) -> AppResult<Self> {
        Self::of_tree(&history.tree_on(day), top)
    }

    fn of_tree(tree: &history::TreeOn, top: Uuid) -> AppResult<Self> {
        let Some(unit) = tree.unit(top).cloned() else {
            return Err(AppError::invalid(
                "asAt",
                "That unit did not exist on that day: choose a later date.",
            ));
        };
        Ok(Self {
            children: tree.children_of(top),
            parents: tree.parents(),
            top: unit,
        })
    }

    /// The top unit and its children, each with its subtree.
    pub fn top_and_children(&self) -> (UnitNode, Vec<UnitNode>) {
        let mut below: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (&unit, parent) in &self.parents {
            if let Some(parent) = parent {
                below.entry(*parent).or_default().push(unit);
            }
        }
        let node = |u: &org_unit::Model| {
            let mut subtree = HashSet::from([u.id]);
            let mut next = vec![u.id];
            while let Some(unit) = next.pop() {
                for &child in below.get(&unit).into_iter().flatten() {
                    if subtree.insert(child) {
                        next.push(child);
                    }
                }
            }
            UnitNode {
                unit: u.clone(),
                subtree,
            }
        };
        (node(&self.top), self.children.iter().map(node).collect())
    }

    /// The chain from the top unit up to the top of the organisation.
    pub fn chain_above(&self) -> Vec<Uuid> {
        unit_chain(&self.parents, self.top.id)
    }

    /// Child to parent for the branch and the chain above it.
    pub fn parents(&self) -> &Parents {
        &self.parents
    }
}

/// Every unit of the organisation, child to parent.
pub async fn all_parents(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<Parents> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let links: Vec<(Uuid, Option<Uuid>)> = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .column(org_unit::Column::ParentId)
        .filter(org_unit::Column::OrganisationId.eq(organisation_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(links.into_iter().collect())
}

/// Each of these units and every unit above them, child to parent.
pub async fn ancestry(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    units: &[Uuid],
) -> AppResult<Parents> {
    let mut parents = Parents::new();
    let wanted: Vec<Uuid> = units
        .iter()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for chunk in wanted.chunks(500) {
        let mut binds = Binds::new(db.get_database_backend());
        let p1 = binds.bind(organisation_id);
        let marks = binds.list(chunk.iter().copied());
        let sql = format!(
            "WITH RECURSIVE up AS ( \
               SELECT id, parent_id FROM org_unit \
               WHERE organisation_id = {p1} AND id IN ({marks}) \
               UNION \
               SELECT u.id, u.parent_id FROM org_unit u JOIN up ON u.id = up.parent_id \
               WHERE u.organisation_id = {p1}) \
             SELECT id, parent_id FROM up"
        );
        let links = Link::find_by_statement(binds.statement(sql))
            .all(db)
            .await?;
        parents.extend(links.into_iter().map(|l| (l.id, l.parent_id)));
    }
    Ok(parents)
}

/// A person's unit, then each parent to the top.
pub fn unit_chain(parents: &HashMap<Uuid, Option<Uuid>>, unit: Uuid) -> Vec<Uuid> {
    let mut chain = vec![unit];
    let mut current = unit;
    // A tree deeper than this is a data error (or a loop).
    for _ in 0..16 {
        match parents.get(&current).copied().flatten() {
            Some(parent) => {
                chain.push(parent);
                current = parent;
            }
            None => break,
        }
    }
    chain
}
