//! The demo directory: organisations, org-unit trees, staff, roles and
//! allocations.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::Demo;
use super::rng::Rng;
use crate::entity::{allocation, org_unit, organisation, staff, staff_role};
use crate::service::directory::{ACTIVE, Relationship};

/// Emails of the demo people the README and end-to-end tests name.
pub const FEATURED_EMAILS: &[&str] = &[
    "priya.shah@northfield.example",
    "tom.reed@northfield.example",
    "aisha.khan@northfield.example",
    "owen.price@northfield.example",
    "helen.carter@northfield.example",
    "grace.liu@northfield.example",
    "sofia.martins@southbank.example",
];

/// A team, as the history generator needs it.
#[derive(Debug, Clone)]
pub struct Team {
    /// Tenant.
    pub organisation_id: Uuid,
    /// Team leader: line manager of all, clinical supervisor of some.
    pub leader: Uuid,
    /// Everyone else in the team, senior practitioner first.
    pub members: Vec<Uuid>,
    /// Children's social care teams hold case supervision too.
    pub holds_case_supervision: bool,
}

const FIRST_NAMES: &[&str] = &[
    "Amelia", "Oliver", "Isla", "George", "Ava", "Arthur", "Mia", "Noah", "Ivy", "Leo", "Freya",
    "Oscar", "Lily", "Harry", "Florence", "Jack", "Rosie", "Charlie", "Evie", "Thomas", "Grace",
    "Jacob", "Sophie", "Alfie", "Ella", "Muhammad", "Zara", "Yusuf", "Priya", "Ravi", "Chloe",
    "Daniel", "Hannah", "Samuel", "Megan", "Joseph", "Niamh", "Callum", "Fatima", "Kwame",
];
const LAST_NAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Ahmed", "Begum", "Campbell", "Murphy",
    "Kaur", "Singh", "Lewis", "Harris", "Morgan", "Cooper", "Ward", "Mensah", "Nowak",
];

struct TeamSpec {
    name: &'static str,
    profession: &'static str,
    practitioner: &'static str,
    leader_title: &'static str,
}

struct DivisionSpec {
    name: &'static str,
    head: (&'static str, &'static str),
    /// A second head of service, so one can approve the other's unit rule.
    deputy: (&'static str, &'static str),
    services: &'static [(&'static str, &'static [TeamSpec])],
    children: bool,
}

const fn team(
    name: &'static str,
    profession: &'static str,
    practitioner: &'static str,
    leader_title: &'static str,
) -> TeamSpec {
    TeamSpec {
        name,
        profession,
        practitioner,
        leader_title,
    }
}

const DIVISIONS: &[DivisionSpec] = &[
    DivisionSpec {
        name: "Community Services",
        head: ("Helen Carter", "Head of Community Services"),
        deputy: ("Nadia Rahman", "Deputy Head of Community Services"),
        services: &[
            (
                "Adult Community Nursing",
                &[
                    team(
                        "Community Nursing North",
                        "Nursing",
                        "Community Nurse",
                        "Community Nursing Team Leader",
                    ),
                    team(
                        "Community Nursing South",
                        "Nursing",
                        "Community Nurse",
                        "Community Nursing Team Leader",
                    ),
                ],
            ),
            (
                "Therapies",
                &[
                    team(
                        "Physiotherapy",
                        "Physiotherapy",
                        "Physiotherapist",
                        "Physiotherapy Team Lead",
                    ),
                    team(
                        "Occupational Therapy",
                        "Occupational Therapy",
                        "Occupational Therapist",
                        "Occupational Therapy Team Lead",
                    ),
                ],
            ),
        ],
        children: false,
    },
    DivisionSpec {
        name: "Mental Health",
        head: ("Marcus Bell", "Head of Mental Health Services"),
        deputy: ("Peter Walsh", "Deputy Head of Mental Health Services"),
        services: &[(
            "Community Mental Health",
            &[
                team(
                    "Community Mental Health Team East",
                    "Mental Health Nursing",
                    "Community Mental Health Nurse",
                    "CMHT Manager",
                ),
                team(
                    "Community Mental Health Team West",
                    "Social Work",
                    "Mental Health Social Worker",
                    "CMHT Manager",
                ),
                team(
                    "Crisis Resolution Team",
                    "Mental Health Nursing",
                    "Crisis Practitioner",
                    "Crisis Team Manager",
                ),
            ],
        )],
        children: false,
    },
    DivisionSpec {
        name: "Children and Families",
        head: ("Joanne Fraser", "Head of Children's Social Care"),
        deputy: ("Lena Fischer", "Deputy Head of Children's Social Care"),
        services: &[(
            "Children's Social Care",
            &[
                team(
                    "Assessment Team",
                    "Social Work",
                    "Social Worker",
                    "Team Manager",
                ),
                team(
                    "Children in Care Team",
                    "Social Work",
                    "Social Worker",
                    "Team Manager",
                ),
                team(
                    "Care Leavers Team",
                    "Social Work",
                    "Personal Adviser",
                    "Team Manager",
                ),
            ],
        )],
        children: true,
    },
];

