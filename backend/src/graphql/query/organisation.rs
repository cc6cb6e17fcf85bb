//! The organisation's settings, for its system administrators.

use async_graphql::{Context, Object, Result, SimpleObject};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::organisation::settings;

/// An organisation's settings.
#[derive(Debug, SimpleObject)]
pub struct OrganisationSettings {
    /// As staff know it.
    pub name: String,
    /// The IANA time zone its days are judged in.
    pub time_zone: String,
    /// Its own email domains: when any are set, only sign-ins with an email
    /// in them count for it.
    pub email_domains: Vec<String>,
    /// The identity provider tenant its people sign in from, if set at
    /// set-up.
    pub identity_tenant: Option<String>,
}

impl From<settings::Settings> for OrganisationSettings {
    fn from(s: settings::Settings) -> Self {
        Self {
            name: s.name,
            time_zone: s.time_zone,
            email_domains: s.email_domains,
            identity_tenant: s.identity_tenant,
        }
    }
}

/// Queries about the organisation.
#[derive(Debug, Default)]
pub struct OrganisationQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl OrganisationQuery {
    /// My organisation's settings (system administrators).
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn organisation_settings(&self, ctx: &Context<'_>) -> Result<OrganisationSettings> {
        Ok(settings::settings(ctx.db()?, ctx.viewer()?).await?.into())
    }
}
