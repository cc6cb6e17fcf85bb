//! Labelled inputs bound to one text field of the amend form, each with its
//! hint and error tied on by `aria-describedby`.

use leptos::prelude::*;

use super::values::{AmendText, AmendValues, form_field};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// A one-line input.
#[component]
pub fn AmendInput(
    /// The form's state.
    values: RwSignal<AmendValues>,
    /// Which field it edits.
    text: AmendText,
    /// The form's errors.
    errors: FormErrors,
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
) -> impl IntoView {
    let field = form_field(text.api_name());
    let has_hint = hint.is_some();
    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <label class="label" for=field_id(&field)>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id(&field)>{h}</p> })}
            <FieldErrorMessage errors=errors field=field.clone() />
            <input
                id=field_id(&field)
                class=class
                type=kind
                inputmode=inputmode
                max=max
                autocomplete="off"
                aria-describedby=move || errors.described_by(&described, has_hint)
                aria-invalid=move || errors.invalid(&invalid)
                prop:value=move || values.with(|v| v.text(text).to_owned())
                on:input=move |ev| values.update(|v| *v.text_mut(text) = event_target_value(&ev))
            />
        </div>
    }
}

/// A section of the supervisory cycle: a large text area.
#[component]
pub fn AmendTextArea(
    /// The form's state.
    values: RwSignal<AmendValues>,
    /// Which field it edits.
    text: AmendText,
    /// The form's errors.
    errors: FormErrors,
    /// The visible label.
    label: &'static str,
) -> impl IntoView {
    let field = form_field(text.api_name());
    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <label class="label" for=field_id(&field)>
                {label}
            </label>
            <FieldErrorMessage errors=errors field=field.clone() />
            <textarea
                id=field_id(&field)
                class="textarea"
                rows="5"
                aria-describedby=move || errors.described_by(&described, false)
                aria-invalid=move || errors.invalid(&invalid)
                prop:value=move || values.with(|v| v.text(text).to_owned())
                on:input=move |ev| values.update(|v| *v.text_mut(text) = event_target_value(&ev))
            ></textarea>
        </div>
    }
}
