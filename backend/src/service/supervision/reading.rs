//! Reading records: one as the viewer may see it, and the lists of their
//! own and of a person they oversee (F4, F7.1).

use std::collections::HashMap;

use base64::Engine;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use supervision_shared::ValidationState;
use uuid::Uuid;

use super::*;
use crate::auth::Viewer;
use crate::entity::{supervision, supervision_action, supervision_attendee};
use crate::error::{AppError, AppResult};
use crate::service::access::{self, RecordAccess};

/// A record the viewer may know about, or `NotFound`: a record of another
/// organisation, or one the viewer has no part in and no oversight of, is
/// indistinguishable from one that does not exist. A read under a grant is
/// logged before the record is returned, and so is HR's reading of a
/// performance management record (F7.5, F7.6: a privileged read).
pub async fn find_visible(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<VisibleRecord> {
    let record = access::record_in_organisation(db, viewer.organisation_id, id).await?;
    let supervisees = supervisee_ids(db, viewer.organisation_id, id).await?;
    let access = access::access_to(db, viewer, &record, &supervisees, Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    match access {
        RecordAccess::Granted { grant_id } => {
            access::log_privileged_read(db, viewer, grant_id, id, &supervisees).await?;
        }
        RecordAccess::HumanResources => {
            crate::service::audit::record_now(
                db,
                crate::service::audit::AuditEntry::by(
                    viewer,
                    "supervision.read_by_hr",
                    "supervision",
                    id,
                    serde_json::json!({ "supervisees": supervisees }),
                ),
            )
            .await?;
        }
        _ => {}
    }
    Ok(VisibleRecord { record, access })
}

/// Notes that the viewer is printing a record (F9.4): a printed copy
/// leaves the service as an export does, so it is audited like one, with
/// whether it held what was discussed. The record must be one the viewer
/// may see; the page prints only what it shows them.
pub async fn note_printed(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let visible = find_visible(db, viewer, id).await?;
    crate::service::audit::record_now(
        db,
        crate::service::audit::AuditEntry::by(
            viewer,
            "supervision.print",
            "supervision",
            id,
            serde_json::json!({ "content": visible.access.may_read_content() }),
        ),
    )
    .await
}

/// The supervisees on a record.
pub async fn supervisee_ids(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<Uuid>> {
    Ok(supervision_attendee::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SuperviseeId)
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(supervision_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// A person's supervision history as the viewer may see it: their own, as
/// the holder of their file (F2.5), as someone who oversees them (metadata
/// only, F7.2), or under a grant for their file. Records the viewer may not know about are left out.
pub async fn list_for_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
    limit: u64,
) -> AppResult<Vec<VisibleRecord>> {
    let today = viewer.today();
    // A person of another organisation, or no one at all, is not found,
    // whatever roles the viewer holds.
    crate::service::directory::staff_in_organisation(db, viewer.organisation_id, person).await?;
    let allowed = person == viewer.staff_id
        || access::holds_a_file_of(db, viewer, person, today).await?
        || access::oversees_any(db, viewer, &[person], today).await?
        || viewer.has_role(supervision_shared::Role::HrAdmin);
    if !allowed {
        return Err(AppError::NotFound);
    }
    let records = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(
            supervision::Column::Id.in_subquery(
                Query::select()
                    .column(supervision_attendee::Column::SupervisionId)
                    .from(supervision_attendee::Entity)
                    .and_where(
                        supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id),
                    )
                    .and_where(supervision_attendee::Column::SuperviseeId.eq(person))
                    .to_owned(),
            ),
        )
        .order_by_desc(supervision::Column::HeldOn)
        .order_by_desc(supervision::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
    let attendees = attendees_of(db, viewer.organisation_id, &ids).await?;
    let now = Utc::now();
    let mut visible = Vec::with_capacity(records.len());
    for record in records {
        let supervisees: Vec<Uuid> = attendees
            .get(&record.id)
            .map(|rows| rows.iter().map(|a| a.supervisee_id).collect())
            .unwrap_or_default();
        // Listing never counts as reading content: grant reads are logged
        // when a record is opened.
        if let Some(access) = access::access_to(db, viewer, &record, &supervisees, now).await? {
            visible.push(VisibleRecord { record, access });
        }
    }
    Ok(visible)
}

/// Position in the newest-first list of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCursor {
    /// Date held of the last record seen.
    pub held_on: NaiveDate,
    /// Its id, to break ties between records held on the same day.
    pub id: Uuid,
}

impl ListCursor {
    /// Opaque text for the API.
    pub fn encode(self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{}|{}", self.held_on, self.id))
    }

    /// Reads an opaque cursor back; anything malformed is a bad request.
    pub fn decode(text: &str) -> AppResult<Self> {
        let bad = || AppError::invalid("after", "This is not a cursor from a previous page.");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let (day, id) = text.split_once('|').ok_or_else(bad)?;
        Ok(Self {
            held_on: day.parse().map_err(|_| bad())?,
            id: id.parse().map_err(|_| bad())?,
        })
    }
}

/// The records waiting for the viewer to agree or disagree with them, oldest
/// session first (the longest waiting), at most `first`: the home page asks
/// for these before anything else.
pub async fn awaiting_my_validation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    first: u64,
) -> AppResult<Vec<VisibleRecord>> {
    let waiting = Query::select()
        .column(supervision_attendee::Column::SupervisionId)
        .from(supervision_attendee::Entity)
        .and_where(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .and_where(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .and_where(supervision_attendee::Column::ValidationState.eq(ValidationState::Awaiting))
        .to_owned();
    let rows = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(supervision::Column::Id.in_subquery(waiting))
        .order_by_asc(supervision::Column::HeldOn)
        .order_by_asc(supervision::Column::Id)
        .limit(first)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|record| VisibleRecord {
            access: RecordAccess::Participant {
                recorder: record.recorded_by == viewer.staff_id,
                supervisee: true,
            },
            record,
        })
        .collect())
}

/// The organisation's performance management records, newest first, for
/// HR administrators (F7.5): the list says which there are and whom they
/// concern; what they say is read by opening one, which is audited
/// ([`find_visible`]).
pub async fn performance_management_records(
    db: &DatabaseConnection,
    viewer: &Viewer,
    first: u64,
) -> AppResult<Vec<VisibleRecord>> {
    access::require_any_role(viewer, &[supervision_shared::Role::HrAdmin])?;
    let rows = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(
            supervision::Column::Kind
                .eq(supervision_shared::SupervisionKind::PerformanceManagement),
        )
        .order_by_desc(supervision::Column::HeldOn)
        .order_by_desc(supervision::Column::Id)
        .limit(first)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|record| VisibleRecord {
            // The outline only: content is read one record at a time.
            access: RecordAccess::MetadataOnly,
            record,
        })
        .collect())
}

