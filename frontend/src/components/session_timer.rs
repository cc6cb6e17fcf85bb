//! The idle time-out warning (WCAG 2.2.1 Timing Adjustable; SPEC F1.4).
//!
//! The server ends a session after a spell with no requests. Before it does,
//! a modal dialog says so, counts down, and offers to stay signed in (one
//! request to `/auth/session`, which the server counts as activity). If the
//! countdown runs out, the browser goes to sign in with a return address, so
//! signing in again comes back to the same page; the record form keeps its
//! draft in localStorage, under the person's id, so nothing typed is lost and
//! nobody else signing in at that browser sees it.
//!
//! The dialog is its own announcement: it is an `alertdialog`, labelled by
//! its heading and described by the countdown sentence, and focus moves into
//! it. The countdown is not a live region, which would speak every second.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::activity;
use crate::api::auth::{SessionStatus, session_status};
use crate::components::error_summary::focus_element;
use crate::components::nav::sign_out_and_leave;
use crate::navigation::go_to_sign_in;
use crate::session::use_session;

const TITLE_ID: &str = "session-timer-title";
const COUNTDOWN_ID: &str = "session-timer-countdown";
const STAY_ID: &str = "session-timer-stay";
const SIGN_OUT_ID: &str = "session-timer-sign-out";

/// Everything on the page but the dialog; made `inert` while it is open so
/// neither focus nor a pointer can reach what is behind it.
const BACKGROUND: [&str; 3] = [".skip-link", ".site-header", "#main"];

/// How often the timer looks at the clock; well under a second so the
/// countdown never visibly skips a number.
const TICK: Duration = Duration::from_millis(250);

/// The server's time-outs, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    idle_ms: i64,
    warning_ms: i64,
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not yet time to warn.
    Active,
    /// Time to warn: this many whole seconds are left (rounded up).
    Warning {
        /// Seconds until the server ends the session.
        seconds_left: u64,
    },
    /// The server has ended the session.
    Expired,
}

impl Timeouts {
    /// The time-outs `GET /auth/session` reported.
    pub fn from_status(status: SessionStatus) -> Self {
        let ms = |seconds: u64| i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        Self {
            idle_ms: ms(status.idle_timeout_seconds),
            warning_ms: ms(status.warning_seconds),
        }
    }

    /// Where the session stands at `now_ms`, when the server last answered
    /// at `last_ms`. The browser notes an answer after the server has pushed
    /// its deadline back, so this deadline is never earlier than the server's.
    pub fn phase(self, last_ms: i64, now_ms: i64) -> Phase {
        let left_ms = last_ms.saturating_add(self.idle_ms).saturating_sub(now_ms);
        if left_ms <= 0 {
            Phase::Expired
        } else if left_ms <= self.warning_ms {
            Phase::Warning {
                seconds_left: u64::try_from(left_ms).unwrap_or(0).div_ceil(1000),
            }
        } else {
            Phase::Active
        }
    }
}

