//! The compliance rule, once (SPEC F5.3, F5.4): given a person's policy,
//! schedule and supervision history, and a date to judge at, when was their
//! last formal supervision of each kind, when is the next one due, and are
//! they compliant, due soon, overdue, or have they never had one. The server
//! reports over many people in SQL; this is the definition those reports are
//! checked against, and the browser uses it to show the next due date as
//! soon as a record is saved.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::kind::{Approach, ComplianceCategory, SupervisionKind, counts_towards};
pub use crate::schedule::Schedule;

/// Where a person stands for one kind of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
pub enum ComplianceStatus {
    /// Supervised within the required interval, not yet due soon.
    Compliant,
    /// The next supervision falls due within the due-soon window.
    DueSoon,
    /// The next supervision was due before the date judged at.
    Overdue,
    /// Judged as at a later day than today (the month's end, to plan the
    /// month's supervisions): the next one falls due before that day but
    /// has not yet; "Due by 24 December", never "Overdue" ([`told_on`]).
    DueByMonthEnd,
    /// No formal supervision of this kind on record.
    NeverHad,
    /// Not required of this person: case supervision of someone who holds
    /// no caseload (F3.7).
    NotApplicable,
}

coded_enum!(ComplianceStatus, "compliance status", {
    Compliant => ("compliant", "Compliant"),
    DueSoon => ("due_soon", "Due soon"),
    Overdue => ("overdue", "Overdue"),
    DueByMonthEnd => ("due_by_month_end", "Due this month"),
    NeverHad => ("never_had", "Never had one"),
    NotApplicable => ("not_applicable", "Not applicable"),
});

/// Required frequencies, a back-stop and a due-soon window (F5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::SimpleObject))]
pub struct Policy {
    /// Days between clinical supervisions (default 8 weeks).
    pub clinical_days: u32,
    /// Days between management supervisions (default 4 weeks).
    pub management_days: u32,
    /// Days between case supervisions (default 3 months).
    pub case_days: u32,
    /// No one goes longer than this without formal supervision, whatever was
    /// agreed (two months).
    pub backstop_days: u32,
    /// "Due soon" this many days before the due date.
    pub due_soon_days: u32,
}

impl Default for Policy {
    /// The policies' defaults: clinical every 8 weeks; management every 4
    /// weeks; case discussion every 3 months; a back-stop of two months.
    fn default() -> Self {
        Self {
            clinical_days: 56,
            management_days: 28,
            case_days: 91,
            backstop_days: 61,
            due_soon_days: 14,
        }
    }
}

impl Policy {
    /// Days between formal supervisions of a kind: the agreed frequency,
    /// never longer than the back-stop (which is about supervision of the
    /// person, so not of each case).
    pub fn interval(&self, category: ComplianceCategory) -> u32 {
        let agreed = match category {
            ComplianceCategory::Clinical => self.clinical_days,
            ComplianceCategory::Management => self.management_days,
            // The back-stop is about supervision of the person, not of each case.
            ComplianceCategory::Case => return self.case_days,
        };
        agreed.min(self.backstop_days)
    }
}

/// One session in a person's history, as far as compliance cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFact {
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
    /// Its approach, where it has one.
    pub approach: Option<Approach>,
    /// Removed as made in error (F4.5): counts for nothing.
    pub removed: bool,
}

/// One person's standing for one kind of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryStanding {
    /// Which kind.
    pub category: ComplianceCategory,
    /// Their last formal supervision of this kind on or before the date judged.
    pub last: Option<NaiveDate>,
    /// When the next one is due.
    pub next_due: Option<NaiveDate>,
    /// The verdict.
    pub status: ComplianceStatus,
}

/// Judges one person for one kind of supervision as at `as_at`.
pub fn standing(
    policy: &Policy,
    schedule: &Schedule,
    history: &[SessionFact],
    category: ComplianceCategory,
    as_at: NaiveDate,
) -> CategoryStanding {
    let last = last_formal(history, category, as_at);
    judge(policy, schedule, category, last, as_at)
}

/// The day of the last session that counts towards `category`, on or
/// before `as_at`. Reports compute this in SQL over many people; a test
/// checks they agree with this.
pub fn last_formal(
    history: &[SessionFact],
    category: ComplianceCategory,
    as_at: NaiveDate,
) -> Option<NaiveDate> {
    history
        .iter()
        .filter(|s| !s.removed && s.held_on <= as_at)
        .filter(|s| counts_towards(s.kind, s.approach) == Some(category))
        .map(|s| s.held_on)
        .max()
}

