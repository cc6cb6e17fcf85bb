//! A synthetic large organisation for benchmarks (F5 scale): N staff
//! (default 30,000, a large NHS trust) in divisions, services and teams of
//! about 16, each team with a leader who line-manages and clinically
//! supervises the rest; years of history with one-to-one clinical and
//! management sessions and quarterly group sessions, about 1.2 million
//! supervisions at the defaults. Written with batched inserts in one
//! transaction.

use chrono::{Days, NaiveDate, NaiveTime, Utc};
use supervision_shared::{Approach, Mode, Role, SupervisionKind, ValidationState};
use uuid::Uuid;

use super::Demo;
use super::rng::Rng;
use crate::entity::{
    allocation, org_unit, organisation, staff, staff_role, supervision, supervision_attendee,
};

/// What the generator makes.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// People.
    pub staff: usize,
    /// Years of history.
    pub years: u32,
}

const TEAM: usize = 16;
const TEAMS_PER_SERVICE: usize = 10;
const SERVICES_PER_DIVISION: usize = 8;

fn id(rng: &mut Rng) -> Uuid {
    Uuid::from_u64_pair(rng.next_u64(), rng.next_u64())
}

fn unit(org: Uuid, id: Uuid, parent: Option<Uuid>, name: String, level: &str) -> org_unit::Model {
    org_unit::Model {
        id,
        organisation_id: org,
        parent_id: parent,
        name,
        level: level.into(),
        opened_on: None,
        closed_on: None,
    }
}

