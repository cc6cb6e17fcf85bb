//! Supervision agreements (F6): the organisation's headings, one agreement,
//! a person's, starting one, revising it and signing it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::agreement::AgreementHeading;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// Line management or clinical supervision, as the API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgreementKind {
    /// With the line manager.
    LineManager,
    /// With the clinical supervisor.
    ClinicalSupervisor,
}

impl AgreementKind {
    /// The code in the page's address.
    pub fn code(self) -> &'static str {
        match self {
            Self::LineManager => "LINE_MANAGER",
            Self::ClinicalSupervisor => "CLINICAL_SUPERVISOR",
        }
    }

    /// Reads the address's code.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::LineManager, Self::ClinicalSupervisor]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The supervision it is for, in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::LineManager => "Line management",
            Self::ClinicalSupervisor => "Clinical supervision",
        }
    }
}

/// Where an agreement is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgreementStatus {
    /// Written; neither has signed.
    Draft,
    /// One has signed.
    AwaitingSignature,
    /// Both signed.
    InForce,
    /// Replaced by a newer one.
    Ended,
}

impl AgreementStatus {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Not signed yet",
            Self::AwaitingSignature => "Awaiting a signature",
            Self::InForce => "In force",
            Self::Ended => "Replaced",
        }
    }
}

/// What the pair wrote under one heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgreementSection {
    /// The heading's key.
    pub key: String,
    /// The heading (sent back only).
    #[serde(default, skip_serializing)]
    pub heading: String,
    /// What they agree.
    pub text: String,
}

/// An agreement; the content fields only for its two parties.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// Its id.
    pub id: Uuid,
    /// Which supervision it is for.
    pub kind: AgreementKind,
    /// The supervisee.
    pub supervisee: StaffSummary,
    /// The supervisor.
    pub supervisor: StaffSummary,
    /// Days between formal supervisions.
    pub frequency_days: u32,
    /// Why, when less often than the organisation's.
    #[serde(default)]
    pub frequency_reason: Option<String>,
    /// Usual length, in minutes.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// Usual venue.
    #[serde(default)]
    pub venue: Option<String>,
    /// What they agreed, heading by heading.
    #[serde(default)]
    pub sections: Option<Vec<AgreementSection>>,
    /// The first day it applies.
    pub starts_on: NaiveDate,
    /// When it is reviewed.
    pub review_by: NaiveDate,
    /// Where it is in its life.
    pub status: AgreementStatus,
    /// When the supervisor signed.
    pub supervisor_signed_at: Option<DateTime<Utc>>,
    /// When the supervisee signed.
    pub supervisee_signed_at: Option<DateTime<Utc>>,
    /// When the second signature put it in force.
    #[serde(default)]
    pub in_force_at: Option<DateTime<Utc>>,
    /// Its last day, once a newer one replaced it.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// Waits for a head of service's approval of its frequency.
    pub awaiting_approval: bool,
    /// The viewer is its supervisor or supervisee.
    pub viewer_is_party: bool,
    /// The viewer may read what it says: a party, or someone who opened it
    /// for a stated purpose.
    #[serde(default)]
    pub viewer_reads_content: bool,
    /// The viewer may sign it now.
    pub can_sign: bool,
}

#[cfg(test)]
impl Agreement {
    /// An agreement between `supervisee` (id `supervisee`, "Tom Reed") and
    /// Priya Shah, for the pages' tests; one awaiting signature can be
    /// signed.
    pub fn example(
        id: u128,
        supervisee: u128,
        kind: AgreementKind,
        status: AgreementStatus,
    ) -> Self {
        let person = |id: u128, name: &str| StaffSummary {
            id: Uuid::from_u128(id),
            name: name.into(),
            job_title: String::new(),
            team_name: String::new(),
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        Self {
            id: Uuid::from_u128(id),
            kind,
            supervisee: person(supervisee, "Tom Reed"),
            supervisor: person(9, "Priya Shah"),
            frequency_days: 28,
            frequency_reason: None,
            duration_minutes: None,
            venue: None,
            sections: None,
            starts_on: day,
            review_by: day,
            status,
            supervisor_signed_at: None,
            supervisee_signed_at: None,
            in_force_at: None,
            ended_on: None,
            awaiting_approval: false,
            viewer_is_party: true,
            viewer_reads_content: true,
            can_sign: status == AgreementStatus::AwaitingSignature,
        }
    }
}

/// What the pair agree, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgreementTerms {
    /// Days between formal supervisions.
    pub frequency_days: u32,
    /// Why, when less often than the organisation's.
    pub frequency_reason: String,
    /// Usual length, in minutes.
    pub duration_minutes: u32,
    /// Usual venue.
    pub venue: String,
    /// The first day it applies (`YYYY-MM-DD`).
    pub starts_on: String,
    /// When it is reviewed (`YYYY-MM-DD`).
    pub review_by: String,
    /// A text for each heading.
    pub sections: Vec<AgreementSection>,
}

const PUBLIC_FIELDS: &str = "id kind supervisee { id name jobTitle teamName } \
     supervisor { id name jobTitle teamName } frequencyDays startsOn reviewBy status \
     supervisorSignedAt superviseeSignedAt inForceAt endedOn awaitingApproval viewerIsParty \
     viewerReadsContent canSign";
const CONTENT_FIELDS: &str = "frequencyReason durationMinutes venue sections { key heading text }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HeadingsData {
    agreement_headings: Vec<AgreementHeading>,
}

