//! Changing an action where it is listed: mark it done, give it a new due
//! date, or (on My actions) drop it, with an optional note. Used by the
//! record form's carried-forward actions and by `/actions`. It has no
//! `<form>` of its own, since the record form holds it and forms do not
//! nest: its buttons are plain buttons, and Enter in the date field saves
//! the date here instead of submitting the record.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::action::{ActionChange, ActionStatus, validate_action_change};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::action::{Action, update_action};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// The element ids of one action's controls: several actions share a page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ids {
    due: String,
    note: String,
    summary: String,
    redate: String,
    change: String,
}

impl Ids {
    fn of(id: Uuid) -> Self {
        Self {
            due: format!("action-{id}-dueOn"),
            note: format!("action-{id}-note"),
            summary: format!("action-{id}-errors"),
            redate: format!("action-{id}-redate"),
            change: format!("action-{id}-change"),
        }
    }

    /// Puts the rule's (or the server's) field errors on this action's
    /// fields; a problem with the change as a whole (`input`: nothing has
    /// changed) becomes the general message.
    fn place(&self, found: Vec<FieldError>) -> (Vec<FieldError>, Option<String>) {
        let mut fields = Vec::new();
        let mut general = None;
        for error in found {
            match error.field.as_str() {
                "dueOn" => fields.push(FieldError::new(self.due.clone(), error.message)),
                "note" => fields.push(FieldError::new(self.note.clone(), error.message)),
                _ => {
                    general.get_or_insert(error.message);
                }
            }
        }
        (fields, general)
    }
}

/// What the person is told once the server has saved a change.
pub fn updated_message(description: &str, change: &ActionChange) -> String {
    match (change.status, change.due_on) {
        (ActionStatus::Done, _) => format!("“{description}” has been marked as done."),
        (ActionStatus::Dropped, _) => format!("“{description}” has been dropped."),
        (ActionStatus::Open, Some(due)) => {
            format!("“{description}” is now due by {}.", dates::long(due))
        }
        (ActionStatus::Open, None) => format!("“{description}” is open, with no due date."),
    }
}

/// Why a change was refused, in words for the person who asked.
fn refusal(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::Forbidden => Some(
            "Only the person who owns this action, or who recorded the supervision, can change it.",
        ),
        ErrorCode::NotFound => {
            Some("This action could not be found. Reload the page to see your current actions.")
        }
        _ => None,
    }
}