/// Builds the organisation and its history in memory.
// Long by design: the synthetic trust's shape, written top to bottom in one place.
pub fn build(size: Size, today: NaiveDate) -> Demo {
    let mut rng = Rng::new(30_000);
    let mut demo = Demo::default();
    let org = id(&mut rng);
    demo.organisations.push(organisation::Model {
        id: org,
        name: format!("Synthetic Trust ({} staff)", size.staff),
        created_at: Utc::now(),
        time_zone: crate::service::clock::DEFAULT_ZONE.name().to_owned(),
        identity_tenant: None,
        email_domains: None,
    });
    let trust = id(&mut rng);
    demo.units
        .push(unit(org, trust, None, "Synthetic Trust".into(), "division"));
    let start = today - Days::new(u64::from(size.years) * 365);
    let person = |rng: &mut Rng, n: usize, team: Uuid, title: &str| staff::Model {
        id: id(rng),
        organisation_id: org,
        name: format!("Person {n:05}"),
        email: format!("person{n:05}@synthetic.example"),
        employee_number: format!("S{n:06}"),
        job_title: title.into(),
        profession: if n.is_multiple_of(3) {
            "Social work"
        } else {
            "Nursing"
        }
        .into(),
        org_unit_id: team,
        start_date: start - Days::new(30),
        leaving_date: None,
        status: "active".into(),
        newly_qualified: false,
        probation: false,
        oidc_subject: None,
        holds_caseload: true,
        search_name: crate::service::names::search_form(&format!("Person {n:05}")),
        access_version: 0,
    };
    // A chief nurse oversees the whole trust (the org-wide report).
    let chief = person(&mut rng, 0, trust, "Chief Nurse");
    demo.roles.push(staff_role::Model {
        id: id(&mut rng),
        organisation_id: org,
        staff_id: chief.id,
        role: Role::SeniorManager,
        org_unit_id: Some(trust),
        granted_by: None,
        granted_at: None,
        scim_group_id: None,
    });
    demo.staff.push(chief);
    let teams_needed = size.staff.div_ceil(TEAM).max(1);
    let mut n = 1;
    let mut team_members: Vec<Vec<Uuid>> = Vec::new();
    // Each team's service: ten teams to a service.
    let mut service: Option<Uuid> = None;
    for t in 0..teams_needed {
        let (d, s) = (
            t / (TEAMS_PER_SERVICE * SERVICES_PER_DIVISION),
            t / TEAMS_PER_SERVICE,
        );
        if t.is_multiple_of(TEAMS_PER_SERVICE * SERVICES_PER_DIVISION) {
            let division = id(&mut rng);
            demo.units.push(unit(
                org,
                division,
                Some(trust),
                format!("Division {}", d + 1),
                "division",
            ));
            let head = person(&mut rng, n, division, "Head of Service");
            n += 1;
            demo.roles.push(staff_role::Model {
                id: id(&mut rng),
                organisation_id: org,
                staff_id: head.id,
                role: Role::SeniorManager,
                org_unit_id: Some(division),
                granted_by: None,
                granted_at: None,
                scim_group_id: None,
            });
            demo.staff.push(head);
        }
        if t.is_multiple_of(TEAMS_PER_SERVICE) {
            let division = demo
                .units
                .iter()
                .rev()
                .find(|u| u.parent_id == Some(trust))
                .map(|u| u.id);
            let new_service = id(&mut rng);
            demo.units.push(unit(
                org,
                new_service,
                division,
                format!("Service {}", s + 1),
                "service",
            ));
            service = Some(new_service);
        }
        let team = id(&mut rng);
        demo.units
            .push(unit(org, team, service, format!("Team {}", t + 1), "team"));
        let leader = person(&mut rng, n, team, "Team Leader");
        n += 1;
        let mut members = Vec::new();
        for _ in 1..TEAM {
            if n > size.staff {
                break;
            }
            let member = person(&mut rng, n, team, "Practitioner");
            n += 1;
            for relationship in ["line_manager", "clinical_supervisor"] {
                demo.allocations.push(allocation::Model {
                    id: id(&mut rng),
                    organisation_id: org,
                    staff_id: member.id,
                    relationship: relationship.into(),
                    allocated_to_id: leader.id,
                    effective_from: start - Days::new(30),
                    effective_to: None,
                });
            }
            members.push(member.id);
            demo.staff.push(member);
        }
        team_members.push(
            std::iter::once(leader.id)
                .chain(members.iter().copied())
                .collect(),
        );
        demo.staff.push(leader);
    }

    let days = i64::from(size.years) * 365;
    for team in &team_members {
        let (leader, members) = (team[0], &team[1..]);
        for &member in members {
            // Clinical about every 11 weeks, management about every 8.
            for (kind, approach, every) in [
                (
                    SupervisionKind::ClinicalOneToOne,
                    Some(Approach::StructuredReflection),
                    77,
                ),
                (SupervisionKind::LineManagement, None, 56),
            ] {
                let mut day = rng.range(0, every);
                while day < days {
                    write(
                        &mut demo,
                        &mut rng,
                        org,
                        leader,
                        &[member],
                        kind,
                        approach,
                        start + Days::new(day.unsigned_abs()),
                        today,
                    );
                    day += rng.range(every - 14, every + 21);
                }
            }
        }
        // A group session for the whole team every quarter.
        let mut day = rng.range(0, 91);
        while day < days && !members.is_empty() {
            write(
                &mut demo,
                &mut rng,
                org,
                leader,
                members,
                SupervisionKind::ClinicalGroup,
                Some(Approach::CaseSupervision),
                start + Days::new(day.unsigned_abs()),
                today,
            );
            day += 91;
        }
    }
    demo
}

#[allow(clippy::too_many_arguments)]
fn write(
    demo: &mut Demo,
    rng: &mut Rng,
    org: Uuid,
    recorder: Uuid,
    supervisees: &[Uuid],
    kind: SupervisionKind,
    approach: Option<Approach>,
    held_on: NaiveDate,
    today: NaiveDate,
) {
    if held_on > today {
        return;
    }
    let record = id(rng);
    demo.supervisions.push(supervision::Model {
        id: record,
        organisation_id: org,
        kind,
        approach,
        held_on,
        recorded_at: held_on
            .and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default())
            .and_utc(),
        duration_minutes: 60,
        mode: Mode::FaceToFace,
        location: String::new(),
        external_supervisor: None,
        recorded_by: recorder,
        experience: "Synthetic session.".into(),
        reflection: String::new(),
        analysis: String::new(),
        action_plan: String::new(),
        notes: String::new(),
        functions: "supportive".into(),
        submission_key: None,
        shared_late: false,
        version: 1,
        removed_at: None,
    });
    for &supervisee in supervisees {
        demo.attendees.push(supervision_attendee::Model {
            id: id(rng),
            organisation_id: org,
            supervision_id: record,
            supervisee_id: supervisee,
            validation_state: ValidationState::Agreed,
            validated_at: None,
            supervisee_comment: None,
            personal_notes: None,
            personal_notes_shared: false,
        });
    }
}
