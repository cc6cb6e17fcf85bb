//! The agreed actions: rows added and removed as needed, each owned by
//! someone in the session.

use leptos::prelude::*;
use uuid::Uuid;

use super::draft::{ActionRow, StoredForm};
use crate::api::staff::StaffSummary;
use crate::components::date_input::DateInput;
use crate::components::error_summary::focus_element;
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};

/// Updates one row, found by its key.
fn update_row(form: RwSignal<StoredForm>, key: u64, change: impl FnOnce(&mut ActionRow)) {
    form.update(|f| {
        if let Some(row) = f.actions.iter_mut().find(|r| r.key == key) {
            change(row);
        }
    });
}

/// Reads one field of one row.
fn read_row(form: RwSignal<StoredForm>, key: u64, read: impl Fn(&ActionRow) -> String) -> String {
    form.with(|f| {
        f.actions
            .iter()
            .find(|r| r.key == key)
            .map(read)
            .unwrap_or_default()
    })
}

/// The actions part of the record form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ActionRows(
    /// The form's state.
    form: RwSignal<StoredForm>,
    /// Who was supervised: each may own an action.
    supervisees: RwSignal<Vec<StaffSummary>>,
    /// The person recording, who may own an action too.
    #[prop(into)]
    recorder: Signal<Option<(Uuid, String)>>,
    /// The form's errors.
    errors: FormErrors,
) -> impl IntoView {
    // Errors are per row *position* (`actions[2]`), as the server names them.
    let index_of =
        move |key: u64| form.with(|f| f.actions.iter().position(|r| r.key == key).unwrap_or(0));

    let add = move |_| {
        form.update(|f| {
            f.add_action();
        });
        let index = form.with_untracked(|f| f.actions.len().saturating_sub(1));
        // Move focus into the new row so keyboard users can type straight away.
        request_animation_frame(move || {
            focus_element(&field_id(&format!("actions[{index}].description")))
        });
    };

    view! {
        <section class="form-section" aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Actions"</h2>
            <p class="hint">"SMART actions agreed in the session. The first supervisee owns an action unless you choose someone else."</p>
            <FieldErrorMessage errors=errors field="actions" />
            <For
                each=move || form.with(|f| f.actions.iter().map(|r| r.key).collect::<Vec<_>>())
                key=|key| *key
                children=move |key: u64| {
                    let number = move || index_of(key) + 1;
                    let field = move |part: &str| format!("actions[{}].{part}", index_of(key));
                    let id = move |part: &str| field_id(&field(part));
                    let described = move |part: &str| errors.described_by(&field(part), false);
                    let invalid = move |part: &str| errors.invalid(&field(part));
                    view! {
                        <fieldset class="fieldset action-row">
                            <legend class="legend">{move || format!("Action {}", number())}</legend>
                            <div class="form-group">
                                <label class="label" for=move || id("description")>
                                    "Description"
                                </label>
                                {move || view! { <FieldErrorMessage errors=errors field=field("description") /> }}
                                <textarea
                                    id=move || id("description")
                                    class="textarea textarea-short"
                                    rows="2"
                                    aria-describedby=move || described("description")
                                    aria-invalid=move || invalid("description")
                                    prop:value=move || read_row(form, key, |r| r.description.clone())
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        update_row(form, key, |r| r.description = value);
                                    }
                                ></textarea>
                            </div>
                            <div class="form-group">
                                <label class="label" for=move || id("ownerId")>
                                    "Owner"
                                </label>
                                {move || view! { <FieldErrorMessage errors=errors field=field("ownerId") /> }}
                                <select
                                    id=move || id("ownerId")
                                    class="select"
                                    aria-describedby=move || described("ownerId")
                                    aria-invalid=move || invalid("ownerId")
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        update_row(form, key, |r| r.owner = value);
                                    }
                                >
                                    <option value="" prop:selected=move || read_row(form, key, |r| r.owner.clone()).is_empty()>
                                        "The first supervisee"
                                    </option>
                                    {move || {
                                        let owner = read_row(form, key, |r| r.owner.clone());
                                        let mut people: Vec<(Uuid, String)> = supervisees
                                            .get()
                                            .into_iter()
                                            .map(|s| (s.id, s.name))
                                            .collect();
                                        if let Some((id, name)) = recorder.get() {
                                            people.push((id, format!("{name} (you)")));
                                        }
                                        people
                                            .into_iter()
                                            .map(|(id, name)| {
                                                let value = id.to_string();
                                                let selected = value == owner;
                                                view! { <option value=value prop:selected=selected>{name}</option> }
                                            })
                                            .collect_view()
                                    }}
                                </select>
                            </div>
                            <DateInput
                                field=Signal::derive(move || field("dueOn"))
                                legend="Due date"
                                hint="Optional."
                                value=Signal::derive(move || read_row(form, key, |r| r.due_on.clone()))
                                on_change=Callback::new(move |typed| update_row(form, key, |r| r.due_on = typed))
                                errors=errors
                            />
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    form.update(|f| f.actions.retain(|r| r.key != key));
                                    focus_element("add-action");
                                }
                            >
                                {move || format!("Remove action {}", number())}
                            </button>
                        </fieldset>
                    }
                }
            />
            <button type="button" id="add-action" class="button button-secondary" on:click=add>
                "Add action"
            </button>
        </section>
    }
}
