//! When this browser last heard from the server. Every answered request
//! pushes the server's idle deadline back, so this is what the session timer
//! counts down from (WCAG 2.2.1; SPEC F1.4).
//!
//! The time is also kept in localStorage, so a request made in another tab,
//! which keeps the same session alive, keeps this tab's timer from warning.

use std::cell::Cell;

use gloo_storage::{LocalStorage, Storage};

/// Where the time is shared between tabs.
const STORAGE_KEY: &str = "supervision.lastActivity";

thread_local! {
    static LAST_ACTIVITY_MS: Cell<i64> = const { Cell::new(0) };
}

/// Now, in milliseconds since the Unix epoch (the browser's clock).
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Notes that the server has just answered a request in this session.
pub fn record() {
    let now = now_ms();
    LAST_ACTIVITY_MS.with(|last| last.set(now));
    // Storage full or disabled: this tab's own record still works.
    let _ = LocalStorage::set(STORAGE_KEY, now);
}

/// When the server last answered, in this tab or another; `None` before the
/// first answer.
pub fn last_ms() -> Option<i64> {
    let here = LAST_ACTIVITY_MS.with(Cell::get);
    let shared = LocalStorage::get::<i64>(STORAGE_KEY).unwrap_or(0);
    // A time in the future can only come from a wrong value; ignore it.
    let shared = if shared > now_ms() { 0 } else { shared };
    Some(here.max(shared)).filter(|&ms| ms > 0)
}
