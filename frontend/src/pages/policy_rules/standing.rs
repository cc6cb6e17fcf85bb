//! Where each rule stands today, and how a rule is put into words. Pure, so
//! the wording and the grouping are tested without a browser.

use chrono::NaiveDate;
use supervision_shared::Policy;
use supervision_shared::policy::PolicySetting;

use crate::api::policy::PolicyRule;

/// Which list a rule belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Less frequent than the default and not yet approved.
    Awaiting,
    /// Counts today.
    InForce,
    /// Starts after today.
    Upcoming,
    /// A later rule for the same people and setting has taken over.
    Replaced,
    /// Its last day has passed.
    Ended,
}

fn in_force(rule: &PolicyRule, day: NaiveDate) -> bool {
    rule.effective_from <= day && rule.effective_to.is_none_or(|to| day <= to)
}

fn same_target(a: &PolicyRule, b: &PolicyRule) -> bool {
    a.id != b.id
        && a.setting == b.setting
        && a.scope_kind == b.scope_kind
        && a.scope_value.eq_ignore_ascii_case(&b.scope_value)
}

/// Where `rule` stands on `today`, among all of the organisation's `rules`.
/// For one scope and setting the rule that started last wins, as the
/// server's resolver decides; a rule still awaiting approval does not
/// count, so it replaces nothing.
pub fn standing(rule: &PolicyRule, rules: &[PolicyRule], today: NaiveDate) -> Standing {
    if rule.effective_to.is_some_and(|to| to < today) {
        return Standing::Ended;
    }
    if rule.awaiting_approval {
        return Standing::Awaiting;
    }
    if rule.effective_from > today {
        return Standing::Upcoming;
    }
    let replaced = rules.iter().any(|other| {
        same_target(rule, other)
            && !other.awaiting_approval
            && in_force(other, today)
            && other.effective_from > rule.effective_from
    });
    if replaced {
        Standing::Replaced
    } else {
        Standing::InForce
    }
}

/// The policies' built-in value of a setting, used when the organisation
/// has no rule of its own.
fn built_in(setting: PolicySetting) -> u32 {
    let defaults = Policy::default();
    match setting {
        PolicySetting::Clinical => defaults.clinical_days,
        PolicySetting::Management => defaults.management_days,
        PolicySetting::Case => defaults.case_days,
        PolicySetting::Backstop => defaults.backstop_days,
        PolicySetting::DueSoon => defaults.due_soon_days,
    }
}

/// The organisation's own value of a setting on a day: the rule for the
/// whole organisation that started last, or the policies' default.
pub fn organisation_default(rules: &[PolicyRule], setting: PolicySetting, day: NaiveDate) -> u32 {
    rules
        .iter()
        .filter(|r| r.setting == setting && r.scope_kind == "organisation" && in_force(r, day))
        .max_by_key(|r| r.effective_from)
        .and_then(|r| u32::try_from(r.days).ok())
        .unwrap_or_else(|| built_in(setting))
}

/// Whether a frequency would wait for a head of service's approval: less
/// often than the organisation's default on its first day. Rules for the
/// whole organisation, the back-stop and the due-soon window never do.
pub fn would_need_approval(
    rules: &[PolicyRule],
    organisation_wide: bool,
    setting: PolicySetting,
    days: i32,
    from: NaiveDate,
) -> bool {
    let frequency = matches!(
        setting,
        PolicySetting::Clinical | PolicySetting::Management | PolicySetting::Case
    );
    !organisation_wide
        && frequency
        && u32::try_from(days).is_ok_and(|d| d > organisation_default(rules, setting, from))
}

/// "56 days (8 weeks)", "1 day", "10 days".
pub fn days_phrase(days: i32) -> String {
    let plain = if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    };
    if days >= 14 && days % 7 == 0 {
        format!("{plain} ({} weeks)", days / 7)
    } else {
        plain
    }
}

