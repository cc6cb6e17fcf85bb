//! `/redactions`: requests to redact a section of a record (F7.4) waiting
//! for the senior manager whose scope covers the record's supervisees.
//! They see what the record is, which section, who asked, when and why (not
//! the section's text: they may know only that the session took place), and
//! decide, saying why. Anyone else is told the page is not for them (the
//! server refuses them the list too).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::me::Me;
use crate::api::redaction::{RedactionRequest, decide_redaction, redaction_requests};
use crate::components::decision_form::{DecisionForm, DecisionWords};
use crate::components::error_summary::focus_element;
use crate::components::role_gate::Gated;
use crate::components::status::SavedNotice;
use crate::dates;
use crate::title::set_title;

/// The id of the page's status message, focused after a decision.
const STATUS_ID: &str = "redactions-status";

/// A redaction's decision: recorded with a note either way.
const REDACTION_DECISION: DecisionWords = DecisionWords {
    hint: "Say why you redact the section or why it stays. It is kept with the decision and the person who asked will see it.",
    warning: "Redacting removes the section's text for everyone. A system administrator can recover it only for a legal hold.",
    approve: "Redact section",
    decline: "Decline request",
    note_required: |approve| {
        Some(if approve {
            "Say why the section is redacted: it is recorded with the decision."
        } else {
            "Say why the section stays: the person who asked will see it."
        })
    },
};

/// Sends a redaction decision; answers what to tell the manager.
fn decide(
    id: uuid::Uuid,
    approve: bool,
    note: String,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, crate::api::ApiError>>>> {
    Box::pin(async move {
        let decided = decide_redaction(id, approve, &note).await?;
        let section = decided.section.label();
        Ok(if approve {
            format!("{section} redacted. The person who asked can see your note.")
        } else {
            format!("Request declined: {section} stays. The person who asked can see your note.")
        })
    })
}

/// The `/redactions` page.
#[component]
pub fn RedactionsPage() -> impl IntoView {
    set_title("Redaction requests");
    let page = Gated::new(Me::is_senior_manager, redaction_requests);
    let status = RwSignal::new(None::<String>);
    let on_decided = Callback::new(move |message: String| {
        status.set(Some(message));
        page.data.refetch();
    });

    view! {
        <h1 tabindex="-1">"Redaction requests"</h1>
        <SavedNotice message=status id=STATUS_ID />
        {page
            .view(
                "redaction requests",
                "Only senior managers decide requests to redact a section.",
                move |list| {
                    if status.get_untracked().is_some() {
                        request_animation_frame(|| focus_element(STATUS_ID));
                    }
                    if list.is_empty() {
                        view! { <p>"No requests are waiting for your decision."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="record-list">
                                {list.into_iter().map(|r| request_card(r, on_decided)).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                },
            )}
    }
}

/// One request: the record, the section, who asked, when and why, and the
/// form to decide it.
fn request_card(request: RedactionRequest, on_decided: Callback<String>) -> impl IntoView {
    let heading_id = format!("redaction-request-{}", request.id);
    let kind = request
        .kind
        .map_or("Supervision record", |k| k.label())
        .to_owned();
    let title = match request.held_on {
        Some(day) => format!("{}: {kind}, {}", request.section.label(), dates::long(day)),
        None => format!("{}: {kind}", request.section.label()),
    };
    view! {
        <li class="record-card">
            <h2 class="card-title" id=heading_id.clone()>
                {title}
            </h2>
            <dl class="record-facts">
                <div>
                    <dt>"Section"</dt>
                    <dd>{request.section.label()}</dd>
                </div>
                <div>
                    <dt>"Asked by"</dt>
                    <dd>{request.requested_by.name.clone()}</dd>
                </div>
                <div>
                    <dt>"Asked on"</dt>
                    <dd>
                        <time datetime=request.requested_at.to_rfc3339()>{dates::long_time(request.requested_at)}</time>
                    </dd>
                </div>
            </dl>
            <p class="label">"Reason given"</p>
            <p class="prose">{request.reason.clone()}</p>
            <p>
                <A href=format!("/supervisions/{}", request.supervision_id)>"Open the record's outline"</A>
            </p>
            <DecisionForm
                request_id=request.id
                heading_id=heading_id
                words=REDACTION_DECISION
                decide=decide
                on_decided=on_decided
            />
        </li>
    }
}
