//! The site header: the product's name, the main navigation, who is signed
//! in, and signing out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use supervision_shared::navigation::main_links;
use uuid::Uuid;

use crate::api::auth::sign_out;
use crate::navigation::SIGN_IN_PATH;
use crate::pages::record::draft;
use crate::session::use_session;

/// Ends the session and leaves with a full page load (to the sign-in page, or
/// the single sign-on provider's sign-out), whatever the server answers, so
/// nothing from this session stays in memory. The person's unsaved drafts are
/// forgotten too: signing out on purpose means leaving nothing behind on a
/// shared computer (an idle time-out keeps them, to be restored on return).
pub fn sign_out_and_leave(person: Option<Uuid>) {
    crate::navigation::start_leaving();
    if let Some(person) = person {
        draft::clear_all_of(person);
    }
    spawn_local(async move {
        let next = sign_out().await.ok().flatten();
        let _ = window()
            .location()
            .assign(next.as_deref().unwrap_or(SIGN_IN_PATH));
    });
}

/// The header shown on every page. Links appear once the person is known,
/// so someone signed out sees only the product's name.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);

    let on_sign_out = move |_| {
        signing_out.set(true);
        sign_out_and_leave(session.person().map(|me| me.id));
    };

    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/">"Supervision records"</a>
                {move || {
                    // Until who is signed in is known: the navigation the
                    // server drew into the first page, if it did.
                    if session.me.with(Option::is_none) {
                        return crate::first_view::navigation().map(IntoAny::into_any);
                    }
                    session
                        .person()
                        .map(|me| {
                            // The same links the server draws into the first
                            // page (supervision_shared::navigation).
                            let links = main_links(&me.roles, me.supervised);
                            view! {
                                <nav aria-label="Main">
                                    <ul class="nav-list">
                                        {links
                                            .into_iter()
                                            .map(|link| {
                                                view! {
                                                    <li>
                                                        <A href=link.href exact=true>
                                                            {link.label}
                                                        </A>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                    <div class="signed-in">
                                        <span class="signed-in-name">
                                            <span class="visually-hidden">"Signed in as "</span>
                                            {me.name.clone()}
                                        </span>
                                        <button
                                            type="button"
                                            class="button button-secondary"
                                            on:click=on_sign_out
                                            disabled=move || signing_out.get()
                                        >
                                            "Sign out"
                                        </button>
                                    </div>
                                </nav>
                            }
                            .into_any()
                        })
                }}
            </div>
        </header>
    }
}
