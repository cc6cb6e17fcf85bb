//! Booking the next session (F9.3). `/book` books one with the people its
//! link names (from My supervisees, or a record just saved); `/sessions/{id}`
//! shows one to the people on it, and lets the supervisor who booked it
//! move it or call it off beforehand, and say afterwards whether it
//! happened. Everyone on it is emailed a calendar invitation each time.

mod change;
pub mod time_fields;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use supervision_shared::FieldError;
use supervision_shared::booking::{BookingDraft, BookingStatus, check_booking};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::booking::{SessionBooking, book_session, session_booking};
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::status::{LoadError, Loading};
use crate::navigation::encode_query_value;
use crate::session::use_session;
use crate::title::set_title;
use change::{CallOffForm, MoveForm};
use time_fields::{BOOKING, TimeFields, TypedTime};

const SUMMARY_ID: &str = "booking-errors";
const STATUS_ID: &str = "session-status";

/// The address of the booking form for these people.
pub fn book_href(people: &[(Uuid, String)]) -> String {
    let ids: Vec<String> = people.iter().map(|(id, _)| id.to_string()).collect();
    let names: Vec<&str> = people.iter().map(|(_, name)| name.as_str()).collect();
    format!(
        "/book?supervisees={}&names={}",
        ids.join(","),
        encode_query_value(&and_list(&names))
    )
}

/// "Tom Reed", "Tom Reed and Aisha Khan", "A, B and C".
fn and_list(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// `/book?supervisees=ID,ID&names=…`: the form.
#[component]
pub fn BookPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let supervisees: Vec<Uuid> = query
        .get("supervisees")
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| Uuid::parse_str(id.trim()).ok())
        .collect();
    let names = query.get("names").unwrap_or_default();
    let heading = if names.is_empty() {
        "Book the next session".to_owned()
    } else {
        format!("Book the next session with {names}")
    };
    set_title(&heading);
    if supervisees.is_empty() {
        return view! {
            <h1 tabindex="-1">{heading}</h1>
            <p>
                "Book a session from "
                <A href="/supervisees">"My supervisees"</A>
                ", or from a record you have just saved."
            </p>
        }
        .into_any();
    }
    let typed = TypedTime::new();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let me = use_session().person().map(|p| p.id).unwrap_or_default();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let problems = |list: Vec<FieldError>| {
            errors.set(list);
            request_animation_frame(|| focus_element(SUMMARY_ID));
        };
        let time = match typed.read(BOOKING) {
            Ok(time) => time,
            Err(list) => return problems(list),
        };
        let draft = BookingDraft {
            supervisee_ids: supervisees.clone(),
            time,
        };
        if let Err(list) = check_booking(&draft, me, crate::dates::today()) {
            return problems(list);
        }
        errors.clear();
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = book_session(&draft).await;
            saving.set(false);
            match result {
                Ok(id) => navigate(&format!("/sessions/{id}?done=booked"), Default::default()),
                Err(err) => errors.show_failure_in(err, general, SUMMARY_ID),
            }
        });
    };
    view! {
        <h1 tabindex="-1">{heading}</h1>
        <p>
            "Everyone on it, and you, are emailed an invitation that adds it to their calendar. It says who, when and where, never what will be discussed."
        </p>
        <ErrorSummary errors=errors general=general id=SUMMARY_ID />
        <form on:submit=on_submit novalidate>
            <TimeFields names=BOOKING typed=typed errors=errors />
            <button type="submit" class="button" disabled=move || saving.get()>
                "Book it and send the invitations"
            </button>
        </form>
    }
    .into_any()
}

/// What a change just done says at the top of the page.
fn done_words(done: &str) -> Option<&'static str> {
    match done {
        "booked" => {
            Some("Booked. Everyone on it has been emailed an invitation for their calendar.")
        }
        "moved" => Some("Moved. Everyone on it has been sent the new time for their calendar."),
        "cancelled" => {
            Some("Called off. Everyone on it has been sent a cancellation for their calendar.")
        }
        "not-held" => Some("Noted: it did not happen."),
        "rearranged" => {
            Some("Rearranged. Everyone on it has been emailed an invitation for the new time.")
        }
        _ => None,
    }
}