/// Builds both demo organisations' directories.
pub fn build_directory(demo: &mut Demo, today: NaiveDate) {
    let mut rng = Rng::new(0x5EED_2026);
    build_trust(demo, &mut rng, today);
    build_council(demo, &mut rng, today);
}

struct Builder<'a> {
    demo: &'a mut Demo,
    organisation_id: Uuid,
    domain: &'static str,
    today: NaiveDate,
    next_employee: u32,
}

impl Builder<'_> {
    fn unit(&mut self, name: &str, level: &str, parent: Option<Uuid>) -> Uuid {
        let id = Uuid::now_v7();
        self.demo.units.push(org_unit::Model {
            id,
            organisation_id: self.organisation_id,
            parent_id: parent,
            name: name.to_owned(),
            level: level.to_owned(),
            opened_on: None,
            closed_on: None,
        });
        id
    }

    fn person(
        &mut self,
        rng: &mut Rng,
        name: &str,
        job_title: &str,
        profession: &str,
        unit: Uuid,
    ) -> Uuid {
        let id = Uuid::now_v7();
        self.next_employee += 1;
        let email = format!(
            "{}@{}",
            name.to_lowercase().replace(' ', ".").replace('\'', ""),
            self.domain
        );
        // Most staff have been in post for years; about one in twelve started
        // in the last six months (induction, probation).
        let days_in_post = if rng.chance(8) {
            rng.range(20, 180)
        } else {
            rng.range(400, 5000)
        };
        let start_date = self
            .today
            .checked_sub_days(Days::new(days_in_post.unsigned_abs()))
            .unwrap_or(self.today);
        let newly_qualified = profession == "Social Work" && days_in_post < 365 && rng.chance(60);
        self.demo.staff.push(staff::Model {
            id,
            organisation_id: self.organisation_id,
            name: name.to_owned(),
            email,
            employee_number: format!("{:08}", 10_000_000 + self.next_employee),
            job_title: job_title.to_owned(),
            profession: profession.to_owned(),
            org_unit_id: unit,
            start_date,
            leaving_date: None,
            status: ACTIVE.to_owned(),
            newly_qualified,
            probation: days_in_post < 180,
            oidc_subject: None,
            // Until they join a team whose work holds cases.
            holds_caseload: false,
            search_name: crate::service::names::search_form(name),
            access_version: 0,
        });
        id
    }

    /// These people hold caseloads (practitioners in a team that holds
    /// case supervision; their team manager supervises the cases).
    fn hold_caseloads(&mut self, people: &[Uuid]) {
        for person in self
            .demo
            .staff
            .iter_mut()
            .filter(|s| people.contains(&s.id))
        {
            person.holds_caseload = true;
        }
    }

    fn allocate(&mut self, staff_id: Uuid, relationship: Relationship, to: Uuid, since: NaiveDate) {
        self.demo.allocations.push(allocation::Model {
            id: Uuid::now_v7(),
            organisation_id: self.organisation_id,
            staff_id,
            relationship: relationship.as_str().to_owned(),
            allocated_to_id: to,
            effective_from: since,
            effective_to: None,
        });
    }

    fn grant(&mut self, staff_id: Uuid, role: supervision_shared::Role, scope: Option<Uuid>) {
        self.demo.roles.push(staff_role::Model {
            id: Uuid::now_v7(),
            organisation_id: self.organisation_id,
            staff_id,
            role,
            org_unit_id: scope,
            granted_by: None,
            granted_at: None,
            scim_group_id: None,
        });
    }

    fn start_of(&self, id: Uuid) -> NaiveDate {
        self.demo
            .staff
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.start_date)
            .unwrap_or(self.today)
    }
}

fn random_name(rng: &mut Rng, used: &mut std::collections::HashSet<String>) -> String {
    loop {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        if used.insert(name.clone()) {
            return name;
        }
    }
}

