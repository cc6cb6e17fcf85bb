//! Booking the next session (F9.3). A supervisor books it for one or many
//! supervisees; everyone on it is emailed a calendar invitation through the
//! outbox, written in the same transaction as the booking, so nothing is
//! lost while the mail server is down. Moving it sends an update with the
//! same UID and a higher SEQUENCE; calling it off sends a cancellation. A
//! record held on the booked day by its organiser with one of its
//! supervisees is that session; a booked session that passes without one
//! asks the organiser whether it happened.

pub mod figures;
mod invitation;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use supervision_shared::FieldError;
use supervision_shared::booking::{
    BookingDraft, BookingStatus, CalledOffBy, CheckedTime, SessionTime, check_booking, check_time,
};
use uuid::Uuid;

pub use invitation::local_words;

use crate::auth::Viewer;
use crate::entity::{session_booking, session_booking_attendee, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::{BookingAccess, booking_access};
use crate::service::audit::{self, AuditEntry};
use crate::service::notify::Links;
use crate::service::outbox;
use invitation::Occasion;

/// A booking and its supervisees.
#[derive(Debug, Clone)]
pub struct Booking {
    /// The booking.
    pub row: session_booking::Model,
    /// Its supervisees.
    pub supervisee_ids: Vec<Uuid>,
    /// How the viewer stands towards it.
    pub access: BookingAccess,
}

/// Books a session and invites everyone on it.
pub async fn book(
    db: &DatabaseConnection,
    viewer: &Viewer,
    links: &Links,
    draft: &BookingDraft,
) -> AppResult<Booking> {
    let today = viewer.today();
    let checked = check_booking(draft, viewer.staff_id, today);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    let current =
        crate::service::directory::current_among(db, viewer.organisation_id, &draft.supervisee_ids)
            .await?;
    errors.extend(
        draft
            .supervisee_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !current.contains(id))
            .map(|(i, _)| {
                FieldError::new(
                    format!("superviseeIds[{i}]"),
                    "No current member of staff has this id.",
                )
            }),
    );
    let time = match checked {
        Ok(time) if errors.is_empty() => time,
        _ => return Err(AppError::Validation(errors)),
    };
    let (starts_at, ends_at) =
        instants(viewer.time_zone, &time).map_err(|e| under("time.", vec![e]))?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let booking = insert(
        &txn,
        viewer,
        &time,
        starts_at,
        ends_at,
        &draft.supervisee_ids,
    )
    .await?;
    invite(&txn, viewer, links, &booking, Occasion::Booked).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "booking.create",
            "session_booking",
            booking.row.id,
            serde_json::json!({ "supervisees": draft.supervisee_ids.len() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(booking)
}

/// Moves a booked session to another time or place; everyone is sent the
/// update. For its organiser, before it has happened.
pub async fn move_to(
    db: &DatabaseConnection,
    viewer: &Viewer,
    links: &Links,
    id: Uuid,
    time: &SessionTime,
) -> AppResult<Booking> {
    let mut booking = organised(db, viewer, id).await?;
    still_booked(&booking.row)?;
    let (time, (starts_at, ends_at)) = read_time(viewer, time, "")?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = session_booking::ActiveModel {
        id: Set(id),
        starts_on: Set(time.starts_on),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        place: Set(time.place.clone()),
        video_link: Set(time.video_link.clone()),
        sequence: Set(booking.row.sequence + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    booking.row = row;
    invite(&txn, viewer, links, &booking, Occasion::Moved).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "booking.move",
            "session_booking",
            id,
            serde_json::json!({ "sequence": booking.row.sequence }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(booking)
}

/// Calls a session off and says who did: before it starts, a cancellation
/// (everyone is sent one); once it has passed, a session that did not
/// happen. With a new time, it is rearranged: a new booking is made for
/// the same people and invitations sent. Returns the new booking if there
/// is one, else the one called off.
pub async fn call_off(
    db: &DatabaseConnection,
    viewer: &Viewer,
    links: &Links,
    id: Uuid,
    by: CalledOffBy,
    rearrange_to: Option<&SessionTime>,
) -> AppResult<Booking> {
    let mut booking = organised(db, viewer, id).await?;
    still_booked(&booking.row)?;
    let rearranged = match rearrange_to {
        Some(time) => Some(read_time(viewer, time, "rearrangeTo.")?),
        None => None,
    };
    let now = Utc::now();
    let before_it_started = booking.row.starts_at > now;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let replacement = match &rearranged {
        Some((time, (starts_at, ends_at))) => Some(
            insert(
                &txn,
                viewer,
                time,
                *starts_at,
                *ends_at,
                &booking.supervisee_ids,
            )
            .await?,
        ),
        None => None,
    };
    booking.row = session_booking::ActiveModel {
        id: Set(id),
        status: Set(if before_it_started {
            BookingStatus::Cancelled
        } else {
            BookingStatus::NotHeld
        }),
        called_off_by: Set(Some(by)),
        called_off_at: Set(Some(now)),
        rearranged_as: Set(replacement.as_ref().map(|r| r.row.id)),
        // A cancellation is an invitation of its own, one SEQUENCE on.
        sequence: Set(booking.row.sequence + i32::from(before_it_started)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    if before_it_started {
        invite(&txn, viewer, links, &booking, Occasion::Cancelled).await?;
    }
    if let Some(replacement) = &replacement {
        invite(&txn, viewer, links, replacement, Occasion::Booked).await?;
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            if before_it_started {
                "booking.cancel"
            } else {
                "booking.not_held"
            },
            "session_booking",
            id,
            serde_json::json!({
                "by": by.as_str(),
                "rearrangedAs": replacement.as_ref().map(|r| r.row.id),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(replacement.unwrap_or(booking))
}

/// One booking, for its organiser and supervisees (`NotFound` otherwise).
pub async fn find(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<Booking> {
    let row = session_booking::Entity::find_by_id(id)
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let supervisee_ids = supervisees_of(db, viewer.organisation_id, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let access = booking_access(viewer, &row, &supervisee_ids).ok_or(AppError::NotFound)?;
    Ok(Booking {
        row,
        supervisee_ids,
        access,
    })
}

/// Sessions still to come that the viewer booked or is on, soonest first
/// (one in progress counts until it ends).
pub async fn upcoming(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<Booking>> {
    let mine = bookings_of(db, viewer).await?;
    let rows = session_booking::Entity::find()
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking::Column::Id.is_in(mine))
        .filter(session_booking::Column::Status.eq(BookingStatus::Booked))
        .filter(session_booking::Column::EndsAt.gt(Utc::now()))
        .order_by_asc(session_booking::Column::StartsAt)
        .limit(50)
        .all(db)
        .await?;
    with_supervisees(db, viewer, rows).await
}

/// The viewer's booked sessions that have ended with no record and no word
/// on whether they happened, oldest first: "did it happen?".
pub async fn awaiting_outcome(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<Booking>> {
    let rows = session_booking::Entity::find()
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking::Column::OrganiserId.eq(viewer.staff_id))
        .filter(session_booking::Column::Status.eq(BookingStatus::Booked))
        .filter(session_booking::Column::EndsAt.lte(Utc::now()))
        .order_by_asc(session_booking::Column::StartsAt)
        .limit(50)
        .all(db)
        .await?;
    with_supervisees(db, viewer, rows).await
}

/// For My supervisees: the next session the viewer has booked with each
/// of these people.
pub async fn next_booked_with(
    db: &DatabaseConnection,
    viewer: &Viewer,
    people: &[Uuid],
) -> AppResult<HashMap<Uuid, DateTime<Utc>>> {
    Ok(next_booked(
        db,
        viewer.organisation_id,
        Some(viewer.staff_id),
        Some(people),
    )
    .await?
    .into_iter()
    .map(|((_, person), next)| (person, next))
    .collect())
}

/// The next session still to come that each organiser (all, or one) has
/// booked with each person (all, or these), by (organiser, person): when
/// it starts and ends.
pub async fn next_booked(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    organiser: Option<Uuid>,
    people: Option<&[Uuid]>,
) -> AppResult<HashMap<(Uuid, Uuid), DateTime<Utc>>> {
    let mut query = session_booking::Entity::find()
        .select_only()
        .column(session_booking::Column::Id)
        .column(session_booking::Column::OrganiserId)
        .column(session_booking::Column::StartsAt)
        .filter(session_booking::Column::OrganisationId.eq(organisation_id))
        .filter(session_booking::Column::Status.eq(BookingStatus::Booked))
        .filter(session_booking::Column::EndsAt.gt(Utc::now()));
    if let Some(organiser) = organiser {
        query = query.filter(session_booking::Column::OrganiserId.eq(organiser));
    }
    let booked: HashMap<Uuid, (Uuid, DateTime<Utc>)> = query
        .into_tuple::<(Uuid, Uuid, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, organiser, starts_at)| (id, (organiser, starts_at)))
        .collect();
    let ids: Vec<Uuid> = booked.keys().copied().collect();
    let mut next: HashMap<(Uuid, Uuid), DateTime<Utc>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut on = session_booking_attendee::Entity::find()
            .select_only()
            .column(session_booking_attendee::Column::StaffId)
            .column(session_booking_attendee::Column::BookingId)
            .filter(session_booking_attendee::Column::OrganisationId.eq(organisation_id))
            .filter(session_booking_attendee::Column::BookingId.is_in(chunk.iter().copied()));
        if let Some(people) = people {
            on = on.filter(session_booking_attendee::Column::StaffId.is_in(people.iter().copied()));
        }
        for (person, booking) in on.into_tuple::<(Uuid, Uuid)>().all(db).await? {
            let Some(&(organiser, starts_at)) = booked.get(&booking) else {
                continue;
            };
            next.entry((organiser, person))
                .and_modify(|soonest| *soonest = (*soonest).min(starts_at))
                .or_insert(starts_at);
        }
    }
    Ok(next)
}

/// A record has been written: a session its recorder booked for the same
/// day with one of its supervisees is that session, and is held. Inside
/// the record's transaction.
pub(crate) async fn mark_held(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    record_id: Uuid,
    held_on: NaiveDate,
    supervisees: &[Uuid],
) -> AppResult<()> {
    let candidates: Vec<Uuid> = session_booking::Entity::find()
        .select_only()
        .column(session_booking::Column::Id)
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking::Column::OrganiserId.eq(viewer.staff_id))
        .filter(session_booking::Column::Status.eq(BookingStatus::Booked))
        .filter(session_booking::Column::StartsOn.eq(held_on))
        .into_tuple()
        .all(txn)
        .await?;
    if candidates.is_empty() {
        return Ok(());
    }
    let with_them: Vec<Uuid> = session_booking_attendee::Entity::find()
        .select_only()
        .column(session_booking_attendee::Column::BookingId)
        .filter(session_booking_attendee::Column::BookingId.is_in(candidates))
        .filter(session_booking_attendee::Column::StaffId.is_in(supervisees.iter().copied()))
        .into_tuple()
        .all(txn)
        .await?;
    if with_them.is_empty() {
        return Ok(());
    }
    session_booking::Entity::update_many()
        .col_expr(
            session_booking::Column::Status,
            sea_orm::sea_query::Expr::value(BookingStatus::Held.as_str()),
        )
        .col_expr(
            session_booking::Column::SupervisionId,
            sea_orm::sea_query::Expr::value(record_id),
        )
        .col_expr(
            session_booking::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(session_booking::Column::Id.is_in(with_them))
        .exec(txn)
        .await?;
    Ok(())
}

/// When a session starts and ends.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// A session's time checked and placed on the organisation's clock, its
/// problems named under `prefix` (the field the mutation takes it in).
fn read_time(viewer: &Viewer, time: &SessionTime, prefix: &str) -> AppResult<(CheckedTime, Span)> {
    let checked = check_time(time, viewer.today()).map_err(|errors| under(prefix, errors))?;
    let instants = instants(viewer.time_zone, &checked).map_err(|e| under(prefix, vec![e]))?;
    Ok((checked, instants))
}

/// Problems with a session's time, named under `prefix`.
fn under(prefix: &str, errors: Vec<FieldError>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|e| FieldError {
                field: format!("{prefix}{}", e.field),
                ..e
            })
            .collect(),
    )
}

/// The instants a day and time on the organisation's clock mean. A time
/// the clocks skip (spring forward) is refused; one they pass twice
/// (autumn) is the first. A time already passed is refused.
fn instants(zone: Tz, time: &CheckedTime) -> Result<Span, FieldError> {
    use chrono::TimeZone;
    let local = time.starts_on.and_time(time.starts_at);
    let starts_at = zone
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| {
            FieldError::new(
                "startsAt",
                "The clocks go forward at that time on that day: choose another time.",
            )
        })?
        .with_timezone(&Utc);
    if starts_at <= Utc::now() {
        return Err(FieldError::new(
            "startsAt",
            "That time has passed: choose a later one.",
        ));
    }
    let ends_at = starts_at + TimeDelta::minutes(i64::from(time.duration_minutes));
    Ok((starts_at, ends_at))
}

async fn insert(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    time: &CheckedTime,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    supervisees: &[Uuid],
) -> AppResult<Booking> {
    let now = Utc::now();
    let row = session_booking::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        organiser_id: Set(viewer.staff_id),
        starts_on: Set(time.starts_on),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        place: Set(time.place.clone()),
        video_link: Set(time.video_link.clone()),
        sequence: Set(0),
        status: Set(BookingStatus::Booked),
        called_off_by: Set(None),
        called_off_at: Set(None),
        rearranged_as: Set(None),
        supervision_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    session_booking_attendee::Entity::insert_many(supervisees.iter().map(|&person| {
        session_booking_attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(viewer.organisation_id),
            booking_id: Set(row.id),
            staff_id: Set(person),
        }
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(Booking {
        row,
        supervisee_ids: supervisees.to_vec(),
        access: BookingAccess::Organiser,
    })
}

/// Writes the invitations for `occasion` into the outbox.
async fn invite(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    links: &Links,
    booking: &Booking,
    occasion: Occasion,
) -> AppResult<()> {
    let mut people = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(
            staff::Column::Id.is_in(
                booking
                    .supervisee_ids
                    .iter()
                    .copied()
                    .chain([booking.row.organiser_id]),
            ),
        )
        .all(txn)
        .await?;
    let Some(at) = people.iter().position(|p| p.id == booking.row.organiser_id) else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "booking {} has no organiser",
            booking.row.id
        )));
    };
    let organiser = people.remove(at);
    // In the order they were booked, as the invitation lists them.
    people.sort_by_key(|p| booking.supervisee_ids.iter().position(|id| *id == p.id));
    let mails = invitation::mails(
        links,
        viewer.time_zone,
        &booking.row,
        &organiser,
        &people,
        occasion,
    );
    outbox::enqueue(txn, mails).await
}

/// A booking the viewer organised (`Forbidden` for its supervisees,
/// `NotFound` for anyone else).
async fn organised(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<Booking> {
    let booking = find(db, viewer, id).await?;
    match booking.access {
        BookingAccess::Organiser => Ok(booking),
        BookingAccess::Supervisee => Err(AppError::Forbidden),
    }
}

fn still_booked(row: &session_booking::Model) -> AppResult<()> {
    match row.status {
        BookingStatus::Booked => Ok(()),
        BookingStatus::Held => Err(AppError::Conflict(
            "This session has been recorded: it cannot be changed here.".to_owned(),
        )),
        BookingStatus::Cancelled | BookingStatus::NotHeld => Err(AppError::Conflict(
            "This session was called off: book a new one.".to_owned(),
        )),
    }
}

/// The ids of bookings the viewer organised or is on.
async fn bookings_of(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = session_booking::Entity::find()
        .select_only()
        .column(session_booking::Column::Id)
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking::Column::OrganiserId.eq(viewer.staff_id))
        .filter(session_booking::Column::Status.eq(BookingStatus::Booked))
        .into_tuple()
        .all(db)
        .await?;
    ids.extend(
        session_booking_attendee::Entity::find()
            .select_only()
            .column(session_booking_attendee::Column::BookingId)
            .filter(session_booking_attendee::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(session_booking_attendee::Column::StaffId.eq(viewer.staff_id))
            .into_tuple::<Uuid>()
            .all(db)
            .await?,
    );
    Ok(ids)
}

async fn with_supervisees(
    db: &DatabaseConnection,
    viewer: &Viewer,
    rows: Vec<session_booking::Model>,
) -> AppResult<Vec<Booking>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut supervisees = supervisees_of(db, viewer.organisation_id, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let supervisee_ids = supervisees.remove(&row.id).unwrap_or_default();
            let access = booking_access(viewer, &row, &supervisee_ids)?;
            Some(Booking {
                row,
                supervisee_ids,
                access,
            })
        })
        .collect())
}

/// Each booking's supervisees, in the order they were added.
async fn supervisees_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    bookings: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<Uuid>>> {
    let mut by_booking: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in bookings.chunks(500) {
        let rows = session_booking_attendee::Entity::find()
            .filter(session_booking_attendee::Column::OrganisationId.eq(organisation_id))
            .filter(session_booking_attendee::Column::BookingId.is_in(chunk.iter().copied()))
            .order_by_asc(session_booking_attendee::Column::Id)
            .all(db)
            .await?;
        for row in rows {
            by_booking
                .entry(row.booking_id)
                .or_default()
                .push(row.staff_id);
        }
    }
    Ok(by_booking)
}
