//! Per-field error messages, tied to their inputs with `aria-describedby` so
//! a screen reader reads the problem with the field.

use leptos::prelude::*;
use supervision_shared::FieldError;

/// The element id for an API field name: `actions[0].description` becomes
/// `actions-0-description`, since brackets and dots are awkward in ids and
/// CSS selectors.
pub fn field_id(field: &str) -> String {
    field
        .chars()
        .filter_map(|c| match c {
            '[' | '.' => Some('-'),
            ']' => None,
            c => Some(c),
        })
        .collect()
}

/// The id of a field's error message.
pub fn error_id(field: &str) -> String {
    format!("{}-error", field_id(field))
}

/// The id of a field's hint text.
pub fn hint_id(field: &str) -> String {
    format!("{}-hint", field_id(field))
}

/// The current problems with a form, by API field name.
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<Vec<FieldError>>);

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Replaces the errors shown.
    pub fn set(&self, errors: Vec<FieldError>) {
        self.0.set(errors);
    }

    /// Shows why a save failed: the server's problems beside their fields,
    /// or its message for the form as a whole; focus goes to the page's
    /// error summary either way.
    pub fn show_failure(&self, err: crate::api::ApiError, general: RwSignal<Option<String>>) {
        self.show_failure_in(
            err,
            general,
            crate::components::error_summary::ERROR_SUMMARY_ID,
        );
    }

    /// As [`Self::show_failure`], for a form whose error summary has its
    /// own id (`summary`), on a page with more than one form.
    pub fn show_failure_in(
        &self,
        err: crate::api::ApiError,
        general: RwSignal<Option<String>>,
        summary: &'static str,
    ) {
        if err.code == crate::api::ErrorCode::ValidationFailed && !err.fields.is_empty() {
            self.set(err.fields);
        } else {
            general.set(Some(err.user_message()));
        }
        request_animation_frame(move || crate::components::error_summary::focus_element(summary));
    }

    /// Clears every error.
    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    /// All errors, in the order they were found (reactive).
    pub fn all(&self) -> Vec<FieldError> {
        self.0.get()
    }

    /// Whether there are any errors (reactive).
    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// The first message for a field (reactive). Fields whose name starts
    /// with `field` and a bracket or dot belong to it too, except for the
    /// actions, which have their own messages per row.
    pub fn message(&self, field: &str) -> Option<String> {
        self.0.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    /// `aria-describedby` for a field: its hint (when it has one) and its
    /// error (when it has one), or nothing (reactive).
    pub fn described_by(&self, field: &str, has_hint: bool) -> Option<String> {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id(field));
        }
        if self.message(field).is_some() {
            ids.push(error_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// `aria-invalid` for a field (reactive).
    pub fn invalid(&self, field: &str) -> Option<&'static str> {
        self.message(field).map(|_| "true")
    }
}

/// The message under a field, when it has one.
#[component]
pub fn FieldErrorMessage(
    /// The form's errors.
    errors: FormErrors,
    /// The API field name, e.g. `heldOn`.
    #[prop(into)]
    field: String,
) -> impl IntoView {
    let id = error_id(&field);
    move || {
        errors.message(&field).map(|message| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_fields_get_ids_that_css_can_select() {
        assert_eq!(
            field_id("actions[12].description"),
            "actions-12-description"
        );
        assert_eq!(error_id("heldOn"), "heldOn-error");
    }
}
