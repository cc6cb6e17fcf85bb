//! The site header: the product's name, the main navigation, who is signed
//! in, and signing out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

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
                    session
                        .person()
                        .map(|me| {
                            let show_supervisees = me.has_supervisees();
                            // An auditor or administrator with no one over or
                            // under them has no supervision of their own to
                            // record, act on or discuss.
                            let show_own_work = me.in_supervision();
                            let show_removals = me.is_system_admin();
                            let show_roles = me.is_system_admin();
                            let show_units = me.is_system_admin() || me.is_hr_admin();
                            let show_import = me.is_hr_admin();
                            let show_compliance = me.is_senior_manager();
                            let show_policy = me.is_senior_manager() || me.is_system_admin();
                            view! {
                                <nav aria-label="Main">
                                    <ul class="nav-list">
                                        <li>
                                            <A href="/" exact=true>
                                                "My supervisions"
                                            </A>
                                        </li>
                                        <Show when=move || show_own_work>
                                            <li>
                                                <A href="/record" exact=true>
                                                    "Record supervision"
                                                </A>
                                            </li>
                                            <li>
                                                <A href="/actions" exact=true>
                                                    "My actions"
                                                </A>
                                            </li>
                                            <li>
                                                <A href="/cases" exact=true>
                                                    "Cases"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_supervisees>
                                            <li>
                                                <A href="/supervisees" exact=true>
                                                    "My supervisees"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_compliance>
                                            <li>
                                                <A href="/compliance" exact=true>
                                                    "Team compliance"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_policy>
                                            <li>
                                                <A href="/policy" exact=true>
                                                    "Policy rules"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_import>
                                            <li>
                                                <A href="/import" exact=true>
                                                    "Import staff"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_removals>
                                            <li>
                                                <A href="/removals" exact=true>
                                                    "Removal requests"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_units>
                                            <li>
                                                <A href="/units" exact=true>
                                                    "Units"
                                                </A>
                                            </li>
                                        </Show>
                                        <Show when=move || show_roles>
                                            <li>
                                                <A href="/roles" exact=true>
                                                    "Roles"
                                                </A>
                                            </li>
                                            <li>
                                                <A href="/organisation" exact=true>
                                                    "Organisation"
                                                </A>
                                            </li>
                                        </Show>
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
                        })
                }}
            </div>
        </header>
    }
}
