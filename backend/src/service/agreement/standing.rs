//! Where each supervisee's agreement with the viewer stands (F6.2): in
//! place, due or overdue for review, awaiting a signature, needed (none
//! was made, or it was made with a supervisor they no longer have), or to
//! renew after an extended absence. Two queries for a whole list.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use supervision_shared::agreement::{AgreementFacts, AgreementStanding, InForce, standing};
use uuid::Uuid;

use crate::entity::agreement;
use crate::error::AppResult;
use crate::service::directory::Relationship;

/// For each (supervisee, relationship) that `supervisor` holds, how their
/// agreement stands on `today`.
pub async fn standings(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervisor: Uuid,
    pairs: &[(Uuid, Relationship)],
    today: NaiveDate,
) -> AppResult<HashMap<(Uuid, Relationship), AgreementStanding>> {
    let mut rows = Vec::new();
    let ids: Vec<Uuid> = pairs.iter().map(|(id, _)| *id).collect();
    for chunk in ids.chunks(500) {
        rows.extend(
            agreement::Entity::find()
                .filter(agreement::Column::OrganisationId.eq(organisation_id))
                .filter(agreement::Column::SuperviseeId.is_in(chunk.iter().copied()))
                .filter(agreement::Column::EndedOn.is_null())
                .all(db)
                .await?,
        );
    }
    let returns = crate::service::absence::latest_returns(db, organisation_id, &ids, today).await?;
    Ok(pairs
        .iter()
        .map(|&(supervisee, relationship)| {
            let theirs = rows.iter().filter(|r| {
                r.supervisee_id == supervisee && r.relationship == relationship.as_str()
            });
            let mut facts = AgreementFacts {
                in_force: None,
                awaiting_signature: false,
                back_from_absence: returns.get(&supervisee).copied(),
            };
            for row in theirs {
                if let Some(at) = row.in_force_at {
                    facts.in_force = Some(InForce {
                        supervisor: row.supervisor_id,
                        since: at.date_naive(),
                        review_by: row.review_by,
                    });
                } else if row.supervisor_id == supervisor {
                    facts.awaiting_signature = true;
                }
            }
            (
                (supervisee, relationship),
                standing(facts, supervisor, today),
            )
        })
        .collect())
}
