//! The organisation's own settings (system administrators): its name, time
//! zone and email domains; the identity tenant, set at set-up, to read.

use serde::{Deserialize, Serialize};

use super::{ApiError, graphql};

/// The settings as kept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationSettings {
    /// As staff know it.
    pub name: String,
    /// The IANA time zone its days are judged in.
    pub time_zone: String,
    /// Its email domains (none: any email).
    pub email_domains: Vec<String>,
    /// The identity provider tenant, if set at set-up.
    pub identity_tenant: Option<String>,
}

/// The settings to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    /// As staff know it.
    pub name: String,
    /// The IANA time zone.
    pub time_zone: String,
    /// Its email domains.
    pub email_domains: Vec<String>,
}

const FIELDS: &str = "name timeZone emailDomains identityTenant";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReadData {
    organisation_settings: OrganisationSettings,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangeData {
    change_organisation_settings: OrganisationSettings,
}

/// The organisation's settings.
pub async fn organisation_settings() -> Result<OrganisationSettings, ApiError> {
    let data: ReadData = graphql(
        &format!("query OrganisationSettings {{ organisationSettings {{ {FIELDS} }} }}"),
        serde_json::json!({}),
    )
    .await?;
    Ok(data.organisation_settings)
}

/// Keeps new settings; the settings as kept.
pub async fn change_organisation_settings(
    input: &SettingsInput,
) -> Result<OrganisationSettings, ApiError> {
    let data: ChangeData = graphql(
        &format!(
            "mutation ChangeOrganisationSettings($i: OrganisationSettingsInput!) {{ \
             changeOrganisationSettings(input: $i) {{ {FIELDS} }} }}"
        ),
        serde_json::json!({ "i": input }),
    )
    .await?;
    Ok(data.change_organisation_settings)
}

/// Domains as typed: one per line or separated by commas, blanks dropped.
pub fn domains_of(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(|d| d.trim().to_lowercase())
        .filter(|d| !d.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_the_api_sends_them_and_domains_as_typed() {
        let Ok(data) = serde_json::from_str::<ReadData>(
            r#"{"organisationSettings":{"name":"Northfield","timeZone":"Europe/London",
              "emailDomains":["northfield.example"],"identityTenant":null}}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(
            data.organisation_settings.email_domains,
            ["northfield.example"]
        );
        assert_eq!(
            domains_of("a.example, B.example\n\n c.example "),
            ["a.example", "b.example", "c.example"]
        );
    }
}
