//! One card per person on My supervisees: who they are, and for each way
//! the caller relates to them (clinical supervisor, line manager) where that
//! kind of supervision stands and their agreement for it; then the links to
//! record or book a session, their history and their wellbeing records,
//! once, and when the next session booked with them is.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::agreement::{Agreement, AgreementStatus};
use crate::api::staff::Supervisee;
use crate::components::compliance_tag::{standings_list, status_tag};
use crate::dates;
use crate::navigation::encode_query_value;
use supervision_shared::agreement::AgreementStanding;

/// A person and every relationship the caller has with them, in the
/// server's order (most urgent first).
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) relationships: Vec<Supervisee>,
}

impl Person {
    pub(super) fn name(&self) -> &str {
        &self.relationships[0].staff.name
    }
}

/// The server's list (one entry per relationship) as one entry per person,
/// each where their most urgent relationship put them.
pub(super) fn people(list: Vec<Supervisee>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for supervisee in list {
        match people
            .iter_mut()
            .find(|p| p.relationships[0].staff.id == supervisee.staff.id)
        {
            Some(person) => person.relationships.push(supervisee),
            None => people.push(Person {
                relationships: vec![supervisee],
            }),
        }
    }
    people
}

/// The links a supervisee's card offers for their agreement with the
/// caller, words and address: make one when one is needed, open the one
/// awaiting signature or in force, and review the one in force when its
/// review is due (or open the review already written).
pub(super) fn agreement_links(
    supervisee: &Supervisee,
    agreements: &[Agreement],
) -> Vec<(String, String)> {
    let name = &supervisee.staff.name;
    let theirs =
        |a: &&Agreement| a.supervisee.id == supervisee.staff.id && a.kind == supervisee.kind;
    let in_force = agreements
        .iter()
        .filter(theirs)
        .find(|a| a.status == AgreementStatus::InForce);
    let waiting = agreements.iter().filter(theirs).find(|a| {
        matches!(
            a.status,
            AgreementStatus::Draft | AgreementStatus::AwaitingSignature
        )
    });
    let open = |words: String, a: &Agreement| (words, format!("/agreements/{}", a.id));
    let new_href = |from: Option<&Agreement>| {
        let mut href = format!(
            "/agreements/new?staff={}&name={}&kind={}",
            supervisee.staff.id,
            encode_query_value(name),
            supervisee.kind.code()
        );
        if let Some(from) = from {
            href.push_str(&format!("&from={}", from.id));
        }
        href
    };
    match supervisee.agreement {
        AgreementStanding::NewNeeded => vec![(
            format!("Make a supervision agreement with {name}"),
            new_href(None),
        )],
        AgreementStanding::AwaitingSignature => waiting
            .or(in_force)
            .map(|a| open(format!("Open the supervision agreement with {name}"), a))
            .into_iter()
            .collect(),
        AgreementStanding::Current => in_force
            .or(waiting)
            .map(|a| open(format!("Open the supervision agreement with {name}"), a))
            .into_iter()
            .collect(),
        AgreementStanding::ReviewDue
        | AgreementStanding::ReviewOverdue
        | AgreementStanding::RenewalAfterAbsence => {
            // Reviewed when due; renewed after an extended absence. Either
            // way the new one starts from the one in force.
            let (done, verb) = if supervisee.agreement == AgreementStanding::RenewalAfterAbsence {
                ("renewed", "Renew")
            } else {
                ("reviewed", "Review")
            };
            match waiting {
                Some(next) => vec![open(
                    format!("Open the {done} agreement with {name}, awaiting signature"),
                    next,
                )],
                None => [
                    Some((
                        format!("{verb} the supervision agreement with {name}"),
                        new_href(in_force),
                    )),
                    in_force
                        .map(|a| open(format!("Open the supervision agreement with {name}"), a)),
                ]
                .into_iter()
                .flatten()
                .collect(),
            }
        }
    }
}

