//! Supervision agreements (F6): `/agreements/new?staff=…&name=…&kind=…` to
//! make one with a supervisee, and `/agreements/:id` to read, sign and
//! revise one. Its content is for its two parties; the supervisee's
//! management chain sees only that it exists and its dates.

mod form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::agreement::{
    Agreement, AgreementKind, AgreementStatus, agreement, agreement_headings, sign_agreement,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;
use form::{AgreementForm, Purpose, Typed};

/// The page's status message, focused after a change.
const STATUS_ID: &str = "agreement-status";

/// `/agreements/new`: the form for a new agreement with a supervisee.
#[component]
pub fn AgreementNewPage() -> impl IntoView {
    set_title("Make a supervision agreement");
    let query = use_query_map().get_untracked();
    let supervisee = query.get("staff").and_then(|s| Uuid::parse_str(&s).ok());
    let kind = query
        .get("kind")
        .and_then(|k| AgreementKind::parse(&k))
        .unwrap_or(AgreementKind::LineManager);
    let name = query
        .get("name")
        .unwrap_or_else(|| "your supervisee".to_owned());
    let headings = LocalResource::new(agreement_headings);
    view! {
        <h1 tabindex="-1">{format!("Supervision agreement with {name}")}</h1>
        <p class="lead">{format!("{}: written together, then signed by both of you.", kind.label())}</p>
        {move || match (supervisee, headings.get()) {
            (None, _) => view! { <LoadError error=ApiError::new(ErrorCode::NotFound, "no supervisee") /> }.into_any(),
            (_, None) => view! { <Loading what="the agreement's headings" /> }.into_any(),
            (_, Some(Err(err))) => view! { <LoadError error=err /> }.into_any(),
            (Some(supervisee), Some(Ok(headings))) => {
                let initial = Typed::fresh(&headings, dates::today());
                view! {
                    <AgreementForm
                        purpose=Purpose::Start { supervisee, kind }
                        headings=headings.to_vec()
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
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let status = RwSignal::new(query.with_untracked(|q| q.get("saved")).map(|_| {
        "The agreement is saved. Once you have both signed it, it is in force.".to_owned()
    }));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let Some(id) = id else {
                return Err(ApiError::new(ErrorCode::NotFound, "malformed id"));
            };
            // What anyone who may know of it reads; then, for its parties,
            // what it says.
            let outline = agreement(id, false).await?;
            if outline.viewer_is_party {
                agreement(id, true).await
            } else {
                Ok(outline)
            }
        }
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
            Some(Err(err)) => view! {
                <h1 tabindex="-1">"Supervision agreement"</h1>
                <LoadError error=err />
            }
            .into_any(),
            Some(Ok(found)) => agreement_view(found, on_changed).into_any(),
        }}
    }
}

/// One agreement as its reader may see it.
fn agreement_view(a: Agreement, on_changed: Callback<String>) -> impl IntoView {
    let revising = RwSignal::new(false);
    let may_revise = a.viewer_is_party
        && matches!(
            a.status,
            AgreementStatus::Draft | AgreementStatus::AwaitingSignature
        );
    let signed = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or_else(|| "Not yet".to_owned(), dates::long_time)
    };
    let initial = Typed {
        frequency: a.frequency_days.to_string(),
        reason: a.frequency_reason.clone().unwrap_or_default(),
        duration: a
            .duration_minutes
            .map(|d| d.to_string())
            .unwrap_or_default(),
        venue: a.venue.clone().unwrap_or_default(),
        starts_on: dates::iso(a.starts_on),
        review_by: dates::iso(a.review_by),
        sections: a
            .sections
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.key, s.text))
            .collect(),
    };
    let headings = LocalResource::new(agreement_headings);
    let id = a.id;
    view! {
        <h1 tabindex="-1">{format!("{} agreement", a.kind.label())}</h1>
        <p class="lead">{format!("Between {} (supervisee) and {} (supervisor).", a.supervisee.name, a.supervisor.name)}</p>
        <p class="tag-line"><span class="tag">{a.status.label()}</span></p>
        {a.awaiting_approval.then(|| view! {
            <div class="notice">
                <p>"The frequency agreed is less often than the organisation's: it waits for a head of service's approval, and until then the organisation's frequency applies."</p>
            </div>
        })}
        <dl class="record-facts">
            <div><dt>"How often"</dt><dd>{format!("Every {} days", a.frequency_days)}</dd></div>
            {a.duration_minutes.map(|d| view! { <div><dt>"Usual length"</dt><dd>{format!("{d} minutes")}</dd></div> })}
            {a.venue.clone().map(|v| view! { <div><dt>"Where"</dt><dd>{v}</dd></div> })}
            <div><dt>"Starts on"</dt><dd>{dates::long(a.starts_on)}</dd></div>
            <div><dt>"Reviewed by"</dt><dd>{dates::long(a.review_by)}</dd></div>
            <div><dt>"Signed by the supervisee"</dt><dd>{signed(a.supervisee_signed_at)}</dd></div>
            <div><dt>"Signed by the supervisor"</dt><dd>{signed(a.supervisor_signed_at)}</dd></div>
        </dl>
        {a.frequency_reason.clone().filter(|r| !r.is_empty()).map(|r| view! {
            <p><strong>"Why this frequency: "</strong>{r}</p>
        })}
        {a.sections.clone().map(|sections| view! {
            <section class="page-section" aria-labelledby="agreed-sections">
                <h2 id="agreed-sections">"What you agree"</h2>
                {sections.into_iter().map(|s| view! {
                    <h3>{s.heading}</h3>
                    <p class="preserve-lines">{s.text}</p>
                }).collect_view()}
            </section>
        })}
        {a.can_sign.then(|| view! { <SignForm id=id on_changed=on_changed /> })}
        {may_revise.then(|| view! {
            <section class="page-section" aria-labelledby="revise-heading">
                <h2 id="revise-heading">"Change it"</h2>
                <p>"Changing what it says means both of you sign again."</p>
                <Show
                    when=move || revising.get()
                    fallback=move || view! {
                        <button type="button" class="button button-secondary" on:click=move |_| revising.set(true)>
                            "Change the agreement"
                        </button>
                    }
                >
                    {
                        let initial = initial.clone();
                        move || match headings.get() {
                            Some(Ok(headings)) => view! {
                                <AgreementForm purpose=Purpose::Revise(id) headings=headings.to_vec() initial=initial.clone() />
                            }
                            .into_any(),
                            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                            None => view! { <Loading what="the agreement's headings" /> }.into_any(),
                        }
                    }
                </Show>
            </section>
        })}
    }
}

