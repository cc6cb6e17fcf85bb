//! A question answered in a text area or a one-line box, with its label,
//! hint and error message (the GOV.UK textarea and text input): the same
//! markup in each small form that asks for some text.

use leptos::prelude::*;

use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};

/// A text area question; its errors are the form's, under `field`.
#[component]
pub fn TextAreaField(
    /// The field's name among the form's errors (the API's), and its id.
    field: &'static str,
    /// The visible label.
    label: &'static str,
    /// What has been typed.
    value: RwSignal<String>,
    /// The form's errors.
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=field_id(field)>{label}</label>
            <FieldErrorMessage errors=errors field=field />
            <textarea
                id=field_id(field)
                class="textarea"
                rows="4"
                aria-describedby=move || errors.described_by(field, false)
                aria-invalid=move || errors.invalid(field)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A one-line text question; its errors are the form's, under `field`.
#[component]
pub fn TextInputField(
    /// The field's name among the form's errors (the API's), and its id.
    field: &'static str,
    /// The visible label.
    label: &'static str,
    /// Said under the label, if anything.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// A number: a short box, and a phone's number keypad.
    #[prop(optional)]
    numeric: bool,
    /// What has been typed.
    value: RwSignal<String>,
    /// The form's errors.
    errors: FormErrors,
) -> impl IntoView {
    let id = field_id(field);
    let hint_view = hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> });
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=id.clone()>{label}</label>
            {hint_view}
            <FieldErrorMessage errors=errors field=field />
            <input
                id=id
                class=if numeric { "input input-short" } else { "input" }
                type="text"
                inputmode=numeric.then_some("numeric")
                autocomplete="off"
                aria-describedby=move || errors.described_by(field, hint.is_some())
                aria-invalid=move || errors.invalid(field)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
