//! The sessions booked with the person (F9.3): the ones to come, and for
//! the supervisor who booked them, the ones that passed with no record and
//! no word on whether they happened. Nothing when there are none, or when
//! asking failed (the emails have the times too).

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::api::ApiError;
use crate::api::booking::SessionBooking;

/// As `my_sessions` answered: to come, and to say whether they happened.
pub type MySessions = Result<(Vec<SessionBooking>, Vec<SessionBooking>), ApiError>;

/// The sections.
#[component]
pub fn SessionsSection(
    /// The two lists.
    sessions: LocalResource<MySessions>,
    /// The person, so a list names the others on each session.
    me: Option<Uuid>,
) -> impl IntoView {
    move || {
        let (upcoming, awaiting) = sessions.get()?.ok()?;
        let rows = |list: Vec<SessionBooking>| {
            list.into_iter()
                .map(|booking| {
                    let place = booking
                        .place
                        .clone()
                        .or_else(|| booking.video_link.as_ref().map(|_| "By video".to_owned()));
                    let meta = match place {
                        Some(place) => format!("{}. {place}", booking.when),
                        None => booking.when.clone(),
                    };
                    view! {
                        <li class="action-row">
                            <A href=format!("/sessions/{}", booking.id) attr:class="action-row-link">
                                {format!("Supervision with {}", booking.with_whom(me))}
                            </A>
                            <p class="action-row-meta">{meta}</p>
                        </li>
                    }
                })
                .collect_view()
        };
        let awaiting = (!awaiting.is_empty()).then(|| {
            view! {
                <section class="page-section" aria-labelledby="happened-list-heading">
                    <h2 id="happened-list-heading">"Did these sessions happen?"</h2>
                    <p>"Booked sessions that have passed with no record. Record each one, or say it did not happen."</p>
                    <ul class="action-rows">{rows(awaiting)}</ul>
                </section>
            }
        });
        let upcoming = (!upcoming.is_empty()).then(|| {
            view! {
                <section class="page-section" aria-labelledby="next-sessions-heading">
                    <h2 id="next-sessions-heading">"Your next sessions"</h2>
                    <ul class="action-rows">{rows(upcoming)}</ul>
                </section>
            }
        });
        Some(view! { {awaiting} {upcoming} })
    }
}
