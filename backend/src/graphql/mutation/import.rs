//! Keeping the headers the organisation's HR export uses (F2.3).

use async_graphql::{Context, InputObject, Object, Result};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::hr_import::mapping;

/// The export's header for one field.
#[derive(Debug, InputObject)]
pub struct ImportColumnInput {
    /// The field, e.g. `unit`.
    pub field: String,
    /// The export's header for it; blank forgets it.
    pub header: String,
}

/// Mutations about the staff import.
#[derive(Debug, Default)]
pub struct ImportMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl ImportMutation {
    /// Keeps these headers as the organisation's (replacing those kept
    /// before): the page, the upload and the nightly command then read its
    /// export with them. Audited.
    #[graphql(guard = "HoldsRole(Role::HrAdmin)")]
    async fn set_import_columns(
        &self,
        ctx: &Context<'_>,
        columns: Vec<ImportColumnInput>,
    ) -> Result<bool> {
        let columns = columns.into_iter().map(|c| (c.field, c.header)).collect();
        mapping::save(ctx.db()?, ctx.viewer()?, columns).await?;
        Ok(true)
    }
}
