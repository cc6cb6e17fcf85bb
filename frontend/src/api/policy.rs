//! Policy as data (F5.1, F5.8): the organisation's rules, proposing one,
//! and a head of service approving one less frequent than the default.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::policy::PolicySetting;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};
use crate::dates;

/// Whom a rule applies to, as the API names it in `scopeKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// Everyone in the organisation.
    Organisation,
    /// Everyone in an org unit and the units below it.
    OrgUnit,
    /// Everyone of a profession.
    Profession,
    /// Everyone holding a role.
    Role,
    /// One person (their supervision agreement).
    Person,
}

impl ScopeKind {
    /// Every scope, broadest first.
    pub const ALL: [Self; 5] = [
        Self::Organisation,
        Self::OrgUnit,
        Self::Profession,
        Self::Role,
        Self::Person,
    ];

    /// The API's code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::OrgUnit => "org_unit",
            Self::Profession => "profession",
            Self::Role => "role",
            Self::Person => "person",
        }
    }

    /// Reads the API's code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// The wording shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Organisation => "The whole organisation",
            Self::OrgUnit => "An org unit (a division, service or team, and the units below it)",
            Self::Profession => "A profession",
            Self::Role => "A role",
            Self::Person => "One person (their supervision agreement)",
        }
    }
}

/// One rule of the organisation's policy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRule {
    /// Rule id.
    pub id: Uuid,
    /// `organisation`, `org_unit`, `profession`, `role` or `person`.
    pub scope_kind: String,
    /// The unit id, profession, role code or person id.
    pub scope_value: String,
    /// Who it applies to, in words, as the server names it: "Everyone in
    /// the organisation", a unit's name, "Tom Reed (Community Nurse)",
    /// "Profession: …" or "Everyone with the role …".
    pub scope_label: String,
    /// What it sets.
    pub setting: PolicySetting,
    /// The number of days.
    pub days: i32,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Last day in force, if it ends.
    pub effective_to: Option<NaiveDate>,
    /// Why.
    pub reason: String,
    /// Who proposed it (none for the organisation's starting defaults).
    pub created_by: Option<StaffSummary>,
    /// When a head of service approved it.
    pub approved_at: Option<DateTime<Utc>>,
    /// The head of service who approved it.
    pub approved_by: Option<StaffSummary>,
    /// Less frequent than the organisation's default and not yet approved:
    /// until it is, the default applies.
    pub awaiting_approval: bool,
}

impl PolicyRule {
    /// The scope, when the API sent one this page knows.
    pub fn scope(&self) -> Option<ScopeKind> {
        ScopeKind::parse(&self.scope_kind)
    }
}

/// A rule as proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRuleInput {
    /// The scope's code ([`ScopeKind::as_str`]).
    pub scope_kind: String,
    /// The unit id, profession, role code or person id (empty for the
    /// organisation).
    pub scope_value: String,
    /// What it sets.
    pub setting: PolicySetting,
    /// The number of days.
    pub days: i32,
    /// First day in force (`YYYY-MM-DD`).
    pub effective_from: String,
    /// Last day in force, if it ends.
    pub effective_to: Option<String>,
    /// Why (shown to whoever approves it).
    pub reason: String,
}

impl PolicyRuleInput {
    /// The input for a scope, setting, number of days and dates.
    pub fn new(
        scope: ScopeKind,
        scope_value: String,
        setting: PolicySetting,
        days: i32,
        from: NaiveDate,
        to: Option<NaiveDate>,
        reason: String,
    ) -> Self {
        Self {
            scope_kind: scope.as_str().to_owned(),
            scope_value,
            setting,
            days,
            effective_from: dates::iso(from),
            effective_to: to.map(dates::iso),
            reason,
        }
    }
}

const RULE_FIELDS: &str = "id scopeKind scopeValue scopeLabel setting days effectiveFrom \
     effectiveTo reason createdBy { id name jobTitle teamName } approvedAt \
     approvedBy { id name jobTitle teamName } awaitingApproval";

/// An operation with the rule's fields in place of `{RULE_FIELDS}`.
fn with_rule_fields(operation: &str) -> String {
    operation.replace("{RULE_FIELDS}", RULE_FIELDS)
}

const POLICY_RULES: &str = "query PolicyRules { policyRules { {RULE_FIELDS} } }";

