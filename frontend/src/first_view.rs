//! The page the server drew into index.html's shell before the app arrived
//! (backend/src/web/first_page.rs): the home page's waiting records, the
//! development sign-in's introduction. main.rs keeps it as the shell is
//! removed, and the app shows it (`Starting`) until the page at its path
//! takes it over, and the page shows it until its own drawing is ready. So
//! on a slow phone the page drawn first stays on screen, with no flash of
//! "Loading…", no blank moment while the page's code loads, and no jump.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use web_sys::Element;

/// The id of the drawing in the shell, and its path attribute.
const FIRST_VIEW_ID: &str = "first-view";
const PATH_ATTRIBUTE: &str = "data-path";

/// What the server drew for one path.
struct FirstView {
    path: String,
    heading: String,
    body: String,
    /// The inside of the header's navigation, when the server drew it.
    navigation: Option<String>,
    /// Whether the page has taken the body for its own drawing; from then
    /// on the drawing is the page's, and the app's own copy goes.
    taken: ArcRwSignal<bool>,
}

thread_local! {
    static FIRST_VIEW: RefCell<Option<FirstView>> = const { RefCell::new(None) };
}

/// Keeps what the server drew in `shell`, if anything; main.rs calls it just
/// before removing the shell.
pub fn keep_from_shell(shell: &Element) {
    let Ok(Some(drawn)) = shell.query_selector(&format!("#{FIRST_VIEW_ID}")) else {
        return;
    };
    let heading = shell
        .query_selector("h1")
        .ok()
        .flatten()
        .and_then(|h1| h1.text_content())
        .unwrap_or_default();
    let navigation = shell
        .query_selector("header nav")
        .ok()
        .flatten()
        .map(|nav| nav.inner_html());
    let view = FirstView {
        path: drawn.get_attribute(PATH_ATTRIBUTE).unwrap_or_default(),
        heading,
        body: drawn.inner_html(),
        navigation,
        taken: ArcRwSignal::new(false),
    };
    FIRST_VIEW.with(|kept| *kept.borrow_mut() = Some(view));
}

/// The drawing's heading and body for `path` while no page has taken it
/// (tracking whether one has).
fn untaken(path: &str) -> Option<(String, String)> {
    FIRST_VIEW.with(|kept| {
        let kept = kept.borrow();
        let view = kept.as_ref().filter(|v| v.path == path)?;
        (!view.taken.get()).then(|| (view.heading.clone(), view.body.clone()))
    })
}

/// At the top of `<main>` while the app starts: the page the server drew,
/// until the page at its path takes it over (or the person goes elsewhere);
/// otherwise "Loading…" until `ready` (who is signed in is known and the
/// routes are drawn).
#[component]
pub fn Starting(ready: Memo<bool>) -> impl IntoView {
    let location = use_location();
    move || match untaken(&location.pathname.get()) {
        Some((heading, body)) => Some(
            view! {
                <h1 tabindex="-1">{heading}</h1>
                {self::body(body)}
            }
            .into_any(),
        ),
        None => {
            (!ready.get()).then(|| view! { <h1 class="shell-loading">"Loading…"</h1> }.into_any())
        }
    }
}

/// For the page at `path`, once, while it loads its own: the drawn body
/// (under the page's own heading). `None` when the server drew nothing for
/// it, or an earlier visit to the page already used it. Taking it removes
/// `Starting`'s copy, in the same turn as the page draws its own.
pub fn take(path: &str) -> Option<String> {
    FIRST_VIEW.with(|kept| {
        let kept = kept.borrow();
        let view = kept.as_ref().filter(|v| v.path == path)?;
        if view.taken.get_untracked() {
            return None;
        }
        view.taken.set(true);
        Some(view.body.clone())
    })
}

/// The header's navigation as the server drew it, shown until the app knows
/// who is signed in (its own links are the same: supervision_shared::
/// navigation). Without it the header would grow when the answer came and
/// push the page down. Its sign-out button is disabled; the app's own
/// replaces it as soon as the answer comes.
pub fn navigation() -> Option<impl IntoView> {
    let inner = FIRST_VIEW.with(|kept| kept.borrow().as_ref()?.navigation.clone())?;
    Some(view! { <nav aria-label="Main" inner_html=inner></nav> })
}

/// The drawn body, shown where the page would say it is loading.
pub fn body(html: String) -> impl IntoView {
    view! { <div class="first-view" inner_html=html></div> }
}
