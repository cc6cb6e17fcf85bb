//! Supervision history for the demo: regular clinical and management
//! supervision at realistic, slightly irregular intervals, monthly group
//! sessions per team, case supervision in children's teams, and the
//! occasional informal session. Some people drift out of supervision, so the
//! demo has people overdue.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Utc};
use supervision_shared::action::ActionStatus;
use supervision_shared::sharing::BankHolidays;
use supervision_shared::{Approach, Mode, SupervisionFunction, SupervisionKind, ValidationState};
use uuid::Uuid;

use super::Demo;
use super::content::{self, Sections};
use super::rng::Rng;
use crate::entity::{supervision, supervision_action, supervision_attendee};
use crate::service::directory::Relationship;

static HOLIDAYS: std::sync::LazyLock<BankHolidays> =
    std::sync::LazyLock::new(BankHolidays::england_and_wales);

/// A session to write.
struct Session<'a> {
    organisation_id: Uuid,
    kind: SupervisionKind,
    approach: Option<Approach>,
    held_on: NaiveDate,
    recorded_by: Uuid,
    supervisees: Vec<Uuid>,
    sections: &'a Sections,
    functions: &'a [SupervisionFunction],
}

/// Generates every demo record up to `today`, `months` back.
// Long by design: the demo's story, written top to bottom in one place.
pub fn build_history(demo: &mut Demo, today: NaiveDate, months: u32) {
    let mut rng = Rng::new(0x4849_5354);
    let since = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today);
    let start_of: std::collections::HashMap<Uuid, NaiveDate> =
        demo.staff.iter().map(|s| (s.id, s.start_date)).collect();
    let org_of: std::collections::HashMap<Uuid, Uuid> = demo
        .staff
        .iter()
        .map(|s| (s.id, s.organisation_id))
        .collect();
    let allocations: Vec<(Uuid, Relationship, Uuid)> = demo
        .allocations
        .iter()
        .filter_map(|a| {
            let relationship = match a.relationship.as_str() {
                "line_manager" => Relationship::LineManager,
                "clinical_supervisor" => Relationship::ClinicalSupervisor,
                _ => return None,
            };
            Some((a.staff_id, relationship, a.allocated_to_id))
        })
        .collect();

    for (supervisee, relationship, supervisor) in allocations {
        let first = start_of
            .get(&supervisee)
            .copied()
            .unwrap_or(since)
            .max(since);
        let organisation_id = org_of.get(&supervisee).copied().unwrap_or_default();
        // About one in seven relationships has lapsed: no session for the
        // last three to five months, so the person shows as overdue.
        let last_allowed = if rng.chance(14) {
            today
                .checked_sub_days(Days::new(rng.range(90, 150).unsigned_abs()))
                .unwrap_or(today)
        } else {
            today
        };
        let (gap_low, gap_high) = match relationship {
            Relationship::ClinicalSupervisor => (35, 63),
            Relationship::LineManager => (24, 40),
        };
        let mut day = first
            .checked_add_days(Days::new(rng.range(3, 30).unsigned_abs()))
            .unwrap_or(first);
        while day <= last_allowed {
            let session = match relationship {
                Relationship::ClinicalSupervisor => {
                    let wellbeing = rng.chance(5);
                    Session {
                        organisation_id,
                        kind: SupervisionKind::ClinicalOneToOne,
                        approach: Some(if wellbeing {
                            Approach::WellbeingSupport
                        } else {
                            *rng.pick(&[
                                Approach::CaseSupervision,
                                Approach::StructuredReflection,
                                Approach::EvidenceBasedLearning,
                            ])
                        }),
                        held_on: day,
                        recorded_by: supervisor,
                        supervisees: vec![supervisee],
                        sections: content::clinical(&mut rng),
                        functions: &[
                            SupervisionFunction::Developmental,
                            SupervisionFunction::Supportive,
                        ],
                    }
                }
                Relationship::LineManager => Session {
                    organisation_id,
                    kind: if rng.chance(2) {
                        SupervisionKind::AdHocCaseDiscussion
                    } else {
                        SupervisionKind::LineManagement
                    },
                    approach: None,
                    held_on: day,
                    recorded_by: supervisor,
                    supervisees: vec![supervisee],
                    sections: content::management(&mut rng),
                    functions: &[
                        SupervisionFunction::Managerial,
                        SupervisionFunction::Supportive,
                    ],
                },
            };
            write(demo, session, &mut rng, today);
            if rng.chance(3) {
                let reflection_day = day.checked_add_days(Days::new(3)).unwrap_or(day).min(today);
                write(
                    demo,
                    Session {
                        organisation_id,
                        kind: SupervisionKind::PersonalReflection,
                        approach: None,
                        held_on: reflection_day,
                        recorded_by: supervisee,
                        supervisees: vec![supervisee],
                        sections: content::clinical(&mut rng),
                        functions: &[SupervisionFunction::Developmental],
                    },
                    &mut rng,
                    today,
                );
            }
            day = day
                .checked_add_days(Days::new(rng.range(gap_low, gap_high).unsigned_abs()))
                .unwrap_or(today);
        }
    }

    let teams = demo.teams.clone();
    for team in teams {
        // Monthly group supervision facilitated by the team leader.
        let mut day = since
            .checked_add_days(Days::new(rng.range(1, 20).unsigned_abs()))
            .unwrap_or(since);
        while day <= today {
            let members: Vec<Uuid> = team
                .members
                .iter()
                .copied()
                .filter(|m| start_of.get(m).is_some_and(|s| *s <= day))
                .filter(|_| rng.chance(60))
                .collect();
            if members.len() >= 2 {
                write(
                    demo,
                    Session {
                        organisation_id: team.organisation_id,
                        kind: SupervisionKind::ClinicalGroup,
                        approach: Some(Approach::StructuredReflection),
                        held_on: day,
                        recorded_by: team.leader,
                        supervisees: members,
                        sections: content::clinical(&mut rng),
                        functions: &[
                            SupervisionFunction::Developmental,
                            SupervisionFunction::Supportive,
                        ],
                    },
                    &mut rng,
                    today,
                );
            }
            day = day.checked_add_months(Months::new(1)).unwrap_or(today);
            if day > today {
                break;
            }
        }
        if team.holds_case_supervision {
            for &member in &team.members {
                let mut day = since
                    .checked_add_days(Days::new(rng.range(5, 60).unsigned_abs()))
                    .unwrap_or(since);
                while day <= today {
                    write(
                        demo,
                        Session {
                            organisation_id: team.organisation_id,
                            kind: SupervisionKind::CaseSupervision,
                            approach: None,
                            held_on: day,
                            recorded_by: team.leader,
                            supervisees: vec![member],
                            sections: content::case(&mut rng),
                            functions: &[SupervisionFunction::Managerial],
                        },
                        &mut rng,
                        today,
                    );
                    day = day
                        .checked_add_days(Days::new(rng.range(42, 84).unsigned_abs()))
                        .unwrap_or(today);
                }
            }
        }
    }

    add_one_disagreement(demo);
}