/// A countdown as `M:SS`, e.g. `1:05`.
pub fn countdown_text(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Makes everything behind the dialog inert, or live again.
fn set_background_inert(inert: bool) {
    let document = document();
    for selector in BACKGROUND {
        if let Ok(Some(element)) = document.query_selector(selector) {
            let _ = if inert {
                element.set_attribute("inert", "")
            } else {
                element.remove_attribute("inert")
            };
        }
    }
}

/// Watches for the idle time-out and warns before it; mount once, and only
/// while someone is signed in.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn SessionTimer() -> impl IntoView {
    let session = use_session();
    let timeouts = RwSignal::new(None::<Timeouts>);
    // Some while the warning is open.
    let seconds_left = RwSignal::new(None::<u64>);
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let leaving = RwSignal::new(false);
    let return_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);

    spawn_local(async move {
        // Without the time-outs there is nothing to count down; the server
        // still ends the session, and the next request goes to sign in.
        if let Ok(status) = session_status().await
            && status.signed_in
        {
            timeouts.set(Some(Timeouts::from_status(status)));
        }
    });

    let open = move |seconds: u64| {
        let active = document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        return_focus.set_value(active);
        seconds_left.set(Some(seconds));
        set_background_inert(true);
        request_animation_frame(|| focus_element(STAY_ID));
    };

    let close = move || {
        seconds_left.set(None);
        problem.set(None);
        set_background_inert(false);
        match return_focus.get_value() {
            Some(element) if element.is_connected() => {
                let _ = element.focus();
            }
            _ => focus_element("main"),
        }
        return_focus.set_value(None);
    };

    let leave_for_sign_in = move || {
        leaving.set(true);
        go_to_sign_in();
    };

    let tick = move || {
        if leaving.get_untracked() {
            return;
        }
        let (Some(timeouts), Some(last)) = (timeouts.get_untracked(), activity::last_ms()) else {
            return;
        };
        match timeouts.phase(last, activity::now_ms()) {
            // Another tab, or a request still finishing here, kept the
            // session alive.
            Phase::Active if seconds_left.get_untracked().is_some() => close(),
            Phase::Active => {}
            Phase::Warning { seconds_left: left } => match seconds_left.get_untracked() {
                None => open(left),
                Some(shown) if shown != left => seconds_left.set(Some(left)),
                Some(_) => {}
            },
            Phase::Expired => leave_for_sign_in(),
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, TICK) {
        on_cleanup(move || handle.clear());
    }
    on_cleanup(|| set_background_inert(false));

    let stay = move || {
        if busy.get_untracked() || leaving.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = session_status().await;
            busy.set(false);
            match result {
                Ok(status) if status.signed_in => {
                    timeouts.set(Some(Timeouts::from_status(status)));
                    if seconds_left.get_untracked().is_some() {
                        close();
                    }
                }
                // It ended already (the server's clock ran first).
                Ok(_) => leave_for_sign_in(),
                Err(_) => problem.set(Some(
                    "We could not reach the server. Check your connection and try again.",
                )),
            }
        });
    };

    let sign_out_now = move || {
        leaving.set(true);
        sign_out_and_leave(session.person().map(|me| me.id));
    };

    // Listened for on the window, so Escape works wherever focus is, even on
    // the dialog's text after a click.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if seconds_left.get_untracked().is_none() {
            return;
        }
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                stay();
            }
            // Keeps focus going round the dialog's two buttons.
            "Tab" => {
                let active = document()
                    .active_element()
                    .map(|element| element.id())
                    .unwrap_or_default();
                let next = match (ev.shift_key(), active.as_str()) {
                    (false, SIGN_OUT_ID) => Some(STAY_ID),
                    (true, STAY_ID) => Some(SIGN_OUT_ID),
                    (_, STAY_ID | SIGN_OUT_ID) => None,
                    (false, _) => Some(STAY_ID),
                    (true, _) => Some(SIGN_OUT_ID),
                };
                if let Some(id) = next {
                    ev.prevent_default();
                    focus_element(id);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <Show when=move || seconds_left.get().is_some()>
            <div class="session-dialog-backdrop">
                <div
                    class="session-dialog"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby=TITLE_ID
                    aria-describedby=COUNTDOWN_ID
                >
                    <h2 id=TITLE_ID>"You will be signed out soon"</h2>
                    <p id=COUNTDOWN_ID>
                        "For your security, you will be signed out in "
                        <strong class="session-dialog-time">
                            {move || countdown_text(seconds_left.get().unwrap_or(0))}
                        </strong>
                        " because you have not done anything for a while."
                    </p>
                    {move || {
                        problem
                            .get()
                            .map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })
                    }}
                    <div class="session-dialog-actions">
                        <button type="button" id=STAY_ID class="button" on:click=move |_| stay()>
                            "Stay signed in"
                        </button>
                        <button
                            type="button"
                            id=SIGN_OUT_ID
                            class="button button-secondary"
                            on:click=move |_| sign_out_now()
                        >
                            "Sign out now"
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The e2e server's settings: 20 s idle, warned at 10 s.
    fn short() -> Timeouts {
        Timeouts::from_status(SessionStatus {
            signed_in: true,
            idle_timeout_seconds: 20,
            warning_seconds: 10,
        })
    }

    #[test]
    fn no_warning_until_the_warning_period_begins() {
        assert_eq!(short().phase(0, 9_999), Phase::Active);
    }

    #[test]
    fn the_warning_counts_whole_seconds_up_to_the_time_out() {
        assert_eq!(
            short().phase(0, 10_000),
            Phase::Warning { seconds_left: 10 }
        );
        assert_eq!(
            short().phase(0, 10_001),
            Phase::Warning { seconds_left: 10 }
        );
        assert_eq!(short().phase(0, 19_001), Phase::Warning { seconds_left: 1 });
    }

    #[test]
    fn the_session_has_ended_once_the_idle_time_out_has_passed() {
        assert_eq!(short().phase(0, 20_000), Phase::Expired);
        assert_eq!(short().phase(0, 600_000), Phase::Expired);
    }

    #[test]
    fn the_countdown_reads_minutes_and_seconds() {
        assert_eq!(countdown_text(120), "2:00");
        assert_eq!(countdown_text(65), "1:05");
        assert_eq!(countdown_text(9), "0:09");
        assert_eq!(countdown_text(0), "0:00");
    }
}
