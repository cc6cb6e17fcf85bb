//! What every list of actions shows of one: who owns it, the day it was
//! agreed, when it is due, and whether it is overdue or closed.

use leptos::prelude::*;
use supervision_shared::action::ActionStatus;

use crate::api::action::Action;
use crate::dates;

/// "Overdue" (an open action past its due date) or "Done"/"Dropped" (a
/// closed one); nothing for an open one still in time.
pub fn state_tag(action: &Action) -> Option<impl IntoView + use<>> {
    let (class, label) = match action.status {
        ActionStatus::Open if action.overdue => ("tag tag-overdue", "Overdue"),
        ActionStatus::Open => return None,
        ActionStatus::Done => ("tag tag-agreed", ActionStatus::Done.label()),
        ActionStatus::Dropped => ("tag", ActionStatus::Dropped.label()),
    };
    Some(view! { <span class=class>{label}</span> })
}

/// Owner, agreed on and due by, as a description list.
pub fn action_facts(action: &Action) -> impl IntoView + use<> {
    let agreed = action.agreed_on;
    let due = action.due_on.map_or_else(
        || view! { "No due date" }.into_any(),
        |day| view! { <time datetime=dates::iso(day)>{dates::long(day)}</time> }.into_any(),
    );
    view! {
        <dl class="record-facts">
            <div>
                <dt>"Owner"</dt>
                <dd>{action.owner.name.clone()}</dd>
            </div>
            {match action.raised_in_audit.clone() {
                // Raised from an audit of the record, not agreed in it.
                Some(round) => view! {
                    <div>
                        <dt>"Raised in the audit"</dt>
                        <dd>{round}</dd>
                    </div>
                }
                .into_any(),
                None => view! {
                    <div>
                        <dt>"Agreed on"</dt>
                        <dd>
                            <time datetime=dates::iso(agreed)>{dates::long(agreed)}</time>
                        </dd>
                    </div>
                }
                .into_any(),
            }}
            <div>
                <dt>"Due by"</dt>
                <dd>{due}</dd>
            </div>
        </dl>
    }
}
