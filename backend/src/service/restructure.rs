//! Changing the tree (F2.1): a unit opened, renamed, moved or closed from
//! the day it takes effect, by a system or HR administrator, each audited.
//! A change is recorded on or after its day, never ahead of it: the unit's
//! row always says how it is today, and reports as at earlier days read the
//! tree as it was ([`crate::service::units::history`]). A unit closes only once nobody works
//! in it and nothing open is below it; the top of the organisation stays.

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{org_unit, org_unit_change, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;
use crate::service::units::history::{self, NAME, PARENT, open_on};

const LEVELS: &[&str] = &["division", "service", "team"];

/// A unit to open.
#[derive(Debug, Clone)]
pub struct NewUnit {
    /// Its name.
    pub name: String,
    /// The unit it sits under.
    pub parent_id: Uuid,
    /// division, service or team.
    pub level: String,
    /// Its first day.
    pub from: NaiveDate,
}

/// A change to a unit that exists.
#[derive(Debug, Clone)]
pub enum Change {
    /// A new name from a day.
    Rename(String),
    /// A new parent from a day.
    Move(Uuid),
    /// No longer exists from a day.
    Close,
}

fn clean_name(name: &str, errors: &mut Vec<FieldError>) -> String {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "Give the unit a name of at most 200 characters.",
        ));
    }
    name
}

fn not_ahead(from: NaiveDate, today: NaiveDate, errors: &mut Vec<FieldError>) {
    if from > today {
        errors.push(FieldError::new(
            "from",
            "Record a change on or after the day it takes effect.",
        ));
    }
}

async fn unit(
    db: &impl sea_orm::ConnectionTrait,
    org: Uuid,
    id: Uuid,
) -> AppResult<org_unit::Model> {
    org_unit::Entity::find_by_id(id)
        .filter(org_unit::Column::OrganisationId.eq(org))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether an open unit under `parent` already has this name.
async fn name_taken(
    db: &impl sea_orm::ConnectionTrait,
    org: Uuid,
    parent: Uuid,
    name: &str,
    except: Option<Uuid>,
    today: NaiveDate,
) -> AppResult<bool> {
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(org))
        .filter(org_unit::Column::ParentId.eq(parent))
        .all(db)
        .await?
        .iter()
        .any(|u| Some(u.id) != except && open_on(u, today) && u.name.eq_ignore_ascii_case(name)))
}