fn write(demo: &mut Demo, session: Session<'_>, rng: &mut Rng, today: NaiveDate) {
    let id = Uuid::now_v7();
    // Records are often written a few days after the session; about one in
    // twenty-three over three weeks later, so the late-sharing report has
    // something to show. (Chosen by date, not by the generator, so the rest
    // of the demo stays as it was.)
    let delay = if session.held_on.ordinal().is_multiple_of(23) {
        22
    } else {
        rng.range(0, 5).unsigned_abs()
    };
    let recorded_on = session
        .held_on
        .checked_add_days(Days::new(delay))
        .unwrap_or(session.held_on)
        .min(today);
    let recorded_at = recorded_on
        .and_time(NaiveTime::from_hms_opt(16, 30, 0).unwrap_or_default())
        .and_utc()
        .min(Utc::now());
    let age_days = (today - session.held_on).num_days();
    demo.supervisions.push(supervision::Model {
        id,
        organisation_id: session.organisation_id,
        kind: session.kind,
        approach: session.approach,
        held_on: session.held_on,
        recorded_at,
        duration_minutes: i32::try_from(rng.range(4, 13) * 10).unwrap_or(60),
        mode: *rng.pick(Mode::ALL),
        location: String::new(),
        external_supervisor: None,
        recorded_by: session.recorded_by,
        experience: session.sections.experience.to_owned(),
        reflection: session.sections.reflection.to_owned(),
        analysis: session.sections.analysis.to_owned(),
        action_plan: session.sections.action_plan.to_owned(),
        notes: String::new(),
        functions: SupervisionFunction::join(session.functions),
        submission_key: None,
        shared_late: HOLIDAYS.shared_late(session.held_on, recorded_on),
        version: 1,
        removed_at: None,
    });
    for &supervisee in &session.supervisees {
        // Recent records await validation; a few older ones never were.
        let validated = age_days > 21 && !rng.chance(4);
        demo.attendees.push(supervision_attendee::Model {
            id: Uuid::now_v7(),
            organisation_id: session.organisation_id,
            supervision_id: id,
            supervisee_id: supervisee,
            validation_state: if validated {
                ValidationState::Agreed
            } else {
                ValidationState::Awaiting
            },
            validated_at: validated.then(|| recorded_at + chrono::Duration::days(rng.range(1, 10))),
            supervisee_comment: None,
            personal_notes: None,
            personal_notes_shared: false,
        });
    }
    if session.supervisees.len() == 1 && session.kind != SupervisionKind::PersonalReflection {
        let due = session.held_on.checked_add_days(Days::new(28));
        demo.actions.push(supervision_action::Model {
            id: Uuid::now_v7(),
            organisation_id: session.organisation_id,
            supervision_id: id,
            description: session.sections.action_plan.to_owned(),
            owner_id: session.supervisees[0],
            due_on: due,
            status: if due.is_some_and(|d| d < today) && rng.chance(85) {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            },
            audit_round_id: None,
        });
    }
}

/// Tom Reed disagrees with one of his older line management records.
fn add_one_disagreement(demo: &mut Demo) {
    let Some(tom) = demo
        .staff
        .iter()
        .find(|s| s.email == "tom.reed@northfield.example")
        .map(|s| s.id)
    else {
        return;
    };
    let line_management: std::collections::HashSet<Uuid> = demo
        .supervisions
        .iter()
        .filter(|s| s.kind == SupervisionKind::LineManagement)
        .map(|s| s.id)
        .collect();
    if let Some(attendee) = demo
        .attendees
        .iter_mut()
        .filter(|a| a.supervisee_id == tom && line_management.contains(&a.supervision_id))
        .find(|a| a.validation_state == ValidationState::Agreed)
    {
        attendee.validation_state = ValidationState::Disagreed;
        attendee.supervisee_comment = Some(content::DISAGREEMENT.to_owned());
    }
}