/// One person's card.
pub(super) fn person_card(person: Person, agreements: &[Agreement]) -> impl IntoView + use<> {
    let first = &person.relationships[0];
    let staff = first.staff.clone();
    let href = format!(
        "/record?supervisee={}&name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let history_href = format!(
        "/staff/{}?name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let wellbeing_href = format!(
        "/wellbeing/{}?name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let wellbeing_due = person.relationships.iter().any(|r| r.wellbeing_review_due);
    let next_booked = person.relationships.iter().find_map(|r| r.next_booked);
    let book_href = crate::pages::sessions::book_href(&[(staff.id, staff.name.clone())]);
    // Only their line manager's line carries it, and only for a supervisor.
    let observation = person
        .relationships
        .iter()
        .find_map(|r| r.practice_observation)
        .map(|standing| {
            let href = format!(
                "/observations/{}?name={}",
                staff.id,
                encode_query_value(&staff.name)
            );
            observation_line(standing, href, staff.name.clone())
        });
    // Where they stand per kind is the person's, whichever relationship
    // carried it.
    let standings = person
        .relationships
        .iter()
        .map(|r| r.standings.clone())
        .find(|s| !s.is_empty())
        .map(|s| {
            view! {
                <h3 class="standings-heading">"Status by kind"</h3>
                {standings_list(s)}
            }
        });
    let relationships = person
        .relationships
        .into_iter()
        .map(|r| {
            let links = agreement_links(&r, agreements);
            relationship_block(r, links)
        })
        .collect_view();
    view! {
        <li class="record-card person-card">
            <h2 class="card-title">{staff.name.clone()}</h2>
            <p class="person-details">{format!("{} · {}", staff.job_title, staff.team_name)}</p>
            {relationships}
            {wellbeing_due.then(|| view! {
                <p class="tag-line"><span class="tag tag-warning">"Wellbeing review due"</span></p>
            })}
            {standings}
            <p class="tag-line">
                {match next_booked {
                    Some(at) => format!("Next session booked: {}", dates::long_time(at)),
                    None => "No session booked.".to_owned(),
                }}
            </p>
            {observation}
            <ul class="card-links">
                <li>
                    <A href=href>{format!("Record supervision for {}", staff.name)}</A>
                </li>
                <li>
                    <A href=book_href>{format!("Book the next session with {}", staff.name)}</A>
                </li>
                <li>
                    <A href=history_href>{format!("Supervision history of {}", staff.name)}</A>
                </li>
                <li>
                    <A href=wellbeing_href>{format!("Wellbeing records of {}", staff.name)}</A>
                </li>
            </ul>
        </li>
    }
}

/// When observation of their practice as a supervisor is due (F8.3), with
/// the way to it.
fn observation_line(
    standing: crate::api::observation::ObservationStanding,
    href: String,
    name: String,
) -> impl IntoView {
    let (class, text) = if standing.overdue {
        (
            "tag tag-overdue",
            format!("Overdue: due by {}", dates::long(standing.due_on)),
        )
    } else {
        ("tag", format!("Due by {}", dates::long(standing.due_on)))
    };
    view! {
        <p class="tag-line">
            "Observation of their practice: "
            <span class=class>{text}</span>
        </p>
        <p><A href=href>{format!("Observation of {name}'s practice")}</A></p>
    }
}

/// How the caller relates to them ("As their clinical supervisor"), where
/// that kind stands, when it was last held and is next due, and its
/// agreement.
fn relationship_block(
    supervisee: Supervisee,
    agreement_links: Vec<(String, String)>,
) -> impl IntoView {
    let last = supervisee.last_formal_supervision.map_or_else(
        || view! { "Never" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let next_due = supervisee.next_due.map_or_else(
        || view! { "Not scheduled" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let agreement = supervisee.agreement;
    let heading = format!("As their {}", supervisee.relationship.to_lowercase());
    view! {
        <div class="relationship">
            <h3 class="relationship-heading">{heading}</h3>
            {supervisee.status.map(|status| {
                view! {
                    <p class="tag-line">
                        <span class="visually-hidden">"Status: "</span>
                        {status_tag(status, supervisee.next_due)}
                    </p>
                }
            })}
            <dl class="record-facts">
                <div>
                    <dt>"Last formal supervision"</dt>
                    <dd>{last}</dd>
                </div>
                <div>
                    <dt>"Next due"</dt>
                    <dd>{next_due}</dd>
                </div>
                <div>
                    <dt>"Supervision agreement"</dt>
                    <dd>
                        <span class=if agreement.needs_action() { "tag tag-warning" } else { "tag" }>
                            {agreement.label()}
                        </span>
                    </dd>
                </div>
            </dl>
            {(!agreement_links.is_empty()).then(|| view! {
                <ul class="card-links">
                    {agreement_links
                        .into_iter()
                        .map(|(words, href)| view! { <li><A href=href>{words}</A></li> })
                        .collect_view()}
                </ul>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::agreement::AgreementKind;
    use crate::api::staff::StaffSummary;
    use uuid::Uuid;

    fn tom(agreement: AgreementStanding) -> Supervisee {
        Supervisee {
            staff: StaffSummary {
                id: Uuid::from_u128(1),
                name: "Tom Reed".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            relationship: "Line manager".into(),
            last_formal_supervision: None,
            status: None,
            next_due: None,
            standings: Vec::new(),
            kind: AgreementKind::LineManager,
            agreement,
            wellbeing_review_due: false,
            practice_observation: None,
            next_booked: None,
        }
    }

    fn relationship(id: u128, name: &str, kind: AgreementKind) -> Supervisee {
        let mut s = tom(AgreementStanding::Current);
        s.staff.id = Uuid::from_u128(id);
        s.staff.name = name.into();
        s.kind = kind;
        s
    }

    #[test]
    fn a_person_with_two_relationships_is_one_card_where_the_more_urgent_put_them() {
        let list = vec![
            relationship(2, "Aisha Khan", AgreementKind::ClinicalSupervisor),
            relationship(1, "Tom Reed", AgreementKind::ClinicalSupervisor),
            relationship(2, "Aisha Khan", AgreementKind::LineManager),
            relationship(3, "Ben Ng", AgreementKind::LineManager),
        ];
        let people = people(list);
        let names: Vec<&str> = people.iter().map(Person::name).collect();
        assert_eq!(names, ["Aisha Khan", "Tom Reed", "Ben Ng"]);
        let kinds: Vec<AgreementKind> = people[0].relationships.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                AgreementKind::ClinicalSupervisor,
                AgreementKind::LineManager
            ]
        );
    }

    #[test]
    fn the_search_matches_every_word_of_a_name_and_the_order_is_kept_or_by_name() {
        use super::super::{Order, chosen};
        let everyone = people(vec![
            relationship(1, "Tom Reed", AgreementKind::LineManager),
            relationship(2, "Aisha Khan", AgreementKind::LineManager),
            relationship(3, "Tomasz Kowalski", AgreementKind::LineManager),
        ]);
        let names = |people: Vec<Person>| {
            people
                .iter()
                .map(|p| p.name().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(chosen(everyone.clone(), " tom ", Order::Urgency)),
            ["Tom Reed", "Tomasz Kowalski"]
        );
        assert_eq!(
            names(chosen(everyone.clone(), "tom k", Order::Urgency)),
            ["Tomasz Kowalski"]
        );
        assert_eq!(
            names(chosen(everyone.clone(), "", Order::Name)),
            ["Aisha Khan", "Tom Reed", "Tomasz Kowalski"]
        );
        assert!(chosen(everyone, "zed", Order::Urgency).is_empty());
    }

    fn words(links: Vec<(String, String)>) -> Vec<String> {
        links
            .into_iter()
            .map(|(w, h)| format!("{w} -> {h}"))
            .collect()
    }

    #[test]
    fn an_agreement_is_made_opened_or_reviewed_as_it_stands() {
        let id = |n: u128| Uuid::from_u128(n);
        let in_force =
            Agreement::example(10, 1, AgreementKind::LineManager, AgreementStatus::InForce);
        let waiting = Agreement::example(
            11,
            1,
            AgreementKind::LineManager,
            AgreementStatus::AwaitingSignature,
        );
        let clinical = Agreement::example(
            12,
            1,
            AgreementKind::ClinicalSupervisor,
            AgreementStatus::InForce,
        );
        assert_eq!(
            words(agreement_links(
                &tom(AgreementStanding::NewNeeded),
                std::slice::from_ref(&clinical)
            )),
            [format!(
                "Make a supervision agreement with Tom Reed -> /agreements/new?staff={}&name=Tom%20Reed&kind=LINE_MANAGER",
                id(1)
            )]
        );
        let both = [waiting, in_force.clone(), clinical];
        assert_eq!(
            words(agreement_links(&tom(AgreementStanding::Current), &both)),
            [format!(
                "Open the supervision agreement with Tom Reed -> /agreements/{}",
                id(10)
            )]
        );
        assert_eq!(
            words(agreement_links(
                &tom(AgreementStanding::AwaitingSignature),
                &both
            )),
            [format!(
                "Open the supervision agreement with Tom Reed -> /agreements/{}",
                id(11)
            )]
        );
        assert_eq!(
            words(agreement_links(&tom(AgreementStanding::ReviewDue), &both)),
            [format!(
                "Open the reviewed agreement with Tom Reed, awaiting signature -> /agreements/{}",
                id(11)
            )]
        );
        assert_eq!(
            words(agreement_links(
                &tom(AgreementStanding::RenewalAfterAbsence),
                std::slice::from_ref(&in_force)
            ))[0],
            format!(
                "Renew the supervision agreement with Tom Reed -> /agreements/new?staff={}&name=Tom%20Reed&kind=LINE_MANAGER&from={}",
                id(1),
                id(10)
            )
        );
        assert_eq!(
            words(agreement_links(
                &tom(AgreementStanding::ReviewOverdue),
                &[in_force]
            )),
            [
                format!(
                    "Review the supervision agreement with Tom Reed -> /agreements/new?staff={}&name=Tom%20Reed&kind=LINE_MANAGER&from={}",
                    id(1),
                    id(10)
                ),
                format!(
                    "Open the supervision agreement with Tom Reed -> /agreements/{}",
                    id(10)
                ),
            ]
        );
    }
}
