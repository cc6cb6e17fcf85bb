//! Schedules that ask for supervision more often than the policy for a
//! while (F5.2), as each organisation writes them. Cumbria's ASYE is weekly
//! for six weeks, fortnightly for the next six months, then monthly to a
//! year; Portsmouth's is weekly for eight weeks and then fortnightly for the
//! rest of the year. So a schedule is data: phases, each with the
//! frequency it asks for and the point after the start where it ends, and
//! the date from which the organisation wrote it so.
//!
//! A person's own [`Schedule`] is the dated periods those phases give from
//! their start date; a frequency more often than the policy wins while a
//! period lasts, and the policy (with its back-stop) applies again after.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::compliance::Policy;
use crate::kind::ComplianceCategory;

/// Which of the organisation's schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ScheduleKind::parse",
        to_str = "(|v: &ScheduleKind| v.as_str())"
    )
)]
pub enum ScheduleKind {
    /// Newly qualified social workers in their Assessed and Supported Year
    /// in Employment (ASYE, NQSW), from their first day.
    NewlyQualified,
    /// New employees in probation or induction, from their first day.
    Induction,
}

coded_enum!(ScheduleKind, "schedule", {
    NewlyQualified => ("newly_qualified", "Newly qualified (ASYE)"),
    Induction => ("induction", "Probation or induction"),
});

// Part of a stored row's key; a schedule is never numbered.
#[cfg(feature = "server")]
impl sea_orm::TryFromU64 for ScheduleKind {
    fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
        Err(sea_orm::DbErr::ConvertFromU64("ScheduleKind"))
    }
}

/// One phase of a schedule: supervision every `every_days` until the point
/// `until_months` and `until_weeks` after the start (months first, so "six
/// weeks and six months" is 6 and 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::SimpleObject, async_graphql::InputObject)
)]
#[cfg_attr(feature = "server", graphql(input_name = "SchedulePhaseInput"))]
pub struct SchedulePhase {
    /// Days between formal supervisions during the phase.
    pub every_days: u32,
    /// Months after the start at which the phase ends (with `until_weeks`).
    pub until_months: u32,
    /// Weeks after the start (after the months) at which the phase ends.
    pub until_weeks: u32,
}

impl SchedulePhase {
    /// The first day after the phase, for a schedule that started on `start`.
    pub fn ends(&self, start: NaiveDate) -> NaiveDate {
        start
            .checked_add_months(Months::new(self.until_months))
            .and_then(|d| d.checked_add_days(Days::new(u64::from(self.until_weeks) * 7)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Its length from the start, comparable between phases: a month is
    /// counted as 31 days, so a later end never compares as earlier.
    fn reach(&self) -> u64 {
        u64::from(self.until_months) * 31 + u64::from(self.until_weeks) * 7
    }
}

/// How an organisation writes one schedule, from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::SimpleObject, async_graphql::InputObject)
)]
#[cfg_attr(feature = "server", graphql(input_name = "SchedulePlanInput"))]
pub struct SchedulePlan {
    /// Which schedule.
    pub kind: ScheduleKind,
    /// The first day this wording is in force.
    pub effective_from: NaiveDate,
    /// Its phases, in order.
    pub phases: Vec<SchedulePhase>,
}

/// Why a schedule as written cannot be kept: the field and a plain reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The phase (from 0), when one is at fault.
    pub phase: Option<usize>,
    /// What is wrong, in words for the person writing it.
    pub message: &'static str,
}

impl SchedulePlan {
    /// Checks the phases read as a schedule: at least one, each asking for
    /// supervision every 1 to 366 days, each ending after the one before,
    /// none lasting beyond five years.
    pub fn check(&self) -> Result<(), PlanError> {
        if self.phases.is_empty() {
            return Err(PlanError {
                phase: None,
                message: "Give at least one phase.",
            });
        }
        let mut previous = 0;
        for (i, phase) in self.phases.iter().enumerate() {
            let fail = |message| {
                Err(PlanError {
                    phase: Some(i),
                    message,
                })
            };
            if !(1..=366).contains(&phase.every_days) {
                return fail("Give a number of days from 1 to 366.");
            }
            if phase.until_months > 60 || phase.until_weeks > 260 {
                return fail("A schedule lasts at most five years.");
            }
            if phase.reach() <= previous {
                return fail("Each phase ends after the one before it.");
            }
            previous = phase.reach();
        }
        Ok(())
    }

    /// The periods this plan gives someone who started on `start`.
    pub fn periods_from(&self, start: NaiveDate) -> Vec<Period> {
        let mut from = start;
        self.phases
            .iter()
            .map(|phase| {
                let until = phase.ends(start).max(from);
                let period = Period {
                    from,
                    until,
                    every_days: phase.every_days,
                };
                from = until;
                period
            })
            .collect()
    }
}

