//! Retention (F7.7): supervision records of people who left more than N years
//! ago are purged; a legal hold on the person or on a record stops it. The
//! plan is always computed and reported first; applying it is a separate,
//! audited step.

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{
    action_update, attachment, formal_attendance, legal_hold, record_draft, staff,
    supervision_action, supervision_attendee, supervision_comment,
};
use crate::error::AppResult;
use crate::service::attachment::{AttachmentStore, keys_of_records};
use crate::service::audit::{self, AuditEntry};

/// One leaver whose records are due for purging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaver {
    /// Staff id.
    pub staff_id: Uuid,
    /// Their organisation.
    pub organisation_id: Uuid,
    /// Name, for the report.
    pub name: String,
    /// When they left.
    pub left_on: NaiveDate,
}

/// What a purge would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionPlan {
    /// People who left before this date are due.
    pub cutoff: Option<NaiveDate>,
    /// Leavers whose records go.
    pub leavers: Vec<Leaver>,
    /// Leavers past the cutoff kept by a legal hold.
    pub held: Vec<Leaver>,
    /// Records removed entirely (every supervisee on them is purged).
    pub whole_records: Vec<Uuid>,
    /// Records that stay for other supervisees; only the leaver's place goes.
    pub attendances: Vec<(Uuid, Uuid)>,
}

/// How many years records are kept after their person leaves (the
/// deployment's setting), for the dry run HR reads.
#[derive(Debug, Clone, Copy)]
pub struct RetentionYears(pub u32);

/// Computes the plan at the instant `now` for records kept `years` after
/// leaving, each organisation's cut-off taken from its own today.
pub async fn plan(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    years: u32,
) -> AppResult<RetentionPlan> {
    plan_within(db, now, years, None).await
}

/// The plan for the viewer's organisation alone, as the next purge would
/// carry it out: a dry run for HR and system administrators to check
/// (F7.7). Nothing is changed; reading it is audited.
pub async fn dry_run(
    db: &DatabaseConnection,
    viewer: &crate::auth::Viewer,
    now: chrono::DateTime<chrono::Utc>,
    years: u32,
) -> AppResult<RetentionPlan> {
    use supervision_shared::Role;
    crate::service::access::require_any_role(viewer, &[Role::HrAdmin, Role::SystemAdmin])?;
    let plan = plan_within(db, now, years, Some(viewer.organisation_id)).await?;
    audit::record_now(
        db,
        AuditEntry::by(
            viewer,
            "retention.dry_run",
            "organisation",
            viewer.organisation_id,
            serde_json::json!({ "purge": plan.leavers.len(), "held": plan.held.len() }),
        ),
    )
    .await?;
    Ok(plan)
}

/// The plan, for every organisation or (`only`) one.
async fn plan_within(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    years: u32,
    only: Option<Uuid>,
) -> AppResult<RetentionPlan> {
    let mut cutoffs = cutoffs(db, now, years).await?;
    if let Some(organisation) = only {
        cutoffs.retain(|id, _| *id == organisation);
    }
    // The latest of them, for the query and the report; each leaver is then
    // held to their own organisation's.
    let Some(cutoff) = cutoffs.values().max().copied() else {
        return Ok(RetentionPlan::default());
    };
    let past: Vec<staff::Model> = staff::Entity::find()
        .filter(staff::Column::Status.eq("leaver"))
        .filter(staff::Column::LeavingDate.lt(cutoff))
        .all(db)
        .await?
        .into_iter()
        .filter(|person| {
            person.leaving_date.is_some_and(|left| {
                cutoffs
                    .get(&person.organisation_id)
                    .is_some_and(|own| left < *own)
            })
        })
        .collect();
    let holds = legal_hold::Entity::find()
        .filter(legal_hold::Column::ReleasedAt.is_null())
        .all(db)
        .await?;
    let held_people: HashSet<Uuid> = holds.iter().filter_map(|h| h.staff_id).collect();
    let held_records: HashSet<Uuid> = holds.iter().filter_map(|h| h.supervision_id).collect();

    let mut result = RetentionPlan {
        cutoff: Some(cutoff),
        ..RetentionPlan::default()
    };
    for person in past {
        let leaver = Leaver {
            staff_id: person.id,
            organisation_id: person.organisation_id,
            name: person.name,
            left_on: person.leaving_date.unwrap_or(cutoff),
        };
        if held_people.contains(&leaver.staff_id) {
            result.held.push(leaver);
        } else {
            result.leavers.push(leaver);
        }
    }
    let purged: HashSet<Uuid> = result.leavers.iter().map(|l| l.staff_id).collect();
    for (record, supervisees) in supervisees_of_records_of(db, &purged).await? {
        if held_records.contains(&record) || supervisees.iter().any(|s| held_people.contains(s)) {
            continue;
        }
        if supervisees.iter().all(|s| purged.contains(s)) {
            result.whole_records.push(record);
        } else {
            for s in supervisees.into_iter().filter(|s| purged.contains(s)) {
                result.attendances.push((record, s));
            }
        }
    }
    result.whole_records.sort_unstable();
    result.attendances.sort_unstable();
    Ok(result)
}