/// Whether a kind of supervision is required of a person at all: case
/// supervision only of someone who holds a caseload (F3.7).
pub fn applies(category: ComplianceCategory, holds_caseload: bool) -> bool {
    category != ComplianceCategory::Case || holds_caseload
}

/// Judges one person for one kind as `judge` does, unless the kind is not
/// required of them (`applies`).
pub fn judge_person(
    policy: &Policy,
    schedule: &Schedule,
    holds_caseload: bool,
    category: ComplianceCategory,
    last: Option<NaiveDate>,
    as_at: NaiveDate,
) -> CategoryStanding {
    if !applies(category, holds_caseload) {
        return CategoryStanding {
            category,
            last,
            next_due: None,
            status: ComplianceStatus::NotApplicable,
        };
    }
    judge(policy, schedule, category, last, as_at)
}

/// A standing judged as at a later day than `today` (the month's end, as
/// the dashboard plans the month) as it is told to people on `today`:
/// someone whose due date has not come yet is due by it, never overdue.
/// Judged as at today or earlier, nothing changes.
pub fn told_on(mut standing: CategoryStanding, today: NaiveDate) -> CategoryStanding {
    if standing.status == ComplianceStatus::Overdue
        && standing.next_due.is_some_and(|due| due >= today)
    {
        standing.status = ComplianceStatus::DueByMonthEnd;
    }
    standing
}

/// Judges one person for one kind, given the day of their last formal
/// supervision of it.
pub fn judge(
    policy: &Policy,
    schedule: &Schedule,
    category: ComplianceCategory,
    last: Option<NaiveDate>,
    as_at: NaiveDate,
) -> CategoryStanding {
    let Some(last) = last else {
        return CategoryStanding {
            category,
            last: None,
            next_due: None,
            status: ComplianceStatus::NeverHad,
        };
    };
    let next_due = add_days(last, schedule.interval_on(policy, category, last));
    let status = if as_at > next_due {
        ComplianceStatus::Overdue
    } else if (next_due - as_at).num_days() <= i64::from(policy.due_soon_days) {
        ComplianceStatus::DueSoon
    } else {
        ComplianceStatus::Compliant
    };
    CategoryStanding {
        category,
        last: Some(last),
        next_due: Some(next_due),
        status,
    }
}

