//! Open actions carried forward (F3.6): once supervisees are chosen, the
//! actions still open from the recorder's earlier supervisions with them,
//! as a short list, one line each; any of them can be opened to mark it
//! done or give it a new due date right here.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::action::{Action, carried_forward_actions};
use crate::api::staff::StaffSummary;
use crate::components::action_facts::state_tag;
use crate::components::action_update::ActionUpdate;
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;

/// The id of the section's status message, focused after a change: the
/// action changed may have left the list, and focus with it.
const STATUS_ID: &str = "carried-forward-status";

/// The carried-forward actions of the people chosen so far; nothing until
/// someone is chosen.
#[component]
pub fn CarriedForward(
    /// Who is being supervised in the new record.
    supervisees: RwSignal<Vec<StaffSummary>>,
) -> impl IntoView {
    // A memo, so the list is asked for again only when the people change.
    let people = Memo::new(move |_| {
        supervisees.with(|chosen| chosen.iter().map(|p| p.id).collect::<Vec<Uuid>>())
    });
    // Each answer says whom it is for: while the people change, the last
    // answer stands until the next arrives, and must not pass for it.
    let actions = LocalResource::new(move || {
        let people = people.get();
        async move {
            let found = if people.is_empty() {
                Ok(Vec::new())
            } else {
                carried_forward_actions(&people).await
            };
            (people, found)
        }
    });
    let status = RwSignal::new(None::<String>);
    // A message about one change does not belong beside other people's actions.
    Effect::new(move |_| {
        people.track();
        status.set(None);
    });
    let on_updated = Callback::new(move |message: String| {
        status.set(Some(message));
        actions.refetch();
    });

    view! {
        <Show when=move || people.with(|p| !p.is_empty())>
            <section class="form-section" aria-labelledby="carried-forward-heading">
                <h2 id="carried-forward-heading">"Open actions carried forward"</h2>
                <p class="hint">
                    "Actions from your earlier supervisions with these people that are still open. Mark any that are done, or give one a new due date."
                </p>
                <SavedNotice message=status id=STATUS_ID />
                {move || match actions.get() {
                    Some((asked, _)) if asked != people.get() => {
                        view! { <Loading what="open actions" /> }.into_any()
                    }
                    None => view! { <Loading what="open actions" /> }.into_any(),
                    Some((_, Err(err))) => view! { <LoadError error=err /> }.into_any(),
                    Some((_, Ok(list))) => {
                        if status.get_untracked().is_some() {
                            request_animation_frame(|| focus_element(STATUS_ID));
                        }
                        action_list(list, on_updated).into_any()
                    }
                }}
            </section>
        </Show>
    }
}

/// The actions, overdue first, then soonest due, undated last; or a
/// sentence saying there are none.
fn action_list(mut list: Vec<Action>, on_updated: Callback<String>) -> impl IntoView {
    // The server's order depends on the database (where undated ones go).
    list.sort_by_key(|a| (!a.overdue, a.due_on.is_none(), a.due_on));
    if list.is_empty() {
        return view! { <p>"There are no open actions from earlier supervisions with them."</p> }
            .into_any();
    }
    view! {
        <ul class="action-list">
            {list
                .into_iter()
                .map(|action| {
                    // One line of facts; the changes stay folded away until
                    // asked for, so a long list stays short on a phone.
                    // A finding raised from an audit of the record was not
                    // agreed in the session: it says where it came from.
                    let origin = match &action.raised_in_audit {
                        Some(_) => "raised in an audit".to_owned(),
                        None => format!("agreed {}", dates::long(action.agreed_on)),
                    };
                    let facts = format!(
                        "{} · {origin} · {}",
                        action.owner.name,
                        action
                            .due_on
                            .map_or_else(|| "no due date".to_owned(), |d| format!("due by {}", dates::long(d))),
                    );
                    let description = action.description.clone();
                    view! {
                        <li class="action-item">
                            <p class="action-title">
                                <span class="action-description">{action.description.clone()}</span>
                                " "
                                {state_tag(&action)}
                            </p>
                            <p class="action-line hint">{facts}</p>
                            <details class="details action-change">
                                <summary class="details-summary">
                                    "Change"
                                    <span class="visually-hidden">{format!(" “{description}”")}</span>
                                </summary>
                                <div class="details-body">
                                    <ActionUpdate action=action on_updated=on_updated />
                                </div>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
