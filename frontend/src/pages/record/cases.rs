//! Cases discussed (F3.7): a block per case, added and removed as needed,
//! each named by its case number, never a person's name. None until "Add a
//! case" is pressed, so the form stays short when no case was discussed.

use leptos::prelude::*;
use uuid::Uuid;

use super::draft::{CaseRow, StoredForm};
use crate::api::staff::StaffSummary;
use crate::components::error_summary::focus_element;
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// The text parts of a case block: API name, label, and whether it is a
/// one-line input.
const PARTS: [(&str, &str, bool); 5] = [
    ("reference", "Case reference", true),
    ("summary", "Summary", false),
    ("analysis", "Analysis", false),
    ("decision", "Decision", false),
    ("actions", "Actions", false),
];

/// Reads one text part of one case.
fn read_part(row: &CaseRow, part: &str) -> String {
    match part {
        "reference" => row.reference.clone(),
        "summary" => row.summary.clone(),
        "analysis" => row.analysis.clone(),
        "decision" => row.decision.clone(),
        "actions" => row.actions.clone(),
        _ => String::new(),
    }
}

/// Changes one text part of one case.
fn write_part(row: &mut CaseRow, part: &str, value: String) {
    match part {
        "reference" => row.reference = value,
        "summary" => row.summary = value,
        "analysis" => row.analysis = value,
        "decision" => row.decision = value,
        "actions" => row.actions = value,
        _ => {}
    }
}

/// Updates one case, found by its key.
fn update_case(form: RwSignal<StoredForm>, key: u64, change: impl FnOnce(&mut CaseRow)) {
    form.update(|f| {
        if let Some(row) = f.cases.iter_mut().find(|r| r.key == key) {
            change(row);
        }
    });
}

/// Reads one case, found by its key.
fn read_case<T: Default>(form: RwSignal<StoredForm>, key: u64, read: impl Fn(&CaseRow) -> T) -> T {
    form.with(|f| {
        f.cases
            .iter()
            .find(|r| r.key == key)
            .map(read)
            .unwrap_or_default()
    })
}

