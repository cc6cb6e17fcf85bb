//! `/import`: an HR administrator loads the HR system's staff export into
//! the directory (F2.3, F2.4). The file is checked first, as a dry run: the
//! page says what it would change and every error by line. Only a file
//! without errors can be applied, and applying sends the same file again,
//! in one transaction on the server. Anyone else is told the page is not
//! for them (the server refuses them too).

mod columns;

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;

use crate::api::import::{ImportReport, import_staff};
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};
use crate::session::use_session;
use crate::title::set_title;

/// The file field's API name (and id).
const FILE: &str = "file";
/// The id of the report's heading, focused when a report arrives.
const REPORT_ID: &str = "import-report";
/// Changes listed on the page; the rest are counted.
const CHANGES_SHOWN: usize = 200;

/// The `/import` page.
#[component]
pub fn ImportPage() -> impl IntoView {
    set_title("Import staff");
    let session = use_session();
    let hr = Memo::new(move |_| session.person().map(|me| me.is_hr_admin()));
    view! {
        <h1 tabindex="-1">"Import staff"</h1>
        {move || match hr.get() {
            Some(true) => view! { <ImportForm /> }.into_any(),
            Some(false) => view! {
                <div class="notice">
                    <p>
                        "This page is for HR administrators, who keep the staff list in step with the HR system."
                    </p>
                </div>
            }
            .into_any(),
            None => ().into_any(),
        }}
    }
}

/// The form, and the report of the last file sent.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn ImportForm() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let full = RwSignal::new(true);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let report = RwSignal::new(None::<ImportReport>);
    let busy = RwSignal::new(false);
    // The file the report is about: applying sends exactly it.
    let checked = StoredValue::new_local(None::<web_sys::File>);

    let send = move |file: web_sys::File, apply: bool| {
        busy.set(true);
        general.set(None);
        spawn_local(async move {
            let result = import_staff(&file, apply, full.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(answer) => {
                    checked.set_value(Some(file));
                    report.set(Some(answer));
                    request_animation_frame(|| focus_element(REPORT_ID));
                }
                Err(err) => {
                    general.set(Some(format!("The file could not be sent: {}", err.message)));
                    focus_error_summary();
                }
            }
        });
    };

    let on_check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        report.set(None);
        let file = input
            .get_untracked()
            .and_then(|element| element.files())
            .and_then(|files| files.get(0));
        match file {
            Some(file) => send(file, false),
            None => {
                errors.set(vec![FieldError::new(
                    FILE,
                    "Choose the staff export to check (a CSV file)",
                )]);
                focus_error_summary();
            }
        }
    };
    let on_apply = move |_| {
        if let Some(file) = checked.get_value() {
            send(file, true);
        }
    };

    view! {
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_check novalidate>
            <div class="form-group" class:form-group-error=move || errors.message(FILE).is_some()>
                <label class="label" for=field_id(FILE)>
                    "Staff export (CSV)"
                </label>
                <p class="hint" id=hint_id(FILE)>
                    "The HR system's export of staff, one row a person with a header row. ESR's and iTrent's column names are recognised. Checking the file changes nothing."
                </p>
                <FieldErrorMessage errors=errors field=FILE />
                <input
                    type="file"
                    id=field_id(FILE)
                    name="file"
                    class="file-input"
                    accept=".csv,text/csv"
                    node_ref=input
                    aria-describedby=move || errors.described_by(FILE, true)
                    aria-invalid=move || errors.invalid(FILE)
                    on:change=move |_| report.set(None)
                />
            </div>
            <div class="checkbox">
                <input
                    type="checkbox"
                    id="import-full"
                    aria-describedby="import-full-hint"
                    prop:checked=move || full.get()
                    on:change=move |ev| {
                        report.set(None);
                        full.set(event_target_checked(&ev));
                    }
                />
                <label for="import-full">"This export lists everyone employed"</label>
            </div>
            <p class="hint" id="import-full-hint">
                "Anyone missing from it is marked as having left today. Untick this for a file of some people only."
            </p>
            <button type="submit" class="button" disabled=move || busy.get()>
                "Check the file"
            </button>
        </form>
        {move || report.get().map(|answer| view! { <Report answer=answer busy=busy on_apply=on_apply /> })}
        <columns::ExportColumns />
    }
}

/// What a file changes (or changed), its errors, and the button to apply it.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn Report(
    answer: ImportReport,
    busy: RwSignal<bool>,
    on_apply: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let heading = if answer.applied {
        "The import has been applied"
    } else if answer.errors.is_empty() {
        "What this file will change"
    } else {
        "This file cannot be imported yet"
    };
    let counts = format!(
        "{} in the file: {} starting, {} leaving, {} with other changes; {}.",
        count(answer.rows, "person", "people"),
        answer.starters,
        answer.leavers,
        answer.changed,
        count(
            u32::try_from(answer.new_units.len()).unwrap_or(u32::MAX),
            "new unit",
            "new units"
        )
    );
    let can_apply = !answer.applied && answer.errors.is_empty();
    let nothing_to_do = answer.changes.is_empty() && answer.new_units.is_empty();
    let hidden = answer.changes.len().saturating_sub(CHANGES_SHOWN);
    view! {
        <section aria-labelledby=REPORT_ID class="import-report">
            <h2 id=REPORT_ID tabindex="-1">{heading}</h2>
            <p>{counts}</p>
            {(!answer.errors.is_empty()).then(|| view! {
                <div class="error-summary">
                    <p>"Correct these lines in the export and check it again. Nothing has been changed."</p>
                    <ul>
                        {answer.errors.iter().map(|e| view! {
                            <li>{format!("Line {}, {}: {}", e.line, e.field.replace('_', " "), e.message)}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(nothing_to_do && answer.errors.is_empty() && !answer.applied)
                .then(|| view! { <p>"The staff list already matches this file: there is nothing to change."</p> })}
            {(!answer.new_units.is_empty()).then(|| view! {
                <h3>"New units"</h3>
                <ul class="list">
                    {answer.new_units.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}
                </ul>
            })}
            {(!answer.changes.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Changes by person">
                    <table class="report-table text-table">
                        <caption>"Changes by person"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Line"</th>
                                <th scope="col">"Person"</th>
                                <th scope="col">"What changes"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {answer.changes.iter().take(CHANGES_SHOWN).map(|c| view! {
                                <tr>
                                    <td>{c.line.map_or_else(|| "not in file".to_owned(), |l| l.to_string())}</td>
                                    <td>{format!("{} ({})", c.name, c.employee_number)}</td>
                                    <td>{c.what.join("; ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(hidden > 0).then(|| view! { <p>{format!("And {hidden} more people.")}</p> })}
            })}
            {(can_apply && !nothing_to_do).then(|| view! {
                <button type="button" class="button" on:click=on_apply disabled=move || busy.get()>
                    "Apply these changes"
                </button>
            })}
        </section>
    }
}

/// "1 person", "2 people".
fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_say_person_or_people() {
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(0, "new unit", "new units"), "0 new units");
        assert_eq!(count(2, "person", "people"), "2 people");
    }
}
