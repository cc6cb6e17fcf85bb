//! `/removals`: requests to remove records made in error (F4.5), for the
//! system administrators who decide them. Those waiting come first, each
//! with what the record was, who asked, when and why; decided ones show the
//! decision. Anyone else is told the page is not for them (the server
//! refuses them the list too).

use leptos::prelude::*;

use crate::api::me::Me;
use crate::api::removal::{RemovalRequest, RemovalStatus, decide_removal, removal_requests};
use crate::components::decision_form::{DecisionForm, DecisionWords};
use crate::components::error_summary::focus_element;
use crate::components::role_gate::Gated;
use crate::components::status::SavedNotice;
use crate::dates;
use crate::title::set_title;

/// How many requests the page asks for.
const REQUESTS_SHOWN: u32 = 100;

/// The id of the page's status message, focused after a decision.
const STATUS_ID: &str = "removals-status";

/// A removal's decision: a note is required to decline (the person who
/// asked sees why their record stays).
const REMOVAL_DECISION: DecisionWords = DecisionWords {
    hint: "Required if you decline: say why the record stays. The person who asked will see it.",
    warning: "Approving deletes the record's content and takes it out of every list and report. It cannot be undone.",
    approve: "Approve removal",
    decline: "Decline removal",
    note_required: |approve| {
        (!approve).then_some("Say why the record stays: the person who asked will see it.")
    },
};

/// Sends a removal decision; answers what to tell the administrator.
fn decide(
    id: uuid::Uuid,
    approve: bool,
    note: String,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, crate::api::ApiError>>>> {
    Box::pin(async move {
        let decided = decide_removal(id, approve, &note).await?;
        Ok(match decided.status {
            RemovalStatus::Approved => {
                "Removal approved: the record has been removed for everyone. A note that it existed is kept for audit."
            }
            RemovalStatus::Declined => {
                "Removal declined: the record stays. Your note is kept with the request."
            }
            RemovalStatus::Pending => "The request is still waiting for a decision.",
        }
        .to_owned())
    })
}

/// The `/removals` page.
#[component]
pub fn RemovalsPage() -> impl IntoView {
    set_title("Removal requests");
    let page = Gated::new(Me::is_system_admin, || removal_requests(REQUESTS_SHOWN));
    let status = RwSignal::new(None::<String>);
    let on_decided = Callback::new(move |message: String| {
        status.set(Some(message));
        page.data.refetch();
    });

    view! {
        <h1 tabindex="-1">"Removal requests"</h1>
        <SavedNotice message=status id=STATUS_ID />
        {page
            .view(
                "removal requests",
                "Only system administrators decide requests to remove records.",
                move |list| {
                    if status.get_untracked().is_some() {
                        request_animation_frame(|| focus_element(STATUS_ID));
                    }
                    request_lists(list, on_decided).into_any()
                },
            )}
    }
}

/// The requests waiting for a decision, then those decided.
fn request_lists(list: Vec<RemovalRequest>, on_decided: Callback<String>) -> impl IntoView {
    // The server puts those waiting first; kept so whatever it sends.
    let (pending, decided): (Vec<_>, Vec<_>) = list
        .into_iter()
        .partition(|r| r.status == RemovalStatus::Pending);
    let waiting = if pending.is_empty() {
        view! { <p>"No requests are waiting for a decision."</p> }.into_any()
    } else {
        view! {
            <ul class="record-list">
                {pending.into_iter().map(|r| request_card(r, Some(on_decided))).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">"Waiting for a decision"</h2>
            {waiting}
        </section>
        {(!decided.is_empty())
            .then(|| {
                view! {
                    <section class="page-section" aria-labelledby="decided-heading">
                        <h2 id="decided-heading">"Decided"</h2>
                        <ul class="record-list">
                            {decided.into_iter().map(|r| request_card(r, None)).collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

/// One request: the record, who asked, when and why, and either the form to
/// decide it (`on_decided`) or the decision.
fn request_card(request: RemovalRequest, on_decided: Option<Callback<String>>) -> impl IntoView {
    let heading_id = format!("request-{}", request.id);
    let kind = request
        .kind
        .map_or("Supervision record", |k| k.label())
        .to_owned();
    let title = match request.held_on {
        Some(day) => format!("{kind}, {}", dates::long(day)),
        None => kind.clone(),
    };
    let held = request.held_on.map(|day| {
        view! {
            <div>
                <dt>"Date held"</dt>
                <dd>
                    <time datetime=dates::iso(day)>{dates::long(day)}</time>
                </dd>
            </div>
        }
    });
    let decision = (request.status != RemovalStatus::Pending).then(|| decision_facts(&request));
    let form = on_decided.map(|on_decided| {
        view! {
            <DecisionForm
                request_id=request.id
                heading_id=heading_id.clone()
                words=REMOVAL_DECISION
                decide=decide
                on_decided=on_decided
            />
        }
    });
    view! {
        <li class="record-card">
            <h3 class="card-title" id=heading_id.clone()>
                {title}
            </h3>
            <dl class="record-facts">
                <div>
                    <dt>"Kind"</dt>
                    <dd>{kind}</dd>
                </div>
                {held}
                <div>
                    <dt>"Asked by"</dt>
                    <dd>{request.requested_by.name}</dd>
                </div>
                <div>
                    <dt>"Asked on"</dt>
                    <dd>
                        <time datetime=request.requested_at.to_rfc3339()>{dates::long_time(request.requested_at)}</time>
                    </dd>
                </div>
            </dl>
            <p class="label">"Reason given"</p>
            <p class="prose">{request.reason}</p>
            {decision}
            {form}
        </li>
    }
}

/// A decided request's outcome: what, who, when, and the note.
fn decision_facts(request: &RemovalRequest) -> impl IntoView + use<> {
    let status = request.status;
    let by = request.decided_by.as_ref().map(|s| s.name.clone());
    let at = request.decided_at;
    let note = request
        .decision_note
        .clone()
        .filter(|n| !n.trim().is_empty());
    view! {
        <dl class="record-facts">
            <div>
                <dt>"Decision"</dt>
                <dd>
                    <span class=format!("tag tag-{}", status.as_str())>{status.label()}</span>
                </dd>
            </div>
            {by.map(|name| view! { <div><dt>"Decided by"</dt><dd>{name}</dd></div> })}
            {at.map(|at| {
                view! {
                    <div>
                        <dt>"Decided on"</dt>
                        <dd>
                            <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
                        </dd>
                    </div>
                }
            })}
        </dl>
        {note.map(|note| {
            view! {
                <p class="label">"Note"</p>
                <p class="prose">{note}</p>
            }
        })}
    }
}
