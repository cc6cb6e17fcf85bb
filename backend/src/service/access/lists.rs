//! Conditions that lists filter by, and the role requirement: what a
//! service asks of the viewer before it reads rows for them.

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait};
use supervision_shared::Role;

use super::file::HandedOn;
use crate::auth::Viewer;
use crate::entity::{supervision, supervision_attendee};
use crate::error::{AppError, AppResult};

/// Holds at least one of these roles, or `FORBIDDEN`: the one way a
/// service asks for a role (GraphQL fields use the `HoldsRole` guard).
pub fn require_any_role(viewer: &Viewer, roles: &[Role]) -> AppResult<()> {
    if roles.iter().any(|role| viewer.has_role(*role)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The records the viewer takes part in, as recorder or supervisee: the
/// condition every list of "my records" filters by (removed ones are the
/// caller's to leave out). Records the viewer wrote in a file they have
/// since handed on are no longer theirs ([`super::file`]).
pub async fn takes_part(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<sea_orm::Condition> {
    Ok(sea_orm::Condition::any()
        .add(recorded_by(db, viewer).await?)
        .add(supervisee_on(viewer)))
}

/// The records the viewer wrote for other people and still holds: a
/// supervisor's "records I wrote", apart from their own supervision.
pub async fn wrote_for_others(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<sea_orm::Condition> {
    Ok(recorded_by(db, viewer)
        .await?
        .add(supervisee_on(viewer).not()))
}

/// The records the viewer wrote, less those in files they have handed on.
async fn recorded_by(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<sea_orm::Condition> {
    let mut recorded =
        sea_orm::Condition::all().add(supervision::Column::RecordedBy.eq(viewer.staff_id));
    if let Some(handed_on) = HandedOn::load(db, viewer, viewer.today())
        .await?
        .condition(viewer.organisation_id)
    {
        recorded = recorded.add(handed_on.not());
    }
    Ok(recorded)
}

/// The records the viewer is a supervisee on: the records about them, which
/// a subject access request returns (F7.8).
pub fn supervisee_on(viewer: &Viewer) -> sea_orm::Condition {
    sea_orm::Condition::all().add(
        supervision::Column::Id.in_subquery(
            Query::select()
                .column(supervision_attendee::Column::SupervisionId)
                .from(supervision_attendee::Entity)
                .and_where(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
                .and_where(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
                .to_owned(),
        ),
    )
}
