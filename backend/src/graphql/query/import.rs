//! The headers the organisation's HR export uses, for HR administrators.

use async_graphql::{Context, Object, Result, SimpleObject};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::hr_import::mapping;

/// One field the staff import reads.
#[derive(Debug, SimpleObject)]
pub struct ImportColumn {
    /// The field, e.g. `unit`, `line_manager`.
    pub field: String,
    /// Whether every export must have it.
    pub required: bool,
    /// The headers recognised without being told.
    pub known_headers: Vec<String>,
    /// The organisation's own header for it, if kept.
    pub header: Option<String>,
}

/// Queries about the staff import.
#[derive(Debug, Default)]
pub struct ImportQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl ImportQuery {
    /// Every field the staff import reads, with the organisation's own
    /// header for it (HR administrators).
    #[graphql(guard = "HoldsRole(Role::HrAdmin)")]
    async fn import_columns(&self, ctx: &Context<'_>) -> Result<Vec<ImportColumn>> {
        Ok(mapping::fields(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(|f| ImportColumn {
                field: f.field.to_owned(),
                required: f.required,
                known_headers: f.known_headers.iter().map(|h| (*h).to_owned()).collect(),
                header: f.header,
            })
            .collect())
    }
}
