//! The first page drawn by the server (issue 13). On a phone on a slow
//! connection the app takes seconds to arrive; until then the browser shows
//! `index.html`'s shell. For the two pages people open first, the server
//! writes the page's heading and its top into that shell, so the person
//! sees (and can follow) what matters before the app has loaded:
//!
//! - `/`, signed out: sent to sign in at once, not once the app has loaded;
//! - `/`, signed in: the records waiting for them to agree or disagree with
//!   (F4.1), each a plain link that works without the app, and, for
//!   someone supervised, when their next supervision of each kind is due
//!   (F5.3): on a phone, these fill the first screen;
//! - `/signin`, with the development sign-in: its introduction.
//!
//! The app draws the same words (`supervision_shared::first_page`) and keeps
//! this drawing on screen until its own page is ready (frontend/src/
//! first_view.rs), so the page does not flash or jump. Anything else, or
//! any failure here, gets the plain shell: this only ever adds to the page.

mod home;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::Redirect;
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use supervision_shared::first_page::{DEV_SIGN_IN_LEAD, HOME_TITLE, SIGN_IN_TITLE, page_title};
use tower_sessions::Session;

use super::html::escape;
use super::static_files;
use crate::AppState;
use crate::auth::current_viewer;

/// What index.html's shell shows in `<main>` until the app arrives; the
/// drawn page takes its place.
const SHELL_PLACEHOLDER: &str = r#"<h1 class="shell-loading">Loading…</h1>"#;

/// index.html's title, which the drawn page's title replaces.
const SHELL_TITLE: &str = "<title>Supervision records</title>";

/// The product's name in index.html's header; the signed-in person's
/// navigation is drawn after it.
const SHELL_BRAND: &str = r#"<a class="brand" href="/">Supervision records</a>"#;

/// index.html's lines that start the app's files loading with the page.
const PRELOAD_MARKERS: [&str; 2] = [r#"rel="modulepreload""#, r#"rel="preload""#];

/// A page drawn into the shell: its heading, and the HTML under it.
struct Drawn {
    title: &'static str,
    /// The path the drawing is for; the app uses it only there.
    path: &'static str,
    body: String,
    /// The signed-in person's navigation, for the header.
    navigation: Option<String>,
    /// Whether it names the signed-in person's records: such a page is
    /// never stored by the browser or anything on the way.
    personal: bool,
}

/// `GET /`: the home page, with the records waiting for the signed-in
/// person drawn in.
pub async fn home_page(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let drawn = match current_viewer(&state, &session).await {
        Ok(Some(viewer)) => match home::draw(&state, &viewer).await {
            Ok((navigation, body)) => Some(Drawn {
                title: HOME_TITLE,
                path: "/",
                body,
                navigation: Some(navigation),
                personal: true,
            }),
            Err(err) => {
                tracing::warn!(error = ?err, "first page: the home page could not be drawn");
                None
            }
        },
        // Signed out: straight to sign in, coming back here after. The app
        // would do the same, but only once it had loaded (a second or more
        // on a slow phone, for a page never shown).
        Ok(None) => return Redirect::to(&sign_in_return_to(request.uri())).into_response(),
        Err(err) => {
            tracing::warn!(error = ?err, "first page: the session could not be read");
            None
        }
    };
    page(&state, drawn, request).await
}

/// `/signin?return=…` for coming back to `uri`, in the form the app writes
/// (frontend/src/navigation.rs, `sign_in_url`).
fn sign_in_return_to(uri: &Uri) -> String {
    let here = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("/signin?return={}", utf8_percent_encode(here, QUERY_VALUE))
}

/// What a return path keeps as it is: letters, digits, `-_.~` and `/`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// `GET /signin` with the development sign-in: its heading and introduction
/// (the people to choose from come with the app).
pub async fn dev_sign_in(State(state): State<AppState>, request: Request) -> Response {
    let drawn = Drawn {
        title: SIGN_IN_TITLE,
        path: "/signin",
        body: format!(r#"<p class="lead">{}</p>"#, escape(DEV_SIGN_IN_LEAD)),
        navigation: None,
        personal: false,
    };
    page(&state, Some(drawn), request).await
}

/// index.html with the drawn page in its shell; index.html as any other
/// path gets it when nothing was drawn (or its placeholder is not found).
async fn page(state: &AppState, drawn: Option<Drawn>, request: Request) -> Response {
    let static_dir = &state.config.static_dir;
    let shell = match drawn {
        Some(_) => tokio::fs::read_to_string(static_dir.join("index.html"))
            .await
            .ok()
            .filter(|shell| shell.contains(SHELL_PLACEHOLDER)),
        None => None,
    };
    let (Some(drawn), Some(shell)) = (drawn, shell) else {
        return static_files::index_page(static_dir, request).await;
    };
    let html = draw(&shell, &drawn);
    let cache = if drawn.personal {
        "no-store"
    } else {
        "no-cache"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        html,
    )
        .into_response()
}

/// The shell with `drawn` in place of its placeholder and title.
fn draw(shell: &str, drawn: &Drawn) -> String {
    let main = format!(
        r#"<h1 tabindex="-1">{title}</h1><div id="first-view" data-path="{path}">{body}</div>"#,
        title = escape(drawn.title),
        path = drawn.path,
        body = drawn.body,
    );
    let title = format!("<title>{}</title>", escape(&page_title(drawn.title)));
    // The page is readable before the app runs, so the app's files are not
    // asked for at once (boot.js asks once the page is on screen): on a slow
    // connection they would share it with the stylesheet the page needs.
    let shell: String = shell
        .lines()
        .filter(|line| !PRELOAD_MARKERS.iter().any(|m| line.contains(m)))
        .map(|line| format!("{line}\n"))
        .collect();
    let mut html = shell
        .replacen(SHELL_PLACEHOLDER, &main, 1)
        .replacen(SHELL_TITLE, &title, 1);
    if let Some(navigation) = &drawn.navigation {
        html = html.replacen(SHELL_BRAND, &format!("{SHELL_BRAND}{navigation}"), 1);
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_out_visit_comes_back_to_where_it_was() {
        let to = |uri: &'static str| sign_in_return_to(&Uri::from_static(uri));
        assert_eq!(to("/"), "/signin?return=/");
        assert_eq!(
            to("/?tab=a%20b&x=1"),
            "/signin?return=/%3Ftab%3Da%2520b%26x%3D1"
        );
    }

    #[test]
    fn the_drawn_page_takes_the_placeholder_and_the_title() {
        let shell = format!(
            "<head>{SHELL_TITLE}\n<link rel=\"modulepreload\" href=\"/app.js\">\n</head><main>{SHELL_PLACEHOLDER}</main>"
        );
        let html = draw(
            &shell,
            &Drawn {
                title: SIGN_IN_TITLE,
                path: "/signin",
                body: "<p>x</p>".into(),
                navigation: None,
                personal: false,
            },
        );
        assert_eq!(
            html,
            "<head><title>Sign in – Supervision records</title>\n</head><main><h1 tabindex=\"-1\">Sign in</h1><div id=\"first-view\" data-path=\"/signin\"><p>x</p></div></main>\n"
        );
    }
}
