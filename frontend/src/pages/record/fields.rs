//! Labelled inputs bound to one text field of the record form, each with its
//! hint and error tied on by `aria-describedby`.

use leptos::prelude::*;

use super::draft::{StoredForm, TextField};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// A one-line input.
#[component]
pub fn TextInput(
    /// The form's state.
    form: RwSignal<StoredForm>,
    /// Which field it edits.
    text: TextField,
    /// The form's errors.
    errors: FormErrors,
    /// The API field name (also the id).
    field: &'static str,
    /// The visible label.
    label: &'static str,
    /// Hint text under the label, if any.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input's type.
    #[prop(default = "text")]
    kind: &'static str,
    /// `inputmode`, for the right on-screen keyboard.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// `max`, for dates.
    #[prop(optional, into)]
    max: Option<String>,
    /// CSS width class.
    #[prop(default = "input")]
    class: &'static str,
    /// `autocomplete`.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=field_id(field)>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id(field)>{h}</p> })}
            <FieldErrorMessage errors=errors field=field />
            <input
                id=field_id(field)
                class=class
                type=kind
                inputmode=inputmode
                max=max
                autocomplete=autocomplete
                aria-describedby=move || errors.described_by(field, has_hint)
                aria-invalid=move || errors.invalid(field)
                prop:value=move || form.with(|f| f.text(text).to_owned())
                on:input=move |ev| form.update(|f| *f.text_mut(text) = event_target_value(&ev))
            />
        </div>
    }
}

/// A section of the supervisory cycle: a large text area with its prompt.
#[component]
pub fn SectionTextArea(
    /// The form's state.
    form: RwSignal<StoredForm>,
    /// Which field it edits.
    text: TextField,
    /// The form's errors.
    errors: FormErrors,
    /// The API field name (also the id).
    field: &'static str,
    /// The visible label.
    label: &'static str,
    /// The prompt from the supervisory cycle.
    hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=field_id(field)>
                {label}
            </label>
            <p class="hint" id=hint_id(field)>
                {hint}
            </p>
            <FieldErrorMessage errors=errors field=field />
            <textarea
                id=field_id(field)
                class="textarea"
                rows="5"
                aria-describedby=move || errors.described_by(field, true)
                aria-invalid=move || errors.invalid(field)
                prop:value=move || form.with(|f| f.text(text).to_owned())
                on:input=move |ev| form.update(|f| *f.text_mut(text) = event_target_value(&ev))
            ></textarea>
        </div>
    }
}