/// The plan of a kind in force on a day: the latest written on or before it.
pub fn plan_on(
    plans: &[SchedulePlan],
    kind: ScheduleKind,
    day: NaiveDate,
) -> Option<&SchedulePlan> {
    plans
        .iter()
        .filter(|p| p.kind == kind && p.effective_from <= day)
        .max_by_key(|p| p.effective_from)
}

/// The schedules an organisation starts with: the newly qualified schedule
/// as Cumbria's policy writes it (weekly for the first 6 weeks, fortnightly
/// for the next 6 months, then monthly to 12 months), and induction
/// fortnightly for the first 6 months.
pub fn default_plans(from: NaiveDate) -> Vec<SchedulePlan> {
    vec![
        SchedulePlan {
            kind: ScheduleKind::NewlyQualified,
            effective_from: from,
            phases: vec![phase(7, 0, 6), phase(14, 6, 6), phase(30, 12, 0)],
        },
        SchedulePlan {
            kind: ScheduleKind::Induction,
            effective_from: from,
            phases: vec![phase(14, 6, 0)],
        },
    ]
}

/// Portsmouth's wording: newly qualified social workers weekly for eight
/// weeks and then fortnightly for the remainder of their ASYE year; new
/// employees in probation or induction fortnightly (for six months unless
/// their agreement says otherwise).
pub fn portsmouth_plans(from: NaiveDate) -> Vec<SchedulePlan> {
    vec![
        SchedulePlan {
            kind: ScheduleKind::NewlyQualified,
            effective_from: from,
            phases: vec![phase(7, 0, 8), phase(14, 12, 0)],
        },
        SchedulePlan {
            kind: ScheduleKind::Induction,
            effective_from: from,
            phases: vec![phase(14, 6, 0)],
        },
    ]
}

fn phase(every_days: u32, until_months: u32, until_weeks: u32) -> SchedulePhase {
    SchedulePhase {
        every_days,
        until_months,
        until_weeks,
    }
}

/// A stretch of days, from `from` up to but not including `until`, when
/// supervision is asked for every `every_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::SimpleObject))]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// The first day after it.
    pub until: NaiveDate,
    /// Days between formal supervisions.
    pub every_days: u32,
}

/// A person's schedules, as dated periods. Empty for most people: the
/// policy alone applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    periods: Vec<Period>,
}

impl Schedule {
    /// No schedule: the policy's frequencies.
    pub const NORMAL: Schedule = Schedule {
        periods: Vec::new(),
    };

    /// A schedule of these periods.
    pub fn of(periods: Vec<Period>) -> Self {
        Self { periods }
    }

    /// The schedules a person is on: each kind that applies to them, as the
    /// organisation wrote it on `day`, from their first day.
    pub fn for_person(
        plans: &[SchedulePlan],
        kinds: &[ScheduleKind],
        started: NaiveDate,
        day: NaiveDate,
    ) -> Self {
        Self {
            periods: kinds
                .iter()
                .filter_map(|&kind| plan_on(plans, kind, day))
                .flat_map(|plan| plan.periods_from(started))
                .collect(),
        }
    }

    /// Its periods.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// Whether no period asks for more than the policy.
    pub fn is_normal(&self) -> bool {
        self.periods.is_empty()
    }

