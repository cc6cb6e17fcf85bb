//! The supervision file and who holds it (F2.5). A person's clinical
//! supervisor holds their clinical records; their line manager holds their
//! line-management and case records. When either changes, the file goes to
//! the new holder from the day the change takes effect, earlier sessions
//! included, and the one before no longer reads it, not even the records
//! they wrote: the policies transfer the file ("their supervision records
//! will be transferred to the new supervisor"), they do not copy it.
//! Performance management and personal reflection are in nobody's file.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use supervision_shared::SupervisionKind;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{allocation, supervision, supervision_attendee};
use crate::error::AppResult;
use crate::service::directory::{Relationship, allocation_current_on};

/// Whose file a record of this kind belongs in, if anyone's.
pub fn held_by(kind: SupervisionKind) -> Option<Relationship> {
    match kind {
        SupervisionKind::ClinicalOneToOne
        | SupervisionKind::ClinicalGroup
        | SupervisionKind::ClinicalExternal => Some(Relationship::ClinicalSupervisor),
        SupervisionKind::LineManagement
        | SupervisionKind::CaseSupervision
        | SupervisionKind::AdHocCaseDiscussion => Some(Relationship::LineManager),
        SupervisionKind::PerformanceManagement | SupervisionKind::PersonalReflection => None,
    }
}

/// The kinds of record a relationship's file holds.
fn kinds_held_by(relationship: Relationship) -> Vec<SupervisionKind> {
    SupervisionKind::ALL
        .iter()
        .copied()
        .filter(|kind| held_by(*kind) == Some(relationship))
        .collect()
}

/// Whether the viewer holds, today, the file this record belongs in for
/// any of its supervisees.
pub async fn holds_file(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: SupervisionKind,
    supervisees: &[Uuid],
    today: NaiveDate,
) -> AppResult<bool> {
    let Some(relationship) = held_by(kind) else {
        return Ok(false);
    };
    if supervisees.is_empty() {
        return Ok(false);
    }
    Ok(allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation::Column::Relationship.eq(relationship.as_str()))
        .filter(allocation::Column::StaffId.is_in(supervisees.iter().copied()))
        .filter(allocation_current_on(today))
        .one(db)
        .await?
        .is_some())
}

/// Whether the viewer holds either file of this person today: the way a
/// clinical supervisor, who is not in the management chain, reaches the
/// person's history.
pub async fn holds_a_file_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    person: Uuid,
    today: NaiveDate,
) -> AppResult<bool> {
    Ok(allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation::Column::StaffId.eq(person))
        .filter(allocation_current_on(today))
        .one(db)
        .await?
        .is_some())
}

/// The files the viewer once held and has handed on: for each
/// relationship, the people they held it for before today and do not hold
/// it for today.
#[derive(Debug, Default)]
pub struct HandedOn(HashMap<Relationship, HashSet<Uuid>>);

impl HandedOn {
    /// Reads them in one query (the viewer's own allocations, past and
    /// present; a handful for anyone).
    pub async fn load(
        db: &impl ConnectionTrait,
        viewer: &Viewer,
        today: NaiveDate,
    ) -> AppResult<Self> {
        let held = allocation::Entity::find()
            .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
            .filter(allocation::Column::EffectiveFrom.lte(today))
            .all(db)
            .await?;
        let mut ended: HashMap<Relationship, HashSet<Uuid>> = HashMap::new();
        let mut current: HashSet<(Relationship, Uuid)> = HashSet::new();
        for row in held {
            let Some(relationship) = Relationship::parse(&row.relationship) else {
                continue;
            };
            if row.effective_to.is_none_or(|to| to >= today) {
                current.insert((relationship, row.staff_id));
            } else {
                ended.entry(relationship).or_default().insert(row.staff_id);
            }
        }
        for (relationship, people) in &mut ended {
            people.retain(|person| !current.contains(&(*relationship, *person)));
        }
        ended.retain(|_, people| !people.is_empty());
        Ok(Self(ended))
    }

    /// Whether a record of this kind about these supervisees has left the
    /// viewer's hands: it is in a file they handed on for every one of them.
    /// A record with someone whose file they never held (a group they ran
    /// for another team, say) stays theirs.
    pub fn covers(&self, kind: SupervisionKind, supervisees: &[Uuid]) -> bool {
        let Some(people) = held_by(kind).and_then(|r| self.0.get(&r)) else {
            return false;
        };
        !supervisees.is_empty() && supervisees.iter().all(|s| people.contains(s))
    }

    /// The same as a condition on `supervision` rows: the records that have
    /// left the viewer's hands. `None` when nothing has (most people).
    pub fn condition(&self, organisation_id: Uuid) -> Option<Condition> {
        if self.0.is_empty() {
            return None;
        }
        let mut any = Condition::any();
        for (relationship, people) in &self.0 {
            // Every supervisee on the record is one of `people`: no
            // attendee row names anyone else.
            let someone_else = Query::select()
                .column(supervision_attendee::Column::SupervisionId)
                .from(supervision_attendee::Entity)
                .and_where(supervision_attendee::Column::OrganisationId.eq(organisation_id))
                .and_where(
                    supervision_attendee::Column::SuperviseeId.is_not_in(people.iter().copied()),
                )
                .to_owned();
            any = any.add(
                Condition::all()
                    .add(supervision::Column::Kind.is_in(kinds_held_by(*relationship)))
                    .add(supervision::Column::Id.not_in_subquery(someone_else)),
            );
        }
        Some(any)
    }
}

/// Whether the recorder of a record has handed on the file it belongs in,
/// for every supervisee on it: then it is no longer theirs to read.
pub async fn recorder_handed_on(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: SupervisionKind,
    supervisees: &[Uuid],
    today: NaiveDate,
) -> AppResult<bool> {
    if held_by(kind).is_none() || supervisees.is_empty() {
        return Ok(false);
    }
    Ok(HandedOn::load(db, viewer, today)
        .await?
        .covers(kind, supervisees))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clinical_records_go_with_the_clinical_supervisor_and_the_rest_with_the_line_manager() {
        assert_eq!(
            held_by(SupervisionKind::ClinicalGroup),
            Some(Relationship::ClinicalSupervisor)
        );
        assert_eq!(
            held_by(SupervisionKind::CaseSupervision),
            Some(Relationship::LineManager)
        );
        assert_eq!(held_by(SupervisionKind::PerformanceManagement), None);
        assert_eq!(held_by(SupervisionKind::PersonalReflection), None);
    }

    #[test]
    fn a_record_leaves_the_recorders_hands_only_when_every_supervisee_has_moved_on() {
        let (tom, aisha) = (Uuid::now_v7(), Uuid::now_v7());
        let handed = HandedOn(HashMap::from([(
            Relationship::ClinicalSupervisor,
            HashSet::from([tom]),
        )]));
        assert!(handed.covers(SupervisionKind::ClinicalOneToOne, &[tom]));
        assert!(!handed.covers(SupervisionKind::ClinicalGroup, &[tom, aisha]));
        assert!(!handed.covers(SupervisionKind::LineManagement, &[tom]));
        assert!(!handed.covers(SupervisionKind::ClinicalOneToOne, &[]));
        assert!(HandedOn::default().condition(Uuid::nil()).is_none());
    }
}
