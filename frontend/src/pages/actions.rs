//! `/actions`: the actions the signed-in person owns, and those from the
//! supervisions they recorded (F3.6). Open ones come first, overdue at the
//! top; each links to its record, can be marked done, dropped or given a new
//! due date, and shows its history of changes. Done and dropped ones are
//! listed too on request.

mod history;

use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::action::ActionStatus;

use crate::api::action::{Action, my_actions};
use crate::components::action_facts::{action_facts, state_tag};
use crate::components::action_update::ActionUpdate;
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;
use history::history_view;

/// The id of the page's status message, focused after a change.
const STATUS_ID: &str = "actions-status";

/// The `/actions` page.
#[component]
pub fn ActionsPage() -> impl IntoView {
    set_title("My actions");
    let include_closed = RwSignal::new(false);
    let actions = LocalResource::new(move || my_actions(include_closed.get()));
    let status = RwSignal::new(None::<String>);
    let on_updated = Callback::new(move |message: String| {
        status.set(Some(message));
        actions.refetch();
    });

    view! {
        <h1 tabindex="-1">"My actions"</h1>
        <p class="hint">"Actions you own, and actions agreed in supervisions you recorded."</p>
        <div class="checkbox">
            <input
                type="checkbox"
                id="include-closed"
                prop:checked=move || include_closed.get()
                on:change=move |ev| {
                    status.set(None);
                    include_closed.set(event_target_checked(&ev));
                }
            />
            <label for="include-closed">"Show done and dropped actions too"</label>
        </div>
        <div role="status" aria-live="polite">
            {move || {
                status
                    .get()
                    .map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })
            }}
        </div>
        {move || match actions.get() {
            None => view! { <Loading what="your actions" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) => {
                if status.get_untracked().is_some() {
                    request_animation_frame(|| focus_element(STATUS_ID));
                }
                action_sections(list, include_closed.get_untracked(), on_updated).into_any()
            }
        }}
    }
}

/// Open actions (overdue first, as the server sends them), then, when asked
/// for, those done or dropped.
fn action_sections(
    list: Vec<Action>,
    include_closed: bool,
    on_updated: Callback<String>,
) -> impl IntoView {
    let (mut open, closed): (Vec<_>, Vec<_>) = list
        .into_iter()
        .partition(|a| a.status == ActionStatus::Open);
    // The server puts overdue first; kept so whatever order arrives.
    open.sort_by_key(|a| !a.overdue);
    let overdue = open.iter().filter(|a| a.overdue).count();
    let open_heading = format!("Open actions ({})", open.len());
    let open_list = if open.is_empty() {
        view! { <p>"You have no open actions."</p> }.into_any()
    } else {
        view! {
            {(overdue > 0).then(|| {
                let words = if overdue == 1 { "1 is overdue".to_owned() } else { format!("{overdue} are overdue") };
                view! { <p>{format!("{words}: shown first.")}</p> }
            })}
            <ul class="record-list">
                {open.into_iter().map(|a| action_card(a, on_updated)).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page-section" aria-labelledby="open-actions-heading">
            <h2 id="open-actions-heading">{open_heading}</h2>
            {open_list}
        </section>
        {include_closed.then(|| {
            let heading = format!("Done or dropped ({})", closed.len());
            view! {
                <section class="page-section" aria-labelledby="closed-actions-heading">
                    <h2 id="closed-actions-heading">{heading}</h2>
                    {if closed.is_empty() {
                        view! { <p>"None yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="record-list">
                                {closed.into_iter().map(|a| action_card(a, on_updated)).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
            }
        })}
    }
}

/// One action: what, its state, owner and dates, a link to its record, the
/// changes it can have (when open) and its history.
fn action_card(action: Action, on_updated: Callback<String>) -> impl IntoView {
    let record = format!("/supervisions/{}", action.supervision_id);
    let link_text = format!("Supervision record of {}", dates::long(action.agreed_on));
    let tag = state_tag(&action);
    let facts = action_facts(&action);
    let history = history_view(action.history.clone());
    let description = action.description.clone();
    let update = (action.status == ActionStatus::Open)
        .then(|| view! { <ActionUpdate action=action full=true on_updated=on_updated /> });
    view! {
        <li class="record-card action-card">
            <h3 class="card-title">{description}</h3>
            {tag.map(|t| view! { <p class="tag-line">{t}</p> })}
            {facts}
            <p>
                <A href=record>{link_text}</A>
            </p>
            {update}
            {history}
        </li>
    }
}