/// Deletes these people's places on booked sessions, the sessions they
/// booked, and any session left with nobody on it.
async fn forget_bookings(
    txn: &sea_orm::DatabaseTransaction,
    organisations: &[Uuid],
    people: &[Uuid],
) -> AppResult<()> {
    use crate::entity::{session_booking, session_booking_attendee};
    use sea_orm::sea_query::Query;
    for chunk in people.chunks(500) {
        let ids = || chunk.iter().copied();
        session_booking_attendee::Entity::delete_many()
            .filter(
                sea_orm::Condition::any()
                    .add(session_booking_attendee::Column::StaffId.is_in(ids()))
                    .add(
                        session_booking_attendee::Column::BookingId.in_subquery(
                            Query::select()
                                .column(session_booking::Column::Id)
                                .from(session_booking::Entity)
                                .and_where(session_booking::Column::OrganiserId.is_in(ids()))
                                .to_owned(),
                        ),
                    ),
            )
            .exec(txn)
            .await?;
    }
    session_booking::Entity::delete_many()
        .filter(session_booking::Column::OrganisationId.is_in(organisations.iter().copied()))
        .filter(
            session_booking::Column::Id.not_in_subquery(
                Query::select()
                    .column(session_booking_attendee::Column::BookingId)
                    .from(session_booking_attendee::Entity)
                    .to_owned(),
            ),
        )
        .exec(txn)
        .await?;
    Ok(())
}

/// Each organisation's cut-off: its own today, `years` back.
async fn cutoffs(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    years: u32,
) -> AppResult<HashMap<Uuid, NaiveDate>> {
    use crate::service::clock;
    Ok(clock::zones(db)
        .await?
        .into_iter()
        .map(|(organisation_id, zone)| {
            let today = clock::today_in(zone, now);
            let cutoff = today
                .checked_sub_months(Months::new(years * 12))
                .unwrap_or(today);
            (organisation_id, cutoff)
        })
        .collect())
}

/// The records these people are supervisees on, each with all of its
/// supervisees (so a group record can be kept for the others).
async fn supervisees_of_records_of(
    db: &DatabaseConnection,
    people: &HashSet<Uuid>,
) -> AppResult<HashMap<Uuid, Vec<Uuid>>> {
    let mut everyone: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    if people.is_empty() {
        return Ok(everyone);
    }
    let theirs = supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::SuperviseeId.is_in(people.iter().copied()))
        .all(db)
        .await?;
    let record_ids: HashSet<Uuid> = theirs.iter().map(|a| a.supervision_id).collect();
    for row in supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::SupervisionId.is_in(record_ids.iter().copied()))
        .all(db)
        .await?
    {
        everyone
            .entry(row.supervision_id)
            .or_default()
            .push(row.supervisee_id);
    }
    Ok(everyone)
}