/// The earliest day someone on no schedule may have had their last formal
/// supervision of `category` and still be within their interval on `as_at`
/// (compliant or due soon, not overdue). Reports count whole units in SQL
/// as "last session on or after this day"; a test holds it to [`judge`].
pub fn within_interval_since(
    policy: &Policy,
    category: ComplianceCategory,
    as_at: NaiveDate,
) -> NaiveDate {
    let days = Schedule::NORMAL.interval_on(policy, category, as_at);
    as_at
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// The day a kind of supervision fell or falls due for someone: their next
/// due date, or for someone never supervised, their first day in post.
/// `None` when it is not required of them.
pub fn falls_due(standing: &CategoryStanding, started: NaiveDate) -> Option<NaiveDate> {
    match standing.status {
        ComplianceStatus::NeverHad => Some(started),
        ComplianceStatus::NotApplicable => None,
        _ => standing.next_due,
    }
}

/// What judging one person needs, as the server sends it to the browser:
/// their policy and schedule on a day. The browser works out a due date
/// with [`DueRule::next_due_after`], the same rule the server judges by, so
/// the date shown as a record is saved is the one the reports will hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::SimpleObject))]
pub struct DueRule {
    /// Whose.
    pub staff_id: uuid::Uuid,
    /// Their policy (organisation, unit, profession, role or agreement).
    pub policy: Policy,
    /// Their schedules' periods (newly qualified, induction).
    pub periods: Vec<crate::schedule::Period>,
    /// Case supervision is required of them.
    pub holds_caseload: bool,
}

impl DueRule {
    /// When the next formal supervision of `category` is due after one held
    /// on `held_on`; `None` when the kind is not required of them.
    pub fn next_due_after(
        &self,
        category: ComplianceCategory,
        held_on: NaiveDate,
    ) -> Option<NaiveDate> {
        applies(category, self.holds_caseload).then(|| {
            let schedule = Schedule::of(self.periods.clone());
            add_days(
                held_on,
                schedule.interval_on(&self.policy, category, held_on),
            )
        })
    }
}

/// The policies' dashboard judges "as at the end of the current month", so
/// people can plan the supervisions still to do this month.
pub fn end_of_month(day: NaiveDate) -> NaiveDate {
    let first_of_next = add_months(day.with_day(1).unwrap_or(day), 1);
    first_of_next.pred_opt().unwrap_or(day)
}

fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_reports_cut_off_is_the_last_day_that_is_not_overdue() {
        let policy = Policy::default();
        let as_at = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        for category in [
            ComplianceCategory::Clinical,
            ComplianceCategory::Management,
            ComplianceCategory::Case,
        ] {
            let cut = within_interval_since(&policy, category, as_at);
            let on_cut = judge(&policy, &Schedule::NORMAL, category, Some(cut), as_at);
            assert_ne!(on_cut.status, ComplianceStatus::Overdue, "{category:?}");
            let before = cut.pred_opt().unwrap_or(cut);
            let day_before = judge(&policy, &Schedule::NORMAL, category, Some(before), as_at);
            assert_eq!(day_before.status, ComplianceStatus::Overdue, "{category:?}");
        }
    }

    #[test]
    fn someone_never_supervised_is_due_from_their_first_day() {
        let started = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default();
        let as_at = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        let never = judge(
            &Policy::default(),
            &Schedule::NORMAL,
            ComplianceCategory::Clinical,
            None,
            as_at,
        );
        assert_eq!(falls_due(&never, started), Some(started));
        let not_required = judge_person(
            &Policy::default(),
            &Schedule::NORMAL,
            false,
            ComplianceCategory::Case,
            None,
            as_at,
        );
        assert_eq!(falls_due(&not_required, started), None);
    }
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn session(
        held_on: NaiveDate,
        kind: SupervisionKind,
        approach: Option<Approach>,
    ) -> SessionFact {
        SessionFact {
            held_on,
            kind,
            approach,
            removed: false,
        }
    }

    fn clinical(held_on: NaiveDate) -> SessionFact {
        session(
            held_on,
            SupervisionKind::ClinicalOneToOne,
            Some(Approach::StructuredReflection),
        )
    }

    const CLINICAL: ComplianceCategory = ComplianceCategory::Clinical;

    #[test]
    fn clinical_supervision_at_least_once_every_eight_weeks() {
        let policy = Policy::default();
        let history = [clinical(day(2026, 1, 5))];
        let s = standing(
            &policy,
            &Schedule::NORMAL,
            &history,
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.next_due, Some(day(2026, 3, 2)));
        assert_eq!(s.status, ComplianceStatus::Compliant);
        let s = standing(
            &policy,
            &Schedule::NORMAL,
            &history,
            CLINICAL,
            day(2026, 3, 3),
        );
        assert_eq!(s.status, ComplianceStatus::Overdue);
    }

    #[test]
    fn due_soon_within_the_window_before_the_due_date() {
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &[clinical(day(2026, 1, 5))],
            CLINICAL,
            day(2026, 2, 20),
        );
        assert_eq!(s.status, ComplianceStatus::DueSoon);
    }

    #[test]
    fn personal_reflection_does_not_count_towards_clinical_frequency() {
        let history = [
            clinical(day(2025, 10, 1)),
            session(day(2026, 1, 20), SupervisionKind::PersonalReflection, None),
        ];
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &history,
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.last, Some(day(2025, 10, 1)));
        assert_eq!(s.status, ComplianceStatus::Overdue);
    }

    #[test]
    fn wellbeing_support_and_ad_hoc_discussion_never_count() {
        let history = [
            session(
                day(2026, 1, 20),
                SupervisionKind::ClinicalOneToOne,
                Some(Approach::WellbeingSupport),
            ),
            session(day(2026, 1, 21), SupervisionKind::AdHocCaseDiscussion, None),
        ];
        for category in [
            CLINICAL,
            ComplianceCategory::Management,
            ComplianceCategory::Case,
        ] {
            let s = standing(
                &Policy::default(),
                &Schedule::NORMAL,
                &history,
                category,
                day(2026, 1, 31),
            );
            assert_eq!(s.status, ComplianceStatus::NeverHad, "{category:?}");
        }
    }

    #[test]
    fn an_external_session_counts_for_clinical() {
        let history = [session(
            day(2026, 1, 20),
            SupervisionKind::ClinicalExternal,
            None,
        )];
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &history,
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.last, Some(day(2026, 1, 20)));
    }

    #[test]
    fn a_group_session_counts_for_every_member() {
        // Each member's history holds the group record; it counts like any other.
        let history = [session(
            day(2026, 1, 20),
            SupervisionKind::ClinicalGroup,
            Some(Approach::CaseSupervision),
        )];
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &history,
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.status, ComplianceStatus::Compliant);
    }

    #[test]
    fn a_removed_record_counts_for_nothing() {
        let mut removed = clinical(day(2026, 1, 20));
        removed.removed = true;
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &[removed],
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.status, ComplianceStatus::NeverHad);
    }

    #[test]
    fn a_session_after_the_date_judged_does_not_count_yet() {
        let s = standing(
            &Policy::default(),
            &Schedule::NORMAL,
            &[clinical(day(2026, 2, 20))],
            CLINICAL,
            day(2026, 1, 31),
        );
        assert_eq!(s.status, ComplianceStatus::NeverHad);
    }

    #[test]
    fn no_one_goes_without_formal_supervision_for_more_than_two_months() {
        // Head of Service approved quarterly clinical supervision; the back-stop still applies.
        let policy = Policy {
            clinical_days: 91,
            ..Policy::default()
        };
        let s = standing(
            &policy,
            &Schedule::NORMAL,
            &[clinical(day(2026, 1, 1))],
            CLINICAL,
            day(2026, 3, 5),
        );
        assert_eq!(s.next_due, Some(day(2026, 3, 3)));
        assert_eq!(s.status, ComplianceStatus::Overdue);
    }

    #[test]
    fn the_dashboard_judges_as_at_the_end_of_the_current_month() {
        assert_eq!(end_of_month(day(2026, 11, 22)), day(2026, 11, 30));
        assert_eq!(end_of_month(day(2026, 12, 1)), day(2026, 12, 31));
        assert_eq!(end_of_month(day(2028, 2, 10)), day(2028, 2, 29));
    }

    #[test]
    fn case_supervision_is_not_applicable_to_staff_without_a_caseload() {
        let policy = Policy::default();
        let as_at = day(2026, 6, 30);
        let without = judge_person(
            &policy,
            &Schedule::NORMAL,
            false,
            ComplianceCategory::Case,
            None,
            as_at,
        );
        assert_eq!(without.status, ComplianceStatus::NotApplicable);
        assert_eq!(without.next_due, None);
        let with = judge_person(
            &policy,
            &Schedule::NORMAL,
            true,
            ComplianceCategory::Case,
            None,
            as_at,
        );
        assert_eq!(with.status, ComplianceStatus::NeverHad);
        // Clinical and management supervision are for everyone.
        let clinical = judge_person(
            &policy,
            &Schedule::NORMAL,
            false,
            ComplianceCategory::Clinical,
            None,
            as_at,
        );
        assert_eq!(clinical.status, ComplianceStatus::NeverHad);
    }

    /// Issue 17: on 5 December, someone due on 24 December is "due by" it
    /// when the month is judged as at its end, and overdue only from 25
    /// December; judged as at today, nothing changes.
    #[test]
    fn someone_whose_due_date_has_not_come_is_due_by_it_never_overdue() {
        let policy = Policy::default();
        let last = day(2026, 11, 26);
        let at_month_end = judge(
            &policy,
            &Schedule::NORMAL,
            ComplianceCategory::Management,
            Some(last),
            day(2026, 12, 31),
        );
        assert_eq!(at_month_end.next_due, Some(day(2026, 12, 24)));
        assert_eq!(at_month_end.status, ComplianceStatus::Overdue);
        assert_eq!(
            told_on(at_month_end, day(2026, 12, 5)).status,
            ComplianceStatus::DueByMonthEnd
        );
        assert_eq!(
            told_on(at_month_end, day(2026, 12, 24)).status,
            ComplianceStatus::DueByMonthEnd
        );
        assert_eq!(
            told_on(at_month_end, day(2026, 12, 25)).status,
            ComplianceStatus::Overdue
        );
        let today = judge(
            &policy,
            &Schedule::NORMAL,
            ComplianceCategory::Management,
            Some(last),
            day(2026, 12, 5),
        );
        assert_eq!(told_on(today, day(2026, 12, 5)), today);
    }
}
