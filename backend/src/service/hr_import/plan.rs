//! What an export would change in the directory, worked out without
//! writing anything: who starts, leaves, moves or changes, whose managers
//! change, which units are new, and every error that stops the import.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::columns::{Field, Row};
use super::{Change, RowError};
use crate::entity::{allocation, org_unit, staff, staff_role};
use crate::error::AppResult;
use supervision_shared::Role;

use crate::service::directory::{ACTIVE, Relationship};

/// The directory as it stands, read once.
pub struct Directory {
    /// Everyone ever employed, by employee number.
    pub people: HashMap<String, staff::Model>,
    /// Each unit by its path (names from the top down).
    pub units: HashMap<Vec<String>, Uuid>,
    /// The one unit at the top, when the tree has one (an organisation set
    /// up by the service does): paths start below it, and units the file
    /// adds at the first level go under it. A tree of several roots (the
    /// demo's divisions) has paths that start at a root.
    pub top: Option<Uuid>,
    /// Each person's line manager and clinical supervisor as they stand:
    /// the open allocation (a starter's may begin on a day still to come).
    pub managers: HashMap<(Uuid, Relationship), Uuid>,
    /// The system administrators, so an import never leaves none.
    pub administrators: HashSet<Uuid>,
}

impl Directory {
    pub async fn read(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<Self> {
        let people = staff::Entity::find()
            .filter(staff::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.employee_number.clone(), p))
            .collect();
        let rows = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?;
        let by_id: HashMap<Uuid, &org_unit::Model> = rows.iter().map(|u| (u.id, u)).collect();
        let roots: Vec<Uuid> = rows
            .iter()
            .filter(|u| u.parent_id.is_none())
            .map(|u| u.id)
            .collect();
        let top = match roots.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        let mut units = HashMap::new();
        for unit in &rows {
            let mut path = Vec::new();
            let mut at = Some(unit);
            // A tree deeper than this is a loop in the data.
            for _ in 0..32 {
                let Some(u) = at.filter(|u| Some(u.id) != top) else {
                    break;
                };
                path.push(u.name.clone());
                at = u.parent_id.and_then(|p| by_id.get(&p).copied());
            }
            path.reverse();
            if !path.is_empty() {
                units.insert(path, unit.id);
            }
        }
        let mut open = allocation::Entity::find()
            .filter(allocation::Column::OrganisationId.eq(organisation_id))
            .filter(allocation::Column::EffectiveTo.is_null())
            .all(db)
            .await?;
        // The latest open one wins (a change planned for a later day).
        open.sort_by_key(|a| a.effective_from);
        let managers = open
            .into_iter()
            .filter_map(|a| {
                Relationship::parse(&a.relationship).map(|r| ((a.staff_id, r), a.allocated_to_id))
            })
            .collect();
        let administrators = staff_role::Entity::find()
            .filter(staff_role::Column::OrganisationId.eq(organisation_id))
            .filter(staff_role::Column::Role.eq(Role::SystemAdmin))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.staff_id)
            .collect();
        Ok(Self {
            people,
            units,
            top,
            managers,
            administrators,
        })
    }
}

/// Everything the import would do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per row (and per person missing from a full export), what changes.
    pub changes: Vec<Change>,
    /// Units to create, parents before children.
    pub new_units: Vec<Vec<String>>,
    pub errors: Vec<RowError>,
}