const PROPOSE_POLICY_RULE: &str = "mutation ProposePolicyRule($input: PolicyRuleInput!) { \
     proposePolicyRule(input: $input) { {RULE_FIELDS} } }";

const APPROVE_POLICY_RULE: &str = "mutation ApprovePolicyRule($id: UUID!) { \
     approvePolicyRule(id: $id) { {RULE_FIELDS} } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PolicyRulesData {
    policy_rules: Vec<PolicyRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProposeData {
    propose_policy_rule: PolicyRule,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApproveData {
    approve_policy_rule: PolicyRule,
}

/// Every rule of the caller's organisation (senior managers and system
/// administrators; anyone else is refused with `FORBIDDEN`).
pub async fn policy_rules() -> Result<Vec<PolicyRule>, ApiError> {
    let data: PolicyRulesData =
        graphql(&with_rule_fields(POLICY_RULES), serde_json::json!({})).await?;
    Ok(data.policy_rules)
}

/// Proposes a rule; the answer says whether it waits for approval.
pub async fn propose_policy_rule(input: &PolicyRuleInput) -> Result<PolicyRule, ApiError> {
    let data: ProposeData = graphql(
        &with_rule_fields(PROPOSE_POLICY_RULE),
        serde_json::json!({ "input": input }),
    )
    .await?;
    Ok(data.propose_policy_rule)
}

/// A head of service approves a rule less frequent than the default.
pub async fn approve_policy_rule(id: Uuid) -> Result<PolicyRule, ApiError> {
    let data: ApproveData = graphql(
        &with_rule_fields(APPROVE_POLICY_RULE),
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(data.approve_policy_rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_default_and_a_proposed_rule_read_as_the_api_sends_them() {
        let Ok(data) = serde_json::from_str::<PolicyRulesData>(
            r#"{"policyRules":[
              {"id":"00000000-0000-0000-0000-000000000001","scopeKind":"organisation","scopeValue":"",
               "scopeLabel":"Everyone in the organisation",
               "setting":"CLINICAL","days":56,"effectiveFrom":"2024-01-01","effectiveTo":null,
               "reason":"The policies' defaults","createdBy":null,"approvedAt":null,"approvedBy":null,
               "awaitingApproval":false},
              {"id":"00000000-0000-0000-0000-000000000002","scopeKind":"profession","scopeValue":"Physiotherapy",
               "scopeLabel":"Profession: Physiotherapy","setting":"DUE_SOON","days":84,"effectiveFrom":"2027-01-01","effectiveTo":"2027-12-31",
               "reason":"Rotas","createdBy":{"id":"00000000-0000-0000-0000-000000000003","name":"Ruth Adeyemi"},
               "approvedAt":"2026-11-22T10:00:00Z",
               "approvedBy":{"id":"00000000-0000-0000-0000-000000000004","name":"Helen Carter"},
               "awaitingApproval":false}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [default, proposed] = data.policy_rules.as_slice() else {
            panic!("two rules")
        };
        assert_eq!(default.scope(), Some(ScopeKind::Organisation));
        assert_eq!(default.created_by, None);
        assert_eq!(proposed.setting, PolicySetting::DueSoon);
        assert_eq!(proposed.scope(), Some(ScopeKind::Profession));
        assert!(proposed.approved_at.is_some());
        assert_eq!(default.approved_by, None);
        assert_eq!(proposed.scope_label, "Profession: Physiotherapy");
        assert_eq!(
            proposed.approved_by.as_ref().map(|p| p.name.as_str()),
            Some("Helen Carter")
        );
    }

    #[test]
    fn a_proposal_is_sent_with_the_api_names_and_codes() {
        let Some(from) = NaiveDate::from_ymd_opt(2027, 1, 1) else {
            panic!("valid date")
        };
        let input = PolicyRuleInput::new(
            ScopeKind::OrgUnit,
            "unit".into(),
            PolicySetting::Clinical,
            84,
            from,
            None,
            "Why".into(),
        );
        let json = serde_json::to_value(&input).unwrap_or_default();
        assert_eq!(json["scopeKind"], "org_unit");
        assert_eq!(json["setting"], "CLINICAL");
        assert_eq!(json["effectiveFrom"], "2027-01-01");
        assert!(json["effectiveTo"].is_null());
    }

    #[test]
    fn every_scope_reads_back_from_its_code() {
        for kind in ScopeKind::ALL {
            assert_eq!(ScopeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ScopeKind::parse("team"), None);
    }
}