    /// Days between formal supervisions of this kind, as at `day`: the most
    /// frequent of the policy and any period that day falls in. Case
    /// supervision is about caseloads and keeps the policy's interval.
    pub fn interval_on(
        &self,
        policy: &Policy,
        category: ComplianceCategory,
        day: NaiveDate,
    ) -> u32 {
        let normal = policy.interval(category);
        if category == ComplianceCategory::Case {
            return normal;
        }
        self.periods
            .iter()
            .filter(|p| p.from <= day && day < p.until)
            .map(|p| p.every_days)
            .fold(normal, u32::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    const CLINICAL: ComplianceCategory = ComplianceCategory::Clinical;
    const MANAGEMENT: ComplianceCategory = ComplianceCategory::Management;
    const WRITTEN: NaiveDate = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();

    fn newly_qualified(plans: &[SchedulePlan], started: NaiveDate) -> Schedule {
        Schedule::for_person(
            plans,
            &[ScheduleKind::NewlyQualified],
            started,
            day(2026, 1, 5),
        )
    }

    /// The interval on each day, as (first day, last day, days) runs.
    fn runs(
        schedule: &Schedule,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, NaiveDate, u32)> {
        let policy = Policy::default();
        let mut out: Vec<(NaiveDate, NaiveDate, u32)> = Vec::new();
        for d in from.iter_days().take_while(|d| *d <= to) {
            let days = schedule.interval_on(&policy, CLINICAL, d);
            match out.last_mut() {
                Some(last) if last.2 == days => last.1 = d,
                _ => out.push((d, d, days)),
            }
        }
        out
    }

    #[test]
    fn cumbria_asye_weekly_for_the_first_six_weeks_fortnightly_for_the_next_six_months_then_monthly_to_twelve_months()
     {
        let started = day(2026, 1, 5);
        let schedule = newly_qualified(&default_plans(WRITTEN), started);
        assert_eq!(
            runs(&schedule, started, day(2027, 2, 1)),
            vec![
                // Six weeks: 5 January to 15 February inclusive.
                (started, day(2026, 2, 15), 7),
                // The next six months: to 15 August inclusive.
                (day(2026, 2, 16), day(2026, 8, 15), 14),
                // Monthly to twelve months from the start.
                (day(2026, 8, 16), day(2027, 1, 4), 30),
                // Then the policy's eight weeks.
                (day(2027, 1, 5), day(2027, 2, 1), 56),
            ]
        );
    }

    #[test]
    fn portsmouth_asye_weekly_for_eight_weeks_then_fortnightly_for_the_rest_of_the_asye_year() {
        let started = day(2026, 1, 5);
        let schedule = newly_qualified(&portsmouth_plans(WRITTEN), started);
        assert_eq!(
            runs(&schedule, started, day(2027, 2, 1)),
            vec![
                (started, day(2026, 3, 1), 7),
                (day(2026, 3, 2), day(2027, 1, 4), 14),
                (day(2027, 1, 5), day(2027, 2, 1), 56),
            ]
        );
    }

    #[test]
    fn portsmouth_new_employees_in_probation_or_induction_fortnightly() {
        let started = day(2026, 1, 5);
        let schedule = Schedule::for_person(
            &portsmouth_plans(WRITTEN),
            &[ScheduleKind::Induction],
            started,
            started,
        );
        let policy = Policy::default();
        assert_eq!(schedule.interval_on(&policy, MANAGEMENT, started), 14);
        assert_eq!(
            schedule.interval_on(&policy, MANAGEMENT, day(2026, 7, 4)),
            14
        );
        assert_eq!(
            schedule.interval_on(&policy, MANAGEMENT, day(2026, 7, 5)),
            28
        );
    }

    #[test]
    fn case_supervision_keeps_the_policys_interval_on_any_schedule() {
        let schedule = newly_qualified(&default_plans(WRITTEN), day(2026, 1, 5));
        assert_eq!(
            schedule.interval_on(
                &Policy::default(),
                ComplianceCategory::Case,
                day(2026, 1, 20)
            ),
            91
        );
    }

    #[test]
    fn a_schedule_never_asks_for_less_than_the_policy() {
        let schedule = Schedule::of(vec![Period {
            from: day(2026, 1, 1),
            until: day(2026, 12, 31),
            every_days: 90,
        }]);
        assert_eq!(
            schedule.interval_on(&Policy::default(), MANAGEMENT, day(2026, 3, 1)),
            28
        );
    }

    #[test]
    fn both_schedules_at_once_ask_for_the_more_frequent() {
        let started = day(2026, 1, 5);
        let schedule = Schedule::for_person(
            &default_plans(WRITTEN),
            &[ScheduleKind::NewlyQualified, ScheduleKind::Induction],
            started,
            started,
        );
        let policy = Policy::default();
        assert_eq!(schedule.interval_on(&policy, CLINICAL, day(2026, 1, 20)), 7);
        assert_eq!(schedule.interval_on(&policy, CLINICAL, day(2026, 3, 1)), 14);
    }

    #[test]
    fn the_wording_in_force_on_the_day_judged_applies() {
        let mut plans = default_plans(WRITTEN);
        plans.extend(portsmouth_plans(day(2026, 6, 1)));
        let started = day(2026, 1, 5);
        // Judged before the change: six weeks of weekly supervision.
        let before = Schedule::for_person(
            &plans,
            &[ScheduleKind::NewlyQualified],
            started,
            day(2026, 5, 31),
        );
        assert_eq!(
            before.interval_on(&Policy::default(), CLINICAL, day(2026, 2, 20)),
            14
        );
        // After it: eight.
        let after = Schedule::for_person(
            &plans,
            &[ScheduleKind::NewlyQualified],
            started,
            day(2026, 6, 1),
        );
        assert_eq!(
            after.interval_on(&Policy::default(), CLINICAL, day(2026, 2, 20)),
            7
        );
    }

    #[test]
    fn a_plan_is_checked_before_it_is_kept() {
        let plan = |phases| SchedulePlan {
            kind: ScheduleKind::NewlyQualified,
            effective_from: WRITTEN,
            phases,
        };
        assert!(
            plan(default_plans(WRITTEN)[0].phases.clone())
                .check()
                .is_ok()
        );
        assert_eq!(plan(vec![]).check().map_err(|e| e.phase), Err(None));
        assert_eq!(
            plan(vec![phase(7, 0, 6), phase(14, 0, 6)])
                .check()
                .map_err(|e| e.phase),
            Err(Some(1))
        );
        assert_eq!(
            plan(vec![phase(0, 0, 6)]).check().map_err(|e| e.phase),
            Err(Some(0))
        );
        assert_eq!(
            plan(vec![phase(7, 61, 0)]).check().map_err(|e| e.phase),
            Err(Some(0))
        );
    }
}
