//! The browser front end: a Leptos client-side app served as static files by
//! the backend, talking to it over GraphQL on the same origin.

mod api;
mod app;
mod compliance;
mod components;
mod dates;
mod first_view;
mod navigation;
mod pages;
mod routes;
mod session;
mod title;

/// The id of index.html's placeholder, painted before the app arrives.
const SHELL_ID: &str = "shell";

/// Replaces index.html's placeholder with the app, on `<body>`.
fn main() {
    console_error_panic_hook::set_once();
    // Removed in the same task as the app is mounted, so nothing is painted
    // in between, and the page has one header, one <main> and one <h1>.
    if let Some(shell) = leptos::prelude::document().get_element_by_id(SHELL_ID) {
        first_view::keep_from_shell(&shell);
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
