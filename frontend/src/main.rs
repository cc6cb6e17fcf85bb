//! The browser front end: a Leptos client-side app served as static files by
//! the backend, talking to it over GraphQL on the same origin.

mod api;
mod app;
mod compliance;
mod components;
mod dates;
mod navigation;
mod pages;
mod session;
mod title;

/// Mounts the app on `<body>`.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
