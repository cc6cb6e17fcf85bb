//! Policy as data (F5.1, F5.8): required frequencies set for the
//! organisation and overridden per org unit, profession, role or person
//! (the person's supervision agreement), each with the dates it is in
//! force. A frequency less often than the organisation's default counts
//! only once a head of service has approved it; until then the default
//! applies. The back-stop and the due-soon window are the organisation's.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::coded_enum;
use crate::compliance::Policy;
use crate::role::Role;

/// What a rule sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "PolicySetting::parse",
        to_str = "(|v: &PolicySetting| v.as_str())"
    )
)]
pub enum PolicySetting {
    /// Days between clinical supervisions.
    Clinical,
    /// Days between management supervisions.
    Management,
    /// Days between case supervisions.
    Case,
    /// The longest anyone may go without formal supervision (organisation only).
    Backstop,
    /// How many days before the due date "due soon" starts (organisation only).
    DueSoon,
}

coded_enum!(PolicySetting, "policy setting", {
    Clinical => ("clinical", "Clinical supervision"),
    Management => ("management", "Management supervision"),
    Case => ("case", "Case supervision"),
    Backstop => ("backstop", "Back-stop maximum gap"),
    DueSoon => ("due_soon", "Due-soon window"),
});

/// The kinds of scope a rule can have, as stored and as the API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "PolicyScopeKind::parse",
        to_str = "(|v: &PolicyScopeKind| v.as_str())"
    )
)]
pub enum PolicyScopeKind {
    /// Everyone in the organisation.
    Organisation,
    /// Everyone in an org unit and below it.
    OrgUnit,
    /// Everyone of a profession.
    Profession,
    /// Everyone holding a role.
    Role,
    /// One person (their supervision agreement).
    Person,
}

coded_enum!(PolicyScopeKind, "policy scope", {
    Organisation => ("organisation", "The whole organisation"),
    OrgUnit => ("org_unit", "An org unit and the units below it"),
    Profession => ("profession", "A profession"),
    Role => ("role", "A role"),
    Person => ("person", "One person"),
});

/// Whom a rule applies to. A more specific scope wins: a person's
/// agreement, then their role, then their profession, then their org unit
/// (nearest first), then the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyScope {
    /// Everyone in the organisation.
    Organisation,
    /// Everyone in this org unit and below it.
    OrgUnit(Uuid),
    /// Everyone of this profession.
    Profession(String),
    /// Everyone holding this role.
    Role(Role),
    /// One person (their supervision agreement).
    Person(Uuid),
}

impl PolicyScope {
    /// Its kind.
    pub fn kind(&self) -> PolicyScopeKind {
        match self {
            Self::Organisation => PolicyScopeKind::Organisation,
            Self::OrgUnit(_) => PolicyScopeKind::OrgUnit,
            Self::Profession(_) => PolicyScopeKind::Profession,
            Self::Role(_) => PolicyScopeKind::Role,
            Self::Person(_) => PolicyScopeKind::Person,
        }
    }

    /// The value stored beside the kind: a unit or person id, a profession,
    /// a role's code, or nothing for the organisation.
    pub fn stored_value(&self) -> String {
        match self {
            Self::Organisation => String::new(),
            Self::OrgUnit(id) | Self::Person(id) => id.to_string(),
            Self::Profession(p) => p.clone(),
            Self::Role(r) => r.as_str().to_owned(),
        }
    }
}

/// One rule, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRule {
    /// Whom it applies to.
    pub scope: PolicyScope,
    /// What it sets.
    pub setting: PolicySetting,
    /// The number of days.
    pub days: u32,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Last day in force, if it ends.
    pub effective_to: Option<NaiveDate>,
    /// Approved by a head of service (needed when less frequent than the
    /// organisation's default).
    pub approved: bool,
}

impl PolicyRule {
    /// Whether the rule is in force on a day.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }
}

/// What the resolver needs to know about a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFacts {
    /// The person.
    pub staff_id: Uuid,
    /// Their org unit first, then each parent up to the top.
    pub unit_chain: Vec<Uuid>,
    /// Their profession.
    pub profession: String,
    /// The roles they hold.
    pub roles: Vec<Role>,
}

/// How specific a scope is for this person (higher wins); `None` when it
/// does not apply to them.
fn specificity(scope: &PolicyScope, person: &PersonFacts) -> Option<usize> {
    let units = person.unit_chain.len();
    match scope {
        PolicyScope::Organisation => Some(0),
        PolicyScope::OrgUnit(unit) => person
            .unit_chain
            .iter()
            .position(|u| u == unit)
            .map(|depth| 1 + units - depth),
        PolicyScope::Profession(p) => {
            (p.eq_ignore_ascii_case(&person.profession)).then_some(units + 2)
        }
        PolicyScope::Role(r) => person.roles.contains(r).then_some(units + 3),
        PolicyScope::Person(id) => (*id == person.staff_id).then_some(units + 4),
    }
}