/// `/sessions/{id}`: one session.
#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    let loaded = LocalResource::new(move || async move {
        match id.get() {
            Some(id) => Some(session_booking(id).await),
            None => None,
        }
    });
    let done = move || {
        query
            .with(|q| q.get("done"))
            .as_deref()
            .and_then(done_words)
    };
    set_title("Supervision session");
    let me = use_session().person().map(|p| p.id);
    let on_changed = Callback::new(move |_: ()| {
        loaded.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <div role="status" aria-live="polite">
            {move || done().map(|words| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{words}</p> })}
        </div>
        {move || match loaded.get() {
            None => view! { <h1 tabindex="-1">"Supervision session"</h1><Loading what="the session" /> }.into_any(),
            Some(None) | Some(Some(Err(crate::api::ApiError { code: ErrorCode::NotFound, .. }))) => view! {
                <h1 tabindex="-1">"Supervision session"</h1>
                <p>"This session could not be found, or it is not one of yours."</p>
            }
            .into_any(),
            Some(Some(Err(error))) => view! { <h1 tabindex="-1">"Supervision session"</h1><LoadError error /> }.into_any(),
            Some(Some(Ok(booking))) => session_view(booking, me, on_changed).into_any(),
        }}
    }
}

fn session_view(
    booking: SessionBooking,
    me: Option<Uuid>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let heading = format!("Supervision with {}", booking.with_whom(me));
    set_title(&heading);
    let (tag_class, status) = match booking.status {
        BookingStatus::Booked if booking.has_passed => {
            ("tag tag-warning", "Did it happen?".to_owned())
        }
        BookingStatus::Booked => ("tag", "Booked".to_owned()),
        BookingStatus::Held => ("tag tag-compliant", "Held and recorded".to_owned()),
        BookingStatus::Cancelled | BookingStatus::NotHeld => (
            "tag tag-overdue",
            match booking.called_off_by {
                Some(by) => format!(
                    "{}: called off by {}",
                    booking.status.label(),
                    by.label().to_lowercase()
                ),
                None => booking.status.label().to_owned(),
            },
        ),
    };
    let changes = (booking.organised_by_me && booking.status == BookingStatus::Booked).then(|| {
        let booking = booking.clone();
        if booking.has_passed {
            let record_href = booking.supervisees.first().map(|p| {
                format!("/record?supervisee={}&name={}", p.id, encode_query_value(&p.name))
            });
            view! {
                <section class="page-section" aria-labelledby="happened-heading">
                    <h2 id="happened-heading">"Did it happen?"</h2>
                    <p>"A record for the booked day marks it held. If it did not happen, say who called it off, and book another time if you can: the policies ask that supervision is rearranged."</p>
                    {record_href.map(|href| view! { <p><A href=href>"It happened: record it"</A></p> })}
                    <CallOffForm booking=booking on_changed=on_changed passed=true />
                </section>
            }
            .into_any()
        } else {
            view! {
                <MoveForm booking=booking.clone() on_changed=on_changed />
                <CallOffForm booking=booking on_changed=on_changed passed=false />
            }
            .into_any()
        }
    });
    let record = booking
        .supervision_id
        .map(|id| view! { <p><A href=format!("/supervisions/{id}")>"Open the record of this session"</A></p> });
    let rearranged = booking
        .rearranged_as
        .map(|id| view! { <p><A href=format!("/sessions/{id}")>"Open the session booked in its place"</A></p> });
    view! {
        <h1 tabindex="-1">{heading}</h1>
        <p class="tag-line"><span class=tag_class>{status}</span></p>
        <dl class="record-facts">
            <div><dt>"When"</dt><dd>{booking.when.clone()}</dd></div>
            <div><dt>"Booked by"</dt><dd>{booking.organiser.name.clone()}</dd></div>
            <div>
                <dt>"Supervisees"</dt>
                <dd>{booking.supervisees.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ")}</dd>
            </div>
            {booking.place.clone().map(|place| view! { <div><dt>"Where"</dt><dd>{place}</dd></div> })}
            {booking.video_link.clone().map(|link| view! {
                <div><dt>"Video call"</dt><dd><a href=link.clone() rel="external noopener" target="_blank">{link.clone()}<span class="visually-hidden">" (opens in a new tab)"</span></a></dd></div>
            })}
        </dl>
        {record}
        {rearranged}
        {changes}
    }
}
