//! Where to send people: the sign-in redirect and the checks on its return
//! target.

use leptos::prelude::window;

/// The sign-in page's path.
pub const SIGN_IN_PATH: &str = "/signin";

/// The current path and query, e.g. `/supervisions/1?x=y`.
pub fn current_path_and_query() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let search = location.search().unwrap_or_default();
    format!("{path}{search}")
}

/// The pages anyone may read, signed in or not: sign-in itself (which must
/// not send to itself) and help, whose first question is how to sign in.
const OPEN_TO_ANYONE: [&str; 2] = [SIGN_IN_PATH, "/help"];

/// Whether `path_and_query` is a page anyone may read.
pub fn is_open_to_anyone(path_and_query: &str) -> bool {
    let path = path_and_query
        .split(['?', '#'])
        .next()
        .unwrap_or(path_and_query);
    OPEN_TO_ANYONE.contains(&path)
}

/// The sign-in URL that comes back to `target` afterwards.
pub fn sign_in_url(target: &str) -> String {
    let encoded: String = encode_query_value(target);
    format!("{SIGN_IN_PATH}?return={encoded}")
}

thread_local! {
    /// Set once the page is being left: the person asked to sign out, or
    /// has been sent to sign in.
    static LEAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes that the page is being left, so that an answer still on its way,
/// refused now that the session has ended, does not start another
/// navigation: during sign-out, one to sign in raced the sign-out's own and,
/// when it won, aborted it (and with single sign-on, signed the person
/// straight back in at the provider).
pub fn start_leaving() {
    LEAVING.with(|l| l.set(true));
}

/// Sends the browser to sign in, returning here afterwards. Does nothing on
/// a page open to anyone (the sign-in page must not redirect to itself; help
/// is read signed out), nor while signing out.
pub fn go_to_sign_in() {
    if LEAVING.with(std::cell::Cell::get) {
        return;
    }
    let here = current_path_and_query();
    if is_open_to_anyone(&here) {
        return;
    }
    // Once: every answer refused by an ended session would call this, and
    // each navigation started over the last (with single sign-on, each
    // visit to /signin began a new sign-in at the provider, and the one that
    // came back no longer matched: "Sign-in did not complete").
    start_leaving();
    // A full page load drops every cached answer from the old session;
    // `replace` keeps the page that bounced out of the back-button history.
    let _ = window().location().replace(&sign_in_url(&here));
}

/// The place to go after signing in: `target` when it is a path on this site,
/// otherwise home. Stops the sign-in page being used to send people to
/// another site (`//evil.example`, `/\evil.example`, `https://…`).
pub fn safe_return_path(target: Option<&str>) -> String {
    match target {
        Some(t)
            if t.starts_with('/')
                && !t.starts_with("//")
                && !t.starts_with("/\\")
                && !t.chars().any(|c| c.is_control() || c == '\\') =>
        {
            t.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Percent-encodes a value for a query string (RFC 3986 unreserved kept).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sign_in_and_help_are_read_signed_out() {
        assert!(is_open_to_anyone("/signin?return=/"));
        assert!(is_open_to_anyone("/help"));
        assert!(is_open_to_anyone("/help#sign-in"));
        assert!(!is_open_to_anyone("/helpdesk"));
        assert!(!is_open_to_anyone("/"));
        assert!(!is_open_to_anyone("/supervisions/1?help"));
    }

    #[test]
    fn a_path_on_this_site_is_returned_to() {
        assert_eq!(
            safe_return_path(Some("/supervisions/abc?x=1")),
            "/supervisions/abc?x=1"
        );
    }

    #[test]
    fn other_sites_and_missing_targets_go_home() {
        for target in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "",
            "/a\\b",
        ] {
            assert_eq!(safe_return_path(Some(target)), "/", "{target}");
        }
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn the_return_target_is_encoded_for_the_query_string() {
        assert_eq!(
            sign_in_url("/record?supervisee=1&name=A B"),
            "/signin?return=/record%3Fsupervisee%3D1%26name%3DA%20B"
        );
    }
}
