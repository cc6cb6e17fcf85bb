//! Changing the organisation's settings (system administrators).

use async_graphql::{Context, InputObject, Object, Result};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::graphql::query::OrganisationSettings;
use crate::service::organisation::settings;

/// The settings to keep.
#[derive(Debug, InputObject)]
pub struct OrganisationSettingsInput {
    /// As staff know it.
    pub name: String,
    /// The IANA time zone its days are judged in.
    pub time_zone: String,
    /// Its own email domains (none: any email).
    pub email_domains: Vec<String>,
}

/// Mutations about the organisation.
#[derive(Debug, Default)]
pub struct OrganisationMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl OrganisationMutation {
    /// Changes my organisation's name, time zone and email domains; the
    /// settings as kept. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn change_organisation_settings(
        &self,
        ctx: &Context<'_>,
        input: OrganisationSettingsInput,
    ) -> Result<OrganisationSettings> {
        let viewer = ctx.viewer()?;
        let current = settings::settings(ctx.db()?, viewer).await?;
        let wanted = settings::Settings {
            name: input.name,
            time_zone: input.time_zone,
            email_domains: input.email_domains,
            identity_tenant: current.identity_tenant,
        };
        Ok(settings::change(ctx.db()?, viewer, wanted).await?.into())
    }
}
