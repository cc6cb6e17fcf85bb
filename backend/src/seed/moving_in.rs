//! The demo organisations move in the way a real one does, so that the demo
//! proves those paths every time it is made: each is set up as
//! `set-up-organisation` sets one up (its policy rules, top unit and first
//! system administrator), then its people, units, line managers and
//! clinical supervisors are loaded from an HR export through the import, a
//! dry run first and then applied. What no export carries (roles other than
//! the first administrator's, and the history of supervision) is written
//! afterwards against the ids the import gave.

use std::collections::HashMap;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use supervision_shared::Role;
use uuid::Uuid;

use super::Demo;
use crate::entity::{allocation, org_unit, outbox_message, staff};
use crate::service::directory::{ACTIVE, Relationship};
use crate::service::hr_import::{self, ImportOptions};
use crate::service::notify::Links;
use crate::service::organisation::{self, NewOrganisation, NewPerson, SignInSettings};

/// The demo's ids and the ones its organisations were given on moving in.
#[derive(Debug, Default)]
pub(super) struct Moved {
    pub organisations: HashMap<Uuid, Uuid>,
    pub staff: HashMap<Uuid, Uuid>,
    pub units: HashMap<Uuid, Uuid>,
    /// The first administrators, whose role set-up granted.
    pub administrators: Vec<Uuid>,
}

const HEADER: [&str; 13] = [
    "Employee Number",
    "Full Name",
    "Work Email",
    "Job Title",
    "Staff Group",
    "Organisation",
    "Start Date",
    "Leaving Date",
    "Line Manager Employee Number",
    "Clinical Supervisor Employee Number",
    "Newly Qualified",
    "Probation",
    "Holds Caseload",
];

/// Sets each demo organisation up and imports its people.
pub(super) async fn move_in(
    db: &DatabaseConnection,
    demo: &Demo,
    today: NaiveDate,
) -> anyhow::Result<Moved> {
    let mut moved = Moved::default();
    // Nobody is told of a starter's first supervisor, so nothing is sent.
    let links = Links {
        public_url: "http://127.0.0.1".into(),
    };
    for org in &demo.organisations {
        let admin = demo
            .roles
            .iter()
            .filter(|r| r.organisation_id == org.id && r.role == Role::SystemAdmin)
            .find_map(|r| demo.staff.iter().find(|s| s.id == r.staff_id))
            .with_context(|| format!("{} has no system administrator", org.name))?;
        let set_up = organisation::set_up(
            db,
            NewOrganisation {
                name: org.name.clone(),
                time_zone: Some(org.time_zone.clone()),
                administrator: NewPerson {
                    name: admin.name.clone(),
                    email: admin.email.clone(),
                    employee_number: admin.employee_number.clone(),
                },
                sign_in: SignInSettings::default(),
            },
            today,
        )
        .await
        .map_err(|e| anyhow::anyhow!("setting up {}: {e:?}", org.name))?;
        moved.organisations.insert(org.id, set_up.organisation_id);
        moved.administrators.push(admin.id);
        for plan in demo
            .schedules
            .iter()
            .filter(|(id, _)| *id == org.id)
            .flat_map(|(_, plans)| plans)
        {
            crate::service::compliance::schedule::write(db, set_up.organisation_id, plan)
                .await
                .map_err(|e| anyhow::anyhow!("schedules of {}: {e:?}", org.name))?;
        }
        for rule in demo.rules.iter().filter(|r| r.organisation_id == org.id) {
            crate::entity::policy_rule::ActiveModel::from(crate::entity::policy_rule::Model {
                organisation_id: set_up.organisation_id,
                ..rule.clone()
            })
            .insert(db)
            .await?;
        }

        // Month by month, as HR would send it: the directory as it was
        // before the first leaver left, then as at the day after each
        // leaving (leavers leave, their people pass to someone else), then
        // today's.
        let mut days: Vec<NaiveDate> = demo
            .staff
            .iter()
            .filter(|s| s.organisation_id == org.id && s.status != ACTIVE)
            .filter_map(|s| s.leaving_date)
            .flat_map(|left| {
                [
                    left.pred_opt().unwrap_or(left),
                    left.succ_opt().unwrap_or(left),
                ]
            })
            .filter(|day| *day <= today)
            .collect();
        days.push(today);
        days.sort();
        days.dedup();
        for day in days {
            let csv = export(demo, org.id, day)?;
            for dry_run in [true, false] {
                let options = ImportOptions {
                    dry_run,
                    full: true,
                    as_of: day,
                    mapping: Vec::new(),
                };
                let report =
                    hr_import::run(db, &links, set_up.organisation_id, None, &csv, &options)
                        .await
                        .map_err(|e| anyhow::anyhow!("importing {}: {e:?}", org.name))?;
                if !report.errors.is_empty() {
                    bail!(
                        "the demo export of {} as at {day} has errors: {:?}",
                        org.name,
                        report.errors
                    );
                }
            }
        }

        // The emails those months wrote (who holds whose file) went out at
        // the time: the demo's queue starts empty.
        outbox_message::Entity::delete_many()
            .filter(outbox_message::Column::OrganisationId.eq(set_up.organisation_id))
            .exec(db)
            .await?;

        let by_number: HashMap<String, Uuid> = staff::Entity::find()
            .filter(staff::Column::OrganisationId.eq(set_up.organisation_id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.employee_number, s.id))
            .collect();
        for person in demo.staff.iter().filter(|s| s.organisation_id == org.id) {
            let id = by_number
                .get(&person.employee_number)
                .with_context(|| format!("{} was not imported", person.name))?;
            moved.staff.insert(person.id, *id);
        }
        let imported = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(set_up.organisation_id))
            .all(db)
            .await?;
        let imported_paths: HashMap<String, Uuid> = imported
            .iter()
            .filter(|u| u.id != set_up.top_unit_id)
            .map(|u| (path(&imported, u.id, Some(set_up.top_unit_id)), u.id))
            .collect();
        for unit in demo.units.iter().filter(|u| u.organisation_id == org.id) {
            if let Some(id) = imported_paths.get(&path(&demo.units, unit.id, None)) {
                moved.units.insert(unit.id, *id);
            }
        }
    }
    Ok(moved)
}

