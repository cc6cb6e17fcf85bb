//! `/observations/:id`: observations of a supervisor's practice (F8.3), for
//! the supervisor and those who oversee them. When the next is due; each
//! observation with what was seen and both signatures; the supervisor signs
//! theirs here, and their line manager (or a senior manager over them)
//! records a new one.

mod form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::observation::{
    ObservationStanding, PracticeObservation, Reach, practice_observations,
    sign_practice_observation,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use form::ObservationForm;

/// The page's status message, focused after a change.
const STATUS_ID: &str = "observation-status";

/// The `/observations/:id` page (`?name=` names them until it has loaded).
#[component]
pub fn ObservationsPage() -> impl IntoView {
    set_title("Observation of practice");
    let session = use_session();
    let (id, name) = crate::pages::person_address::use_person_address();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => practice_observations(id).await,
                None => Err(ApiError::new(ErrorCode::NotFound, "malformed id")),
            }
        }
    });
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        loaded.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    let mine = Memo::new(move |_| session.person().map(|me| me.id) == id.get());
    let heading = move || {
        if mine.get() {
            "Observation of my practice".to_owned()
        } else {
            name.get().map_or_else(
                || "Observation of practice".to_owned(),
                |n| format!("Observation of {n}'s practice"),
            )
        }
    };

    view! {
        <h1 tabindex="-1">{heading}</h1>
        <p class="hint">
            "Once a year someone who oversees a supervisor watches them supervise, and writes down the strengths they saw and what to develop. It counts once both have signed it. Only the supervisor and those who oversee them read it."
        </p>
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {move || match loaded.get() {
            None => view! { <Loading what="observations" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok((list, Reach::Whole(standing)))) => {
                let mine = mine.get();
                let who = if mine { "You".to_owned() } else { name.get().unwrap_or_else(|| "They".to_owned()) };
                view! {
                    {standing_notice(standing, &who)}
                    {observation_list(list, mine, on_changed)}
                    {id.get()
                        .filter(|_| !mine && standing.is_some())
                        .map(|person| view! { <ObservationForm supervisor=person on_saved=on_changed /> })}
                }
                .into_any()
            }
            // Someone who no longer oversees them keeps what they wrote,
            // and nothing else: not when the next is due, not the form.
            Some(Ok((list, Reach::WroteOnly))) => view! {
                <p class="notice">
                    "You no longer oversee them, so these are only the observations you wrote. Whoever oversees them now records the next."
                </p>
                {observation_list(list, false, on_changed)}
            }
            .into_any(),
        }}
    }
}

/// When the next observation is due, or that none is.
fn standing_notice(standing: Option<ObservationStanding>, who: &str) -> impl IntoView {
    match standing {
        None => view! {
            <p>{format!("{} nobody today, so no observation is due.", supervises(who))}</p>
        }
        .into_any(),
        Some(s) => {
            let last = s.last_observed_on.map_or_else(
                || "Not yet observed.".to_owned(),
                |d| format!("Last observed on {}.", dates::long(d)),
            );
            let (class, due) = if s.overdue {
                (
                    "tag tag-overdue",
                    format!("Overdue: it was due by {}", dates::long(s.due_on)),
                )
            } else {
                ("tag", format!("Next due by {}", dates::long(s.due_on)))
            };
            view! {
                <p class="tag-line"><span class=class>{due}</span></p>
                <p>{last}</p>
            }
            .into_any()
        }
    }
}

/// "You supervise" or "Grace Liu supervises".
fn supervises(who: &str) -> String {
    if who == "You" {
        "You supervise".to_owned()
    } else {
        format!("{who} supervises")
    }
}

/// Each observation, newest first, with its signatures; the supervisor's
/// own unsigned ones with the form to sign.
fn observation_list(
    list: Vec<PracticeObservation>,
    mine: bool,
    on_changed: Callback<String>,
) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="observations-heading">
            <h2 id="observations-heading">"Observations"</h2>
            {if list.is_empty() {
                view! { <p>"None recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list observation-list">
                        {list.into_iter().map(|o| observation_item(o, mine, on_changed)).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

fn observation_item(
    o: PracticeObservation,
    mine: bool,
    on_changed: Callback<String>,
) -> impl IntoView {
    let heading_id = format!("observation-{}", o.id);
    let signed = match o.supervisor_signed_at {
        Some(at) => {
            let comment = (!o.supervisor_comment.is_empty()).then(|| {
                view! {
                    <dt>"Supervisor's comment"</dt>
                    <dd class="prose">{o.supervisor_comment.clone()}</dd>
                }
            });
            view! {
                <dt>"Signed by the supervisor"</dt>
                <dd>{dates::long_time(at)}</dd>
                {comment}
            }
            .into_any()
        }
        None => view! {
            <dt>"Signed by the supervisor"</dt>
            <dd><span class="tag tag-warning">"Waiting for their signature"</span></dd>
        }
        .into_any(),
    };
    let sign = (mine && o.supervisor_signed_at.is_none())
        .then(|| view! { <SignForm id=o.id on_changed=on_changed /> });
    view! {
        <li class="record-card">
            <h3 class="card-title" id=heading_id>{format!("Observed on {}", dates::long(o.observed_on))}</h3>
            <dl class="summary-list">
                <div class="summary-row"><dt>"Observer"</dt><dd>{o.observer.name.clone()}</dd></div>
                <div class="summary-row"><dt>"Strengths"</dt><dd class="prose">{o.strengths}</dd></div>
                <div class="summary-row"><dt>"To develop"</dt><dd class="prose">{o.development_points}</dd></div>
                <div class="summary-row">{signed}</div>
            </dl>
            {sign}
        </li>
    }
}

/// The supervisor signs an observation of their practice, adding a
/// comment if they wish.
#[component]
fn SignForm(id: Uuid, on_changed: Callback<String>) -> impl IntoView {
    let comment = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let field = format!("sign-comment-{id}");
    let error_id = format!("{field}-error");
    let described_by = error_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let typed = comment.get_untracked();
        spawn_local(async move {
            let result = sign_practice_observation(id, &typed).await;
            busy.set(false);
            match result {
                Ok(_) => on_changed.run("You have signed the observation.".to_owned()),
                Err(err) => problem.set(Some(err.user_message())),
            }
        });
    };
    view! {
        <form class="sign-observation" on:submit=on_submit novalidate>
            <div class="form-group" class:form-group-error=move || problem.get().is_some()>
                <label class="label" for=field.clone()>"Your comment (optional)"</label>
                {move || problem.get().map(|m| view! {
                    <p class="field-error" id=error_id.clone() role="alert">
                        <span class="visually-hidden">"Error: "</span>{m}
                    </p>
                })}
                <textarea
                    id=field
                    class="textarea textarea-short"
                    rows="3"
                    aria-describedby=move || problem.get().map(|_| described_by.clone())
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="button" disabled=move || busy.get()>"Sign the observation"</button>
        </form>
    }
}
