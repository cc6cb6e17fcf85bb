//! My supervisees: the people allocated to the viewer and where each
//! stands (F5.5).

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::staff;
use crate::error::AppResult;

/// Someone allocated to the viewer and when they last had formal supervision
/// of the kind the viewer provides (F5.5).
#[derive(Debug, Clone)]
pub struct SuperviseeStatus {
    /// Who they are.
    pub card: crate::service::directory::StaffCard,
    /// How they are allocated to the viewer.
    pub relationship: crate::service::directory::Relationship,
    /// Their last formal supervision of that kind, if any.
    pub last_formal: Option<NaiveDate>,
    /// Where they stand per kind, as at the end of this month (F5.5).
    pub standings: Vec<supervision_shared::compliance::CategoryStanding>,
}

/// Everyone allocated to the viewer, longest without supervision first.
pub async fn my_supervisees(
    db: &DatabaseConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> AppResult<Vec<SuperviseeStatus>> {
    use crate::service::{compliance, directory};
    let allocated = directory::allocated_to(db, viewer, today).await?;
    let ids: Vec<Uuid> = allocated.iter().map(|a| a.staff_id).collect();
    let cards = directory::cards(db, viewer.organisation_id, &ids).await?;
    let people = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    // As the dashboard judges: at the end of this month.
    let as_at = supervision_shared::compliance::end_of_month(today);
    let mut standings =
        compliance::standings_of(db, viewer.organisation_id, &people, as_at).await?;
    let mut supervisees: Vec<SuperviseeStatus> = allocated
        .into_iter()
        .filter_map(|a| {
            // Told today: someone not yet due is due by the day, not overdue.
            let standings: Vec<_> = standings
                .get(&a.staff_id)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|s| supervision_shared::compliance::told_on(s, today))
                .collect();
            let last_formal = standings
                .iter()
                .find(|s| s.category == a.relationship.category())
                .and_then(|s| s.last.filter(|d| *d <= today));
            Some(SuperviseeStatus {
                card: cards.get(&a.staff_id)?.clone(),
                relationship: a.relationship,
                last_formal,
                standings,
            })
        })
        .collect();
    standings.clear();
    // Most urgent first, by the kind of supervision this relationship
    // provides: overdue, never had one, due soon, compliant; then the
    // soonest due; then by name.
    supervisees.sort_by_key(|s| {
        let own = s
            .standings
            .iter()
            .find(|c| c.category == s.relationship.category());
        (
            own.map_or(1, |c| compliance::urgency(c.status)),
            own.and_then(|c| c.next_due),
            s.card.name.clone(),
        )
    });
    Ok(supervisees)
}
