//! What the service tells people by email, written into the outbox. Emails
//! never carry supervision content: they say that something is waiting and
//! link to it, and the link asks the reader to sign in (F4.1, F7).

use chrono::NaiveDate;
use supervision_shared::SupervisionKind;
use uuid::Uuid;

use crate::entity::staff;
use crate::service::outbox::Mail;

/// Where links in emails point: the service's public URL.
#[derive(Debug, Clone)]
pub struct Links {
    /// e.g. `https://supervision.trust.nhs.uk`, without a trailing slash.
    pub public_url: String,
}

impl Links {
    /// The deep link to a record.
    pub fn record(&self, id: Uuid) -> String {
        format!("{}/supervisions/{id}", self.public_url)
    }

    /// The page where a person answers a questionnaire.
    pub fn questionnaire(&self, cycle: Uuid) -> String {
        format!("{}/questionnaire/{cycle}", self.public_url)
    }

    /// The page of observations of a supervisor's practice.
    pub fn observations(&self, supervisor: Uuid) -> String {
        format!("{}/observations/{supervisor}", self.public_url)
    }
}

/// Why a supervisee is asked to validate a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationRequest {
    /// The record is new.
    New,
    /// The record was changed after it was saved.
    Amended,
}

/// The email asking a supervisee to validate a record.
pub fn validation_request(
    links: &Links,
    why: ValidationRequest,
    supervisee: &staff::Model,
    recorder_name: &str,
    record_id: Uuid,
    kind: SupervisionKind,
    held_on: NaiveDate,
) -> Mail {
    let held = held_on.format("%-d %B %Y");
    let (subject, opening) = match why {
        ValidationRequest::New => (
            format!("Please validate your supervision record of {held}"),
            format!(
                "{recorder_name} has recorded your {} of {held}.",
                kind.label().to_lowercase()
            ),
        ),
        ValidationRequest::Amended => (
            format!("Your supervision record of {held} was changed"),
            format!(
                "{recorder_name} has changed the record of your {} of {held}. The earlier version is kept with it.",
                kind.label().to_lowercase()
            ),
        ),
    };
    let body = format!(
        "Dear {name},\n\n{opening}\n\nPlease read it and say whether you agree with it, or give your own account if you do not:\n\n{link}\n\nYou will be asked to sign in. This email does not contain the record itself.\n",
        name = supervisee.name,
        link = links.record(record_id),
    );
    Mail {
        calendar: None,
        organisation_id: supervisee.organisation_id,
        recipient_id: supervisee.id,
        to_address: supervisee.email.clone(),
        subject,
        body,
        dedupe_key: None,
    }
}

/// The email asking a supervisor to read and sign an observation of their
/// practice (F8.3): who observed, and the day; never what they wrote.
pub fn observation_to_sign(
    links: &Links,
    supervisor: &staff::Model,
    observer_name: &str,
    observed_on: NaiveDate,
) -> Mail {
    let day = observed_on.format("%-d %B %Y");
    Mail {
        calendar: None,
        organisation_id: supervisor.organisation_id,
        recipient_id: supervisor.id,
        to_address: supervisor.email.clone(),
        subject: format!("Please sign the observation of your practice on {day}"),
        body: format!(
            "Dear {name},\n\n{observer_name} has recorded their observation of your supervision practice on {day}. It counts once you have read and signed it; you can add your own comment.\n\n{link}\n\nYou will be asked to sign in. This email does not contain the observation itself.\n",
            name = supervisor.name,
            link = links.observations(supervisor.id),
        ),
        dedupe_key: None,
    }
}

/// The email inviting someone to answer the annual supervision
/// questionnaire (F8.2), or reminding them once, a week before it closes.
pub fn questionnaire_invitation(
    links: &Links,
    person: &staff::Model,
    cycle: &crate::entity::questionnaire_cycle::Model,
    reminder: bool,
) -> Mail {
    let closes = cycle.closes_on.format("%-d %B %Y");
    let (stage, subject, opening) = if reminder {
        (
            "reminder",
            format!("Reminder: {} closes on {closes}", cycle.title),
            format!("There is still time to answer \"{}\".", cycle.title),
        )
    } else {
        (
            "invitation",
            format!("{}: tell us about your supervision", cycle.title),
            format!(
                "Please answer \"{}\": a few questions about the supervision you receive.",
                cycle.title
            ),
        )
    };
    Mail {
        calendar: None,
        organisation_id: person.organisation_id,
        recipient_id: person.id,
        to_address: person.email.clone(),
        subject,
        body: format!(
            "Dear {name},\n\n{opening} It takes a few minutes, on a phone too, and closes on {closes}.\n\n{link}\n\nYour answers are anonymous: nobody, your supervisor included, sees what you said. Results are only shown added up, for groups of at least {threshold} people.\n\nYou will be asked to sign in.\n",
            name = person.name,
            link = links.questionnaire(cycle.id),
            threshold = cycle.threshold,
        ),
        dedupe_key: Some(format!("questionnaire:{}:{}:{stage}", cycle.id, person.id)),
    }
}

/// The email telling someone who now supervises or manages them, and from
/// when (a change of supervisor, F2.5).
pub fn new_supervisor(
    links: &Links,
    person: &staff::Model,
    relationship_label: &str,
    new_name: &str,
    from: NaiveDate,
) -> Mail {
    let day = from.format("%-d %B %Y");
    Mail {
        calendar: None,
        organisation_id: person.organisation_id,
        recipient_id: person.id,
        to_address: person.email.clone(),
        subject: format!("Your {relationship_label} from {day}"),
        body: format!(
            "Dear {name},\n\nFrom {day} your {relationship_label} is {new_name}. Your supervision file goes with you: from that day {new_name} holds it and can read the records in it, earlier sessions included, and whoever held it before no longer can.\n\nYour supervisions are at:\n\n{link}/\n\nYou will be asked to sign in.\n",
            name = person.name,
            link = links.public_url,
        ),
        dedupe_key: None,
    }
}
