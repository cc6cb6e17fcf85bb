//! Records being written, kept on the server to finish later, here or on
//! another device (F3.10). The form travels as the browser keeps it (JSON);
//! only its author sees it, and submitting the record removes it.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiError, graphql};

/// A draft as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// The draft's id: the record's submission key.
    pub id: Uuid,
    /// A line to recognise it by.
    pub summary: String,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// The form, as JSON.
    pub payload: String,
}

/// Just when a draft was saved, as a save answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedDraft {
    /// The draft's id.
    pub id: Uuid,
    /// When the server stored it.
    pub updated_at: DateTime<Utc>,
}

const MY_DRAFTS: &str = "query MyDrafts { myDrafts { id summary updatedAt payload } }";

const SAVE_DRAFT: &str = "mutation SaveDraft($id: UUID!, $summary: String!, $payload: String!) { \
     saveDraft(id: $id, summary: $summary, payload: $payload) { id updatedAt } }";

const DISCARD_DRAFT: &str = "mutation DiscardDraft($id: UUID!) { discardDraft(id: $id) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MyDraftsData {
    my_drafts: Vec<Draft>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SaveDraftData {
    save_draft: SavedDraft,
}

/// The caller's drafts, most recently saved first.
pub async fn my_drafts() -> Result<Vec<Draft>, ApiError> {
    let data: MyDraftsData = graphql(MY_DRAFTS, serde_json::json!({})).await?;
    Ok(data.my_drafts)
}

/// Saves (or replaces) the caller's draft with this id.
pub async fn save_draft(id: Uuid, summary: &str, payload: &str) -> Result<SavedDraft, ApiError> {
    let data: SaveDraftData = graphql(
        SAVE_DRAFT,
        serde_json::json!({ "id": id, "summary": summary, "payload": payload }),
    )
    .await?;
    Ok(data.save_draft)
}

/// Discards one of the caller's drafts.
pub async fn discard_draft(id: Uuid) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny = graphql(DISCARD_DRAFT, serde_json::json!({ "id": id })).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_reads_with_its_payload_as_text() {
        let json = r#"{"myDrafts":[{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11",
          "summary":"Case supervision, 20 November 2026, with Tom Reed",
          "updatedAt":"2026-11-21T09:00:00Z","payload":"{\"experience\":\"Started\"}"}]}"#;
        let parsed: Result<MyDraftsData, _> = serde_json::from_str(json);
        let Ok(data) = parsed else {
            panic!("the example answer should parse");
        };
        assert_eq!(data.my_drafts[0].payload, r#"{"experience":"Started"}"#);
    }
}
