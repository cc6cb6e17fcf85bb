//! When and where a session is held, as one set of questions: the booking
//! form, moving a session and rearranging one ask the same. The names of
//! the fields are the API's, under the prefix each mutation puts them
//! (`time.` to book, none to move, `rearrangeTo.` to rearrange), so a
//! server's error lands on its field.

use leptos::prelude::*;
use supervision_shared::FieldError;
use supervision_shared::booking::SessionTime;

use crate::api::booking::SessionBooking;
use crate::components::date_input::DateInput;
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};
use crate::components::text_area::TextInputField;
use crate::dates;

/// How long a session can be booked for, in minutes, as offered.
const DURATIONS: [u32; 6] = [30, 45, 60, 90, 120, 180];

/// The fields' API names under one prefix.
#[derive(Debug, Clone, Copy)]
pub struct FieldNames {
    prefix: &'static str,
    starts_on: &'static str,
    starts_at: &'static str,
    duration: &'static str,
    place: &'static str,
    video_link: &'static str,
}

/// Booking (`bookSession(input: { time })`).
pub const BOOKING: FieldNames = FieldNames {
    prefix: "time.",
    starts_on: "time.startsOn",
    starts_at: "time.startsAt",
    duration: "time.durationMinutes",
    place: "time.place",
    video_link: "time.videoLink",
};

/// Moving (`moveSession(time)`).
pub const MOVING: FieldNames = FieldNames {
    prefix: "",
    starts_on: "startsOn",
    starts_at: "startsAt",
    duration: "durationMinutes",
    place: "place",
    video_link: "videoLink",
};

/// Rearranging (`callOffSession(rearrangeTo)`).
pub const REARRANGING: FieldNames = FieldNames {
    prefix: "rearrangeTo.",
    starts_on: "rearrangeTo.startsOn",
    starts_at: "rearrangeTo.startsAt",
    duration: "rearrangeTo.durationMinutes",
    place: "rearrangeTo.place",
    video_link: "rearrangeTo.videoLink",
};

/// What has been typed.
#[derive(Debug, Clone, Copy)]
pub struct TypedTime {
    day: RwSignal<String>,
    at: RwSignal<String>,
    minutes: RwSignal<u32>,
    place: RwSignal<String>,
    video_link: RwSignal<String>,
}

impl TypedTime {
    /// Empty, an hour long.
    pub fn new() -> Self {
        Self {
            day: RwSignal::new(String::new()),
            at: RwSignal::new(String::new()),
            minutes: RwSignal::new(60),
            place: RwSignal::new(String::new()),
            video_link: RwSignal::new(String::new()),
        }
    }

    /// Starting from a session as booked, to move or rearrange it.
    pub fn as_booked(booking: &SessionBooking) -> Self {
        let typed = Self::new();
        typed.day.set(dates::iso(booking.starts_on));
        typed.at.set(booking.start_time.clone());
        typed.minutes.set(booking.duration_minutes);
        typed.place.set(booking.place.clone().unwrap_or_default());
        typed
            .video_link
            .set(booking.video_link.clone().unwrap_or_default());
        typed
    }

    /// The time as the API takes it, or the problems with it (under the
    /// fields' names), checked by the shared rule the server applies too.
    pub fn read(&self, names: FieldNames) -> Result<SessionTime, Vec<FieldError>> {
        let typed_day = self.day.get_untracked();
        let day = dates::parse_iso(&typed_day);
        let time = SessionTime {
            starts_on: day.unwrap_or_else(dates::today),
            starts_at: self.at.get_untracked(),
            duration_minutes: self.minutes.get_untracked(),
            place: self.place.get_untracked(),
            video_link: self.video_link.get_untracked(),
        };
        let mut problems: Vec<FieldError> =
            supervision_shared::booking::check_time(&time, dates::today())
                .err()
                .unwrap_or_default()
                .into_iter()
                .filter(|e| day.is_some() || e.field != "startsOn")
                .map(|e| FieldError {
                    field: format!("{}{}", names.prefix, e.field),
                    ..e
                })
                .collect();
        if day.is_none() {
            problems.insert(
                0,
                FieldError::new(
                    names.starts_on,
                    "Give the day as a date, for example 29 3 2027.",
                ),
            );
        }
        if problems.is_empty() {
            Ok(time)
        } else {
            Err(problems)
        }
    }
}

/// The questions.
#[component]
pub fn TimeFields(
    /// Their API names.
    names: FieldNames,
    /// What has been typed.
    typed: TypedTime,
    /// The form's errors.
    errors: FormErrors,
) -> impl IntoView {
    let at_id = field_id(names.starts_at);
    let minutes_id = field_id(names.duration);
    view! {
        <DateInput
            field=names.starts_on
            legend="Day"
            value=typed.day
            on_change=Callback::new(move |text| typed.day.set(text))
            errors=errors
        />
        <div class="form-group" class:form-group-error=move || errors.message(names.starts_at).is_some()>
            <label class="label" for=at_id.clone()>"Starts at"</label>
            <p class="hint" id=format!("{at_id}-hint")>"Hours and minutes, for example 14:30."</p>
            <FieldErrorMessage errors=errors field=names.starts_at />
            <input
                id=at_id
                class="input input-short"
                type="time"
                aria-describedby=move || errors.described_by(names.starts_at, true)
                aria-invalid=move || errors.invalid(names.starts_at)
                prop:value=move || typed.at.get()
                on:input=move |ev| typed.at.set(event_target_value(&ev))
            />
        </div>
        <div class="form-group" class:form-group-error=move || errors.message(names.duration).is_some()>
            <label class="label" for=minutes_id.clone()>"How long"</label>
            <FieldErrorMessage errors=errors field=names.duration />
            <select
                id=minutes_id
                class="select"
                aria-describedby=move || errors.described_by(names.duration, false)
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                        typed.minutes.set(n);
                    }
                }
            >
                {DURATIONS
                    .iter()
                    .map(|&n| {
                        let words = match n {
                            60 => "1 hour".to_owned(),
                            n if n % 60 == 0 => format!("{} hours", n / 60),
                            n if n > 60 => format!("1 hour {} minutes", n - 60),
                            n => format!("{n} minutes"),
                        };
                        view! {
                            <option value=n.to_string() prop:selected=move || typed.minutes.get() == n>{words}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <TextInputField
            field=names.place
            label="Where"
            hint="A room and building, or leave it empty for a video call."
            value=typed.place
            errors=errors
        />
        <TextInputField
            field=names.video_link
            label="Video call link (optional)"
            hint="The whole link, starting https://, as the video service gave it."
            value=typed.video_link
            errors=errors
        />
    }
}
