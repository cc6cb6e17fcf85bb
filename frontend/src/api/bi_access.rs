//! Read-only tokens for the organisation's BI tools (Power BI and the
//! like), for system administrators. A token's secret is answered once,
//! when it is made; the list never carries it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::bi::BiTokenDraft;
use uuid::Uuid;

use super::{ApiError, graphql};

/// A unit a token reaches, with everything below it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BiTokenUnit {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// A token as listed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BiToken {
    /// Its id.
    pub id: Uuid,
    /// The BI client it was made for.
    pub label: String,
    /// The units it reaches.
    pub units: Vec<BiTokenUnit>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Its last day of use.
    pub expires_on: NaiveDate,
    /// When the BI tool last used it.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just made, with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewBiToken {
    /// Its id.
    pub id: Uuid,
    /// The secret to give the BI tool.
    pub token: String,
}

const BI_TOKENS: &str = "query BiTokens { biTokens { \
    id label units { id name } createdAt expiresOn lastUsedAt revokedAt } }";

const CREATE_BI_TOKEN: &str = "mutation CreateBiToken($input: BiTokenInput!) { \
    createBiToken(input: $input) { id token } }";

const REVOKE_BI_TOKEN: &str = "mutation RevokeBiToken($id: UUID!) { revokeBiToken(id: $id) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokensData {
    bi_tokens: Vec<BiToken>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateData {
    create_bi_token: NewBiToken,
}

/// The organisation's BI tokens, newest first.
pub async fn bi_tokens() -> Result<Vec<BiToken>, ApiError> {
    let data: TokensData = graphql(BI_TOKENS, serde_json::json!({})).await?;
    Ok(data.bi_tokens)
}

/// Makes a token; its secret is in the answer and nowhere else. Field
/// errors name `label`, `unitIds` or `expiresOn`.
pub async fn create_bi_token(draft: &BiTokenDraft) -> Result<NewBiToken, ApiError> {
    let data: CreateData = graphql(CREATE_BI_TOKEN, serde_json::json!({ "input": draft })).await?;
    Ok(data.create_bi_token)
}

/// Revokes a token at once. `NotFound` when it is already revoked.
pub async fn revoke_bi_token(id: Uuid) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(REVOKE_BI_TOKEN, serde_json::json!({ "id": id })).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_as_the_server_writes_it() {
        let Ok(data) = serde_json::from_str::<TokensData>(
            r#"{"biTokens":[{"id":"00000000-0000-0000-0000-000000000001","label":"Power BI",
              "units":[{"id":"00000000-0000-0000-0000-000000000002","name":"Community Services"}],
              "createdAt":"2026-12-07T12:00:00Z","expiresOn":"2027-12-07","lastUsedAt":null,"revokedAt":null}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let token = &data.bi_tokens[0];
        assert_eq!(token.units[0].name, "Community Services");
        assert_eq!(token.expires_on.to_string(), "2027-12-07");
        assert!(token.revoked_at.is_none());
    }
}