/// A rule's title, what it sets and to what: "Clinical supervision: every
/// 56 days (8 weeks)".
pub fn title(setting: PolicySetting, days: i32) -> String {
    let days = days_phrase(days);
    match setting {
        PolicySetting::Clinical | PolicySetting::Management | PolicySetting::Case => {
            format!("{}: every {days}", setting.label())
        }
        PolicySetting::Backstop => {
            format!("Back-stop: no one goes more than {days} without formal supervision")
        }
        PolicySetting::DueSoon => format!("Due soon: from {days} before the due date"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn rule(n: u128, scope: &str, value: &str, days: i32, from: NaiveDate) -> PolicyRule {
        PolicyRule {
            id: Uuid::from_u128(n),
            scope_kind: scope.into(),
            scope_value: value.into(),
            scope_label: value.into(),
            setting: PolicySetting::Clinical,
            days,
            effective_from: from,
            effective_to: None,
            reason: String::new(),
            created_by: None,
            approved_at: None,
            approved_by: None,
            awaiting_approval: false,
        }
    }

    #[test]
    fn a_later_rule_for_the_same_people_replaces_an_earlier_one() {
        let old = rule(1, "organisation", "", 56, day(2024, 1, 1));
        let new = rule(2, "organisation", "", 42, day(2026, 1, 1));
        let rules = vec![old.clone(), new.clone()];
        let today = day(2026, 6, 1);
        assert_eq!(standing(&old, &rules, today), Standing::Replaced);
        assert_eq!(standing(&new, &rules, today), Standing::InForce);
    }

    #[test]
    fn a_rule_awaiting_approval_replaces_nothing_until_approved() {
        let unit_rule = rule(1, "org_unit", "u", 42, day(2024, 1, 1));
        let mut pending = rule(2, "org_unit", "u", 84, day(2026, 1, 1));
        pending.awaiting_approval = true;
        let rules = vec![unit_rule.clone(), pending.clone()];
        let today = day(2026, 6, 1);
        assert_eq!(standing(&unit_rule, &rules, today), Standing::InForce);
        assert_eq!(standing(&pending, &rules, today), Standing::Awaiting);
    }

    #[test]
    fn rules_yet_to_start_and_rules_that_have_ended_are_told_apart() {
        let mut ended = rule(1, "profession", "Nursing", 42, day(2024, 1, 1));
        ended.effective_to = Some(day(2025, 1, 1));
        let later = rule(2, "profession", "Nursing", 42, day(2027, 1, 1));
        let rules = vec![ended.clone(), later.clone()];
        let today = day(2026, 6, 1);
        assert_eq!(standing(&ended, &rules, today), Standing::Ended);
        assert_eq!(standing(&later, &rules, today), Standing::Upcoming);
    }

    #[test]
    fn less_often_than_the_organisation_default_needs_approval_and_more_often_does_not() {
        let rules = vec![rule(1, "organisation", "", 56, day(2024, 1, 1))];
        let from = day(2026, 6, 1);
        assert!(would_need_approval(
            &rules,
            false,
            PolicySetting::Clinical,
            84,
            from
        ));
        assert!(!would_need_approval(
            &rules,
            false,
            PolicySetting::Clinical,
            56,
            from
        ));
        assert!(!would_need_approval(
            &rules,
            true,
            PolicySetting::Clinical,
            84,
            from
        ));
        assert!(!would_need_approval(
            &rules,
            false,
            PolicySetting::Backstop,
            90,
            from
        ));
        // No organisation rule for management: the policies' 28 days.
        assert!(would_need_approval(
            &rules,
            false,
            PolicySetting::Management,
            35,
            from
        ));
    }

    #[test]
    fn titles_say_what_is_set_and_to_what() {
        assert_eq!(
            title(PolicySetting::Clinical, 56),
            "Clinical supervision: every 56 days (8 weeks)"
        );
        assert_eq!(
            title(PolicySetting::Case, 1),
            "Case supervision: every 1 day"
        );
        assert_eq!(
            title(PolicySetting::DueSoon, 10),
            "Due soon: from 10 days before the due date"
        );
    }
}
