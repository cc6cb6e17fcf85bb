//! Redaction on request (F7.4): which sections of a record were redacted and
//! when, and a senior manager's request to redact one.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use supervision_shared::RecordSection;
use uuid::Uuid;

use super::{ApiError, graphql};

/// A section redacted on request: that it happened and when, never the text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// The redaction's id.
    pub id: Uuid,
    /// Which section.
    pub section: RecordSection,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
}

const REDACT_SECTION: &str = "mutation RedactSection($supervisionId: UUID!, $section: RecordSection!, $reason: String!) { \
     redactSection(supervisionId: $supervisionId, section: $section, reason: $reason) { \
       id section decidedAt } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RedactData {
    redact_section: Redaction,
}

/// Redacts one section of a record, with the reason for doing so.
pub async fn redact_section(
    supervision_id: Uuid,
    section: RecordSection,
    reason: &str,
) -> Result<Redaction, ApiError> {
    let data: RedactData = graphql(
        REDACT_SECTION,
        serde_json::json!({
            "supervisionId": supervision_id,
            "section": section,
            "reason": reason,
        }),
    )
    .await?;
    Ok(data.redact_section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redaction_names_its_section_as_the_api_does() {
        let parsed: Result<Redaction, _> = serde_json::from_str(
            r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","section":"ACTION_PLAN","decidedAt":"2026-11-21T09:00:00Z"}"#,
        );
        assert_eq!(
            parsed.ok().map(|r| r.section),
            Some(RecordSection::ActionPlan)
        );
        assert_eq!(
            serde_json::to_value(RecordSection::ActionPlan).ok(),
            Some(serde_json::json!("ACTION_PLAN"))
        );
    }
}
