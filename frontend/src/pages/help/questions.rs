//! The questions staff ask, answered for this service (F9.2). Drawn from
//! the questions the trusts' own guidance answers (how to sign in, what
//! counts as formal, group sessions, recording for someone you do not
//! usually supervise, records made in error, who can read a record), and
//! kept true to what the service does: the list of kinds that count is
//! worked out from the shared rule, not written out by hand.

use supervision_shared::SupervisionKind;

/// One question and its answer, a paragraph per entry.
pub struct Question {
    /// The question, as staff would ask it.
    pub question: &'static str,
    /// The answer's paragraphs.
    pub answer: Vec<String>,
}

/// Every question, in the order a new member of staff meets them.
pub fn questions() -> Vec<Question> {
    let q = |question: &'static str, answer: &[&str]| Question {
        question,
        answer: answer.iter().map(|p| (*p).to_owned()).collect(),
    };
    vec![
        q(
            "How do I sign in?",
            &[
                "Use the link on your intranet, or the link in an email from this service. You sign in with your usual work account, the one you use for your computer and email: there is no separate password.",
                "If you stop using it for a while you are signed out, to keep records safe on a shared computer. Anything you were typing in a record is kept in your browser, and is there when you sign in again.",
            ],
        ),
        formal(),
        q(
            "When is my next supervision due?",
            &[
                "Your home page shows, for each kind of supervision you need, when you last had one and when the next is due. Your organisation's policy sets how often.",
                "\"Due by\" and a date means it falls due before the end of this month. \"Overdue\" means the date has passed.",
            ],
        ),
        q(
            "How do I record a group session?",
            &[
                "Choose Record supervision, then Peer/group clinical supervision. Add each person under Supervisees by typing their name and choosing them, as you would add people to an email.",
                "The record is shared with each of them. Each agrees or disagrees with it on their own, and each can keep personal notes on it that only they see.",
            ],
        ),
        q(
            "Can I record supervision for someone I do not usually supervise?",
            &[
                "Yes. Type their name under Supervisees and choose them. The record is shared with them and counts towards their supervision like any other.",
            ],
        ),
        q(
            "I could not record a session at the time. What do I do?",
            &[
                "Take notes during the session and record it as soon as you can, giving the date the session was held. A record should be shared within 10 working days of the session; one shared later is marked as shared late.",
                "You can save a draft and finish it later, on this device or another.",
            ],
        ),
        q(
            "How do I agree or disagree with a record?",
            &[
                "Records waiting for you are listed first on your home page. Open one, read it, and say whether it is an accurate record of the session.",
                "If you disagree, say what is not accurate. Your account is kept alongside the record, and the person who recorded it sees it.",
            ],
        ),
        q(
            "Can I add something to a record later?",
            &[
                "Yes. If you were supervised in the session, add a comment under Comments on the record, at any time. Everyone who can read the record can read your comment.",
                "You can also keep personal notes on a record. Only you can see them.",
            ],
        ),
        q(
            "What if a record was made in error, or is wrong?",
            &[
                "The person who recorded it can amend it. The earlier version is kept, and the people supervised are asked to agree or disagree again.",
                "If the record should not exist at all, the person who recorded it asks for it to be removed and says why. A system administrator decides.",
            ],
        ),
        q(
            "Who can read my supervision record?",
            &[
                "What was discussed can be read by you, the person who recorded it, the others in a group session, and the supervisor or line manager who holds your supervision file.",
                "Managers above them and senior managers can see that a session took place, but not what was discussed. Anyone else can open a record only for a stated purpose, such as an investigation: each time is logged, and your home page shows you who opened it and why.",
                "Supervision is confidential, except where a risk of harm is raised. Then only what is needed to keep people safe is shared.",
            ],
        ),
        q(
            "Can I write a patient's or service user's name in a record?",
            &[
                "No. Never write anything that identifies a patient or service user, in the record or in a file you attach. Refer to a case by its case number.",
            ],
        ),
        q(
            "Can I attach a file or paste text?",
            &[
                "Yes. You can attach documents and pictures from a phone, tablet or computer, and paste text into any box. The same rule applies: nothing that identifies a patient or service user.",
            ],
        ),
        q(
            "Can I use it on my phone, or without a signal?",
            &[
                "Yes. What you type in a record is kept on your phone as you go. If you save a record without a signal, it is sent once the signal returns, and only once.",
                "You can add the service to your phone's home screen from your browser's menu.",
            ],
        ),
        q(
            "Can I have a copy of my records?",
            &[
                "Yes. At the bottom of your home page, Download my records gives you everything recorded about your supervision, as data or as a page to print or keep: your supervision records, agreements, wellbeing checks and action plans, observations of your practice as a supervisor, appraisal objectives and the sessions booked with you.",
            ],
        ),
        q(
            "Is the supervision questionnaire anonymous?",
            &[
                "Yes. Once a year you are asked what you think of the supervision you receive. The service keeps that you answered, but not with what you said: your answers are stored with no name on them.",
                "Nobody, your supervisor included, sees one person's answers. Results are only shown added up, once the questionnaire has closed, and only for groups large enough (at least five people, unless your organisation sets more) that nobody's answers can be worked out, however the results are filtered.",
            ],
        ),
        q(
            "How do I book the next session, and how does it get into my calendar?",
            &[
                "Your supervisor books it, from My supervisees or when they save a record, with the day, time and place or video link. Everyone on it, and your supervisor, is emailed an invitation: open it and your calendar (Outlook, Gmail, iPhone) adds the session with one tap.",
                "If it moves, you are sent the new time and your calendar moves it; if it is called off, you are sent a cancellation and your calendar takes it out. The invitation says who, when and where, never what will be discussed.",
            ],
        ),
    ]
}

/// "What counts as formal supervision?", from the shared rule.
fn formal() -> Question {
    let (counting, not_counting): (Vec<_>, Vec<_>) = SupervisionKind::ALL
        .iter()
        .partition(|kind| kind.category().is_some());
    let names = |kinds: Vec<&SupervisionKind>| {
        kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("; ")
    };
    Question {
        question: "What counts as formal supervision?",
        answer: vec![
            format!(
                "These count towards how often you need supervision: {}.",
                names(counting)
            ),
            format!(
                "These are worth recording but do not count: {}; and any session whose approach is wellbeing support.",
                names(not_counting)
            ),
            "Each record says whether it counts, under \"Counts as formal supervision\"."
                .to_owned(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_is_the_shared_rule_in_words() {
        let formal = formal();
        assert!(
            formal.answer[0].contains(SupervisionKind::ClinicalGroup.label()),
            "{}",
            formal.answer[0]
        );
        assert!(
            formal.answer[1].contains(SupervisionKind::PersonalReflection.label()),
            "{}",
            formal.answer[1]
        );
        assert!(!formal.answer[0].contains(SupervisionKind::PersonalReflection.label()));
    }

    #[test]
    fn every_question_is_asked_once_and_answered() {
        let all = questions();
        let mut asked: Vec<_> = all.iter().map(|q| q.question).collect();
        asked.sort_unstable();
        asked.dedup();
        assert_eq!(asked.len(), all.len());
        assert!(all.iter().all(|q| !q.answer.is_empty()));
    }
}
