//! Plausible, non-identifying demo text for records: no patient or service
//! user is named, as the product asks of real users too.

use super::rng::Rng;

/// Sections of a record: experience, reflection, analysis, action plan.
pub struct Sections {
    pub experience: &'static str,
    pub reflection: &'static str,
    pub analysis: &'static str,
    pub action_plan: &'static str,
}

const CLINICAL: &[Sections] = &[
    Sections {
        experience: "Discussed a complex home visit where the family's expectations of the care package differed from what the team could offer.",
        reflection: "Felt pulled between advocating for the family and holding the team's boundaries; noticed frustration afterwards.",
        analysis: "Linked to the team's escalation guidance and to the value of agreeing expectations in writing at the first visit.",
        action_plan: "Use the expectations checklist at first visits; bring the outcome to the next session.",
    },
    Sections {
        experience: "Reviewed caseload: two cases with rising risk and one ready for discharge.",
        reflection: "Confident about the discharge; less sure about thresholds for the rising-risk cases.",
        analysis: "Compared against the risk assessment framework; agreed the thresholds for escalation.",
        action_plan: "Complete updated risk assessments; discuss one case at the multidisciplinary meeting.",
    },
    Sections {
        experience: "Reflected on a difficult conversation with a carer about a change in treatment plan.",
        reflection: "Recognised the emotional impact of the conversation and the value of debriefing with a colleague.",
        analysis: "Used Gibbs' reflective cycle; identified communication skills to develop further.",
        action_plan: "Attend the advanced communication skills course; shadow a senior colleague.",
    },
    Sections {
        experience: "Evidence-based learning session on recent guidance for wound care in the community.",
        reflection: "The guidance challenges some habits in the team; keen to share it.",
        analysis: "Compared current practice with the guidance; two changes are straightforward.",
        action_plan: "Present a summary at the next team meeting.",
    },
];

const MANAGEMENT: &[Sections] = &[
    Sections {
        experience: "Workload review, annual leave planning and mandatory training compliance.",
        reflection: "Workload feels manageable this month; training nearly up to date.",
        analysis: "Caseload weighting within the team's agreed range.",
        action_plan: "Complete the outstanding safeguarding level 3 module.",
    },
    Sections {
        experience: "Wellbeing check-in and progress towards appraisal objectives.",
        reflection: "Some tiredness after a run of late visits; enjoying the new project work.",
        analysis: "Rota pattern contributing to fatigue; objectives on track.",
        action_plan: "Adjust rota for the next four weeks; review objectives at the next one-to-one.",
    },
];

const CASE: &[Sections] = &[Sections {
    experience: "Case discussion of allocated cases CASE-1042 and CASE-1187: progress against plans and current risk.",
    reflection: "Worried about drift in one plan; confident in the other.",
    analysis: "Plan for CASE-1042 needs a clearer timescale; CASE-1187 stable.",
    action_plan: "Agree timescales with the family for CASE-1042 and record management oversight.",
}];

/// Text for a clinical session.
pub fn clinical(rng: &mut Rng) -> &'static Sections {
    rng.pick(CLINICAL)
}

/// Text for a line management session.
pub fn management(rng: &mut Rng) -> &'static Sections {
    rng.pick(MANAGEMENT)
}

/// Text for a case supervision.
pub fn case(rng: &mut Rng) -> &'static Sections {
    rng.pick(CASE)
}

/// A supervisee's account when they disagree with a record.
pub const DISAGREEMENT: &str = "I don't think this reflects what we agreed: the training was to be booked by my manager, not by me.";
