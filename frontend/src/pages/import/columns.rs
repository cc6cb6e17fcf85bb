//! "Your export's column names": the organisation's own header for each
//! field the import reads, kept once by HR so that the page, the upload and
//! the nightly command all read its export the same way. A blank header
//! forgets it; the usual ESR and iTrent names are recognised without one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::import::{ImportColumn, import_columns, set_import_columns};
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::status::{LoadError, Loading};

/// The section's heading id.
const HEADING_ID: &str = "columns-heading";
/// The form's error summary (the page has two forms).
const SUMMARY_ID: &str = "columns-errors";
/// The message once saved.
const STATUS_ID: &str = "columns-status";

/// A field's name in words: `line_manager` → "Line manager".
fn label(field: &str) -> String {
    let words = field.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The section.
#[component]
pub fn ExportColumns() -> impl IntoView {
    let columns = LocalResource::new(import_columns);
    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Your export's column names"</h2>
                <p>
                    "If your HR system names a column differently, give its name here once. Leave a field blank to use the names recognised already."
                </p>
                {move || match columns.get() {
                    None => view! { <Loading what="the column names" /> }.into_any(),
                    Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                    Some(Ok(list)) => view! { <ColumnsForm columns=list /> }.into_any(),
                }}
        </section>
    }
}

/// One input per field, and the button that keeps them.
#[component]
fn ColumnsForm(columns: Vec<ImportColumn>) -> impl IntoView {
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let headers: Vec<(String, RwSignal<String>)> = columns
        .iter()
        .map(|c| {
            (
                c.field.clone(),
                RwSignal::new(c.header.clone().unwrap_or_default()),
            )
        })
        .collect();
    let sent = headers.clone();
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        general.set(None);
        status.set(None);
        busy.set(true);
        let wanted: Vec<(String, String)> = sent
            .iter()
            .map(|(field, header)| (field.clone(), header.get_untracked()))
            .collect();
        spawn_local(async move {
            let result = set_import_columns(&wanted).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    status.set(Some(
                        "Your export's column names have been kept.".to_owned(),
                    ));
                    request_animation_frame(|| focus_element(STATUS_ID));
                }
                Err(err) => {
                    let messages: Vec<String> =
                        err.fields.iter().map(|f| f.message.clone()).collect();
                    general.set(Some(if messages.is_empty() {
                        err.user_message()
                    } else {
                        messages.join(" ")
                    }));
                    request_animation_frame(|| focus_element(SUMMARY_ID));
                }
            }
        });
    };
    view! {
        <ErrorSummary errors=errors general=general id=SUMMARY_ID />
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        <form on:submit=on_save novalidate aria-labelledby=HEADING_ID>
            {columns
                .into_iter()
                .zip(headers)
                .map(|(column, (field, header))| {
                    let id = format!("column-{field}");
                    let hint = format!("{id}-hint");
                    let known = if column.known_headers.is_empty() {
                        "No name is recognised without help.".to_owned()
                    } else {
                        format!("Recognised already: {}.", column.known_headers.join(", "))
                    };
                    let name = if column.required {
                        format!("{} (every export needs it)", label(&field))
                    } else {
                        label(&field)
                    };
                    view! {
                        <div class="form-group">
                            <label class="label" for=id.clone()>{name}</label>
                            <p class="hint" id=hint.clone()>{known}</p>
                            <input
                                type="text"
                                class="input"
                                id=id
                                autocomplete="off"
                                aria-describedby=hint
                                prop:value=move || header.get()
                                on:input=move |ev| header.set(event_target_value(&ev))
                            />
                        </div>
                    }
                })
                .collect_view()}
            <button type="submit" class="button" disabled=move || busy.get()>
                "Keep these column names"
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn a_field_reads_as_words() {
        assert_eq!(label("line_manager"), "Line manager");
        assert_eq!(label("unit"), "Unit");
    }
}
