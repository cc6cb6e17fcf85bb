//! `/wellbeing/:id`: a person's wellbeing checks and action plans (F3.9),
//! for them and their supervisor only: the open ones with their review
//! dates, a form to keep a new one, and closing one no longer needed.

mod form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::wellbeing::{WellbeingPlan, close_wellbeing_plan, wellbeing_plans};
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading};
use crate::pages::record::wellbeing::plan_item;
use crate::session::use_session;
use crate::title::set_title;
use form::WellbeingForm;

/// The page's status message, focused after a change.
const STATUS_ID: &str = "wellbeing-status";

/// The `/wellbeing/:id` page (`?name=` names them until the list arrives).
#[component]
pub fn WellbeingPage() -> impl IntoView {
    set_title("Wellbeing");
    let session = use_session();
    let (id, name) = crate::pages::person_address::use_person_address();
    let plans = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => wellbeing_plans(id).await,
                None => Err(ApiError::new(ErrorCode::NotFound, "malformed id")),
            }
        }
    });
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        plans.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    let mine = move || session.person().map(|me| me.id) == id.get();
    let heading = move || {
        if mine() {
            "My wellbeing".to_owned()
        } else {
            name.get()
                .map_or_else(|| "Wellbeing".to_owned(), |n| format!("{n}'s wellbeing"))
        }
    };

    view! {
        <h1 tabindex="-1">{heading}</h1>
        <p class="hint">
            "Wellbeing checks and action plans are kept with the person. Only they and their supervisor see them; reports say no more than that a review is due."
        </p>
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {move || match plans.get() {
            None => view! { <Loading what="wellbeing records" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            // An answer came, so the id was well formed.
            Some(Ok(list)) => id
                .get()
                .map(|person| view! {
                    {open_list(list.to_vec(), on_changed)}
                    <WellbeingForm person=person on_saved=on_changed />
                })
                .into_any(),
        }}
    }
}

/// The open records, each with a button to close it; then the closed ones.
fn open_list(list: Vec<WellbeingPlan>, on_changed: Callback<String>) -> impl IntoView {
    let (open, closed): (Vec<_>, Vec<_>) = list.into_iter().partition(|p| p.closed_on.is_none());
    let closed_count = closed.len();
    view! {
        <section class="page-section" aria-labelledby="open-wellbeing">
            <h2 id="open-wellbeing">"Open"</h2>
            {if open.is_empty() {
                view! { <p>"There are no open wellbeing checks or action plans."</p> }.into_any()
            } else {
                view! {
                    <ul class="wellbeing-list">
                        {open
                            .into_iter()
                            .map(|plan| {
                                let id = plan.id;
                                let what = plan.kind.label().to_lowercase();
                                // The button inside the item: a list holds
                                // only items (WCAG 1.3.1).
                                view! {
                                    <li class="wellbeing-item">
                                        {plan_item(plan)}
                                        <CloseButton id=id what=what on_changed=on_changed />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(closed_count > 0).then(|| view! {
                <p class="hint">{format!("{closed_count} closed, no longer needed.")}</p>
            })}
        </section>
    }
}

/// Closes one record, saying so or why not.
#[component]
fn CloseButton(id: Uuid, what: String, on_changed: Callback<String>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let what = what.clone();
        spawn_local(async move {
            let result = close_wellbeing_plan(id).await;
            busy.set(false);
            match result {
                Ok(_) => on_changed.run(format!("The {what} is closed.")),
                Err(err) => problem.set(Some(err.user_message())),
            }
        });
    };
    view! {
        <button type="button" class="button button-secondary" disabled=move || busy.get() on:click=on_click>
            "Close: no longer needed"
        </button>
        {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
    }
}
