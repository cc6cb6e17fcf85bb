//! The browser tab's title, which screen readers announce on each page.

use leptos::prelude::document;

/// The product's name, after every page's own title.
const PRODUCT: &str = "Supervision records";

/// Sets `document.title` to "PAGE – Supervision records".
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} – {PRODUCT}"));
}
