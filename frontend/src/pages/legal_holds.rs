//! `/legal-holds`: the holds in force, which stop the retention purge
//! (F7.7), for HR and system administrators: who is held, why, by whom and
//! since when; placing a hold on a person's file, and releasing one; and
//! the next purge's dry run. Until now these were the API's and a command's
//! alone. Anyone else is told the page is not for
//! them (the server refuses them too).

mod dry_run;

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::access::{REASON_MIN_CHARS, validate_reason};

use crate::api::legal_hold::{LegalHold, legal_holds, place_legal_hold, release_legal_hold};
use crate::api::staff::StaffSummary;
use crate::api::{ApiError, ErrorCode};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::FormErrors;
use crate::components::reason_field::ReasonField;
use crate::components::role_gate::Gated;
use crate::components::staff_picker::StaffPicker;
use crate::components::status::SavedNotice;
use crate::dates;
use crate::title::set_title;
use dry_run::DryRunSection;

/// The id of the page's status message, focused after a change.
const STATUS_ID: &str = "holds-status";
/// The API's field names, also the inputs' ids.
const STAFF: &str = "staffId";
const REASON: &str = "reason";

/// The `/legal-holds` page.
#[component]
pub fn LegalHoldsPage() -> impl IntoView {
    set_title("Legal holds");
    let page = Gated::new(|me| me.is_hr_admin() || me.is_system_admin(), legal_holds);
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        page.data.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });

    view! {
        <h1 tabindex="-1">"Legal holds"</h1>
        <p>
            "A person's supervision records are purged some years after they leave. A legal hold keeps them, whatever their age, until it is released: for a tribunal, a claim or an investigation."
        </p>
        <SavedNotice message=status id=STATUS_ID />
        {page
            .view(
                "legal holds",
                "Only HR and system administrators place and release legal holds.",
                move |list| {
                    view! {
                        <section aria-labelledby="holds-heading">
                            <h2 id="holds-heading">"In force"</h2>
                            {if list.is_empty() {
                                view! { <p>"No legal hold is in force."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="record-list">
                                        {list.into_iter().map(|hold| hold_card(hold, on_changed)).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </section>
                        <PlaceHoldForm on_placed=on_changed />
                        <DryRunSection />
                    }
                        .into_any()
                },
            )}
    }
}

/// One hold: whose file (or which record), why, who placed it and when,
/// and releasing it.
fn hold_card(hold: LegalHold, on_changed: Callback<String>) -> impl IntoView {
    let held = match (&hold.person, hold.supervision_id) {
        (Some(person), _) => format!("{}'s file", person.name),
        (None, Some(record)) => format!("One record ({record})"),
        (None, None) => "A file".to_owned(),
    };
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let id = hold.id;
    let release_what = held.clone();
    let release = Callback::new(move |()| {
        busy.set(true);
        failed.set(None);
        let what = release_what.clone();
        spawn_local(async move {
            let result = release_legal_hold(id).await;
            busy.set(false);
            match result {
                Ok(()) => on_changed.run(format!(
                    "The hold on {what} is released: the retention purge applies to it again."
                )),
                Err(err) => failed.set(Some(err.user_message())),
            }
        });
    });
    view! {
        <li class="record-card">
            <h3 class="card-title">{held.clone()}</h3>
            <dl class="record-facts">
                <div>
                    <dt>"Placed by"</dt>
                    <dd>{hold.placed_by.name}</dd>
                </div>
                <div>
                    <dt>"Placed on"</dt>
                    <dd>
                        <time datetime=hold.placed_at.to_rfc3339()>{dates::long_time(hold.placed_at)}</time>
                    </dd>
                </div>
            </dl>
            <p class="label">"Reason"</p>
            <p class="prose">{hold.reason}</p>
            <div role="alert">
                {move || failed.get().map(|m| view! { <p class="notice notice-error">{m}</p> })}
            </div>
            <ConfirmButton
                id=format!("release-{id}")
                label="Release"
                subject=format!("the hold on {held}")
                question="Release this hold? The records become subject to the retention purge again."
                confirm="Yes, release it"
                busy=busy
                on_confirm=release
            />
        </li>
    }
}

/// What is wrong with a hold before it is sent, as the server would say.
fn check(person: Option<&StaffSummary>, reason: &str) -> Vec<FieldError> {
    let mut found = Vec::new();
    if person.is_none() {
        found.push(FieldError::new(
            STAFF,
            "Choose the person whose file to hold.",
        ));
    }
    if let Err(e) = validate_reason(reason) {
        found.push(e);
    }
    found
}

/// Holding one person's file.
#[component]
fn PlaceHoldForm(on_placed: Callback<String>) -> impl IntoView {
    let person = RwSignal::new(Vec::<StaffSummary>::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    // One person per hold: choosing another replaces the first.
    Effect::new(move |_| {
        if person.with(|p| p.len() > 1) {
            person.update(|p| {
                let last = p.pop();
                p.clear();
                p.extend(last);
            });
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let chosen = person.with_untracked(|p| p.first().cloned());
        let text = reason.get_untracked();
        let found = check(chosen.as_ref(), &text);
        let Some(chosen) = chosen.filter(|_| found.is_empty()) else {
            errors.set(found);
            focus_error_summary();
            return;
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result: Result<(), ApiError> = place_legal_hold(chosen.id, text.trim()).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    person.set(Vec::new());
                    reason.set(String::new());
                    on_placed.run(format!(
                        "{}'s file is held: the retention purge leaves it alone until the hold is released.",
                        chosen.name
                    ));
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
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
        <section class="form-section" aria-labelledby="place-hold-heading">
            <h2 id="place-hold-heading">"Hold a person's file"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate>
                <StaffPicker
                    selected=person
                    exclude=Signal::derive(Vec::new)
                    errors=errors
                    field=STAFF
                    label="Person"
                    hint="Type at least two letters of their name, then choose them from the list."
                    chosen_label="Chosen for the hold"
                />
                <ReasonField
                    errors=errors
                    label="Reason for the hold"
                    hint=format!("At least {REASON_MIN_CHARS} characters: the claim, tribunal or investigation it is for.")
                    value=reason
                    field=REASON
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Place hold"
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_needs_a_person_and_a_reason() {
        let fields =
            |found: Vec<FieldError>| found.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(check(None, "short")), vec![STAFF, REASON]);
        let tom = StaffSummary {
            id: uuid::Uuid::nil(),
            name: "Tom Reed".to_owned(),
            job_title: String::new(),
            team_name: String::new(),
        };
        assert!(check(Some(&tom), "Employment tribunal claim").is_empty());
    }
}
