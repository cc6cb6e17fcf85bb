//! Staff search and "My supervisees".

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::staff::{StaffSummary, Supervisee};
use crate::service::{directory, supervision, today};

/// Queries about people.
#[derive(Debug, Default)]
pub struct StaffQuery;

#[Object(guard = "SignedIn")]
impl StaffQuery {
    /// Current colleagues whose name matches, for the supervisee picker.
    async fn search_staff(
        &self,
        ctx: &Context<'_>,
        query: String,
        limit: Option<u32>,
    ) -> Result<Vec<StaffSummary>> {
        let found = directory::search(ctx.db()?, ctx.viewer()?, &query, limit).await?;
        Ok(found.into_iter().map(StaffSummary::from).collect())
    }

    /// Everyone allocated to me as clinical supervisee or line report, with
    /// the date of their last formal supervision of that kind.
    async fn my_supervisees(&self, ctx: &Context<'_>) -> Result<Vec<Supervisee>> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let today = today();
        let allocated = directory::allocated_to(db, viewer, today).await?;
        let ids: Vec<_> = allocated.iter().map(|a| a.staff_id).collect();
        let cards = directory::cards(db, viewer.organisation_id, &ids).await?;
        let mut last_by_category = std::collections::HashMap::new();
        for a in &allocated {
            let category = a.relationship.category();
            if !last_by_category.contains_key(&category) {
                let last =
                    supervision::last_formal(db, viewer.organisation_id, &ids, category, today)
                        .await?;
                last_by_category.insert(category, last);
            }
        }
        let mut supervisees: Vec<Supervisee> = allocated
            .into_iter()
            .filter_map(|a| {
                let card = cards.get(&a.staff_id)?.clone();
                let last = last_by_category
                    .get(&a.relationship.category())
                    .and_then(|m| m.get(&a.staff_id))
                    .copied();
                Some(Supervisee {
                    staff: card.into(),
                    relationship: a.relationship.label().to_owned(),
                    last_formal_supervision: last,
                })
            })
            .collect();
        // Longest without supervision first: the people to see soonest.
        supervisees.sort_by(|a, b| {
            a.last_formal_supervision
                .cmp(&b.last_formal_supervision)
                .then_with(|| a.staff.name.cmp(&b.staff.name))
        });
        Ok(supervisees)
    }
}