/// The buttons (and fields) that change one open action.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ActionUpdate(
    /// The action, as it stands.
    action: Action,
    /// Also offer dropping it, and a note saying why (My actions). The
    /// record form offers only marking it done and a new due date.
    #[prop(optional)]
    full: bool,
    /// Called with a status message once the server has saved the change.
    on_updated: Callback<String>,
) -> impl IntoView {
    let ids = StoredValue::new(Ids::of(action.id));
    let redating = RwSignal::new(false);
    let due = RwSignal::new(action.due_on.map(dates::iso).unwrap_or_default());
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let description = action.description.clone();
    let action = StoredValue::new(action);

    let fail = move |fields: Vec<FieldError>, whole: Option<String>| {
        errors.set(fields);
        general.set(whole);
        let summary = ids.with_value(|i| i.summary.clone());
        request_animation_frame(move || focus_element(&summary));
    };

    let send = move |change: ActionChange| {
        if saving.get_untracked() {
            return;
        }
        let (id, state, current_due, description) =
            action.with_value(|a| (a.id, a.status, a.due_on, a.description.clone()));
        if let Err(found) = validate_action_change(&change, state, current_due, dates::today()) {
            let (fields, whole) = ids.with_value(|i| i.place(found));
            fail(fields, whole);
            return;
        }
        errors.clear();
        general.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = update_action(id, &change).await;
            saving.set(false);
            match result {
                Ok(_) => on_updated.run(updated_message(&description, &change)),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    let (fields, whole) = ids.with_value(|i| i.place(err.fields));
                    fail(fields, whole);
                }
                Err(err) => {
                    let message =
                        refusal(err.code).map_or_else(|| err.user_message(), str::to_owned);
                    fail(Vec::new(), Some(message));
                }
            }
        });
    };

    let close_as = move |status: ActionStatus| {
        let change = action.with_value(|a| a.closed_as(status, &note.get_untracked()));
        send(change);
    };

    let save_date = move || match dates::parse_iso(&due.get_untracked()) {
        Some(day) => send(Action::redated(day, &note.get_untracked())),
        None => {
            let field = ids.with_value(|i| i.due.clone());
            fail(
                vec![FieldError::new(field, "Enter the new due date.")],
                None,
            );
        }
    };

    let start_redating = move |_| {
        redating.set(true);
        let field = ids.with_value(|i| i.due.clone());
        request_animation_frame(move || focus_element(&field));
    };

    let cancel = move |_| {
        redating.set(false);
        errors.clear();
        general.set(None);
        let button = ids.with_value(|i| i.change.clone());
        request_animation_frame(move || focus_element(&button));
    };

    let Ids {
        due: due_id,
        note: note_id,
        summary: summary_id,
        redate: redate_id,
        change: change_id,
    } = ids.get_value();
    // Each button's name says which action it changes, for screen-reader
    // users moving from button to button down the list; it starts with the
    // visible words, so speech control finds it by them (2.5.3).
    let name = move |verb: &str| format!("{verb}: {description}");
    let note_field = full.then(|| {
        let (message, described, invalid) = (note_id.clone(), note_id.clone(), note_id.clone());
        view! {
            <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
                <label class="label" for=note_id.clone()>
                    "Note (optional)"
                </label>
                <p class="hint" id=hint_id(&note_id)>
                    "A few words on why. It is kept in the action's history."
                </p>
                <FieldErrorMessage errors=errors field=note_id.clone() />
                <textarea
                    id=note_id.clone()
                    class="textarea textarea-short"
                    rows="2"
                    aria-describedby=move || errors.described_by(&described, true)
                    aria-invalid=move || errors.invalid(&invalid)
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
        }
    });
    let drop_button = full.then(|| {
        view! {
            <button
                type="button"
                class="button button-secondary"
                aria-label=name("Drop action")
                disabled=move || saving.get()
                on:click=move |_| close_as(ActionStatus::Dropped)
            >
                "Drop action"
            </button>
        }
    });

    view! {
        <div class="action-update" role="group" aria-label=name("Change this action")>
            <ErrorSummary errors=errors general=general id=summary_id />
            {note_field}
            <div class="form-buttons">
                <button
                    type="button"
                    class="button"
                    aria-label=name("Mark as done")
                    disabled=move || saving.get()
                    on:click=move |_| close_as(ActionStatus::Done)
                >
                    "Mark as done"
                </button>
                <button
                    type="button"
                    id=change_id
                    class="button button-secondary"
                    aria-expanded=move || if redating.get() { "true" } else { "false" }
                    aria-controls=redate_id.clone()
                    aria-label=name("Change due date")
                    disabled=move || saving.get()
                    on:click=start_redating
                >
                    "Change due date"
                </button>
                {drop_button}
            </div>
            <div class="action-redate" id=redate_id hidden=move || !redating.get()>
                // Enter saves the date alone, not the record form around it.
                <DateInput
                    field=due_id.clone()
                    legend="New due date"
                    hint="It cannot be before today."
                    value=due
                    on_change=Callback::new(move |typed| due.set(typed))
                    errors=errors
                    on_enter=Callback::new(move |()| save_date())
                />
                <div class="form-buttons">
                    <button
                        type="button"
                        class="button"
                        disabled=move || saving.get()
                        on:click=move |_| save_date()
                    >
                        "Save new due date"
                    </button>
                    <button type="button" class="button button-secondary" on:click=cancel>
                        "Cancel"
                    </button>
                </div>
            </div>
            <p class="visually-hidden" role="status">
                {move || if saving.get() { "Saving…" } else { "" }}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_rule_broken_by_the_new_date_is_shown_on_this_actions_date_field() {
        let ids = Ids::of(Uuid::nil());
        let (fields, general) = ids.place(vec![
            FieldError::new("dueOn", "A new due date cannot be in the past."),
            FieldError::new(
                "input",
                "Nothing has changed: choose a new status or due date.",
            ),
        ]);
        assert_eq!(
            fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            vec!["action-00000000-0000-0000-0000-000000000000-dueOn"]
        );
        assert_eq!(
            general.as_deref(),
            Some("Nothing has changed: choose a new status or due date.")
        );
    }

    #[test]
    fn the_message_after_a_change_says_what_happened_to_which_action() {
        let due = NaiveDate::from_ymd_opt(2026, 12, 1);
        let redated = ActionChange {
            status: ActionStatus::Open,
            due_on: due,
            note: String::new(),
        };
        assert_eq!(
            updated_message("Read the policy", &redated),
            "“Read the policy” is now due by 1 December 2026."
        );
        let done = ActionChange {
            status: ActionStatus::Done,
            ..redated
        };
        assert_eq!(
            updated_message("Read the policy", &done),
            "“Read the policy” has been marked as done."
        );
    }
}
