//! The bearer tokens an identity provider presents to `/scim/v2` to
//! provision staff (system administrators). A token's secret is answered
//! once, when it is made; the list never carries it.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiError, graphql};

/// A token as listed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisioningToken {
    /// Its id.
    pub id: Uuid,
    /// What it was called.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When the identity provider last used it.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just made, with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewProvisioningToken {
    /// Its id.
    pub id: Uuid,
    /// The secret to paste into the identity provider.
    pub token: String,
}

const PROVISIONING_TOKENS: &str = "query ProvisioningTokens { provisioningTokens { \
    id label createdAt lastUsedAt revokedAt } }";

const CREATE_PROVISIONING_TOKEN: &str = "mutation CreateProvisioningToken($label: String!) { \
    createProvisioningToken(label: $label) { id token } }";

const REVOKE_PROVISIONING_TOKEN: &str = "mutation RevokeProvisioningToken($id: UUID!) { \
    revokeProvisioningToken(id: $id) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokensData {
    provisioning_tokens: Vec<ProvisioningToken>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateData {
    create_provisioning_token: NewProvisioningToken,
}

/// The organisation's tokens, newest first.
pub async fn provisioning_tokens() -> Result<Vec<ProvisioningToken>, ApiError> {
    let data: TokensData = graphql(PROVISIONING_TOKENS, serde_json::json!({})).await?;
    Ok(data.provisioning_tokens)
}

/// Makes a token; its secret is in the answer and nowhere else. A field
/// error names `label`.
pub async fn create_provisioning_token(label: &str) -> Result<NewProvisioningToken, ApiError> {
    let data: CreateData = graphql(
        CREATE_PROVISIONING_TOKEN,
        serde_json::json!({ "label": label }),
    )
    .await?;
    Ok(data.create_provisioning_token)
}

/// Revokes a token at once. `NotFound` when it is already revoked.
pub async fn revoke_provisioning_token(id: Uuid) -> Result<(), ApiError> {
    let _: serde_json::Value =
        graphql(REVOKE_PROVISIONING_TOKEN, serde_json::json!({ "id": id })).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_as_the_server_writes_it() {
        let Ok(data) = serde_json::from_str::<TokensData>(
            r#"{"provisioningTokens":[{"id":"00000000-0000-0000-0000-000000000001","label":"Entra ID",
              "createdAt":"2026-12-05T12:00:00Z","lastUsedAt":null,"revokedAt":"2026-12-05T13:00:00+00:00"}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(data.provisioning_tokens[0].label, "Entra ID");
        assert!(data.provisioning_tokens[0].last_used_at.is_none());
        assert!(data.provisioning_tokens[0].revoked_at.is_some());
    }
}