/// The organisation's own value of a setting on a day.
fn organisation_value(rules: &[PolicyRule], setting: PolicySetting, day: NaiveDate) -> Option<u32> {
    rules
        .iter()
        .filter(|r| r.setting == setting && r.scope == PolicyScope::Organisation && r.in_force(day))
        .max_by_key(|r| r.effective_from)
        .map(|r| r.days)
}

/// The policy that applies to a person on a day. Settings no rule covers
/// keep the policies' defaults.
pub fn policy_for(rules: &[PolicyRule], person: &PersonFacts, day: NaiveDate) -> Policy {
    let defaults = Policy::default();
    let organisation =
        |setting, fallback| organisation_value(rules, setting, day).unwrap_or(fallback);
    let mut policy = Policy {
        clinical_days: organisation(PolicySetting::Clinical, defaults.clinical_days),
        management_days: organisation(PolicySetting::Management, defaults.management_days),
        case_days: organisation(PolicySetting::Case, defaults.case_days),
        backstop_days: organisation(PolicySetting::Backstop, defaults.backstop_days),
        due_soon_days: organisation(PolicySetting::DueSoon, defaults.due_soon_days),
    };
    for (setting, slot) in [
        (PolicySetting::Clinical, &mut policy.clinical_days),
        (PolicySetting::Management, &mut policy.management_days),
        (PolicySetting::Case, &mut policy.case_days),
    ] {
        let default = *slot;
        let chosen = rules
            .iter()
            .filter(|r| r.setting == setting && r.in_force(day))
            // Less often than the organisation's default needs approval.
            .filter(|r| r.days <= default || r.approved)
            .filter_map(|r| specificity(&r.scope, person).map(|s| (s, r.effective_from, r.days)))
            .max_by_key(|(s, from, _)| (*s, *from));
        if let Some((_, _, days)) = chosen {
            *slot = days;
        }
    }
    policy
}

/// The organisation's own frequency for a setting on a day, before any
/// unit, profession, role or person is considered: what "less often than
/// the default" is measured against.
pub fn organisation_default(rules: &[PolicyRule], setting: PolicySetting, day: NaiveDate) -> u32 {
    let default = Policy::default();
    let fallback = match setting {
        PolicySetting::Clinical => default.clinical_days,
        PolicySetting::Management => default.management_days,
        PolicySetting::Case => default.case_days,
        PolicySetting::Backstop => default.backstop_days,
        PolicySetting::DueSoon => default.due_soon_days,
    };
    organisation_value(rules, setting, day).unwrap_or(fallback)
}

/// Whether a proposed frequency needs a head of service's approval: it is
/// less often than the organisation's default on the day it starts.
pub fn needs_approval(
    rules: &[PolicyRule],
    setting: PolicySetting,
    days: u32,
    from: NaiveDate,
) -> bool {
    match setting {
        PolicySetting::Backstop | PolicySetting::DueSoon => false,
        _ => days > organisation_default(rules, setting, from),
    }
}

