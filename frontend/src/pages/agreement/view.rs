//! One agreement as its reader may see it: who it is between, where it is
//! in its life, its dates and frequency, what it says (its two parties
//! only), who has signed and when; signing, and revising before both have
//! signed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use super::form::{AgreementForm, Purpose, Typed};
use crate::api::access::PurposeTarget;
use crate::api::agreement::{Agreement, AgreementStatus, agreement_headings, sign_agreement};
use crate::components::error_summary::focus_element;
use crate::components::purpose_form::PurposeForm;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::navigation::encode_query_value;
use crate::title::set_title;

/// The agreement, with what its reader may do with it. `me` is the
/// signed-in person, to offer its supervisor the review. Someone who sees
/// only its outline is offered to open it for a stated purpose (F7.3) when
/// their role may state one.
pub fn agreement_view(
    a: Agreement,
    me: Option<Uuid>,
    on_changed: Callback<String>,
) -> impl IntoView {
    let title = format!(
        "{} agreement: {} and {}",
        a.kind.label(),
        a.supervisee.name,
        a.supervisor.name
    );
    set_title(&title);
    let may_revise = a.viewer_is_party
        && matches!(
            a.status,
            AgreementStatus::Draft | AgreementStatus::AwaitingSignature
        );
    let may_review = a.status == AgreementStatus::InForce && me == Some(a.supervisor.id);
    let review_href = format!(
        "/agreements/new?staff={}&name={}&kind={}&from={}",
        a.supervisee.id,
        encode_query_value(&a.supervisee.name),
        a.kind.code(),
        a.id
    );
    let signed = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or_else(|| "Not yet".to_owned(), dates::long_time)
    };
    let tag_class = match a.status {
        AgreementStatus::InForce => "tag tag-compliant",
        AgreementStatus::Ended => "tag",
        AgreementStatus::Draft | AgreementStatus::AwaitingSignature => "tag tag-awaiting",
    };
    let initial = Typed::of_agreement(&a);
    let id = a.id;
    view! {
        <h1 tabindex="-1">{format!("{} agreement", a.kind.label())}</h1>
        <p class="lead">{format!("Between {} (supervisee) and {} (supervisor).", a.supervisee.name, a.supervisor.name)}</p>
        <p class="tag-line">
            <span class="visually-hidden">"Status: "</span>
            <span class=tag_class>{a.status.label()}</span>
        </p>
        {a.awaiting_approval.then(|| view! {
            <div class="notice notice-warning">
                <p>"The frequency agreed is less often than the organisation's default: it is waiting for a head of service's approval; until then the organisation's frequency applies."</p>
            </div>
        })}
        <dl class="record-facts">
            <div><dt>"How often"</dt><dd>{format!("Every {} days", a.frequency_days)}</dd></div>
            {a.duration_minutes.map(|d| view! { <div><dt>"Usual length"</dt><dd>{format!("{d} minutes")}</dd></div> })}
            {a.venue.clone().map(|v| view! { <div><dt>"Where"</dt><dd>{v}</dd></div> })}
            <div><dt>"Starts on"</dt><dd>{date(a.starts_on)}</dd></div>
            <div><dt>"Reviewed by"</dt><dd>{date(a.review_by)}</dd></div>
            <div><dt>{format!("Signed by {} (supervisee)", a.supervisee.name)}</dt><dd>{signed(a.supervisee_signed_at)}</dd></div>
            <div><dt>{format!("Signed by {} (supervisor)", a.supervisor.name)}</dt><dd>{signed(a.supervisor_signed_at)}</dd></div>
            {a.in_force_at.map(|at| view! { <div><dt>"In force since"</dt><dd>{dates::long_time(at)}</dd></div> })}
            {a.ended_on.map(|day| view! { <div><dt>"Replaced after"</dt><dd>{date(day)}</dd></div> })}
        </dl>
        {a.frequency_reason.clone().filter(|r| !r.trim().is_empty()).map(|r| view! {
            <p><strong>"Why this frequency: "</strong>{r}</p>
        })}
        {match a.sections.clone() {
            Some(sections) => view! {
                <section class="page-section" aria-labelledby="agreed-sections">
                    <h2 id="agreed-sections">"What you agree"</h2>
                    {sections.into_iter().map(|s| view! {
                        <h3>{s.heading}</h3>
                        <p class="preserve-lines">{s.text}</p>
                    }).collect_view()}
                </section>
            }
            .into_any(),
            None => view! {
                <p class="hint">"What the agreement says is for its two parties only: you see that it exists and its dates."</p>
                <PurposeForm target=PurposeTarget::Agreement(id) on_opened=super::opened(on_changed) />
            }
            .into_any(),
        }}
        {a.can_sign.then(|| view! { <SignForm id=id on_changed=on_changed /> })}
        {may_revise.then(|| view! { <ReviseSection id=id initial=initial on_changed=on_changed /> })}
        {may_review.then(|| view! {
            <section class="page-section" aria-labelledby="review-heading">
                <h2 id="review-heading">"Review it"</h2>
                <p>"To change an agreement in force, review it: the new one replaces this one once you have both signed it."</p>
                <ul class="card-links"><li><A href=review_href>"Review this agreement"</A></li></ul>
            </section>
        })}
    }
}