/// Compares the rows with the directory. `full`: the export lists everyone
/// employed, so an active person missing from it has left as of `as_of`.
pub fn plan(rows: &[Row], directory: &Directory, full: bool, as_of: NaiveDate) -> Plan {
    let mut plan = Plan::default();
    check_unique(rows, directory, &mut plan.errors);
    let in_file: HashMap<&str, &Row> = rows
        .iter()
        .map(|r| (r.employee_number.as_str(), r))
        .collect();
    check_managers(rows, &in_file, directory, as_of, &mut plan.errors);
    check_cycles(rows, &in_file, &mut plan.errors);

    let mut new_units: HashSet<Vec<String>> = HashSet::new();
    for row in rows {
        for depth in 1..=row.unit.len() {
            let path = row.unit[..depth].to_vec();
            if !directory.units.contains_key(&path) && new_units.insert(path.clone()) {
                plan.new_units.push(path);
            }
        }
        let change = change_of(row, directory, as_of);
        if !change.what.is_empty() {
            plan.changes.push(change);
        }
    }
    plan.new_units.sort_by_key(Vec::len);
    check_administrators(rows, directory, full, as_of, &mut plan.errors);
    if full {
        let mut missing: Vec<&staff::Model> = directory
            .people
            .values()
            .filter(|p| p.status == ACTIVE && !in_file.contains_key(p.employee_number.as_str()))
            .collect();
        missing.sort_by(|a, b| a.employee_number.cmp(&b.employee_number));
        for person in missing {
            plan.changes.push(Change {
                line: None,
                employee_number: person.employee_number.clone(),
                name: person.name.clone(),
                what: vec![format!("leaves on {as_of}: not in this full export")],
                starter: false,
                leaver: true,
            });
        }
    }
    plan
}

/// What changes for one row's person.
fn change_of(row: &Row, directory: &Directory, as_of: NaiveDate) -> Change {
    let leaves = row.leaves_by(as_of);
    let mut change = Change {
        line: Some(row.line),
        employee_number: row.employee_number.clone(),
        name: row.name.clone(),
        what: Vec::new(),
        starter: false,
        leaver: false,
    };
    let Some(person) = directory.people.get(&row.employee_number) else {
        change.starter = !leaves;
        if leaves {
            // Someone who has already left and was never here: nothing to do.
            return change;
        }
        change
            .what
            .push(format!("starts in {}", row.unit.join(" / ")));
        return change;
    };
    if person.status != ACTIVE && !leaves {
        change.what.push("returns".to_owned());
    }
    if person.status == ACTIVE && leaves {
        change.leaver = true;
        change
            .what
            .push(format!("leaves on {}", row.leaving_date.unwrap_or(as_of)));
        return change;
    }
    if leaves {
        return change;
    }
    if directory.units.get(&row.unit) != Some(&person.org_unit_id) {
        change
            .what
            .push(format!("moves to {}", row.unit.join(" / ")));
    }
    for (label, differs) in [
        ("name", person.name != row.name),
        ("email", person.email != row.email),
        ("job title", person.job_title != row.job_title),
        ("profession", person.profession != row.profession),
        ("start date", person.start_date != row.start_date),
        ("leaving date", person.leaving_date != row.leaving_date),
        (
            "newly qualified",
            person.newly_qualified != row.newly_qualified,
        ),
        ("probation", person.probation != row.probation),
        ("caseload", person.holds_caseload != row.holds_caseload),
    ] {
        if differs {
            change.what.push(format!("{label} changes"));
        }
    }
    for (relationship, wanted, label) in [
        (Relationship::LineManager, &row.line_manager, "line manager"),
        (
            Relationship::ClinicalSupervisor,
            &row.clinical_supervisor,
            "clinical supervisor",
        ),
    ] {
        let now = directory.managers.get(&(person.id, relationship));
        let wanted_id = wanted
            .as_deref()
            .and_then(|n| directory.people.get(n))
            .map(|p| p.id);
        if now.copied() != wanted_id || (wanted.is_some() && wanted_id.is_none()) {
            change.what.push(match wanted {
                Some(number) => format!("{label} becomes {number}"),
                None => format!("no {label} from {as_of}"),
            });
        }
    }
    change
}

