//! Cases discussed in supervision (F3.7): each case's last discussion, and
//! which open cases are overdue for discussion, for the worker and for the
//! supervisor who recorded the discussions.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use supervision_shared::case::{discussion_overdue, next_discussion};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{case_discussion, supervision, supervision_attendee};
use crate::error::AppResult;
use crate::service::compliance::cohort::Cohort;
use crate::service::compliance::member::Member;

/// How often each worker's open cases must be discussed: the case
/// supervision interval of their own policy on the day (the organisation's,
/// their unit's if it sets one, or their agreement's), the same figure
/// their CASE standing is judged by.
async fn discussion_days(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: Uuid,
    workers: impl Iterator<Item = Uuid>,
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, i64>> {
    let mut ids: Vec<Uuid> = workers.collect();
    ids.sort();
    ids.dedup();
    let people = crate::service::directory::staff_by_ids(db, organisation_id, &ids).await?;
    let members = people.values().map(Member::from).collect();
    let cohort = Cohort::of_people(db, organisation_id, members).await?;
    Ok(cohort
        .policies_on(db, day)
        .await?
        .into_iter()
        .map(|(id, policy)| (id, i64::from(policy.case_days)))
        .collect())
}

/// The cases discussed in a record. Callers have checked that the viewer
/// may read its content.
pub async fn of_record(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<case_discussion::Model>> {
    Ok(case_discussion::Entity::find()
        .filter(case_discussion::Column::OrganisationId.eq(organisation_id))
        .filter(case_discussion::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(case_discussion::Column::Reference)
        .all(db)
        .await?)
}

/// Where one worker's case stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStanding {
    /// The pseudonymous reference.
    pub reference: String,
    /// The worker (the supervisee it was discussed with).
    pub worker_id: Uuid,
    /// The record of the last discussion.
    pub last_supervision_id: Uuid,
    /// When it was last discussed.
    pub last_discussed: NaiveDate,
    /// Closed or transferred at the last discussion.
    pub closed: bool,
    /// When the next discussion is due (for an open case).
    pub next_due: Option<NaiveDate>,
    /// Open and not discussed within the interval.
    pub overdue: bool,
}

#[derive(Debug, FromQueryResult)]
struct Discussed {
    reference: String,
    closed: bool,
    supervision_id: Uuid,
    held_on: NaiveDate,
    supervisee_id: Uuid,
}

/// The cases of the viewer's own supervisions (as worker) and of the
/// supervisions they recorded (as supervisor), overdue first. Only
/// discussions the viewer took part in count, so nothing here comes from
/// a record they may not read.
pub async fn for_discussion(
    db: &DatabaseConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> AppResult<Vec<CaseStanding>> {
    use sea_orm::sea_query::ExprTrait;
    let rows = case_discussion::Entity::find()
        .select_only()
        .column(case_discussion::Column::Reference)
        .column(case_discussion::Column::Closed)
        .column(case_discussion::Column::SupervisionId)
        .column(supervision::Column::HeldOn)
        .column(supervision_attendee::Column::SuperviseeId)
        .join(
            JoinType::InnerJoin,
            case_discussion::Relation::Supervision.def(),
        )
        .join(JoinType::InnerJoin, supervision::Relation::Attendee.def())
        .filter(case_discussion::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        // A case is its worker's: in a group record, only the member named.
        .filter(
            Condition::any()
                .add(case_discussion::Column::WorkerId.is_null())
                .add(
                    sea_orm::sea_query::Expr::col((
                        case_discussion::Entity,
                        case_discussion::Column::WorkerId,
                    ))
                    .eq(sea_orm::sea_query::Expr::col((
                        supervision_attendee::Entity,
                        supervision_attendee::Column::SuperviseeId,
                    ))),
                ),
        )
        // Only records the viewer may read (the access rule), and of those
        // the cases that are theirs as worker or as recorder.
        .filter(crate::service::access::takes_part(db, viewer).await?)
        .filter(
            Condition::any()
                .add(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
                .add(supervision::Column::RecordedBy.eq(viewer.staff_id)),
        )
        .into_model::<Discussed>()
        .all(db)
        .await?;
    let latest = latest_per_case(rows);
    let intervals = discussion_days(
        db,
        viewer.organisation_id,
        latest.values().map(|d| d.supervisee_id),
        today,
    )
    .await?;
    let mut standings: Vec<CaseStanding> = latest
        .into_values()
        .map(|d| {
            let days = interval_of(&intervals, d.supervisee_id);
            (d, days)
        })
        .map(|(d, days)| CaseStanding {
            next_due: (!d.closed).then(|| next_discussion(d.held_on, days)),
            overdue: discussion_overdue(d.held_on, d.closed, days, today),
            reference: d.reference,
            worker_id: d.supervisee_id,
            last_supervision_id: d.supervision_id,
            last_discussed: d.held_on,
            closed: d.closed,
        })
        .collect();
    standings.sort_by(|a, b| {
        (!a.overdue, a.closed, a.next_due, &a.reference).cmp(&(
            !b.overdue,
            b.closed,
            b.next_due,
            &b.reference,
        ))
    });
    Ok(standings)
}

/// Open cases, and those overdue for discussion, of the workers in each
/// unit as at a day (F3.7, F5.6): unit id → (open, overdue). A case's state
/// is its latest discussion's on or before the day; a removed record
/// counts for nothing.
pub async fn open_and_overdue_by_unit(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, (u32, u32)>> {
    let mut binds = crate::db::Binds::new(db.get_database_backend());
    let (p1, p2) = (binds.bind(organisation_id), binds.bind(as_at));
    let sql = format!(
        "SELECT c.reference, c.closed, c.supervision_id, s.held_on, \
           a.supervisee_id, p.org_unit_id \
         FROM case_discussion c \
         JOIN supervision s ON s.id = c.supervision_id AND s.organisation_id = c.organisation_id \
         JOIN supervision_attendee a ON a.supervision_id = s.id \
         JOIN staff p ON p.id = a.supervisee_id \
         WHERE c.organisation_id = {p1} AND s.held_on <= {p2} AND s.removed_at IS NULL \
           AND (c.worker_id IS NULL OR c.worker_id = a.supervisee_id)"
    );
    let rows = db.query_all_raw(binds.statement(sql)).await?;
    let mut units: HashMap<Uuid, Uuid> = HashMap::new();
    let mut discussed = Vec::with_capacity(rows.len());
    for row in rows {
        let supervisee_id: Uuid = row.try_get("", "supervisee_id")?;
        units.insert(supervisee_id, row.try_get("", "org_unit_id")?);
        discussed.push(Discussed {
            reference: row.try_get("", "reference")?,
            closed: row.try_get("", "closed")?,
            supervision_id: row.try_get("", "supervision_id")?,
            held_on: row.try_get("", "held_on")?,
            supervisee_id,
        });
    }
    let open: Vec<Discussed> = latest_per_case(discussed)
        .into_values()
        .filter(|case| !case.closed)
        .collect();
    let intervals = discussion_days(
        db,
        organisation_id,
        open.iter().map(|case| case.supervisee_id),
        as_at,
    )
    .await?;
    let mut by_unit: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for case in open {
        let Some(unit) = units.get(&case.supervisee_id) else {
            continue;
        };
        let counts = by_unit.entry(*unit).or_default();
        counts.0 += 1;
        let days = interval_of(&intervals, case.supervisee_id);
        if discussion_overdue(case.held_on, case.closed, days, as_at) {
            counts.1 += 1;
        }
    }
    Ok(by_unit)
}

/// A worker's interval; everyone asked about is in the directory, and the
/// policies' default stands in should a row have gone.
fn interval_of(intervals: &HashMap<Uuid, i64>, worker: Uuid) -> i64 {
    intervals
        .get(&worker)
        .copied()
        .unwrap_or_else(|| i64::from(supervision_shared::Policy::default().case_days))
}

/// Each worker's case at its latest discussion; on the same day, the later
/// record (ids are time-ordered), so the answer never depends on the order
/// rows come back in.
fn latest_per_case(rows: Vec<Discussed>) -> HashMap<(Uuid, String), Discussed> {
    let mut latest: HashMap<(Uuid, String), Discussed> = HashMap::new();
    for row in rows {
        let key = (row.supervisee_id, row.reference.clone());
        match latest.get(&key) {
            Some(seen)
                if (seen.held_on, seen.supervision_id) >= (row.held_on, row.supervision_id) => {}
            _ => {
                latest.insert(key, row);
            }
        }
    }
    latest
}