/// A day as a `<time>` element.
fn date(day: chrono::NaiveDate) -> impl IntoView {
    view! { <time datetime=dates::iso(day)>{dates::long(day)}</time> }
}

/// Signing: what it means, as validating a record says it, then the button.
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
                    "Your signature has been saved. Both of you have now signed: the agreement is in force."
                        .to_owned(),
                ),
                Ok(_) => on_changed.run(
                    "Your signature has been saved. It is in force once the other person signs too."
                        .to_owned(),
                ),
                Err(err) => {
                    problem.set(Some(err.user_message()));
                    request_animation_frame(|| focus_element("sign-problem"));
                }
            }
        });
    };
    view! {
        <section class="page-section" aria-labelledby="sign-heading">
            <h2 id="sign-heading">"Sign this agreement"</h2>
            <p>"Signing says you have read this agreement and that it is an accurate record of what the two of you agreed. Your name and the time you sign are kept with it. If it is changed later, you sign it again."</p>
            <div role="alert">
                {move || problem.get().map(|m| view! { <p class="field-error" id="sign-problem" tabindex="-1">{m}</p> })}
            </div>
            <button type="button" class="button button-primary" disabled=move || busy.get() on:click=on_click>
                "Sign this agreement"
            </button>
        </section>
    }
}

/// Revising before both have signed: the form, prefilled, behind a button;
/// any signature it has is removed and both sign again.
#[component]
fn ReviseSection(id: Uuid, initial: Typed, on_changed: Callback<String>) -> impl IntoView {
    let revising = RwSignal::new(false);
    let headings = LocalResource::new(agreement_headings);
    let on_saved = Callback::new(move |_: Uuid| {
        revising.set(false);
        on_changed.run(
            "The changes are saved. Both of you sign the agreement again for it to be in force."
                .to_owned(),
        );
    });
    view! {
        <section class="page-section" aria-labelledby="revise-heading">
            <h2 id="revise-heading">"Revise it"</h2>
            <p class="notice notice-warning" id="revise-warning">
                "Revising the agreement removes any signature it has: both of you sign it again."
            </p>
            <Show
                when=move || revising.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-describedby="revise-warning"
                        on:click=move |_| {
                            revising.set(true);
                            request_animation_frame(|| focus_element("frequencyDays"));
                        }
                    >
                        "Revise the agreement"
                    </button>
                }
            >
                {
                    let initial = initial.clone();
                    move || match headings.get() {
                        Some(Ok(headings)) => view! {
                            <AgreementForm
                                purpose=Purpose::Revise(id)
                                headings=headings.to_vec()
                                initial=initial.clone()
                                on_saved=on_saved
                            />
                        }
                        .into_any(),
                        Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                        None => view! { <Loading what="the agreement's headings" /> }.into_any(),
                    }
                }
            </Show>
        </section>
    }
}