#[derive(Deserialize)]
struct OneData {
    agreement: Agreement,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartData {
    start_agreement: Agreement,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReviseData {
    revise_agreement: Agreement,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignData {
    sign_agreement: Agreement,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MineData {
    my_agreements: Vec<Agreement>,
}

/// The organisation's headings, with the policy's words to start from.
pub async fn agreement_headings() -> Result<Vec<AgreementHeading>, ApiError> {
    let data: HeadingsData = graphql(
        "query AgreementHeadings { agreementHeadings { key heading guidance } }",
        serde_json::json!({}),
    )
    .await?;
    Ok(data.agreement_headings)
}

/// One agreement: with what it says when `content` (its parties, or under
/// a grant, where that read is logged), without for others.
pub async fn agreement(id: Uuid, content: bool) -> Result<Agreement, ApiError> {
    let content = if content { CONTENT_FIELDS } else { "" };
    let data: OneData = graphql(
        &format!(
            "query Agreement($id: UUID!) {{ agreement(id: $id) {{ {PUBLIC_FIELDS} {content} }} }}"
        ),
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(data.agreement)
}

/// The caller's agreements being written or in force.
pub async fn my_agreements() -> Result<Vec<Agreement>, ApiError> {
    let data: MineData = graphql(
        &format!("query MyAgreements {{ myAgreements {{ {PUBLIC_FIELDS} }} }}"),
        serde_json::json!({}),
    )
    .await?;
    Ok(data.my_agreements)
}

/// Starts an agreement with a supervisee.
pub async fn start_agreement(
    supervisee: Uuid,
    kind: AgreementKind,
    terms: &AgreementTerms,
) -> Result<Agreement, ApiError> {
    let data: StartData = graphql(
        &format!(
            "mutation StartAgreement($s: UUID!, $k: AllocationKind!, $t: AgreementTermsInput!) {{ \
             startAgreement(superviseeId: $s, kind: $k, terms: $t) {{ {PUBLIC_FIELDS} }} }}"
        ),
        serde_json::json!({ "s": supervisee, "k": kind, "t": terms }),
    )
    .await?;
    Ok(data.start_agreement)
}

/// Revises an agreement not yet in force; both sign again.
pub async fn revise_agreement(id: Uuid, terms: &AgreementTerms) -> Result<Agreement, ApiError> {
    let data: ReviseData = graphql(
        &format!(
            "mutation ReviseAgreement($id: UUID!, $t: AgreementTermsInput!) {{ \
             reviseAgreement(id: $id, terms: $t) {{ {PUBLIC_FIELDS} }} }}"
        ),
        serde_json::json!({ "id": id, "t": terms }),
    )
    .await?;
    Ok(data.revise_agreement)
}

/// Signs an agreement the caller is party to.
pub async fn sign_agreement(id: Uuid) -> Result<Agreement, ApiError> {
    let data: SignData = graphql(
        &format!(
            "mutation SignAgreement($id: UUID!) {{ signAgreement(id: $id) {{ {PUBLIC_FIELDS} }} }}"
        ),
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(data.sign_agreement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agreement_reads_as_the_api_sends_it_to_a_party_and_to_the_chain() {
        let base = r#""id":"00000000-0000-0000-0000-000000000001","kind":"LINE_MANAGER",
            "supervisee":{"id":"00000000-0000-0000-0000-000000000002","name":"Ben Okafor"},
            "supervisor":{"id":"00000000-0000-0000-0000-000000000003","name":"Sofia Martins"},
            "frequencyDays":14,"startsOn":"2026-12-05","reviewBy":"2027-12-05","status":"AWAITING_SIGNATURE",
            "supervisorSignedAt":null,"superviseeSignedAt":"2026-12-05T10:00:00Z","inForceAt":null,
            "endedOn":null,"awaitingApproval":false,
            "viewerIsParty":true,"canSign":true"#;
        let party = format!(
            r#"{{"agreement":{{{base},"venue":"Team base","durationMinutes":90,"frequencyReason":"",
              "sections":[{{"key":"purpose","heading":"Purpose","text":"Support"}}]}}}}"#
        );
        let Ok(data) = serde_json::from_str::<OneData>(&party) else {
            panic!("the party's response should parse");
        };
        assert_eq!(data.agreement.kind, AgreementKind::LineManager);
        assert_eq!(data.agreement.status, AgreementStatus::AwaitingSignature);
        assert_eq!(data.agreement.sections.map(|s| s.len()), Some(1));
        let chain = format!(r#"{{"agreement":{{{base}}}}}"#);
        let Ok(data) = serde_json::from_str::<OneData>(&chain) else {
            panic!("the chain's response should parse");
        };
        assert_eq!(data.agreement.venue, None);
    }

    #[test]
    fn terms_are_sent_with_the_api_names() {
        let terms = AgreementTerms {
            frequency_days: 14,
            frequency_reason: String::new(),
            duration_minutes: 90,
            venue: "Team base".into(),
            starts_on: "2026-12-05".into(),
            review_by: "2027-12-05".into(),
            sections: vec![AgreementSection {
                key: "purpose".into(),
                heading: "Purpose".into(),
                text: "Support".into(),
            }],
        };
        let json = serde_json::to_value(&terms).unwrap_or_default();
        assert_eq!(json["frequencyDays"], 14);
        assert_eq!(
            json["sections"][0],
            serde_json::json!({ "key": "purpose", "text": "Support" })
        );
        assert_eq!(
            serde_json::to_value(AgreementKind::ClinicalSupervisor).unwrap_or_default(),
            "CLINICAL_SUPERVISOR"
        );
    }
}
