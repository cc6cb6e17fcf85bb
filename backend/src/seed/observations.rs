//! Observations of supervisors' practice in the demo (F8.3), written once
//! the directory and allocations are in: most supervisors were observed by
//! their line manager within the last year, some longer ago (overdue), a
//! few never. The featured people of the README's walk-through never were,
//! so Helen Carter finds observation of Priya Shah's practice overdue.

use std::collections::{BTreeMap, HashSet};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::insert_batched;
use crate::entity::{allocation, practice_observation, staff};
use crate::service::directory::allocation_current_on;

const STRENGTHS: [&str; 4] = [
    "Agreed the agenda at the start and kept to time; used the reflective cycle on each case.",
    "Warm and boundaried; invited the supervisee's own analysis before offering a view.",
    "Checked on wellbeing early and returned to it; actions were specific and dated.",
    "Brought research into the discussion of risk without taking the case over.",
];

const TO_DEVELOP: [&str; 4] = [
    "Leave more time for analysis before agreeing actions.",
    "Record the supervisee's own view of the plan, in their words.",
    "Follow up last session's actions at the start, not the end.",
    "Use more open questions when the supervisee is stuck.",
];

/// Writes the demo's observations.
pub async fn seed_observations(txn: &DatabaseTransaction, today: NaiveDate) -> anyhow::Result<()> {
    let current: Vec<(Uuid, Uuid, Uuid, String)> = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::OrganisationId)
        .column(allocation::Column::StaffId)
        .column(allocation::Column::AllocatedToId)
        .column(allocation::Column::Relationship)
        .filter(allocation_current_on(today))
        .into_tuple()
        .all(txn)
        .await?;
    let supervisors: HashSet<Uuid> = current.iter().map(|(_, _, to, _)| *to).collect();
    // Each supervisor's line manager observes them; in order, so the demo
    // is the same every time.
    let observers: BTreeMap<Uuid, (Uuid, Uuid)> = current
        .iter()
        .filter(|(_, person, _, relationship)| {
            relationship == "line_manager" && supervisors.contains(person)
        })
        .map(|(org, person, manager, _)| (*person, (*org, *manager)))
        .collect();
    let featured: HashSet<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::Email.is_in(super::FEATURED_EMAILS.iter().copied()))
        .into_tuple()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<practice_observation::Model> = observers
        .into_iter()
        .filter(|(supervisor, _)| !featured.contains(supervisor))
        .enumerate()
        .filter_map(|(i, (supervisor, (organisation_id, observer)))| {
            // Of every 20: 13 within the year, 4 overdue, 3 never observed.
            let days_ago = match i % 20 {
                n @ 0..13 => 15 + (n as u64 * 23) % 330,
                n @ 13..17 => 380 + (n as u64 * 31) % 150,
                _ => return None,
            };
            let observed_on = today.checked_sub_days(Days::new(days_ago))?;
            let signed = Utc
                .from_utc_datetime(&observed_on.and_hms_opt(16, 0, 0)?)
                .checked_add_days(Days::new(3))?;
            Some(practice_observation::Model {
                id: Uuid::now_v7(),
                organisation_id,
                supervisor_id: supervisor,
                observer_id: observer,
                observed_on,
                strengths: STRENGTHS[i % STRENGTHS.len()].to_owned(),
                development_points: TO_DEVELOP[(i / 2) % TO_DEVELOP.len()].to_owned(),
                observer_signed_at: signed,
                supervisor_signed_at: Some(signed),
                supervisor_comment: String::new(),
            })
        })
        .collect();
    insert_batched::<practice_observation::Entity, _>(txn, &rows).await
}