/// Opens a unit; its id.
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, new: NewUnit) -> AppResult<Uuid> {
    require_any_role(viewer, &[Role::SystemAdmin, Role::HrAdmin])?;
    let org = viewer.organisation_id;
    let today = viewer.today();
    let mut errors = Vec::new();
    let name = clean_name(&new.name, &mut errors);
    not_ahead(new.from, today, &mut errors);
    if !LEVELS.contains(&new.level.as_str()) {
        errors.push(FieldError::new(
            "level",
            "Choose division, service or team.",
        ));
    }
    let parent = org_unit::Entity::find_by_id(new.parent_id)
        .filter(org_unit::Column::OrganisationId.eq(org))
        .one(db)
        .await?;
    match &parent {
        Some(parent) if open_on(parent, today) => {
            if name_taken(db, org, parent.id, &name, None, today).await? {
                errors.push(FieldError::new(
                    "name",
                    "There is already a unit with that name there.",
                ));
            }
        }
        _ => errors.push(FieldError::new("parentId", "Choose a unit that is open.")),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let id = Uuid::now_v7();
    let txn = crate::db::begin(db, org).await?;
    org_unit::ActiveModel {
        id: Set(id),
        organisation_id: Set(org),
        parent_id: Set(Some(new.parent_id)),
        name: Set(name.clone()),
        level: Set(new.level.clone()),
        opened_on: Set(Some(new.from)),
        closed_on: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "unit.create",
            "org_unit",
            id,
            serde_json::json!({
                "name": name, "parent": new.parent_id, "level": new.level, "from": new.from,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Renames, moves or closes a unit from a day, or says what is wrong and
/// writes nothing.
pub async fn change(
    db: &DatabaseConnection,
    viewer: &Viewer,
    unit_id: Uuid,
    change: Change,
    from: NaiveDate,
) -> AppResult<()> {
    require_any_role(viewer, &[Role::SystemAdmin, Role::HrAdmin])?;
    let org = viewer.organisation_id;
    let today = viewer.today();
    let current = unit(db, org, unit_id).await?;
    let mut errors = Vec::new();
    not_ahead(from, today, &mut errors);
    if !open_on(&current, today) {
        errors.push(FieldError::new("unitId", "That unit is closed."));
    }
    if current.opened_on.is_some_and(|opened| from < opened) {
        errors.push(FieldError::new("from", "That is before the unit opened."));
    }
    match &change {
        Change::Rename(name) => {
            let name = clean_name(name, &mut errors);
            if let Some(parent) = current.parent_id
                && name_taken(db, org, parent, &name, Some(unit_id), today).await?
            {
                errors.push(FieldError::new(
                    "name",
                    "There is already a unit with that name there.",
                ));
            }
        }
        Change::Move(parent) => {
            let tree = history::tree_on(db, org, today).await?;
            if tree.subtree(unit_id).contains(parent) {
                errors.push(FieldError::new(
                    "parentId",
                    "A unit cannot move under itself or a unit below it.",
                ));
            } else if tree.unit(*parent).is_none() {
                errors.push(FieldError::new("parentId", "Choose a unit that is open."));
            } else if current.parent_id == Some(*parent) {
                errors.push(FieldError::new("parentId", "It is already there."));
            }
            if current.parent_id.is_none() {
                errors.push(FieldError::new(
                    "unitId",
                    "The top of the organisation stays at the top.",
                ));
            }
        }
        Change::Close => close_checks(db, &current, today, &mut errors).await?,
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin(db, org).await?;
    let detail = match &change {
        Change::Rename(name) => {
            record(
                &txn,
                viewer,
                &current,
                from,
                Value::Name(name.trim().to_owned()),
            )
            .await?;
            serde_json::json!({ "name": name.trim(), "was": current.name, "from": from })
        }
        Change::Move(parent) => {
            record(&txn, viewer, &current, from, Value::Parent(*parent)).await?;
            serde_json::json!({ "parent": parent, "was": current.parent_id, "from": from })
        }
        Change::Close => {
            let mut closing: org_unit::ActiveModel = current.clone().into();
            closing.closed_on = Set(Some(from));
            closing.update(&txn).await?;
            serde_json::json!({ "from": from })
        }
    };
    let action = match change {
        Change::Rename(_) => "unit.rename",
        Change::Move(_) => "unit.move",
        Change::Close => "unit.close",
    };
    audit::record(
        &txn,
        AuditEntry::by(viewer, action, "org_unit", unit_id, detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn close_checks(
    db: &DatabaseConnection,
    unit: &org_unit::Model,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> AppResult<()> {
    if unit.parent_id.is_none() {
        errors.push(FieldError::new(
            "unitId",
            "The top of the organisation cannot close.",
        ));
    }
    let people = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(unit.organisation_id))
        .filter(staff::Column::OrgUnitId.eq(unit.id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .count(db)
        .await?;
    if people > 0 {
        errors.push(FieldError::new(
            "unitId",
            format!("{people} people still work in it: move them first."),
        ));
    }
    let open_below = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(unit.organisation_id))
        .filter(org_unit::Column::ParentId.eq(unit.id))
        .all(db)
        .await?
        .iter()
        .filter(|u| open_on(u, today))
        .count();
    if open_below > 0 {
        errors.push(FieldError::new(
            "unitId",
            format!("{open_below} units below it are open: close or move them first."),
        ));
    }
    Ok(())
}

/// The new value of a rename or a move.
enum Value {
    Name(String),
    Parent(Uuid),
}

/// Records a rename or move from `from`, with the value it replaces on that
/// day; the unit's row takes the new value unless a later change is
/// already in effect.
async fn record(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    current: &org_unit::Model,
    from: NaiveDate,
    value: Value,
) -> AppResult<()> {
    let attribute = match value {
        Value::Name(_) => NAME,
        Value::Parent(_) => PARENT,
    };
    let earlier = org_unit_change::Entity::find()
        .filter(org_unit_change::Column::UnitId.eq(current.id))
        .filter(org_unit_change::Column::Attribute.eq(attribute))
        .order_by_asc(org_unit_change::Column::EffectiveFrom)
        .all(txn)
        .await?;
    // What it was the day before: the tree as it was then.
    let day_before = from.checked_sub_days(Days::new(1)).unwrap_or(from);
    let before = history::tree_on(txn, current.organisation_id, day_before).await?;
    let was = before.unit(current.id);
    let latest = earlier.last().is_none_or(|c| c.effective_from <= from);
    let mut change = org_unit_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(current.organisation_id),
        unit_id: Set(current.id),
        effective_from: Set(from),
        attribute: Set(attribute.to_owned()),
        name: Set(None),
        parent_id: Set(None),
        previous_name: Set(None),
        previous_parent_id: Set(None),
        made_by: Set(Some(viewer.staff_id)),
        made_at: Set(Utc::now()),
    };
    let mut row: org_unit::ActiveModel = current.clone().into();
    match value {
        Value::Name(name) => {
            change.name = Set(Some(name.clone()));
            change.previous_name = Set(Some(was.map_or(current.name.clone(), |u| u.name.clone())));
            row.name = Set(name);
        }
        Value::Parent(parent) => {
            change.parent_id = Set(Some(parent));
            change.previous_parent_id = Set(was.map_or(current.parent_id, |u| u.parent_id));
            row.parent_id = Set(Some(parent));
        }
    }
    change.insert(txn).await?;
    if latest {
        row.update(txn).await?;
    }
    Ok(())
}
