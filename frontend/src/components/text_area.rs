//! A question answered in a text area, with its label and error message
//! (the GOV.UK textarea): the same markup in each small form that asks for
//! a few lines of text.

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