/// The same employee number or email twice in the file, or an email that
/// already belongs to someone else.
fn check_unique(rows: &[Row], directory: &Directory, errors: &mut Vec<RowError>) {
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut emails: HashMap<&str, usize> = HashMap::new();
    // Leavers too: an email stays theirs (the directory keeps it unique).
    let owner_of_email: HashMap<&str, &str> = directory
        .people
        .values()
        .map(|p| (p.email.as_str(), p.employee_number.as_str()))
        .collect();
    let numbers_in_file: HashSet<&str> = rows.iter().map(|r| r.employee_number.as_str()).collect();
    for row in rows {
        if let Some(first) = numbers.insert(&row.employee_number, row.line) {
            errors.push(RowError::at(
                row.line,
                Field::EmployeeNumber,
                format!(
                    "employee number {} is also on line {first}",
                    row.employee_number
                ),
            ));
        }
        if let Some(first) = emails.insert(&row.email, row.line) {
            errors.push(RowError::at(
                row.line,
                Field::Email,
                format!("{} is also on line {first}", row.email),
            ));
        }
        if let Some(owner) = owner_of_email.get(row.email.as_str())
            && *owner != row.employee_number
            && !numbers_in_file.contains(owner)
        {
            errors.push(RowError::at(
                row.line,
                Field::Email,
                format!("{} belongs to employee {owner}", row.email),
            ));
        }
    }
}

/// Managers named by employee number must be in the file or the directory,
/// and not the person themselves.
fn check_managers(
    rows: &[Row],
    in_file: &HashMap<&str, &Row>,
    directory: &Directory,
    as_of: NaiveDate,
    errors: &mut Vec<RowError>,
) {
    for row in rows {
        for (field, manager) in [
            (Field::LineManager, &row.line_manager),
            (Field::ClinicalSupervisor, &row.clinical_supervisor),
        ] {
            let Some(number) = manager.as_deref() else {
                continue;
            };
            if number == row.employee_number {
                errors.push(RowError::at(
                    row.line,
                    field,
                    "a person cannot manage themselves",
                ));
                continue;
            }
            let known = in_file
                .get(number)
                .map(|r| !r.leaves_by(as_of))
                .or_else(|| directory.people.get(number).map(|p| p.status == ACTIVE))
                .unwrap_or(false);
            if !known {
                errors.push(RowError::at(
                    row.line,
                    field,
                    format!("no current employee has the number {number}"),
                ));
            }
        }
    }
}

/// Line management must not go round in a circle (A manages B manages A):
/// each circle is reported once, on the line of its lowest employee number.
fn check_cycles(rows: &[Row], in_file: &HashMap<&str, &Row>, errors: &mut Vec<RowError>) {
    for row in rows {
        let mut seen = vec![row.employee_number.as_str()];
        let mut at = row.line_manager.as_deref();
        while let Some(manager) = at {
            if manager == row.employee_number {
                if seen.iter().min() == Some(&row.employee_number.as_str()) {
                    errors.push(RowError::at(
                        row.line,
                        Field::LineManager,
                        format!(
                            "line management goes round in a circle: {} → {manager}",
                            seen.join(" → ")
                        ),
                    ));
                }
                break;
            }
            if seen.contains(&manager) {
                break;
            }
            seen.push(manager);
            at = in_file.get(manager).and_then(|r| r.line_manager.as_deref());
        }
    }
}

/// The organisation must keep a system administrator who works there: an
/// import that would see the last one leave (or, from a full export, go
/// missing) stops, so nobody is locked out of granting roles.
fn check_administrators(
    rows: &[Row],
    directory: &Directory,
    full: bool,
    as_of: NaiveDate,
    errors: &mut Vec<RowError>,
) {
    let by_id: HashMap<Uuid, &staff::Model> =
        directory.people.values().map(|p| (p.id, p)).collect();
    let active: Vec<&staff::Model> = directory
        .administrators
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .filter(|p| p.status == ACTIVE)
        .collect();
    if active.is_empty() {
        return;
    }
    let stays = |person: &staff::Model| match rows
        .iter()
        .find(|r| r.employee_number == person.employee_number)
    {
        Some(row) => !row.leaves_by(as_of),
        None => !full,
    };
    if !active.iter().any(|p| stays(p)) {
        let names: Vec<&str> = active.iter().map(|p| p.name.as_str()).collect();
        errors.push(RowError {
            line: 1,
            field: "system_administrator".to_owned(),
            message: format!(
                "this would leave nobody able to grant roles: {} would leave. Include them in the export, or first grant system administrator to someone who stays",
                names.join(", ")
            ),
        });
    }
}
