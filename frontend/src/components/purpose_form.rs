//! Opening a record or a supervision agreement for a stated purpose (F7.3),
//! for auditors, HR admins and senior managers who reach one that is not
//! theirs to read. The form offers only the purposes the server says the
//! viewer's roles may state; to anyone with none it shows nothing (or, as
//! a page, that there is nothing here).

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::access::{REASON_MIN_CHARS, validate_reason};
use supervision_shared::{AccessPurpose, FieldError};

use crate::api::ErrorCode;
use crate::api::access::{AccessGrant, PurposeTarget, my_access_purposes, open_for_purpose};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::reason_field::ReasonField;

/// What the form calls the thing it opens, in its words.
fn noun(target: PurposeTarget) -> &'static str {
    match target {
        PurposeTarget::Record(_) => "record",
        PurposeTarget::Agreement(_) => "agreement",
    }
}

/// The form, once the viewer's purposes are known: as a section of a page
/// that shows what the viewer may know of the thing, or (`as_page`) as the
/// page itself, where the thing is not the viewer's to know of at all.
#[component]
pub fn PurposeForm(
    /// The record or agreement to open.
    target: PurposeTarget,
    /// Called with the grant once the server has made it.
    on_opened: Callback<AccessGrant>,
    /// The form is the page: its heading is the page's `<h1>`, and without
    /// purposes the page says the thing was not found.
    #[prop(optional)]
    as_page: bool,
) -> impl IntoView {
    let purposes = LocalResource::new(my_access_purposes);
    let noun = noun(target);
    move || {
        let offered = match purposes.get() {
            None => return ().into_any(),
            Some(Ok(list)) if !list.is_empty() => list,
            Some(_) if as_page => {
                crate::title::set_title(&format!("{} not found", capitalised(noun)));
                return view! {
                    <h1 tabindex="-1">{format!("{} not found", capitalised(noun))}</h1>
                    <p>"It may have been removed, or you may not have access to it."</p>
                }
                .into_any();
            }
            Some(_) => return ().into_any(),
        };
        let heading = format!("Open this {noun} for a stated purpose");
        let form = view! { <Form target=target offered=offered on_opened=on_opened /> };
        if as_page {
            crate::title::set_title(&heading);
            view! {
                <h1 tabindex="-1" id="purpose-heading">{heading}</h1>
                <p>{format!("This {noun} is not yours to read. You may open it for a purpose your role allows.")}</p>
                {form}
            }
            .into_any()
        } else {
            view! {
                <section class="form-section" aria-labelledby="purpose-heading">
                    <h2 id="purpose-heading">{heading}</h2>
                    {form}
                </section>
            }
            .into_any()
        }
    }
}

/// "Record", "Agreement".
fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The purpose-and-reason form itself, offering `offered`.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn Form(
    target: PurposeTarget,
    offered: Vec<AccessPurpose>,
    on_opened: Callback<AccessGrant>,
) -> impl IntoView {
    let purpose = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        let chosen = AccessPurpose::parse(&purpose.get_untracked()).ok();
        let text = reason.get_untracked();
        let mut found = Vec::new();
        if chosen.is_none() {
            found.push(FieldError::new(
                "purpose",
                format!("Choose the purpose for opening this {}.", noun(target)),
            ));
        }
        if let Err(e) = validate_reason(&text) {
            found.push(e);
        }
        let Some(chosen) = chosen.filter(|_| found.is_empty()) else {
            errors.set(found);
            focus_error_summary();
            return;
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = open_for_purpose(target, chosen, text.trim()).await;
            saving.set(false);
            match result {
                Ok(grant) => on_opened.run(grant),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    errors.set(vec![FieldError::new(
                        "purpose",
                        format!("Your role cannot open {}s for this purpose.", noun(target)),
                    )]);
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::NotFound => {
                    general.set(Some(format!(
                        "There is no {} with this address in your organisation.",
                        noun(target)
                    )));
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    focus_error_summary();
                }
            }
        });
    };

    view! {
            <p>
                {format!("Your name, the purpose and your reason will be shown to the people whose {} this is. Access lasts 24 hours.", noun(target))}
            </p>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate>
                <div class="form-group" class:form-group-error=move || errors.message("purpose").is_some()>
                    <label class="label" for="purpose">
                        "Purpose"
                    </label>
                    <FieldErrorMessage errors=errors field="purpose" />
                    <select
                        id="purpose"
                        class="select"
                        aria-describedby=move || errors.described_by("purpose", false)
                        aria-invalid=move || errors.invalid("purpose")
                        on:change=move |ev| purpose.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || purpose.get().is_empty()>
                            "Choose a purpose"
                        </option>
                        {offered
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <option value=p.as_str() prop:selected=move || purpose.get() == p.as_str()>
                                        {p.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <ReasonField
                    errors=errors
                    label="Reason"
                    hint=format!("At least {REASON_MIN_CHARS} characters. Say why you need to read this {}, in words the people it is about will read.", noun(target))
                    value=reason
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    {format!("Open {}", noun(target))}
                </button>
            </form>
    }
}
