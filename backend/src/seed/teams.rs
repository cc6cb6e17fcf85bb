//! Who records for whom in an organisation today: the people a load test or
//! a concurrency test signs in as, each with the kind of one-to-one session
//! their relationship holds and the people it is with.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{allocation, staff};

/// Someone who manages or supervises people today.
#[derive(Debug, Clone)]
pub struct Recorder {
    /// Their email (the development sign-in's key).
    pub email: String,
    /// The kind of one-to-one they record: `LINE_MANAGEMENT` or
    /// `CLINICAL_ONE_TO_ONE`, as the API names them.
    pub kind: &'static str,
    /// The people they record it for: email and staff id.
    pub people: Vec<(String, Uuid)>,
}

/// Every active person in the organisation who manages or supervises an
/// active person today. A line manager who also supervises records line
/// management.
pub async fn recorders(
    db: &DatabaseConnection,
    organisation_id: Uuid,
) -> Result<Vec<Recorder>, sea_orm::DbErr> {
    let people: BTreeMap<Uuid, staff::Model> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(crate::service::directory::ACTIVE))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut teams: BTreeMap<Uuid, (&'static str, Vec<Uuid>)> = BTreeMap::new();
    for (relationship, kind) in [
        ("line_manager", "LINE_MANAGEMENT"),
        ("clinical_supervisor", "CLINICAL_ONE_TO_ONE"),
    ] {
        let current = allocation::Entity::find()
            .filter(allocation::Column::OrganisationId.eq(organisation_id))
            .filter(allocation::Column::Relationship.eq(relationship))
            .filter(allocation::Column::EffectiveTo.is_null())
            .all(db)
            .await?;
        for allocation in current {
            if !(people.contains_key(&allocation.staff_id)
                && people.contains_key(&allocation.allocated_to_id))
            {
                continue;
            }
            let (team_kind, team) = teams
                .entry(allocation.allocated_to_id)
                .or_insert((kind, Vec::new()));
            if *team_kind == kind {
                team.push(allocation.staff_id);
            }
        }
    }
    Ok(teams
        .into_iter()
        .map(|(recorder, (kind, team))| Recorder {
            email: people[&recorder].email.clone(),
            kind,
            people: team
                .into_iter()
                .map(|id| (people[&id].email.clone(), id))
                .collect(),
        })
        .collect())
}
