//! Each person's policy on a day, as the cohort judges them: the
//! organisation's rules read once, and a policy computed once for each
//! distinct set of facts a rule looks at.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use supervision_shared::Role;
use supervision_shared::compliance::Policy;
use supervision_shared::policy::{PersonFacts, PolicyRule, PolicyScope, policy_for};
use uuid::Uuid;

use crate::service::compliance::member::Member;
use crate::service::units::Parents;

/// Each person's policy on a day, computed once for everyone alike: under
/// rules that name no unit, profession, role or person, a trust of 30,000
/// has one policy, not 30,000.
pub(super) struct Policies<'a> {
    rules: &'a [PolicyRule],
    parents: &'a Parents,
    day: NaiveDate,
    by_unit: bool,
    by_profession: bool,
    pub(super) by_role: bool,
    named: HashSet<Uuid>,
    known: HashMap<PolicyKey, Policy>,
}

/// The facts of a person that some rule reads; the rest are left out.
#[derive(Debug, Hash, PartialEq, Eq)]
struct PolicyKey {
    unit: Option<Uuid>,
    profession: Option<String>,
    roles: Option<Vec<Role>>,
    person: Option<Uuid>,
}

impl<'a> Policies<'a> {
    pub(super) fn new(rules: &'a [PolicyRule], parents: &'a Parents, day: NaiveDate) -> Self {
        let any = |f: fn(&PolicyScope) -> bool| rules.iter().any(|r| f(&r.scope));
        Self {
            rules,
            parents,
            day,
            by_unit: any(|s| matches!(s, PolicyScope::OrgUnit(_))),
            by_profession: any(|s| matches!(s, PolicyScope::Profession(_))),
            by_role: any(|s| matches!(s, PolicyScope::Role(_))),
            named: rules
                .iter()
                .filter_map(|r| match r.scope {
                    PolicyScope::Person(id) => Some(id),
                    _ => None,
                })
                .collect(),
            known: HashMap::new(),
        }
    }

    pub(super) fn of(&mut self, person: &Member, roles: impl FnOnce() -> Vec<Role>) -> Policy {
        let key = PolicyKey {
            unit: self.by_unit.then_some(person.org_unit_id),
            profession: self.by_profession.then(|| person.profession.clone()),
            roles: self.by_role.then(roles),
            person: self.named.contains(&person.id).then_some(person.id),
        };
        if let Some(policy) = self.known.get(&key) {
            return *policy;
        }
        let facts = PersonFacts {
            staff_id: person.id,
            unit_chain: crate::service::units::unit_chain(self.parents, person.org_unit_id),
            profession: person.profession.clone(),
            roles: key.roles.clone().unwrap_or_default(),
        };
        let policy = policy_for(self.rules, &facts, self.day);
        self.known.insert(key, policy);
        policy
    }
}
