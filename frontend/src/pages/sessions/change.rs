//! The supervisor's changes to a session they booked: moving it before it
//! starts, and calling it off (before, a cancellation; after, "it did not
//! happen"), saying who did and perhaps booking another time. Each goes to
//! the session's page with a word on what was done; the server sends the
//! emails.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use supervision_shared::booking::CalledOffBy;

use crate::api::booking::{SessionBooking, call_off_session, move_session};
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors};

use super::time_fields::{MOVING, REARRANGING, TimeFields, TypedTime};

const MOVE_SUMMARY: &str = "move-errors";
const CALL_OFF_SUMMARY: &str = "call-off-errors";

/// Moving it to another time or place.
#[component]
pub fn MoveForm(booking: SessionBooking, on_changed: Callback<()>) -> impl IntoView {
    let typed = TypedTime::as_booked(&booking);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    let id = booking.id;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let time = match typed.read(MOVING) {
            Ok(time) => time,
            Err(list) => {
                errors.set(list);
                request_animation_frame(|| focus_element(MOVE_SUMMARY));
                return;
            }
        };
        errors.clear();
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = move_session(id, &time).await;
            saving.set(false);
            match result {
                Ok(id) => {
                    navigate(&format!("/sessions/{id}?done=moved"), Default::default());
                    on_changed.run(());
                }
                Err(err) => errors.show_failure_in(err, general, MOVE_SUMMARY),
            }
        });
    };
    view! {
        <section class="page-section" aria-labelledby="move-heading">
            <h2 id="move-heading">"Move it"</h2>
            <ErrorSummary errors=errors general=general id=MOVE_SUMMARY />
            <form on:submit=on_submit novalidate aria-labelledby="move-heading">
                <TimeFields names=MOVING typed=typed errors=errors />
                <button type="submit" class="button button-secondary" disabled=move || saving.get()>
                    "Move it and send the new time"
                </button>
            </form>
        </section>
    }
}

/// Calling it off: who did, and perhaps another time. `passed`: it has
/// ended, and this says it did not happen.
#[component]
pub fn CallOffForm(
    booking: SessionBooking,
    on_changed: Callback<()>,
    passed: bool,
) -> impl IntoView {
    let by = RwSignal::new(None::<CalledOffBy>);
    let rearrange = RwSignal::new(false);
    let typed = TypedTime::as_booked(&booking);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    let id = booking.id;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let mut problems = Vec::new();
        let chosen = by.get_untracked();
        if chosen.is_none() {
            problems.push(supervision_shared::FieldError::new(
                "calledOffBy",
                "Say who called it off.",
            ));
        }
        let time = if rearrange.get_untracked() {
            match typed.read(REARRANGING) {
                Ok(time) => Some(time),
                Err(list) => {
                    problems.extend(list);
                    None
                }
            }
        } else {
            None
        };
        let Some(chosen) = chosen.filter(|_| problems.is_empty()) else {
            errors.set(problems);
            request_animation_frame(|| focus_element(CALL_OFF_SUMMARY));
            return;
        };
        errors.clear();
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = call_off_session(id, chosen, time.as_ref()).await;
            saving.set(false);
            match result {
                Ok(new_id) => {
                    let done = match (time.is_some(), passed) {
                        (true, _) => "rearranged",
                        (false, true) => "not-held",
                        (false, false) => "cancelled",
                    };
                    navigate(
                        &format!("/sessions/{new_id}?done={done}"),
                        Default::default(),
                    );
                    on_changed.run(());
                }
                Err(err) => errors.show_failure_in(err, general, CALL_OFF_SUMMARY),
            }
        });
    };
    let (heading, button) = if passed {
        ("It did not happen", "Save: it did not happen")
    } else {
        ("Call it off", "Call it off and tell everyone")
    };
    view! {
        <section class="page-section" aria-labelledby="call-off-heading">
            <h2 id="call-off-heading">{heading}</h2>
            <ErrorSummary errors=errors general=general id=CALL_OFF_SUMMARY />
            <form on:submit=on_submit novalidate aria-labelledby="call-off-heading">
                <div class="form-group" class:form-group-error=move || errors.message("calledOffBy").is_some()>
                    <fieldset class="fieldset" id="calledOffBy" tabindex="-1" aria-describedby=move || errors.described_by("calledOffBy", false)>
                        <legend class="legend">"Who called it off?"</legend>
                        <FieldErrorMessage errors=errors field="calledOffBy" />
                            {CalledOffBy::ALL
                                .iter()
                                .map(|&option| {
                                    let input_id = format!("called-off-{}", option.as_str());
                                    view! {
                                        <div class="radio">
                                            <input
                                                type="radio"
                                                id=input_id.clone()
                                                name="calledOffBy"
                                                prop:checked=move || by.get() == Some(option)
                                                on:change=move |_| by.set(Some(option))
                                            />
                                            <label for=input_id>{option.label()}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                    </fieldset>
                </div>
                <div class="form-group">
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id="rearrange"
                            prop:checked=move || rearrange.get()
                            on:change=move |ev| rearrange.set(event_target_checked(&ev))
                        />
                        <label for="rearrange">"Book another time for the same people"</label>
                    </div>
                </div>
                <Show when=move || rearrange.get()>
                    <TimeFields names=REARRANGING typed=typed errors=errors />
                </Show>
                <button type="submit" class="button button-warning" disabled=move || saving.get()>
                    {move || if rearrange.get() { "Rearrange it and tell everyone" } else { button }}
                </button>
            </form>
        </section>
    }
}