/// Carries out a plan in one transaction and audits it per organisation.
pub async fn apply(
    db: &DatabaseConnection,
    attachments: &AttachmentStore,
    plan: &RetentionPlan,
) -> AppResult<()> {
    // Every record purged is a leaver's, so their organisations are all the
    // ones written to.
    let organisations: Vec<Uuid> = plan.leavers.iter().map(|l| l.organisation_id).collect();
    let txn = crate::db::begin_for(db, &organisations).await?;
    // The bytes of attachments go once the rows that reach them are gone.
    let mut discarded = keys_of_records(&txn, &plan.whole_records).await?;
    crate::service::record_parts::delete_records(&txn, &plan.whole_records).await?;
    for &(record, person) in &plan.attendances {
        discarded.extend(remove_attendance(&txn, record, person).await?);
    }
    // A leaver's unfinished drafts go with them, and so do their wellbeing
    // records, their supervision agreements (part of their supervision
    // record, as York's guidance says) and the dates of their absences.
    let leavers = || plan.leavers.iter().map(|l| l.staff_id);
    record_draft::Entity::delete_many()
        .filter(record_draft::Column::AuthorId.is_in(leavers()))
        .exec(&txn)
        .await?;
    crate::entity::wellbeing_plan::Entity::delete_many()
        .filter(crate::entity::wellbeing_plan::Column::StaffId.is_in(leavers()))
        .exec(&txn)
        .await?;
    crate::entity::agreement::Entity::delete_many()
        .filter(crate::entity::agreement::Column::SuperviseeId.is_in(leavers()))
        .exec(&txn)
        .await?;
    crate::entity::staff_absence::Entity::delete_many()
        .filter(crate::entity::staff_absence::Column::StaffId.is_in(leavers()))
        .exec(&txn)
        .await?;
    // Observations of a leaver's practice are part of their development
    // record; an observation a leaver wrote of someone still here stays
    // with that person.
    crate::entity::practice_observation::Entity::delete_many()
        .filter(crate::entity::practice_observation::Column::SupervisorId.is_in(leavers()))
        .exec(&txn)
        .await?;
    // Their appraisal objectives are part of their development record,
    // with the links records that stay for others had to them.
    let objectives: Vec<Uuid> = crate::entity::appraisal_objective::Entity::find()
        .filter(crate::entity::appraisal_objective::Column::StaffId.is_in(leavers()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    for chunk in objectives.chunks(500) {
        crate::entity::supervision_objective::Entity::delete_many()
            .filter(
                crate::entity::supervision_objective::Column::ObjectiveId
                    .is_in(chunk.iter().copied()),
            )
            .exec(&txn)
            .await?;
    }
    crate::entity::appraisal_objective::Entity::delete_many()
        .filter(crate::entity::appraisal_objective::Column::StaffId.is_in(leavers()))
        .exec(&txn)
        .await?;
    // The sessions booked with them, or by them, go: a booking is about
    // who met whom and when, and nothing is left to say once they have.
    forget_bookings(&txn, &organisations, &leavers().collect::<Vec<_>>()).await?;
    // That they were asked to answer a questionnaire goes too; their
    // answers were never theirs by name and stay in the totals.
    crate::entity::questionnaire_invitation::Entity::delete_many()
        .filter(crate::entity::questionnaire_invitation::Column::StaffId.is_in(leavers()))
        .exec(&txn)
        .await?;
    let mut by_organisation: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for leaver in &plan.leavers {
        by_organisation
            .entry(leaver.organisation_id)
            .or_default()
            .push(leaver.staff_id);
    }
    for (organisation_id, people) in by_organisation {
        // Their sessions went: so did their last dates.
        crate::service::compliance::attendance::refresh_latest(&txn, organisation_id, &people)
            .await?;
        audit::record(
            &txn,
            AuditEntry {
                organisation_id,
                actor_id: None,
                action: "retention.purge",
                subject_type: "organisation",
                subject_id: Some(organisation_id),
                detail: serde_json::json!({
                    "cutoff": plan.cutoff,
                    "people": people,
                    "whole_records": plan.whole_records.len(),
                    "attendances": plan.attendances.len(),
                    "at": Utc::now(),
                }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    attachments.discard(&discarded).await;
    Ok(())
}

/// Takes a leaver off a group record that stays for the others: their
/// attendance, their own words, files and actions go. The keys of their
/// files, for discarding once this commits.
async fn remove_attendance(
    txn: &sea_orm::DatabaseTransaction,
    record: Uuid,
    person: Uuid,
) -> AppResult<Vec<String>> {
    let theirs = attachment::Entity::find()
        .filter(attachment::Column::SupervisionId.eq(record))
        .filter(attachment::Column::UploadedBy.eq(person))
        .all(txn)
        .await?;
    attachment::Entity::delete_many()
        .filter(attachment::Column::SupervisionId.eq(record))
        .filter(attachment::Column::UploadedBy.eq(person))
        .exec(txn)
        .await?;
    action_update::Entity::delete_many()
        .filter(
            action_update::Column::ActionId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(supervision_action::Column::Id)
                    .from(supervision_action::Entity)
                    .and_where(supervision_action::Column::SupervisionId.eq(record))
                    .and_where(supervision_action::Column::OwnerId.eq(person))
                    .to_owned(),
            ),
        )
        .exec(txn)
        .await?;
    supervision_comment::Entity::delete_many()
        .filter(supervision_comment::Column::SupervisionId.eq(record))
        .filter(supervision_comment::Column::AuthorId.eq(person))
        .exec(txn)
        .await?;
    // Their comment on an earlier version is kept in that version's copy.
    crate::service::amendment::forget_supervisee_in_versions(txn, record, person).await?;
    supervision_action::Entity::delete_many()
        .filter(supervision_action::Column::SupervisionId.eq(record))
        .filter(supervision_action::Column::OwnerId.eq(person))
        .exec(txn)
        .await?;
    formal_attendance::Entity::delete_many()
        .filter(formal_attendance::Column::SupervisionId.eq(record))
        .filter(formal_attendance::Column::SuperviseeId.eq(person))
        .exec(txn)
        .await?;
    supervision_attendee::Entity::delete_many()
        .filter(supervision_attendee::Column::SupervisionId.eq(record))
        .filter(supervision_attendee::Column::SuperviseeId.eq(person))
        .exec(txn)
        .await?;
    Ok(theirs.into_iter().map(|a| a.object_key).collect())
}

/// The plan as a report a person can check before applying it.
pub fn report(plan: &RetentionPlan) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    let cutoff = plan.cutoff.map(|c| c.to_string()).unwrap_or_default();
    let _ = writeln!(
        text,
        "Retention: records of people who left before {cutoff}"
    );
    for leaver in &plan.leavers {
        let _ = writeln!(text, "  purge   {} (left {})", leaver.name, leaver.left_on);
    }
    for leaver in &plan.held {
        let _ = writeln!(
            text,
            "  keep    {} (left {}): legal hold",
            leaver.name, leaver.left_on
        );
    }
    let _ = writeln!(
        text,
        "{} whole records and {} places on shared records would be removed.",
        plan.whole_records.len(),
        plan.attendances.len()
    );
    text
}

/// Places a legal hold on a person's file or one record: HR and system
/// administrators only. Audited.
pub async fn place_hold(
    db: &DatabaseConnection,
    viewer: &crate::auth::Viewer,
    staff_id: Option<Uuid>,
    supervision_id: Option<Uuid>,
    reason: &str,
) -> AppResult<legal_hold::Model> {
    use crate::error::AppError;
    use supervision_shared::Role;
    crate::service::access::require_any_role(viewer, &[Role::HrAdmin, Role::SystemAdmin])?;
    if staff_id.is_some() == supervision_id.is_some() {
        return Err(AppError::invalid(
            "staffId",
            "Hold either one person's file or one record.",
        ));
    }
    supervision_shared::access::validate_reason(reason)
        .map_err(|e| AppError::Validation(vec![e]))?;
    if let Some(id) = staff_id {
        crate::service::directory::staff_in_organisation(db, viewer.organisation_id, id).await?;
    }
    if let Some(id) = supervision_id {
        crate::service::access::record_in_organisation(db, viewer.organisation_id, id).await?;
    }
    let hold = legal_hold::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        staff_id,
        supervision_id,
        reason: reason.trim().to_owned(),
        placed_by: viewer.staff_id,
        placed_at: Utc::now(),
        released_at: None,
    };
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    legal_hold::Entity::insert(legal_hold::ActiveModel::from(hold.clone()))
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry {
            organisation_id: viewer.organisation_id,
            actor_id: Some(viewer.staff_id),
            action: "legal_hold.place",
            subject_type: if staff_id.is_some() {
                "staff"
            } else {
                "supervision"
            },
            subject_id: staff_id.or(supervision_id),
            detail: serde_json::json!({ "hold": hold.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(hold)
}

/// The legal holds in force in the viewer's organisation, newest first: HR
/// and system administrators only.
pub async fn holds(
    db: &DatabaseConnection,
    viewer: &crate::auth::Viewer,
) -> AppResult<Vec<legal_hold::Model>> {
    use sea_orm::QueryOrder;
    use supervision_shared::Role;
    crate::service::access::require_any_role(viewer, &[Role::HrAdmin, Role::SystemAdmin])?;
    Ok(legal_hold::Entity::find()
        .filter(legal_hold::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(legal_hold::Column::ReleasedAt.is_null())
        .order_by_desc(legal_hold::Column::PlacedAt)
        .all(db)
        .await?)
}

/// Releases a legal hold. Audited.
pub async fn release_hold(
    db: &DatabaseConnection,
    viewer: &crate::auth::Viewer,
    hold_id: Uuid,
) -> AppResult<()> {
    use crate::error::AppError;
    use sea_orm::sea_query::Expr;
    use supervision_shared::Role;
    crate::service::access::require_any_role(viewer, &[Role::HrAdmin, Role::SystemAdmin])?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let released = legal_hold::Entity::update_many()
        .col_expr(legal_hold::Column::ReleasedAt, Expr::value(Utc::now()))
        .filter(legal_hold::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(legal_hold::Column::Id.eq(hold_id))
        .filter(legal_hold::Column::ReleasedAt.is_null())
        .exec(&txn)
        .await?;
    if released.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "legal_hold.release",
            "legal_hold",
            hold_id,
            serde_json::json!({}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
