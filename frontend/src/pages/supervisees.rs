//! `/supervisees`: the people the signed-in person supervises or manages,
//! most urgent first (the server's order), each with where they stand for
//! each kind of supervision and with their supervision agreement, a
//! shortcut to record a session with them, a link to their supervision
//! history, and one to make, open or review the agreement.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::agreement::{Agreement, AgreementStatus, my_agreements};
use crate::api::staff::{Supervisee, my_supervisees};
use crate::components::compliance_tag::{standings_list, status_tag};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::navigation::encode_query_value;
use crate::title::set_title;
use supervision_shared::agreement::AgreementStanding;

/// The `/supervisees` page.
#[component]
pub fn SuperviseesPage() -> impl IntoView {
    set_title("My supervisees");
    let supervisees = LocalResource::new(my_supervisees);
    // The agreements with them, for the links to open one (without them the
    // cards still show each standing).
    let agreements = LocalResource::new(my_agreements);

    view! {
        <h1 tabindex="-1">"My supervisees"</h1>
        {move || match (supervisees.get(), agreements.get()) {
            (None, _) | (_, None) => view! { <Loading what="your supervisees" /> }.into_any(),
            (Some(Err(err)), _) => view! { <LoadError error=err /> }.into_any(),
            (Some(Ok(list)), _) if list.is_empty() => {
                view! { <p>"No one is allocated to you for supervision or line management."</p> }
                    .into_any()
            }
            (Some(Ok(list)), Some(agreements)) => {
                let agreements = agreements.unwrap_or_default();
                view! {
                    <ul class="supervisee-list">
                        {list
                            .into_iter()
                            .map(|s| {
                                let links = agreement_links(&s, &agreements);
                                supervisee_card(s, links)
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}

/// The links a supervisee's card offers for their agreement with the
/// caller, words and address: make one when one is needed, open the one
/// awaiting signature or in force, and review the one in force when its
/// review is due (or open the review already written).
fn agreement_links(supervisee: &Supervisee, agreements: &[Agreement]) -> Vec<(String, String)> {
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

/// One supervisee: who they are, where they stand, when the kind this
/// relationship provides was last held and is next due, and links to record
/// a session with them, to their history and to their agreement.
fn supervisee_card(
    supervisee: Supervisee,
    agreement_links: Vec<(String, String)>,
) -> impl IntoView {
    let staff = supervisee.staff;
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
    let last = supervisee.last_formal_supervision.map_or_else(
        || view! { "Never" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let next_due = supervisee.next_due.map_or_else(
        || view! { "Not scheduled" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let agreement = supervisee.agreement;
    let wellbeing_href = format!(
        "/wellbeing/{}?name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let wellbeing_due = supervisee.wellbeing_review_due;
    let standings = (!supervisee.standings.is_empty()).then(|| {
        view! {
            <h3 class="standings-heading">"Status by kind"</h3>
            {standings_list(supervisee.standings)}
        }
    });
    view! {
        <li class="record-card">
            <h2 class="card-title">{staff.name.clone()}</h2>
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
                    <dt>"Team"</dt>
                    <dd>{staff.team_name.clone()}</dd>
                </div>
                <div>
                    <dt>"Job title"</dt>
                    <dd>{staff.job_title.clone()}</dd>
                </div>
                <div>
                    <dt>"Relationship"</dt>
                    <dd>{supervisee.relationship}</dd>
                </div>
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
                {wellbeing_due.then(|| view! {
                    <div>
                        <dt>"Wellbeing"</dt>
                        <dd><span class="tag tag-warning">"Review due"</span></dd>
                    </div>
                })}
            </dl>
            {standings}
            <ul class="card-links">
                <li>
                    <A href=href>{format!("Record supervision for {}", staff.name)}</A>
                </li>
                <li>
                    <A href=history_href>{format!("Supervision history of {}", staff.name)}</A>
                </li>
                {agreement_links
                    .into_iter()
                    .map(|(words, href)| view! { <li><A href=href>{words}</A></li> })
                    .collect_view()}
                <li>
                    <A href=wellbeing_href>{format!("Wellbeing records of {}", staff.name)}</A>
                </li>
            </ul>
        </li>
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
        }
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
