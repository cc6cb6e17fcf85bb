//! `/actions/{id}`: one action on its own page: what it is, whose, when it
//! was agreed and is due, the record it came from, the changes it can have
//! while open (done, dropped, a new due date, with a note), and every change
//! so far. Reached from My actions' list.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use supervision_shared::action::ActionStatus;
use uuid::Uuid;

use crate::api::action::{Action, my_actions};
use crate::components::action_facts::{action_facts, state_tag};
use crate::components::action_update::ActionUpdate;
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;
use crate::title::set_title;

use super::history::history_view;

/// The id of the message saying a change was saved, focused once it is.
const STATUS_ID: &str = "actions-status";

/// The `/actions/{id}` page.
#[component]
pub fn ActionPage() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|s| Uuid::parse_str(s).ok())));
    // The caller's own list, closed ones too, holds every action they may
    // see: the one asked for is found in it, so nobody reaches an action
    // the list would not show them.
    let actions = LocalResource::new(|| my_actions(true));
    let status = RwSignal::new(None::<String>);
    let on_updated = Callback::new(move |message: String| {
        status.set(Some(message));
        actions.refetch();
    });

    view! {
        <A href="/actions" attr:class="back-link">"Back to my actions"</A>
        <SavedNotice message=status id=STATUS_ID />
        {move || match actions.get() {
            None => view! { <Loading what="the action" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) => match id.get().and_then(|id| list.into_iter().find(|a| a.id == id)) {
                None => {
                    set_title("Action not found");
                    view! {
                        <h1 tabindex="-1">"Action not found"</h1>
                        <p>"There is no action here that you own or recorded. It may have been removed with its record."</p>
                    }
                    .into_any()
                }
                Some(action) => {
                    if status.get_untracked().is_some() {
                        request_animation_frame(|| focus_element(STATUS_ID));
                    }
                    action_view(action, on_updated).into_any()
                }
            },
        }}
    }
}

/// The action, its record, what can be done with it, and its history.
fn action_view(action: Action, on_updated: Callback<String>) -> impl IntoView {
    set_title(&format!("Action: {}", action.description));
    let record = format!("/supervisions/{}", action.supervision_id);
    let link_text = format!("Supervision record of {}", dates::long(action.agreed_on));
    let tag = state_tag(&action);
    let facts = action_facts(&action);
    let history = history_view(action.history.clone());
    let description = action.description.clone();
    let update = (action.status == ActionStatus::Open).then(|| {
        view! {
            <section class="page-section action-card" aria-labelledby="change-heading">
                <h2 id="change-heading">"Change this action"</h2>
                <ActionUpdate action=action full=true on_updated=on_updated />
            </section>
        }
    });
    view! {
        <h1 tabindex="-1" class="action-title">{description}</h1>
        {tag.map(|t| view! { <p class="tag-line">{t}</p> })}
        {facts}
        <p>
            <A href=record>{link_text}</A>
        </p>
        {update}
        {history}
    }
}
