//! Policy as data (F5.1, F5.8): the organisation's rules, proposing one,
//! and a head of service approving one less frequent than the default.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::Role;
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
#[serde(from = "RuleWire")]
pub struct PolicyRule {
    /// Rule id.
    pub id: Uuid,
    /// `organisation`, `org_unit`, `profession`, `role` or `person`
    /// ([`ScopeKind::as_str`]).
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

/// A rule as the API sends it: the scope's kind as an enum and its value in
/// the typed field for that kind. Read into the one code and value this
/// page compares and displays.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleWire {
    id: Uuid,
    scope_kind: String,
    unit_id: Option<Uuid>,
    profession: Option<String>,
    role: Option<Role>,
    staff_id: Option<Uuid>,
    scope_label: String,
    setting: PolicySetting,
    days: i32,
    effective_from: NaiveDate,
    effective_to: Option<NaiveDate>,
    reason: String,
    created_by: Option<StaffSummary>,
    approved_at: Option<DateTime<Utc>>,
    approved_by: Option<StaffSummary>,
    awaiting_approval: bool,
}

impl From<RuleWire> for PolicyRule {
    fn from(wire: RuleWire) -> Self {
        let scope_value = wire
            .unit_id
            .or(wire.staff_id)
            .map(|id| id.to_string())
            .or(wire.profession)
            .or(wire.role.map(|r| r.as_str().to_owned()))
            .unwrap_or_default();
        Self {
            id: wire.id,
            scope_kind: wire.scope_kind.to_lowercase(),
            scope_value,
            scope_label: wire.scope_label,
            setting: wire.setting,
            days: wire.days,
            effective_from: wire.effective_from,
            effective_to: wire.effective_to,
            reason: wire.reason,
            created_by: wire.created_by,
            approved_at: wire.approved_at,
            approved_by: wire.approved_by,
            awaiting_approval: wire.awaiting_approval,
        }
    }
}

impl PolicyRule {
    /// The scope, when the API sent one this page knows.
    pub fn scope(&self) -> Option<ScopeKind> {
        ScopeKind::parse(&self.scope_kind)
    }
}

/// A rule as proposed: the scope's kind, and its value in the field the
/// API gives that kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRuleInput {
    /// The scope's kind as the API names it, e.g. `ORG_UNIT`.
    pub scope_kind: String,
    /// The unit, for a unit's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<String>,
    /// The profession, for a profession's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profession: Option<String>,
    /// The role, for a role's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The person, for one person's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
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
    /// The input for a scope and its value (a unit or person id, a
    /// profession, a role's code), setting, number of days and dates.
    pub fn new(
        scope: ScopeKind,
        scope_value: String,
        setting: PolicySetting,
        days: i32,
        from: NaiveDate,
        to: Option<NaiveDate>,
        reason: String,
    ) -> Self {
        let given = || Some(scope_value.clone()).filter(|v| !v.is_empty());
        Self {
            scope_kind: scope.as_str().to_uppercase(),
            unit_id: (scope == ScopeKind::OrgUnit).then(given).flatten(),
            profession: (scope == ScopeKind::Profession).then(given).flatten(),
            role: (scope == ScopeKind::Role)
                .then(|| Role::parse(&scope_value).ok())
                .flatten(),
            staff_id: (scope == ScopeKind::Person).then(given).flatten(),
            setting,
            days,
            effective_from: dates::iso(from),
            effective_to: to.map(dates::iso),
            reason,
        }
    }
}

/// The fields the server names for a scope's value; the form shows all of
/// them at its one value field.
pub const SCOPE_VALUE_FIELDS: [&str; 4] = ["unitId", "profession", "role", "staffId"];

const RULE_FIELDS: &str = "id scopeKind unitId profession role staffId scopeLabel setting days effectiveFrom \
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
              {"id":"00000000-0000-0000-0000-000000000001","scopeKind":"ORGANISATION",
               "scopeLabel":"Everyone in the organisation",
               "setting":"CLINICAL","days":56,"effectiveFrom":"2024-01-01","effectiveTo":null,
               "reason":"The policies' defaults","createdBy":null,"approvedAt":null,"approvedBy":null,
               "awaitingApproval":false},
              {"id":"00000000-0000-0000-0000-000000000002","scopeKind":"PROFESSION","profession":"Physiotherapy",
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
        assert_eq!(proposed.scope_value, "Physiotherapy");
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
            "00000000-0000-0000-0000-000000000009".into(),
            PolicySetting::Clinical,
            84,
            from,
            None,
            "Why".into(),
        );
        let json = serde_json::to_value(&input).unwrap_or_default();
        assert_eq!(json["scopeKind"], "ORG_UNIT");
        assert_eq!(json["unitId"], "00000000-0000-0000-0000-000000000009");
        assert!(json.get("staffId").is_none());
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
