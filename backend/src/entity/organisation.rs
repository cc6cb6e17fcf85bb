//! An organisation (tenant): a trust or a council.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTimeUtc,
    /// IANA time zone in which its days are judged, e.g. `Europe/London`.
    pub time_zone: String,
    /// The identity provider tenant its people sign in from (Entra ID's
    /// `tid`); none admits any.
    pub identity_tenant: Option<String>,
    /// Its own email domains, comma-separated; none admits any.
    pub email_domains: Option<String>,
}

impl Model {
    /// Whether a sign-in presenting this tenant and email is for this
    /// organisation: each setting it has must match.
    pub fn admits(&self, tenant: Option<&str>, email: Option<&str>) -> bool {
        let tenant_ok = self
            .identity_tenant
            .as_deref()
            .is_none_or(|own| tenant.is_some_and(|t| t.eq_ignore_ascii_case(own)));
        let domain = email
            .and_then(|e| e.rsplit_once('@'))
            .map(|(_, d)| d.to_lowercase());
        let domain_ok = self.email_domains.as_deref().is_none_or(|own| {
            domain
                .as_deref()
                .is_some_and(|d| own.split(',').any(|o| o.trim() == d))
        });
        tenant_ok && domain_ok
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sign_in_setting_an_organisation_has_must_match() {
        let mut org = Model {
            id: Uuid::nil(),
            name: "Eastshire".into(),
            created_at: chrono::DateTime::UNIX_EPOCH,
            time_zone: "Europe/London".into(),
            identity_tenant: None,
            email_domains: None,
        };
        assert!(
            org.admits(None, None),
            "no settings: one organisation per deployment"
        );
        org.identity_tenant = Some("T1".into());
        org.email_domains = Some("eastshire.gov.uk,nhs.net".into());
        assert!(org.admits(Some("t1"), Some("ruth@NHS.net")));
        assert!(!org.admits(Some("t2"), Some("ruth@nhs.net")));
        assert!(!org.admits(None, Some("ruth@nhs.net")));
        assert!(!org.admits(Some("T1"), Some("ruth@gmail.com")));
        assert!(!org.admits(Some("T1"), None));
    }
}