/// Which of a person's records a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MyPart {
    /// Those they were supervised in (their own reflections among them).
    Received,
    /// Those they wrote for other people.
    Wrote,
}

/// One page of the viewer's own records, and who attended each.
#[derive(Debug)]
pub struct MyPage {
    /// The records, newest first.
    pub records: Vec<VisibleRecord>,
    /// Whether more follow.
    pub has_more: bool,
    /// The attendees of each record: read anyway to tell on which the
    /// viewer was supervised, and what the list shows of each.
    pub attendees: HashMap<Uuid, Vec<supervision_attendee::Model>>,
}

/// One page of the viewer's own supervisions (as supervisee or recorder,
/// or only one of the two when `part` says), newest first, held between
/// `from` and `to` inclusive.
pub async fn list_mine(
    db: &DatabaseConnection,
    viewer: &Viewer,
    part: Option<MyPart>,
    from: NaiveDate,
    to: NaiveDate,
    after: Option<ListCursor>,
    first: u64,
) -> AppResult<MyPage> {
    if from > to {
        return Err(AppError::invalid(
            "from",
            "The start of the range is after its end.",
        ));
    }
    let mut query = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(supervision::Column::HeldOn.between(from, to))
        .filter(match part {
            None => access::takes_part(db, viewer).await?,
            Some(MyPart::Received) => access::supervisee_on(viewer),
            Some(MyPart::Wrote) => access::wrote_for_others(db, viewer).await?,
        });
    if let Some(cursor) = after {
        query = query.filter(
            Condition::any()
                .add(supervision::Column::HeldOn.lt(cursor.held_on))
                .add(
                    Condition::all()
                        .add(supervision::Column::HeldOn.eq(cursor.held_on))
                        .add(supervision::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut rows = query
        .order_by_desc(supervision::Column::HeldOn)
        .order_by_desc(supervision::Column::Id)
        .limit(first + 1)
        .all(db)
        .await?;
    let has_more = rows.len() as u64 > first;
    rows.truncate(usize::try_from(first).unwrap_or(usize::MAX));

    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let attendees = attendees_of(db, viewer.organisation_id, &ids).await?;
    let records = rows
        .into_iter()
        .map(|record| VisibleRecord {
            access: RecordAccess::Participant {
                recorder: record.recorded_by == viewer.staff_id,
                supervisee: attendees
                    .get(&record.id)
                    .is_some_and(|on| on.iter().any(|a| a.supervisee_id == viewer.staff_id)),
            },
            record,
        })
        .collect();
    Ok(MyPage {
        records,
        has_more,
        attendees,
    })
}

/// Attendees of these records, grouped by record. Callers pass only ids of
/// records the viewer may see.
pub async fn attendees_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<supervision_attendee::Model>>> {
    let mut grouped: HashMap<Uuid, Vec<supervision_attendee::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(grouped);
    }
    let rows = supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.is_in(ids.iter().copied()))
        .order_by_asc(supervision_attendee::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        grouped.entry(row.supervision_id).or_default().push(row);
    }
    Ok(grouped)
}

/// Actions agreed in these records, by record. Callers pass only ids of
/// records whose content the viewer may read.
pub async fn actions_of_records(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<supervision_action::Model>>> {
    let mut grouped: HashMap<Uuid, Vec<supervision_action::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(grouped);
    }
    for action in supervision_action::Entity::find()
        .filter(supervision_action::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_action::Column::SupervisionId.is_in(ids.iter().copied()))
        .order_by_asc(supervision_action::Column::Id)
        .all(db)
        .await?
    {
        grouped
            .entry(action.supervision_id)
            .or_default()
            .push(action);
    }
    Ok(grouped)
}