/// Signing: what it means, then the button.
#[component]
fn SignForm(id: Uuid, on_changed: Callback<String>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = sign_agreement(id).await;
            busy.set(false);
            match result {
                Ok(signed) if signed.status == AgreementStatus::InForce => on_changed.run(
                    "You have signed it. Both of you have now signed: the agreement is in force."
                        .to_owned(),
                ),
                Ok(_) => on_changed.run(
                    "You have signed it. It is in force once the other person signs too."
                        .to_owned(),
                ),
                Err(err) => problem.set(Some(err.user_message())),
            }
        });
    };
    view! {
        <section class="page-section" aria-labelledby="sign-heading">
            <h2 id="sign-heading">"Sign the agreement"</h2>
            <p>"By signing you confirm that you have read this agreement and that it is what the two of you agreed. Your name and the time are kept with it."</p>
            {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="button" class="button button-primary" disabled=move || busy.get() on:click=on_click>
                "Sign this agreement"
            </button>
        </section>
    }
}

/// On the home page: the caller's agreements waiting for their signature,
/// each a link; nothing when there are none.
#[component]
pub fn AgreementsToSign() -> impl IntoView {
    let mine = LocalResource::new(crate::api::agreement::my_agreements);
    move || {
        let waiting: Vec<Agreement> = match mine.get() {
            Some(Ok(list)) => list.iter().filter(|a| a.can_sign).cloned().collect(),
            _ => Vec::new(),
        };
        (!waiting.is_empty()).then(|| {
            view! {
                <section class="page-section" aria-labelledby="to-sign-heading">
                    <h2 id="to-sign-heading">"Agreements to sign"</h2>
                    <ul class="card-links">
                        {waiting
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <a href=format!("/agreements/{}", a.id)>
                                            {format!("{} agreement: {} and {}", a.kind.label(), a.supervisee.name, a.supervisor.name)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