/// The cases part of the record form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn CaseRows(
    /// The form's state.
    form: RwSignal<StoredForm>,
    /// Who was supervised: in a group record, each case is one of theirs.
    supervisees: RwSignal<Vec<StaffSummary>>,
    /// The form's errors.
    errors: FormErrors,
) -> impl IntoView {
    // Someone taken off the record takes their cases' "whose case" with
    // them, so no case points at a person no longer in it.
    Effect::new(move |_| {
        let ids: Vec<Uuid> = supervisees.with(|s| s.iter().map(|p| p.id).collect());
        let stale = form.with_untracked(|f| {
            f.cases
                .iter()
                .any(|r| r.worker_id.is_some_and(|w| !ids.contains(&w)))
        });
        if stale {
            form.update(|f| {
                f.drop_departed_workers(&ids);
            });
        }
    });
    // Only a record with several supervisees asks whose case it is; with
    // one, it is theirs.
    let asks_whose = move || supervisees.with(|s| s.len() > 1);

    // Errors are per case *position* (`cases[1].reference`), as the server
    // names them.
    let index_of =
        move |key: u64| form.with(|f| f.cases.iter().position(|r| r.key == key).unwrap_or(0));

    let add = move |_| {
        form.update(|f| {
            f.add_case();
        });
        let index = form.with_untracked(|f| f.cases.len().saturating_sub(1));
        // Straight into the new case's reference, for keyboard users.
        request_animation_frame(move || {
            focus_element(&field_id(&format!("cases[{index}].reference")))
        });
    };

    view! {
        // `id=cases`: where the error summary sends a problem with the cases
        // as a whole (too many).
        <section class="form-section" id="cases" tabindex="-1" aria-labelledby="cases-heading">
            <h2 id="cases-heading">"Cases discussed"</h2>
            <p class="hint">
                "For case supervision, or any session where cases were discussed: one block per case, named by its case number."
            </p>
            <FieldErrorMessage errors=errors field="cases" />
            <For
                each=move || form.with(|f| f.cases.iter().map(|r| r.key).collect::<Vec<_>>())
                key=|key| *key
                children=move |key: u64| {
                    let number = move || index_of(key) + 1;
                    let field = move |part: &str| format!("cases[{}].{part}", index_of(key));
                    let closed_id = move || field_id(&field("closed"));
                    view! {
                        <fieldset class="fieldset case-row">
                            <legend class="legend">{move || format!("Case {}", number())}</legend>
                            {PARTS
                                .iter()
                                .map(|&(part, label, one_line)| {
                                    let id = move || field_id(&field(part));
                                    let has_hint = part == "reference";
                                    let described = move || errors.described_by(&field(part), has_hint);
                                    let invalid = move || errors.invalid(&field(part));
                                    let value = move || read_case(form, key, |r| read_part(r, part));
                                    let on_input = move |ev| {
                                        let value = event_target_value(&ev);
                                        update_case(form, key, |r| write_part(r, part, value));
                                    };
                                    let control = if one_line {
                                        view! {
                                            <input
                                                id=id
                                                class="input input-reference"
                                                type="text"
                                                autocomplete="off"
                                                autocapitalize="characters"
                                                spellcheck="false"
                                                aria-describedby=described
                                                aria-invalid=invalid
                                                prop:value=value
                                                on:input=on_input
                                            />
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <textarea
                                                id=id
                                                class="textarea textarea-short"
                                                rows="3"
                                                aria-describedby=described
                                                aria-invalid=invalid
                                                prop:value=value
                                                on:input=on_input
                                            ></textarea>
                                        }
                                            .into_any()
                                    };
                                    view! {
                                        <div
                                            class="form-group"
                                            class:form-group-error=move || errors.message(&field(part)).is_some()
                                        >
                                            <label class="label" for=id>
                                                {label}
                                            </label>
                                            {has_hint
                                                .then(|| {
                                                    view! {
                                                        <p class="hint" id=move || hint_id(&field(part))>
                                                            "The case number, never a name. For example, CN-204518."
                                                        </p>
                                                    }
                                                })}
                                            {move || view! { <FieldErrorMessage errors=errors field=field(part) /> }}
                                            {control}
                                        </div>
                                    }
                                })
                                .collect_view()}
                            <Show when=asks_whose>
                                <WhoseCase form=form supervisees=supervisees errors=errors case_key=key field=Signal::derive(move || field("workerId")) />
                            </Show>
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=closed_id
                                    prop:checked=move || read_case(form, key, |r| r.closed)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        update_case(form, key, |r| r.closed = on);
                                    }
                                />
                                <label for=closed_id>"Case closed or transferred"</label>
                            </div>
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    form.update(|f| f.cases.retain(|r| r.key != key));
                                    focus_element("add-case");
                                }
                            >
                                {move || format!("Remove case {}", number())}
                            </button>
                        </fieldset>
                    }
                }
            />
            <button type="button" id="add-case" class="button button-secondary" on:click=add>
                {move || if form.with(|f| f.cases.is_empty()) { "Add a case" } else { "Add another case" }}
            </button>
        </section>
    }
}

/// "Whose case is this?": a required choice among the record's supervisees,
/// for a case in a group record.
#[component]
fn WhoseCase(
    /// The form's state.
    form: RwSignal<StoredForm>,
    /// The record's supervisees, to choose from.
    supervisees: RwSignal<Vec<StaffSummary>>,
    /// The form's errors.
    errors: FormErrors,
    /// The case, by its key.
    case_key: u64,
    /// The API field, `cases[i].workerId` (its position can change).
    field: Signal<String>,
) -> impl IntoView {
    let id = move || field_id(&field.get());
    let chosen = move || read_case(form, case_key, |r| r.worker_id);
    view! {
        <div
            class="form-group"
            class:form-group-error=move || errors.message(&field.get()).is_some()
        >
            <label class="label" for=id>
                "Whose case is this?"
            </label>
            <p class="hint" id=move || hint_id(&field.get())>
                "Choose the supervisee whose case it is."
            </p>
            {move || view! { <FieldErrorMessage errors=errors field=field.get() /> }}
            <select
                id=id
                class="select"
                required
                aria-required="true"
                aria-describedby=move || errors.described_by(&field.get(), true)
                aria-invalid=move || errors.invalid(&field.get())
                on:change=move |ev| {
                    let worker = Uuid::parse_str(&event_target_value(&ev)).ok();
                    update_case(form, case_key, |r| r.worker_id = worker);
                }
            >
                <option value="" prop:selected=move || chosen().is_none()>
                    "Choose a supervisee"
                </option>
                {move || {
                    supervisees
                        .get()
                        .into_iter()
                        .map(|person| {
                            let selected = move || chosen() == Some(person.id);
                            view! {
                                <option value=person.id.to_string() prop:selected=selected>
                                    {person.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