fn organisation(demo: &mut Demo, name: &str) -> Uuid {
    let id = Uuid::now_v7();
    demo.organisations.push(organisation::Model {
        id,
        name: name.to_owned(),
        created_at: Utc
            .timestamp_opt(1_700_000_000, 0)
            .single()
            .unwrap_or_else(Utc::now),
        time_zone: crate::service::clock::DEFAULT_ZONE.name().to_owned(),
        identity_tenant: None,
        email_domains: None,
    });
    id
}

// Long by design: the demo trust's people, written top to bottom in one place.
fn build_trust(demo: &mut Demo, rng: &mut Rng, today: NaiveDate) {
    use supervision_shared::Role;
    let organisation_id = organisation(demo, "Northfield Health and Care NHS Trust");
    let mut b = Builder {
        demo,
        organisation_id,
        domain: "northfield.example",
        today,
        next_employee: 0,
    };
    let mut used: std::collections::HashSet<String> = [
        "Priya Shah",
        "Tom Reed",
        "Aisha Khan",
        "Owen Price",
        "Helen Carter",
        "Grace Liu",
        "Marcus Bell",
        "Joanne Fraser",
        "Daniel Okoro",
        "Ruth Adeyemi",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();

    let corporate = b.unit("Corporate Services", "division", None);
    let governance_service = b.unit("Quality and Governance", "service", Some(corporate));
    let governance = b.unit("Clinical Governance Team", "team", Some(governance_service));
    let auditor = b.person(
        rng,
        "Grace Liu",
        "Clinical Audit Lead",
        "Clinical Governance",
        governance,
    );
    b.grant(auditor, Role::Auditor, None);
    let hr = b.person(
        rng,
        "Daniel Okoro",
        "HR Business Partner",
        "Human Resources",
        governance,
    );
    b.grant(hr, Role::HrAdmin, None);
    let admin = b.person(
        rng,
        "Ruth Adeyemi",
        "Supervision System Administrator",
        "Digital Services",
        governance,
    );
    b.grant(admin, Role::SystemAdmin, None);

    let mut division_ids = Vec::new();
    for division in DIVISIONS {
        let division_id = b.unit(division.name, "division", None);
        division_ids.push(division_id);
        let head = b.person(
            rng,
            division.head.0,
            division.head.1,
            "Management",
            division_id,
        );
        b.grant(head, Role::SeniorManager, Some(division_id));
        let mut leaders = Vec::new();
        for (service_name, teams) in division.services {
            let service_id = b.unit(service_name, "service", Some(division_id));
            for spec in *teams {
                let team_id = b.unit(spec.name, "team", Some(service_id));
                let featured = spec.name == "Community Nursing North";
                let leader_name = if featured {
                    "Priya Shah".to_owned()
                } else {
                    random_name(rng, &mut used)
                };
                let leader = b.person(
                    rng,
                    &leader_name,
                    spec.leader_title,
                    spec.profession,
                    team_id,
                );
                b.allocate(leader, Relationship::LineManager, head, b.start_of(leader));
                leaders.push(leader);

                let mut members = Vec::new();
                let size = if spec.name == "Community Nursing South" {
                    17
                } else {
                    18
                };
                for i in 0..size {
                    let (name, title) = match (featured, i, spec.name) {
                        (true, 1, _) => ("Tom Reed".to_owned(), spec.practitioner),
                        (true, 2, _) => ("Aisha Khan".to_owned(), spec.practitioner),
                        (false, 1, "Community Nursing South") => {
                            ("Owen Price".to_owned(), spec.practitioner)
                        }
                        (_, 0, _) => (random_name(rng, &mut used), "Senior Practitioner"),
                        _ => (random_name(rng, &mut used), spec.practitioner),
                    };
                    let id = b.person(rng, &name, title, spec.profession, team_id);
                    members.push(id);
                }
                let senior = members[0];
                for (i, &member) in members.iter().enumerate() {
                    let since = b.start_of(member);
                    b.allocate(member, Relationship::LineManager, leader, since);
                    // The team leader supervises the senior practitioner and
                    // the first half of the team; the senior practitioner
                    // supervises the rest. Tom and Aisha are Priya's.
                    let supervisor = if i == 0 || i <= members.len() / 2 {
                        leader
                    } else {
                        senior
                    };
                    b.allocate(member, Relationship::ClinicalSupervisor, supervisor, since);
                }
                if division.children {
                    b.hold_caseloads(&members);
                }
                b.demo.teams.push(Team {
                    organisation_id,
                    leader,
                    members,
                    holds_case_supervision: division.children,
                });
            }
        }
        // Team leaders are clinically supervised by a fellow leader.
        for (i, &leader) in leaders.iter().enumerate() {
            let peer = leaders[(i + 1) % leaders.len()];
            if peer != leader {
                let since = b.start_of(leader);
                b.allocate(leader, Relationship::ClinicalSupervisor, peer, since);
            }
        }
    }

    // Two people who have left: kept with their records, gone from pickers.
    // The people they supervised passed to their team leader the next day,
    // as the HR export now says.
    let left_on = today.checked_sub_days(Days::new(40)).unwrap_or(today);
    let leavers: Vec<Uuid> = b
        .demo
        .staff
        .iter_mut()
        .filter(|s| s.job_title == "Senior Practitioner")
        .take(2)
        .map(|leaver| {
            leaver.status = "leaver".to_owned();
            leaver.leaving_date = Some(left_on);
            leaver.id
        })
        .collect();
    for leaver in leavers {
        let Some(leader) = b
            .demo
            .teams
            .iter()
            .find(|t| t.members.contains(&leaver))
            .map(|t| t.leader)
        else {
            continue;
        };
        let mut handed = Vec::new();
        for allocation in b
            .demo
            .allocations
            .iter_mut()
            .filter(|a| a.allocated_to_id == leaver && a.effective_to.is_none())
        {
            allocation.effective_to = Some(left_on);
            handed.push((allocation.staff_id, allocation.relationship.clone()));
        }
        for allocation in b
            .demo
            .allocations
            .iter_mut()
            .filter(|a| a.staff_id == leaver && a.effective_to.is_none())
        {
            allocation.effective_to = Some(left_on);
        }
        let from = left_on.succ_opt().unwrap_or(left_on);
        for (person, relationship) in handed {
            if let Some(relationship) = Relationship::parse(&relationship) {
                b.allocate(person, relationship, leader, from);
            }
        }
    }

    // Each division's second head of service, added last and from a
    // generator of their own, so that everyone and everything made above
    // is as it was before they joined.
    let mut deputies = Rng::new(0x00de_7075);
    for (division, division_id) in DIVISIONS.iter().zip(division_ids) {
        let deputy = b.person(
            &mut deputies,
            division.deputy.0,
            division.deputy.1,
            "Management",
            division_id,
        );
        b.grant(deputy, Role::SeniorManager, Some(division_id));
    }
}

fn build_council(demo: &mut Demo, rng: &mut Rng, today: NaiveDate) {
    let organisation_id = organisation(demo, "Southbank Council Children's Services");
    // A children's services department writes its ASYE as Portsmouth does.
    let written = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or(today);
    demo.schedules.push((
        organisation_id,
        supervision_shared::schedule::portsmouth_plans(written),
    ));
    // And, as Portsmouth does, every family discussed at least every eight
    // weeks.
    demo.rules.push(crate::entity::policy_rule::Model {
        id: Uuid::now_v7(),
        organisation_id,
        scope_kind: supervision_shared::policy::PolicyScopeKind::Organisation,
        scope_value: String::new(),
        setting: supervision_shared::policy::PolicySetting::Case,
        days: 56,
        effective_from: written,
        effective_to: None,
        reason: "Every family or young person discussed at a minimum every eight weeks".into(),
        created_by: None,
        created_at: chrono::Utc::now(),
        approved_by: None,
        approved_at: None,
    });
    let mut b = Builder {
        demo,
        organisation_id,
        domain: "southbank.example",
        today,
        next_employee: 0,
    };
    let division = b.unit("Children's Services", "division", None);
    let service = b.unit("Safeguarding", "service", Some(division));
    let team_id = b.unit("Family Support Team", "team", Some(service));
    let leader = b.person(rng, "Sofia Martins", "Team Manager", "Social Work", team_id);
    let mut members = Vec::new();
    for name in ["Ben Okafor", "Chloe Davies", "Imran Hussain", "Laura Kemp"] {
        let id = b.person(rng, name, "Social Worker", "Social Work", team_id);
        let since = b.start_of(id);
        b.allocate(id, Relationship::LineManager, leader, since);
        b.allocate(id, Relationship::ClinicalSupervisor, leader, since);
        members.push(id);
    }
    b.hold_caseloads(&members);
    b.demo.teams.push(Team {
        organisation_id,
        leader,
        members,
        holds_case_supervision: true,
    });
    // Its first system administrator, who sets it up; from a generator of
    // their own, so that everyone made above is as they were before.
    let mut own = Rng::new(0x5b_ad01);
    let admin = b.person(
        &mut own,
        "Kwame Mensah",
        "Systems Administrator",
        "Digital Services",
        division,
    );
    b.grant(admin, supervision_shared::Role::SystemAdmin, None);
}
