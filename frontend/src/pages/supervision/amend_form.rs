//! The recorder amends a saved record (F4.4): the amendable fields,
//! prefilled with the record as it stands, and the reason for the change,
//! which the supervisees see. The server keeps the version it replaces and
//! asks each supervisee to validate again. Who attended and the kind of
//! session cannot change: such a record was made in error, and is removed.

pub mod values;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ErrorCode;
use crate::api::amendment::amend_supervision;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::FormErrors;
use crate::components::reason_field::ReasonField;
use crate::components::record_content::{
    ContentForm, ContentValues, CycleSections, FunctionsField, SessionFields,
};
use crate::dates;
use values::{PREFIX, RecordFacts, form_errors};

/// The reason's field: the removal form on the same page has one too.
const REASON: &str = "amend-reason";

/// The amend form, folded away until it is needed.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn AmendForm(
    /// What the amendment cannot change.
    record: RecordFacts,
    /// The amendable fields as they stand.
    current: ContentValues,
    /// Called with a status message once the server has saved the new version.
    on_amended: Callback<String>,
) -> impl IntoView {
    let kind = record.kind;
    let record = StoredValue::new(record);
    let values = RwSignal::new(current.clone());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let typed = values.get_untracked();
        if typed == current {
            errors.clear();
            general.set(Some(
                "Nothing has changed: change the record before saving an amendment.".to_owned(),
            ));
            focus_error_summary();
            return;
        }
        let facts = record.get_value();
        let amendment = match facts.amendment(&typed, &reason.get_untracked(), dates::today()) {
            Ok(amendment) => amendment,
            Err(found) => {
                errors.set(form_errors(found));
                focus_error_summary();
                return;
            }
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = amend_supervision(facts.id, &amendment).await;
            saving.set(false);
            match result {
                Ok(amended) => on_amended.run(facts.amended_message(amended.version)),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    // `input`: the amendment as a whole, e.g. it changes nothing.
                    let (whole, fields): (Vec<_>, Vec<_>) =
                        err.fields.into_iter().partition(|f| f.field == "input");
                    general.set(whole.into_iter().next().map(|f| f.message));
                    errors.set(form_errors(fields));
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    general.set(Some(
                        "Only the person who recorded a session can amend its record.".to_owned(),
                    ));
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    focus_error_summary();
                }
            }
        });
    };

    let content = ContentForm {
        state: values,
        errors,
        prefix: PREFIX,
    };

    view! {
        <details class="details">
            <summary class="details-summary">"Amend this record"</summary>
            <div class="details-body">
                <p>
                    "Correct or add to the record. The version it replaces is kept, and the people supervised are asked to validate it again. To change who attended or the kind of session, ask for the record to be removed and record the session again."
                </p>
                <ErrorSummary errors=errors general=general />
                <form class="record-form" on:submit=on_submit novalidate>
                    <SessionFields form=content kind=kind />
                    <div class="notice notice-warning">
                        <p>
                            <strong>"Do not enter patient or service-user identifiable information."</strong>
                            " Refer to people by initials or a case reference."
                        </p>
                    </div>
                    <CycleSections form=content />
                    <FunctionsField form=content />
                    <ReasonField
                        errors=errors
                        field=REASON
                        label="Reason for the change"
                        hint="Required. The people supervised will see it beside the earlier version."
                        value=reason
                    />
                    <button type="submit" class="button" disabled=move || saving.get()>
                        "Save amendment"
                    </button>
                    <p class="visually-hidden" role="status">
                        {move || if saving.get() { "Saving the amendment…" } else { "" }}
                    </p>
                </form>
            </div>
        </details>
    }
}
