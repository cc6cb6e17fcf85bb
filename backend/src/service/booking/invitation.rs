//! The calendar invitations a booking sends (RFC 5545 objects in iTIP
//! messages, RFC 5546): `REQUEST` when it is booked or moved, `CANCEL` when
//! it is called off, all with the booking's UID and a SEQUENCE one higher
//! each time, so a calendar moves or removes the event it already has.
//!
//! Times are written in UTC. Every calendar places a UTC time exactly and
//! shows it on its owner's clock, whereas a time with a TZID needs the zone
//! defined in the object too (Outlook does not look the name up), and the
//! icalendar crate does not write those definitions. The email's text says
//! the time on the organisation's clock.
//!
//! Nothing said in supervision goes in an invitation: who, when, where, and
//! a link to the service, which asks the reader to sign in.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use icalendar::{
    Attendee, Calendar, Component, Event, EventLike, EventStatus, PartStat, Property, Role,
};

use crate::entity::{session_booking, staff};
use crate::service::notify::Links;
use crate::service::outbox::{CalendarPart, Mail};

/// Why an invitation is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// Newly booked.
    Booked,
    /// Moved to another time or place.
    Moved,
    /// Called off.
    Cancelled,
}

impl Occasion {
    fn method(self) -> &'static str {
        match self {
            Self::Booked | Self::Moved => "REQUEST",
            Self::Cancelled => "CANCEL",
        }
    }

    fn headline(self) -> &'static str {
        match self {
            Self::Booked => "Supervision booked",
            Self::Moved => "Supervision moved",
            Self::Cancelled => "Supervision cancelled",
        }
    }
}

/// One email to each person on the booking, organiser included (so it is
/// in their calendar too), each carrying the same invitation.
pub fn mails(
    links: &Links,
    zone: Tz,
    booking: &session_booking::Model,
    organiser: &staff::Model,
    supervisees: &[staff::Model],
    occasion: Occasion,
) -> Vec<Mail> {
    let ics = calendar(links, booking, organiser, supervisees, occasion).to_string();
    let when = local_words(zone, booking.starts_at, booking.ends_at);
    let names = names(organiser, supervisees);
    std::iter::once(organiser)
        .chain(supervisees)
        .map(|person| Mail {
            organisation_id: booking.organisation_id,
            recipient_id: person.id,
            to_address: person.email.clone(),
            subject: format!("{}: {when}", occasion.headline()),
            body: body(links, booking, person, &names, &when, occasion),
            dedupe_key: Some(format!(
                "booking:{}:{}:{}",
                booking.id, booking.sequence, person.id
            )),
            calendar: Some(CalendarPart {
                method: occasion.method().to_owned(),
                ics: ics.clone(),
            }),
        })
        .collect()
}

/// The iCalendar object.
fn calendar(
    links: &Links,
    booking: &session_booking::Model,
    organiser: &staff::Model,
    supervisees: &[staff::Model],
    occasion: Occasion,
) -> Calendar {
    let mut event = Event::new();
    event
        .uid(&uid(links, booking))
        .sequence(u32::try_from(booking.sequence).unwrap_or_default())
        .timestamp(Utc::now())
        .starts(booking.starts_at)
        .ends(booking.ends_at)
        .summary(&format!("Supervision: {}", names(organiser, supervisees)))
        .description(&format!(
            "Booked in the supervision system by {}. Your supervisions, actions and records are at {}/ (you will be asked to sign in).",
            organiser.name, links.public_url
        ))
        .url(&format!("{}/", links.public_url))
        .status(match occasion {
            Occasion::Cancelled => EventStatus::Cancelled,
            Occasion::Booked | Occasion::Moved => EventStatus::Confirmed,
        });
    let place = match (&booking.place, &booking.video_link) {
        (Some(place), Some(link)) => Some(format!("{place} or by video: {link}")),
        (Some(place), None) => Some(place.clone()),
        (None, Some(link)) => Some(link.clone()),
        (None, None) => None,
    };
    if let Some(place) = place {
        event.location(&place);
    }
    event.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", organiser.email))
            .add_parameter("CN", &display_name(organiser))
            .done(),
    );
    event.attendee(
        Attendee::new(format!("mailto:{}", organiser.email))
            .cn(display_name(organiser))
            .role(Role::Chair)
            .partstat(PartStat::Accepted),
    );
    for person in supervisees {
        event.attendee(
            Attendee::new(format!("mailto:{}", person.email))
                .cn(display_name(person))
                .role(Role::ReqParticipant)
                .partstat(PartStat::NeedsAction)
                // Replies would go to the supervisor's mailbox, not here:
                // nobody is asked for one.
                .rsvp(false),
        );
    }
    let mut calendar = Calendar::new();
    calendar
        .append_property(Property::new("METHOD", occasion.method()).done())
        .push(event.done());
    calendar.done()
}

/// The booking's UID: its id at the service's host, the same for every
/// invitation it sends.
fn uid(links: &Links, booking: &session_booking::Model) -> String {
    let host = links
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or(&links.public_url)
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    format!("{}@{host}", booking.id)
}

/// A name as a parameter value can carry it (a double quote cannot be).
fn display_name(person: &staff::Model) -> String {
    person.name.replace('"', "'")
}

/// "Priya Shah with Tom Reed and Aisha Khan".
fn names(organiser: &staff::Model, supervisees: &[staff::Model]) -> String {
    let mut with: Vec<&str> = supervisees.iter().map(|p| p.name.as_str()).collect();
    let last = with.pop();
    match last {
        None => organiser.name.clone(),
        Some(last) if with.is_empty() => format!("{} with {last}", organiser.name),
        Some(last) => format!("{} with {} and {last}", organiser.name, with.join(", ")),
    }
}

/// "Monday 29 March 2027, 10:00 to 11:00" on the organisation's clock.
pub fn local_words(zone: Tz, starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    let starts = starts.with_timezone(&zone);
    let ends = ends.with_timezone(&zone);
    if starts.date_naive() == ends.date_naive() {
        format!(
            "{}, {} to {}",
            starts.format("%A %-d %B %Y"),
            starts.format("%H:%M"),
            ends.format("%H:%M")
        )
    } else {
        format!(
            "{} to {}",
            starts.format("%A %-d %B %Y, %H:%M"),
            ends.format("%A %-d %B %Y, %H:%M")
        )
    }
}

fn body(
    links: &Links,
    booking: &session_booking::Model,
    person: &staff::Model,
    names: &str,
    when: &str,
    occasion: Occasion,
) -> String {
    let opening = match occasion {
        Occasion::Booked => "A supervision session is booked:",
        Occasion::Moved => "A supervision session has moved. It is now:",
        Occasion::Cancelled => "This supervision session is cancelled:",
    };
    let mut lines = vec![
        format!("Dear {},", person.name),
        String::new(),
        opening.to_owned(),
        String::new(),
        format!("When: {when}"),
        format!("Who: {names}"),
    ];
    if let Some(place) = &booking.place {
        lines.push(format!("Where: {place}"));
    }
    if let Some(link) = &booking.video_link {
        lines.push(format!("Video link: {link}"));
    }
    lines.push(String::new());
    lines.push(match occasion {
        Occasion::Cancelled => {
            "Your calendar will take it out when you open the invitation with this email."
                .to_owned()
        }
        Occasion::Booked | Occasion::Moved => {
            "The invitation with this email adds it to your calendar.".to_owned()
        }
    });
    lines.push(format!(
        "Your supervisions and actions are at {}/ (you will be asked to sign in).",
        links.public_url
    ));
    lines.push(String::new());
    lines.join("\n")
}