/// The longest interval any person can have under these rules, whatever
/// their scope, dates or approval. Someone whose last formal supervision is
/// older than this is overdue on any policy, so a report that only counts
/// who is within their interval need read no further back.
pub fn longest_interval(rules: &[PolicyRule]) -> u32 {
    let defaults = Policy::default();
    rules
        .iter()
        .filter(|r| {
            matches!(
                r.setting,
                PolicySetting::Clinical | PolicySetting::Management | PolicySetting::Case
            )
        })
        .map(|r| r.days)
        .chain([
            defaults.clinical_days,
            defaults.management_days,
            defaults.case_days,
        ])
        .max()
        .unwrap_or(defaults.case_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::{ComplianceStatus, Schedule, SessionFact, standing};
    use crate::kind::{Approach, ComplianceCategory, SupervisionKind};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn rule(scope: PolicyScope, setting: PolicySetting, days: u32, from: NaiveDate) -> PolicyRule {
        PolicyRule {
            scope,
            setting,
            days,
            effective_from: from,
            effective_to: None,
            approved: false,
        }
    }

    const TEAM: Uuid = Uuid::from_u128(10);
    const DIVISION: Uuid = Uuid::from_u128(11);
    const NURSE: Uuid = Uuid::from_u128(1);

    fn nurse() -> PersonFacts {
        PersonFacts {
            staff_id: NURSE,
            unit_chain: vec![TEAM, DIVISION],
            profession: "Nursing".into(),
            roles: vec![Role::Staff],
        }
    }

    fn seeded() -> Vec<PolicyRule> {
        let start = day(2020, 1, 1);
        vec![
            rule(
                PolicyScope::Organisation,
                PolicySetting::Clinical,
                56,
                start,
            ),
            rule(
                PolicyScope::Organisation,
                PolicySetting::Management,
                28,
                start,
            ),
            rule(PolicyScope::Organisation, PolicySetting::Case, 91, start),
            rule(
                PolicyScope::Organisation,
                PolicySetting::Backstop,
                61,
                start,
            ),
            rule(PolicyScope::Organisation, PolicySetting::DueSoon, 14, start),
        ]
    }

    #[test]
    fn the_organisation_default_applies_when_nothing_more_specific_does() {
        let p = policy_for(&seeded(), &nurse(), day(2026, 11, 1));
        assert_eq!(p, Policy::default());
    }

    #[test]
    fn a_unit_profession_role_and_person_override_in_that_order_of_strength() {
        let from = day(2026, 1, 1);
        let mut rules = seeded();
        rules.push(rule(
            PolicyScope::OrgUnit(DIVISION),
            PolicySetting::Clinical,
            49,
            from,
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            49
        );
        rules.push(rule(
            PolicyScope::OrgUnit(TEAM),
            PolicySetting::Clinical,
            42,
            from,
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            42,
            "nearest unit wins"
        );
        rules.push(rule(
            PolicyScope::Profession("nursing".into()),
            PolicySetting::Clinical,
            35,
            from,
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            35
        );
        rules.push(rule(
            PolicyScope::Role(Role::Staff),
            PolicySetting::Clinical,
            28,
            from,
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            28
        );
        rules.push(rule(
            PolicyScope::Person(NURSE),
            PolicySetting::Clinical,
            21,
            from,
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            21
        );
        let other = PersonFacts {
            staff_id: Uuid::from_u128(2),
            ..nurse()
        };
        assert_eq!(
            policy_for(&rules, &other, day(2026, 6, 1)).clinical_days,
            28,
            "someone else's agreement is not theirs"
        );
    }

    #[test]
    fn compliance_for_a_past_month_uses_the_policy_in_force_then() {
        let mut rules = seeded();
        rules[0].effective_to = Some(day(2025, 12, 31));
        rules.push(rule(
            PolicyScope::Organisation,
            PolicySetting::Clinical,
            42,
            day(2026, 1, 1),
        ));
        assert_eq!(
            policy_for(&rules, &nurse(), day(2025, 11, 30)).clinical_days,
            56
        );
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 2, 28)).clinical_days,
            42
        );
    }

    #[test]
    fn a_less_frequent_agreement_counts_only_once_a_head_of_service_approves_it() {
        let mut rules = seeded();
        let quarterly = rule(
            PolicyScope::Person(NURSE),
            PolicySetting::Clinical,
            91,
            day(2026, 1, 1),
        );
        assert!(needs_approval(
            &rules,
            PolicySetting::Clinical,
            91,
            day(2026, 1, 1)
        ));
        rules.push(quarterly);
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            56,
            "until approved the default applies"
        );
        if let Some(last) = rules.last_mut() {
            last.approved = true;
        }
        assert_eq!(
            policy_for(&rules, &nurse(), day(2026, 6, 1)).clinical_days,
            91
        );
        assert!(
            !needs_approval(&rules, PolicySetting::Clinical, 28, day(2026, 1, 1)),
            "more often needs no approval"
        );
    }

    #[test]
    fn no_one_is_given_a_longer_interval_than_the_longest() {
        let mut quarterly = rule(
            PolicyScope::Person(NURSE),
            PolicySetting::Case,
            182,
            day(2026, 1, 1),
        );
        quarterly.approved = true;
        let rules = vec![
            rule(
                PolicyScope::OrgUnit(TEAM),
                PolicySetting::Clinical,
                90,
                day(2025, 1, 1),
            ),
            rule(
                PolicyScope::Organisation,
                PolicySetting::Backstop,
                120,
                day(2025, 1, 1),
            ),
            quarterly,
        ];
        let longest = longest_interval(&rules);
        assert_eq!(longest, 182);
        for on in [day(2025, 6, 1), day(2026, 6, 1)] {
            let policy = policy_for(&rules, &nurse(), on);
            for category in [
                ComplianceCategory::Clinical,
                ComplianceCategory::Management,
                ComplianceCategory::Case,
            ] {
                assert!(Schedule::NORMAL.interval_on(&policy, category, on) <= longest);
            }
        }
        assert_eq!(
            longest_interval(&[]),
            91,
            "with no rules, the longest default (case, 3 months)"
        );
    }

    #[test]
    fn back_stop_applies_despite_agreed_quarterly_frequency() {
        let mut rules = seeded();
        let mut quarterly = rule(
            PolicyScope::Person(NURSE),
            PolicySetting::Clinical,
            91,
            day(2026, 1, 1),
        );
        quarterly.approved = true;
        rules.push(quarterly);
        let policy = policy_for(&rules, &nurse(), day(2026, 6, 1));
        let history = [SessionFact {
            held_on: day(2026, 3, 2),
            kind: SupervisionKind::ClinicalOneToOne,
            approach: Some(Approach::StructuredReflection),
            removed: false,
        }];
        let s = standing(
            &policy,
            &Schedule::NORMAL,
            &history,
            ComplianceCategory::Clinical,
            day(2026, 5, 4),
        );
        assert_eq!(s.next_due, Some(day(2026, 5, 2)), "two months, not three");
        assert_eq!(s.status, ComplianceStatus::Overdue);
    }
}
