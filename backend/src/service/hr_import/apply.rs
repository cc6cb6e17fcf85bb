//! Writing an import: one transaction, all or nothing, in bulk so a whole
//! trust's export goes in within seconds.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
};
use uuid::Uuid;

use super::ImportOptions;
use super::columns::Row;
use super::plan::{Directory, Plan};
use crate::entity::{allocation, org_unit, staff};
use crate::error::AppResult;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{ACTIVE, Relationship};
use crate::service::names::search_form;
use crate::service::notify::{self, Links};
use crate::service::outbox;

/// Rows per bulk insert: within both engines' limits on bound values.
const CHUNK: usize = 500;

use crate::service::leavers::LEAVER;

#[allow(clippy::too_many_arguments)]
pub async fn apply(
    db: &DatabaseConnection,
    links: &Links,
    organisation_id: Uuid,
    actor: Option<Uuid>,
    rows: &[Row],
    directory: &Directory,
    plan: &Plan,
    options: &ImportOptions,
) -> AppResult<()> {
    let as_of = options.as_of;
    let txn = crate::db::begin(db, organisation_id).await?;
    let units = create_units(&txn, organisation_id, directory, plan, rows).await?;
    let ids = write_people(&txn, organisation_id, rows, directory, &units, as_of).await?;
    let mut leavers: Vec<(Uuid, NaiveDate)> = rows
        .iter()
        .filter_map(|row| {
            let left = row.leaving_date.filter(|_| row.leaves_by(as_of))?;
            let person = directory.people.get(&row.employee_number)?;
            (person.status == ACTIVE).then_some((person.id, left))
        })
        .collect();
    if options.full {
        let in_file: HashSet<&str> = rows.iter().map(|r| r.employee_number.as_str()).collect();
        for person in directory.people.values() {
            if person.status == ACTIVE && !in_file.contains(person.employee_number.as_str()) {
                staff::Entity::update_many()
                    .col_expr(staff::Column::Status, Expr::value(LEAVER))
                    .col_expr(staff::Column::LeavingDate, Expr::value(as_of))
                    .filter(staff::Column::Id.eq(person.id))
                    .exec(&txn)
                    .await?;
                leavers.push((person.id, as_of));
            }
        }
    }
    let handed_over = set_managers(&txn, organisation_id, rows, directory, &ids, as_of).await?;
    tell_of_new_holders(&txn, links, organisation_id, &handed_over, as_of).await?;
    crate::service::leavers::end_access(&txn, organisation_id, &leavers).await?;
    audit::record(
        &txn,
        AuditEntry {
            organisation_id,
            actor_id: actor,
            action: "directory.import",
            subject_type: "organisation",
            subject_id: Some(organisation_id),
            detail: serde_json::json!({
                "asOf": as_of,
                "full": options.full,
                "rows": rows.len(),
                "starters": plan.changes.iter().filter(|c| c.starter).count(),
                "leavers": leavers.len(),
                "changed": plan.changes.iter().filter(|c| !c.starter && !c.leaver).count(),
                "newUnits": plan.new_units.len(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Creates the units the file names that do not exist yet, parents first;
/// every unit by its path.
async fn create_units(
    txn: &DatabaseTransaction,
    organisation_id: Uuid,
    directory: &Directory,
    plan: &Plan,
    rows: &[Row],
) -> AppResult<HashMap<Vec<String>, Uuid>> {
    let mut units = directory.units.clone();
    let teams: HashSet<&Vec<String>> = rows.iter().map(|r| &r.unit).collect();
    let mut new = Vec::with_capacity(plan.new_units.len());
    for path in &plan.new_units {
        let parent = match path.len() {
            0 | 1 => directory.top,
            n => units.get(&path[..n - 1]).copied().or(directory.top),
        };
        let id = Uuid::now_v7();
        units.insert(path.clone(), id);
        // The first level down is a division (its head may work in it);
        // below, a unit someone works in is their team.
        let level = if path.len() == 1 {
            "division"
        } else if teams.contains(path) {
            "team"
        } else {
            "service"
        };
        new.push(org_unit::ActiveModel {
            id: Set(id),
            organisation_id: Set(organisation_id),
            parent_id: Set(parent),
            name: Set(path.last().cloned().unwrap_or_default()),
            level: Set(level.to_owned()),
            opened_on: Set(None),
            closed_on: Set(None),
        });
    }
    for chunk in new.chunks(CHUNK) {
        org_unit::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(units)
}

/// Inserts starters and updates everyone whose details changed; the id of
/// every person in the file, by employee number.
// Long by design: a starter's row and a changed person's row side by side,
// so a column added to one is seen to be missing from the other.
async fn write_people(
    txn: &DatabaseTransaction,
    organisation_id: Uuid,
    rows: &[Row],
    directory: &Directory,
    units: &HashMap<Vec<String>, Uuid>,
    as_of: NaiveDate,
) -> AppResult<HashMap<String, Uuid>> {
    let mut ids: HashMap<String, Uuid> = directory
        .people
        .iter()
        .map(|(number, p)| (number.clone(), p.id))
        .collect();
    let mut starters = Vec::new();
    for row in rows {
        let leaves = row.leaves_by(as_of);
        let status = if leaves { LEAVER } else { ACTIVE };
        // Every path in the file has a unit by now (`create_units`).
        let Some(unit) = units.get(&row.unit).copied() else {
            continue;
        };
        match directory.people.get(&row.employee_number) {
            None if leaves => {}
            None => {
                let id = Uuid::now_v7();
                ids.insert(row.employee_number.clone(), id);
                starters.push(staff::ActiveModel {
                    id: Set(id),
                    organisation_id: Set(organisation_id),
                    name: Set(row.name.clone()),
                    email: Set(row.email.clone()),
                    employee_number: Set(row.employee_number.clone()),
                    job_title: Set(row.job_title.clone()),
                    profession: Set(row.profession.clone()),
                    org_unit_id: Set(unit),
                    start_date: Set(row.start_date),
                    leaving_date: Set(row.leaving_date),
                    status: Set(status.to_owned()),
                    newly_qualified: Set(row.newly_qualified),
                    probation: Set(row.probation),
                    oidc_subject: Set(None),
                    holds_caseload: Set(row.holds_caseload),
                    search_name: Set(search_form(&row.name)),
                    access_version: sea_orm::ActiveValue::NotSet,
                });
            }
            Some(person) => {
                let unchanged = person.name == row.name
                    && person.email == row.email
                    && person.job_title == row.job_title
                    && person.profession == row.profession
                    && person.org_unit_id == unit
                    && person.start_date == row.start_date
                    && person.leaving_date == row.leaving_date
                    && person.status == status
                    && person.newly_qualified == row.newly_qualified
                    && person.probation == row.probation
                    && person.holds_caseload == row.holds_caseload;
                if unchanged {
                    continue;
                }
                let mut changed: staff::ActiveModel = person.clone().into();
                changed.name = Set(row.name.clone());
                changed.search_name = Set(search_form(&row.name));
                changed.email = Set(row.email.clone());
                changed.job_title = Set(row.job_title.clone());
                changed.profession = Set(row.profession.clone());
                changed.org_unit_id = Set(unit);
                changed.start_date = Set(row.start_date);
                changed.leaving_date = Set(row.leaving_date);
                changed.status = Set(status.to_owned());
                changed.newly_qualified = Set(row.newly_qualified);
                changed.probation = Set(row.probation);
                changed.holds_caseload = Set(row.holds_caseload);
                changed.update(txn).await?;
            }
        }
    }
    for chunk in starters.chunks(CHUNK) {
        staff::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(ids)
}

/// Ends each changed line-management and clinical-supervision allocation
/// the day before `as_of` and starts the new one on it (a starter's from
/// their first day).
async fn set_managers(
    txn: &DatabaseTransaction,
    organisation_id: Uuid,
    rows: &[Row],
    directory: &Directory,
    ids: &HashMap<String, Uuid>,
    as_of: NaiveDate,
) -> AppResult<Vec<(Uuid, Relationship, Uuid)>> {
    let day_before = as_of.checked_sub_days(Days::new(1)).unwrap_or(as_of);
    let mut new = Vec::new();
    let mut handed_over = Vec::new();
    for row in rows.iter().filter(|r| !r.leaves_by(as_of)) {
        let Some(&person) = ids.get(&row.employee_number) else {
            continue;
        };
        let starter = !directory.people.contains_key(&row.employee_number);
        for (relationship, wanted) in [
            (Relationship::LineManager, &row.line_manager),
            (Relationship::ClinicalSupervisor, &row.clinical_supervisor),
        ] {
            let wanted = wanted.as_deref().and_then(|n| ids.get(n)).copied();
            let current = directory.managers.get(&(person, relationship)).copied();
            if wanted == current {
                continue;
            }
            if current.is_some() {
                allocation::Entity::update_many()
                    .col_expr(allocation::Column::EffectiveTo, Expr::value(day_before))
                    .filter(allocation::Column::OrganisationId.eq(organisation_id))
                    .filter(allocation::Column::StaffId.eq(person))
                    .filter(allocation::Column::Relationship.eq(relationship.as_str()))
                    // The open one, even if it starts later (a starter's).
                    .filter(allocation::Column::EffectiveTo.is_null())
                    .exec(txn)
                    .await?;
            }
            if let Some(manager) = wanted {
                // A starter's first manager is news to nobody; a change is.
                if !starter {
                    handed_over.push((person, relationship, manager));
                }
                new.push(allocation::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    organisation_id: Set(organisation_id),
                    staff_id: Set(person),
                    relationship: Set(relationship.as_str().to_owned()),
                    allocated_to_id: Set(manager),
                    effective_from: Set(if starter { row.start_date } else { as_of }),
                    effective_to: Set(None),
                });
            }
        }
    }
    for chunk in new.chunks(CHUNK) {
        allocation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(handed_over)
}

/// Tells each person whose line manager or clinical supervisor the import
/// changed who holds their file now, in the import's transaction (the
/// outbox sends it once it commits).
async fn tell_of_new_holders(
    txn: &DatabaseTransaction,
    links: &Links,
    organisation_id: Uuid,
    handed_over: &[(Uuid, Relationship, Uuid)],
    as_of: NaiveDate,
) -> AppResult<()> {
    let involved: HashSet<Uuid> = handed_over
        .iter()
        .flat_map(|(person, _, holder)| [*person, *holder])
        .collect();
    let mut people: HashMap<Uuid, staff::Model> = HashMap::new();
    let involved: Vec<Uuid> = involved.into_iter().collect();
    for chunk in involved.chunks(CHUNK) {
        for person in staff::Entity::find()
            .filter(staff::Column::OrganisationId.eq(organisation_id))
            .filter(staff::Column::Id.is_in(chunk.iter().copied()))
            .all(txn)
            .await?
        {
            people.insert(person.id, person);
        }
    }
    let mails = handed_over
        .iter()
        .filter_map(|(person, relationship, holder)| {
            let (person, holder) = (people.get(person)?, people.get(holder)?);
            let label = relationship.label().to_lowercase();
            Some(notify::new_supervisor(
                links,
                person,
                &label,
                &holder.name,
                as_of,
            ))
        })
        .collect();
    outbox::enqueue(txn, mails).await
}
