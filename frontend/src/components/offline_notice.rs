//! Says plainly when the device has no connection (the app itself opens
//! offline from the service worker's copy, `frontend/sw.js`), and what
//! still works; when the signal returns, the signed-in person is asked for
//! again so the page recovers without a reload.

use leptos::prelude::*;

use crate::session::use_session;

/// The notice, shown while the browser says it is offline.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let session = use_session();
    let offline = RwSignal::new(!window().navigator().on_line());
    let went = window_event_listener(leptos::ev::offline, move |_| offline.set(true));
    let came_back = window_event_listener(leptos::ev::online, move |_| {
        offline.set(false);
        // Whatever failed for want of a connection is asked for again.
        if session.person().is_none() {
            session.me.refetch();
        }
    });
    on_cleanup(move || {
        went.remove();
        came_back.remove();
    });
    view! {
        <div role="status" aria-live="polite" class="offline-region">
            <Show when=move || offline.get()>
                <p class="notice notice-warning offline-notice">
                    <strong>"You are offline. "</strong>
                    "What you type on the record form is kept on this device; save it once the signal returns. Nothing else can be loaded or saved until then."
                </p>
            </Show>
        </div>
    }
}
