//! Appraisal (PDR) objectives (F8.4) on a person's page: the objectives
//! agreed at their appraisal, for them and their supervisors today, who
//! write new ones down and mark them met. Records link to them from their
//! own page. A viewer the server will not tell (NOT_FOUND) sees nothing of
//! this.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::objective::{ObjectiveDraft, check_objective};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::objective::{
    AppraisalObjective, add_appraisal_objective, appraisal_objectives, mark_objective_achieved,
};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::status::LoadError;
use crate::components::text_area::TextInputField;
use crate::dates;

const HEADING_ID: &str = "objectives-heading";
const STATUS_ID: &str = "objectives-status";
const SUMMARY_ID: &str = "objective-errors";

/// The section, and the message after a change.
#[component]
pub fn Objectives(
    /// Whose objectives.
    person: Uuid,
) -> impl IntoView {
    let loaded = LocalResource::new(move || appraisal_objectives(person));
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        loaded.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    let section = move || {
        match loaded.get() {
        None => ().into_any(),
        Some(Err(err)) if err.code == ErrorCode::NotFound => ().into_any(),
        Some(Err(err)) => view! {
            <section class="page-section" aria-labelledby=HEADING_ID>
                <h2 id=HEADING_ID>"Appraisal objectives"</h2>
                <LoadError error=err />
            </section>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <section class="page-section" aria-labelledby=HEADING_ID>
                <h2 id=HEADING_ID>"Appraisal objectives"</h2>
                <p class="hint">
                    "The objectives agreed at the appraisal (PDR). A supervision record can name the ones its development discussion worked on."
                </p>
                {if list.is_empty() {
                    view! { <p>"None written down yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="record-list">
                            {list.into_iter().map(|o| objective_item(o, on_changed)).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <AddForm person=person on_changed=on_changed />
            </section>
        }
        .into_any(),
    }
    };
    view! {
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {section}
    }
}

/// "Due by 30 June 2027", "Met on 7 December 2026", or nothing.
pub fn objective_tag(objective: &AppraisalObjective) -> Option<(&'static str, String)> {
    match (objective.achieved_on, objective.due_on) {
        (Some(met), _) => Some(("tag tag-compliant", format!("Met on {}", dates::long(met)))),
        (None, Some(due)) => Some(("tag", format!("Due by {}", dates::long(due)))),
        (None, None) => None,
    }
}

/// One objective, with "Mark as met" while it is open.
fn objective_item(objective: AppraisalObjective, on_changed: Callback<String>) -> impl IntoView {
    let tag = objective_tag(&objective);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = objective.id;
    let error_id = format!("objective-{id}-error");
    let title = objective.title.clone();
    let on_met = {
        let error_id = error_id.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let error_id = error_id.clone();
            let title = title.clone();
            spawn_local(async move {
                let result = mark_objective_achieved(id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_changed.run(format!("\u{201c}{title}\u{201d} is marked as met.")),
                    Err(err) => {
                        problem.set(Some(err.user_message()));
                        request_animation_frame(move || focus_element(&error_id));
                    }
                }
            });
        }
    };
    let open = objective.achieved_on.is_none();
    view! {
        <li class="record-card">
            <p>{objective.title.clone()}</p>
            {tag.map(|(class, words)| view! { <p class="tag-line"><span class=class>{words}</span></p> })}
            {open.then(|| view! {
                <div role="alert">
                    {move || problem.get().map(|m| view! { <p class="field-error" id=error_id.clone() tabindex="-1">{m}</p> })}
                </div>
                <button type="button" class="button button-secondary" disabled=move || busy.get() on:click=on_met.clone()>
                    "Mark as met"
                    <span class="visually-hidden">{format!(": {}", objective.title)}</span>
                </button>
            })}
        </li>
    }
}

/// Writing one down.
#[component]
fn AddForm(person: Uuid, on_changed: Callback<String>) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let due_on = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let typed_due = due_on.get_untracked();
        let due = dates::parse_iso(&typed_due);
        let draft = ObjectiveDraft {
            title: title.get_untracked(),
            due_on: due,
        };
        let mut problems = check_objective(&draft).err().unwrap_or_default();
        if due.is_none() && !typed_due.trim().is_empty() {
            problems.push(supervision_shared::FieldError::new(
                "dueOn",
                "Give the day it is due as a date, for example 30 6 2027, or leave it blank.",
            ));
        }
        if !problems.is_empty() {
            errors.set(problems);
            request_animation_frame(|| focus_element(SUMMARY_ID));
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = add_appraisal_objective(person, &draft).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    title.set(String::new());
                    due_on.set(String::new());
                    on_changed.run("The objective is written down.".to_owned());
                }
                Err(err) => errors.show_failure_in(err, general, SUMMARY_ID),
            }
        });
    };
    view! {
        <h3 id="add-objective">"Add an objective"</h3>
        <ErrorSummary errors=errors general=general id=SUMMARY_ID />
        <form on:submit=on_submit novalidate aria-labelledby="add-objective">
            <TextInputField field="title" label="Objective" value=title errors=errors />
            <DateInput
                field="dueOn"
                legend="Due by (optional)"
                value=due_on
                on_change=Callback::new(move |typed| due_on.set(typed))
                errors=errors
            />
            <button type="submit" class="button" disabled=move || saving.get()>
                "Add the objective"
            </button>
        </form>
    }
}
