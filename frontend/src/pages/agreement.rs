//! Supervision agreements (F6): `/agreements/new?staff=…&name=…&kind=…` to
//! make one with a supervisee (`&from=<id>` to review one in force, starting
//! from what it says), and `/agreements/:id` to read, sign and revise one.
//! Its content is for its two parties; the supervisee's management chain
//! sees only that it exists and its dates. The home page lists one's own
//! ([`MyAgreements`]), those to sign first.

mod form;
mod mine;
mod view;

pub use mine::MyAgreements;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::access::{AccessGrant, PurposeTarget};
use crate::api::agreement::{AgreementKind, agreement, agreement_headings};
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::focus_element;
use crate::components::purpose_form::PurposeForm;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use form::{AgreementForm, Purpose, Typed};
use view::agreement_view;

/// The page's status message, focused after a change.
const STATUS_ID: &str = "agreement-status";

/// `/agreements/new`: the form for a new agreement with a supervisee; with
/// `from`, a review of the one in force, starting from what it says.
#[component]
pub fn AgreementNewPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let supervisee = query.get("staff").and_then(|s| Uuid::parse_str(&s).ok());
    let kind = query
        .get("kind")
        .and_then(|k| AgreementKind::parse(&k))
        .unwrap_or(AgreementKind::LineManager);
    let name = query
        .get("name")
        .unwrap_or_else(|| "your supervisee".to_owned());
    let from = query.get("from").and_then(|s| Uuid::parse_str(&s).ok());
    set_title(&if from.is_some() {
        format!("Review the supervision agreement with {name}")
    } else {
        format!("Make a supervision agreement with {name}")
    });
    let loaded = LocalResource::new(move || async move {
        let headings = agreement_headings().await?;
        let earlier = match from {
            Some(id) => Some(agreement(id, true).await?),
            None => None,
        };
        Ok::<_, ApiError>((headings, earlier))
    });
    let lead = if from.is_some() {
        format!(
            "{}: a review. Start from what you agreed before; the new agreement replaces it once you have both signed.",
            kind.label()
        )
    } else {
        format!(
            "{}: written together, then signed by both of you.",
            kind.label()
        )
    };
    view! {
        <h1 tabindex="-1">{format!("Supervision agreement with {name}")}</h1>
        <p class="lead">{lead}</p>
        {move || match (supervisee, loaded.get()) {
            (None, _) => view! { <LoadError error=ApiError::new(ErrorCode::NotFound, "no supervisee") /> }.into_any(),
            (_, None) => view! { <Loading what="the agreement's headings" /> }.into_any(),
            (_, Some(Err(err))) => view! { <LoadError error=err /> }.into_any(),
            (Some(supervisee), Some(Ok((headings, earlier)))) => {
                let today = dates::today();
                let initial = match earlier {
                    Some(earlier) => Typed::review_of(&earlier, &headings, today),
                    None => Typed::fresh(&headings, today),
                };
                view! {
                    <AgreementForm
                        purpose=Purpose::Start { supervisee, kind }
                        headings=headings
                        initial=initial
                    />
                }
                .into_any()
            }
        }}
    }
}

/// `/agreements/:id`: one agreement.
#[component]
pub fn AgreementPage() -> impl IntoView {
    set_title("Supervision agreement");
    let session = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    // `?saved=1`: the form has just made it.
    let status = RwSignal::new(query.with_untracked(|q| q.get("saved")).map(|_| {
        "The agreement is saved. Once you have both signed it, it is in force.".to_owned()
    }));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let Some(id) = id else {
                return Err(ApiError::new(ErrorCode::NotFound, "malformed id"));
            };
            // What anyone who may know of it reads; then, for its parties
            // and anyone who opened it for a stated purpose, what it says
            // (only that second read is logged as a read under a grant).
            let outline = agreement(id, false).await?;
            if outline.viewer_reads_content {
                agreement(id, true).await
            } else {
                Ok(outline)
            }
        }
    });
    // The note that it was saved sits above the heading the page change
    // focused: once the agreement is shown, focus moves to the note.
    Effect::new(move |announced: Option<bool>| {
        let shown = matches!(loaded.get(), Some(Ok(_)));
        if shown && announced != Some(true) && status.get_untracked().is_some() {
            request_animation_frame(|| focus_element(STATUS_ID));
        }
        announced == Some(true) || shown
    });
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        loaded.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {move || match loaded.get() {
            None => view! {
                <h1 tabindex="-1">"Supervision agreement"</h1>
                <Loading what="the agreement" />
            }
            .into_any(),
            // Not theirs to know of: "not found", or, for a role that may
            // state a purpose, the form to open it for one.
            Some(Err(err)) if err.code == ErrorCode::NotFound && id.get().is_some() => {
                id.get()
                    .map(|id| view! {
                        <PurposeForm
                            target=PurposeTarget::Agreement(id)
                            on_opened=opened(on_changed)
                            as_page=true
                        />
                    })
                    .into_any()
            }
            Some(Err(err)) => view! {
                <h1 tabindex="-1">"Supervision agreement"</h1>
                <LoadError error=err />
            }
            .into_any(),
            Some(Ok(found)) => {
                agreement_view(found, session.person().map(|me| me.id), on_changed).into_any()
            }
        }}
    }
}

/// Once an agreement is opened for a purpose: the page says for what and
/// until when, and reads it again, its content now included.
fn opened(on_changed: Callback<String>) -> Callback<AccessGrant> {
    Callback::new(move |grant: AccessGrant| {
        on_changed.run(format!(
            "Opened for {} until {}. {}",
            grant.purpose.label(),
            dates::until(grant.expires_at, dates::today()),
            "The supervisee can see that you read it, when, and why."
        ));
    })
}