/// A unit's names from the top down, stopping below `top`.
fn path(units: &[org_unit::Model], id: Uuid, top: Option<Uuid>) -> String {
    let mut names = Vec::new();
    let mut current = Some(id);
    // A tree deeper than this is a data error (or a loop).
    for _ in 0..16 {
        let Some(unit) = current
            .filter(|c| Some(*c) != top)
            .and_then(|c| units.iter().find(|u| u.id == c))
        else {
            break;
        };
        names.push(unit.name.as_str());
        current = unit.parent_id;
    }
    names.reverse();
    names.join(" / ")
}

/// The organisation's staff as its HR system would export them on `day`:
/// everyone who has a row (starters to come included), a leaving date once
/// it has come, and each person's managers as they were that day (or, for
/// someone yet to start, on their first day).
fn export(demo: &Demo, organisation_id: Uuid, day: NaiveDate) -> anyhow::Result<Vec<u8>> {
    let number: HashMap<Uuid, &str> = demo
        .staff
        .iter()
        .map(|s| (s.id, s.employee_number.as_str()))
        .collect();
    let holder = |person: &staff::Model, relationship: Relationship| {
        let on = day.max(person.start_date);
        demo.allocations
            .iter()
            .filter(|a: &&allocation::Model| {
                a.staff_id == person.id && a.relationship == relationship.as_str()
            })
            .find(|a| a.effective_from <= on && a.effective_to.is_none_or(|to| to >= on))
            .and_then(|a| number.get(&a.allocated_to_id))
            .map(|n| (*n).to_owned())
            .unwrap_or_default()
    };
    let yes = |flag: bool| if flag { "Y" } else { "N" };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for person in demo
        .staff
        .iter()
        .filter(|s| s.organisation_id == organisation_id)
    {
        let left = person
            .leaving_date
            .filter(|left| *left <= day)
            .map(|d| d.to_string())
            .unwrap_or_default();
        writer.write_record([
            person.employee_number.clone(),
            person.name.clone(),
            person.email.clone(),
            person.job_title.clone(),
            person.profession.clone(),
            path(&demo.units, person.org_unit_id, None),
            person.start_date.to_string(),
            left,
            holder(person, Relationship::LineManager),
            holder(person, Relationship::ClinicalSupervisor),
            yes(person.newly_qualified).to_owned(),
            yes(person.probation).to_owned(),
            yes(person.holds_caseload).to_owned(),
        ])?;
    }
    Ok(writer.into_inner()?)
}
