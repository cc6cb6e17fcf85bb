//! The organisation's tree of units (F2.1).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::unit::OrgUnit;
use crate::service::units::history;

/// Queries about units.
#[derive(Debug, Default)]
pub struct UnitQuery;

#[Object(guard = "SignedIn")]
impl UnitQuery {
    /// My organisation's units with their paths, sorted by path: as they
    /// were on `asAt` (default today), or with `includeClosed` every unit
    /// as it is now, closed ones too.
    async fn org_units(
        &self,
        ctx: &Context<'_>,
        as_at: Option<NaiveDate>,
        #[graphql(default = false)] include_closed: bool,
    ) -> Result<Vec<OrgUnit>> {
        let viewer = ctx.viewer()?;
        Ok(history::listing(
            ctx.db()?,
            viewer.organisation_id,
            viewer.today(),
            as_at,
            include_closed,
        )
        .await?
        .into_iter()
        .map(|(unit, path)| OrgUnit::new(unit, path))
        .collect())
    }
}
