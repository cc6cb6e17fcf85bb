//! The recorder amends a saved record (F4.4): the amendable fields,
//! prefilled with the record as it stands, and the reason for the change,
//! which the supervisees see. The server keeps the version it replaces and
//! asks each supervisee to validate again. Who attended and the kind of
//! session cannot change: such a record was made in error, and is removed.

mod fields;
pub mod values;

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::{Approach, Mode, RecordSection, SupervisionFunction};

use crate::api::ErrorCode;
use crate::api::amendment::amend_supervision;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};
use crate::components::reason_field::ReasonField;
use crate::dates;
use fields::{AmendInput, AmendTextArea};
use values::{AmendText, AmendValues, RecordFacts, form_errors, form_field};

/// The reason's field: the removal form on the same page has one too.
const REASON: &str = "amend-reason";

/// The sections of the supervisory cycle, in order.
const SECTIONS: [(AmendText, RecordSection); 5] = [
    (AmendText::Experience, RecordSection::Experience),
    (AmendText::Reflection, RecordSection::Reflection),
    (AmendText::Analysis, RecordSection::Analysis),
    (AmendText::ActionPlan, RecordSection::ActionPlan),
    (AmendText::Notes, RecordSection::Notes),
];

/// The amend form, folded away until it is needed.
#[component]
pub fn AmendForm(
    /// What the amendment cannot change.
    record: RecordFacts,
    /// The amendable fields as they stand.
    current: AmendValues,
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
        let amendment = match typed.to_amendment(&reason.get_untracked(), &facts, dates::today()) {
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

    let approach = form_field("approach");
    let mode = form_field("mode");
    let functions = form_field("functions");
    let today = dates::iso(dates::today());

    view! {
        <details class="details">
            <summary class="details-summary">"Amend this record"</summary>
            <div class="details-body">
                <p>
                    "Correct or add to the record. The version it replaces is kept, and the people supervised are asked to validate it again. To change who attended or the kind of session, ask for the record to be removed and record the session again."
                </p>
                <ErrorSummary errors=errors general=general />
                <form class="record-form" on:submit=on_submit novalidate>
                    {kind
                        .has_approach()
                        .then(|| {
                            let (id, described, invalid, message) = (
                                approach.clone(),
                                approach.clone(),
                                approach.clone(),
                                approach.clone(),
                            );
                            view! {
                                <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
                                    <label class="label" for=field_id(&id)>
                                        "Approach"
                                    </label>
                                    <FieldErrorMessage errors=errors field=approach.clone() />
                                    <select
                                        id=field_id(&id)
                                        class="select"
                                        aria-describedby=move || errors.described_by(&described, false)
                                        aria-invalid=move || errors.invalid(&invalid)
                                        on:change=move |ev| {
                                            let chosen = Approach::parse(&event_target_value(&ev)).ok();
                                            values.update(|v| v.approach = chosen);
                                        }
                                    >
                                        <option value="" prop:selected=move || values.with(|v| v.approach.is_none())>
                                            "Choose an approach"
                                        </option>
                                        {Approach::ALL
                                            .iter()
                                            .map(|&a| {
                                                view! {
                                                    <option
                                                        value=a.as_str()
                                                        prop:selected=move || values.with(|v| v.approach == Some(a))
                                                    >
                                                        {a.label()}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            }
                        })}
                    {kind
                        .is_external()
                        .then(|| {
                            view! {
                                <AmendInput
                                    values=values
                                    text=AmendText::ExternalSupervisor
                                    errors=errors
                                    label="External supervisor"
                                    hint="Their name and organisation."
                                />
                            }
                        })}
                    <AmendInput
                        values=values
                        text=AmendText::HeldOn
                        errors=errors
                        label="Date held"
                        hint="The day of the session. It can be before today, but not after."
                        kind="date"
                        max=today
                        class="input input-date"
                    />
                    <AmendInput
                        values=values
                        text=AmendText::Duration
                        errors=errors
                        label="Duration (minutes)"
                        inputmode="numeric"
                        class="input input-short"
                    />
                    <div class="form-group" class:form-group-error={
                        let mode = mode.clone();
                        move || errors.message(&mode).is_some()
                    }>
                        <fieldset
                            class="fieldset"
                            id=field_id(&mode)
                            tabindex="-1"
                            aria-describedby={
                                let mode = mode.clone();
                                move || errors.described_by(&mode, false)
                            }
                        >
                            <legend class="legend">"Mode"</legend>
                            <FieldErrorMessage errors=errors field=mode.clone() />
                            {Mode::ALL
                                .iter()
                                .map(|&m| {
                                    let id = format!("amend-mode-{}", m.as_str());
                                    view! {
                                        <div class="radio">
                                            <input
                                                type="radio"
                                                id=id.clone()
                                                name="amend-mode"
                                                value=m.as_str()
                                                prop:checked=move || values.with(|v| v.mode == m)
                                                on:change=move |_| values.update(|v| v.mode = m)
                                            />
                                            <label for=id>{m.label()}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    </div>
                    <AmendInput
                        values=values
                        text=AmendText::Location
                        errors=errors
                        label="Location"
                        hint="Optional. For example, the team base or \"Video call\"."
                    />
                    <div class="notice notice-warning">
                        <p>
                            <strong>"Do not enter patient or service-user identifiable information."</strong>
                            " Refer to people by initials or a case reference."
                        </p>
                    </div>
                    {SECTIONS
                        .iter()
                        .map(|&(text, section)| {
                            view! { <AmendTextArea values=values text=text errors=errors label=section.label() /> }
                        })
                        .collect_view()}
                    <div class="form-group">
                        <fieldset class="fieldset" id=field_id(&functions) tabindex="-1" aria-describedby=hint_id(&functions)>
                            <legend class="legend">"Functions of supervision covered"</legend>
                            <p class="hint" id=hint_id(&functions)>
                                "Select all that apply."
                            </p>
                            <FieldErrorMessage errors=errors field=functions.clone() />
                            {SupervisionFunction::ALL
                                .iter()
                                .map(|&function| {
                                    let id = format!("amend-function-{}", function.as_str());
                                    view! {
                                        <div class="checkbox">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                value=function.as_str()
                                                prop:checked=move || values.with(|v| v.functions.contains(&function))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    values
                                                        .update(|v| {
                                                            v.functions.retain(|x| *x != function);
                                                            if on {
                                                                v.functions.push(function);
                                                            }
                                                        });
                                                }
                                            />
                                            <label for=id>{function.label()}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    </div>
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
